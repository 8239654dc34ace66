"""Turns that ask again, stand-ins and short asks, through the real pipeline (real MiniLM,
Chroma on disk, the built-in composer), and the pure rules that read them:

- a turn asking the last question again ("sorry i meant alibaba. same question"), led by
  what that question asked;
- the passage standing in for a lacking topic, retrieved to be quoted ("do they pay for
  flights to the onsite?": the interview process);
- a short ask that refers back, read with the ask before it ("…a behavioral round? who runs
  it"); "it" in an ask about a round asks no example questions;
- a doubled letter typed once ("usualy") read as the everyday word;
- a vesting cliff or refreshers asked alone, refused with no figures (the grant's figures
  answer only an ask about the grant or its vesting);
- a politer version asked after a script; a competing employer corrected ("amazon instead
  of google");
- a sign-on asked with no offer to place ("SOB"): the script's and the levers' figures;
- a lever asked for a background ("anyscale lever for gpu cluster exp?"), led by the lever;
- words named only as a list's items weighing less than a sentence about them; an offer held
  with a title between the company and "offer" ("a google sre offer") is a competing one;
- rivals with guides of their own ("databricks at 208/235. … which argument do i use w
  anyscale?", "i do have nvidia and databricks in play") stay context beside the company
  asked of; a company named in another script ("阿里云") is that company; "and what's the
  amazon equivalent" after a level is read from the level map talked of; "sysde II at amazon
  here" tells the user's employer; "anyscales" (no apostrophe) is no term the guides lack;
  the offer's company typed with a typo before a rival named right ("alibab … google") is read;
  a rival with a guide coming in with figures mid-talk ("nvidia just came in at 213k… what do
  i counter anyscale with") is a competing offer; rivals and the user's employer told in their
  words ("both databricks and an nvidia offer", "google sre is competing at 330 tc", "im an L4
  SRE at google", "i have databricks at $208k base" mid-counter) are context, and "i actually
  like anyscale the most" is no likeness; a rival's offer told mid-talk ("nvidia just made me
  an offer too", "my competing offer is an AWS SRE role", "the competing one is amazon
  instead of google") keeps the company talked of, unless its band is asked; clouds listed
  with a few words between ("across aws and gcp and a bit of azure") are all context, and so
  is a rival that "has me at" figures beside the company talked of; the user's employer in a
  level question ("im staff SRE (L6) at google… which google level", "im a google L4 SRE")
  is their level system, not the subject; "im also interviewing at anyscale" tells no
  employer; a company named only in an aside in parentheses ("(with the nvidia gpu
  operator)") is context, not one in a label ("recruiter email (alibaba, sunnyvale):");
  rivals told beside a level ("same level as anyscale devops?", "(L4, ~300 tc)") or as the
  alternative ("before i just go nvidia") keep the subject.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.compose.list_items import listed_words
from assistant.compose.unheld_terms import _everyday
from assistant.corpus.vocabulary import GuideVocabulary
from assistant.index.common_words import common_words
from assistant.understanding.entities import Catalog, companies_in, normalize
from assistant.understanding.held_offers import held_offer
from assistant.understanding.intents import asks_for_examples
from assistant.understanding.question import understand


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_a_doubled_letter_typed_once_or_twice_is_the_everyday_word():
    common = common_words()
    assert _everyday("usualy", common) and _everyday("realy", common)
    assert _everyday("comming", common)
    for term in ("terraform", "cilium", "istio", "karpenter", "linkerd"):
        assert not _everyday(term, common), term


def test_it_in_an_ask_about_a_round_asks_no_example_questions():
    asked = (
        "is there an actual behavioral round or is it all technical? who runs it? "
        "i always freeze on 'tell me about a time' questions"
    )
    assert not asks_for_examples(asked)
    assert asks_for_examples("want to practice the k8s scenario questions they ask. what are they")
    assert asks_for_examples("a friend got three raft questions. are those typical?")


def test_a_typo_of_an_everyday_word_is_not_named_as_a_gap(coach):
    answer = converse(
        coach,
        "how many rounds is the alibaba devops onsite?",
        "how long does it usualy take from the first screen to an offer",
    )[-1]
    assert "usualy" not in answer.answer
    assert "4 to 6 weeks" in answer.answer[:300]


def test_the_interview_process_stands_in_for_travel_costs(coach):
    answer = coach.ask(
        "i'm in chicago — will i have to fly to sunnyvale for the alibaba onsite, and if so do "
        "they pay for flights and hotel?"
    )
    assert not answer.refused
    first = answer.answer.split("\n")[0]
    assert "say nothing about" in first and "travel" in first
    assert "often virtual" in answer.answer  # the onsite stage, quoted from the process


def test_who_runs_it_is_read_with_the_round_asked_before(coach):
    answer = coach.ask(
        "for the alibaba devops loop is there an actual behavioral round or is it all "
        "technical? who runs it? im solid on k8s but i always freeze on 'tell me about a time' "
        "questions"
    )
    assert "behavioral interview with a hiring manager" in answer.answer[:500]
    assert "Questions the guide lists" not in answer.answer[:300]


def test_the_same_question_again_is_led_by_what_it_asked(coach):
    turns = converse(
        coach,
        "how many rounds does the anyscale devops onsite have?",
        "sorry i meant alibaba. same question",
    )
    assert "3 to 5" in turns[-1].answer[:300]


def test_a_cliff_or_refreshers_asked_alone_are_refused_without_figures(coach):
    cliff = coach.ask("anyscale vesting cliff?")
    assert cliff.refused and "cliff" in cliff.answer[:200]
    assert "$125K" not in cliff.answer
    refreshers = coach.ask("does alibaba give yearly rsu refreshers for devops?")
    assert refreshers.refused and "refresher" in refreshers.answer[:200].lower()
    assert "$75K" not in refreshers.answer


def test_a_cliff_asked_beside_the_vesting_gets_the_grant_and_its_years(coach):
    answer = coach.ask("anyscale sf devops: whats the vesting schedule, is there a 1yr cliff")
    assert not answer.refused and "cliff" in answer.answer.split("\n")[0]
    assert "4 years" in answer.answer


def test_a_politer_version_asked_after_a_script_is_no_off_topic_turn(coach):
    first, politer = converse(
        coach,
        "anyscale sf devops - can u write an email asking for a signing bonus? i run training "
        "infra for enterprise customers rn",
        "more polite pls, 'i'd like' sounds entitled lol",
    )
    assert "$25K signing bonus" in first.answer
    assert not politer.refused and "$25K signing bonus" in politer.answer


def test_a_competing_employer_corrected_is_context_not_a_company_asked(coach):
    *_, amazon = converse(
        coach,
        "alibaba bay area devops offer in hand, also a google sre offer around 300k tc. which "
        "lever do i lead with?",
        "what if the competing one is amazon instead of google, same lever?",
    )
    assert not amazon.refused and "Cloud/SRE Offer" in amazon.answer[:300]


def test_a_sign_on_asked_with_no_offer_to_place_gets_the_script_and_the_levers_figures(coach):
    answer = coach.ask(
        "alibaba seattle devops. offer has zero sign on and im walking away from ~30k unvested "
        "at msft. whats a sane SOB number to ask for and is there a line for it"
    )
    assert "$45K" in answer.answer[:200] and "Sign-On Bridge" in answer.answer[:300]
    assert "not in offer" not in answer.answer
    anyscale = coach.ask("anyscale sf devops offer: zero sign-on. what sign-on do i counter with?")
    assert anyscale.answer.startswith(
        "Sign-on bonus: the Anyscale guide's script asks for **$25K**"
    )
    assert "Enterprise SLA Protection" not in anyscale.answer[:300]  # (its figure is the same)


def test_a_lever_asked_for_a_background_leads_with_the_lever_not_a_passage(coach):
    answer = coach.ask("anyscale lever for gpu cluster exp?")
    assert "GPU Infrastructure Premium" in answer.answer.split("\n")[0]


def test_words_named_only_in_a_list_weigh_less_than_a_sentence_about_them(coach):
    listed = listed_words(
        "These rounds cover system design, deep-dive troubleshooting, advanced coding, and a "
        "behavioral interview with a hiring manager."
    )
    assert {"behavior", "hire", "manag"} <= listed and "round" not in listed
    clauses = 'If you pass these, you move to the "onsite" stage, which has 3 to 5 rounds.'
    assert listed_words(clauses) == set()
    answer = coach.ask("how should i handle the behavioral / hiring manager round at alibaba?")
    assert answer.answer.startswith('The "Hiring Manager" round is also critical')


def test_an_offer_held_from_a_company_with_a_title_between_is_a_competing_offer():
    assert held_offer("i have a google sre offer at 310k tc", "Google")
    assert held_offer("got an nvidia infra eng offer last week", "NVIDIA")
    assert not held_offer("google sre pay in seattle, is the offer fair", "Google")


def test_rivals_with_guides_of_their_own_stay_context_beside_the_company_asked_of():
    catalog = Catalog.build(["Anyscale", "Databricks", "NVIDIA"])
    frame = understand(
        "have an nvidia infra offer ($213K base / $255K rsu) and databricks at 208/235. anyscale "
        "is at 185 base. which argument do i use w anyscale and what numbers",
        catalog,
    )
    assert frame.company == "Anyscale" and not frame.other_companies
    assert {"NVIDIA", "Databricks"} <= set(frame.context_names)
    first = understand("anyscale nyc devops offer: 175k base, 140k rsu/4y. where is that?", catalog)
    draft = understand(
        "ok draft the counter. i do have nvidia and databricks in play", catalog, first.state
    )
    assert draft.company == "Anyscale" and draft.intent == "counter"


def test_a_company_named_in_another_script_is_that_company():
    catalog = Catalog.build(
        ["Alibaba", "Quillmark"], regions={"Alibaba": ["Beijing"], "Quillmark": ["Beijing"]}
    )
    frame = understand("阿里云 beijing devops offer, base 45w. normal base range?", catalog)
    assert frame.company == "Alibaba"
    assert (
        understand("拿到阿里北京的offer了 devops岗. base 45w. fair?", catalog).company == "Alibaba"
    )


def test_another_companys_equivalent_after_a_level_is_read_from_the_level_map_talked_of():
    guides = GuideVocabulary(names={"amazon": ("Amazon", ("Alibaba",))})
    catalog = Catalog.build(["Alibaba", "Amazon"], guides=guides)
    first = understand("im IC4 at meta, does that map to alibaba devops?", catalog)
    then = understand("and what's the amazon equivalent", catalog, first.state)
    assert then.company == "Alibaba" and "Amazon" in then.context_names


def test_the_users_employer_told_as_here_is_context_and_a_possessive_no_gap():
    catalog = Catalog.build(["Alibaba", "Amazon", "Anyscale"])
    frame = understand(
        "sysde II at amazon here (ec2 org). what P level would alibaba slot me at, and is "
        "anyscales devops role the same tier?",
        catalog,
    )
    assert frame.company != "Amazon" and "Amazon" in frame.context_names


def test_a_company_possessive_typed_without_its_apostrophe_is_no_gap(coach):
    answer = coach.ask(
        "what P level would alibaba slot a sysde II at, and is anyscales devops role the same tier?"
    )
    assert "anyscales" not in answer.answer.lower()


def test_the_offers_company_typed_with_a_typo_before_a_rival_named_right_is_read():
    catalog = Catalog.build(["Alibaba", "Google"])
    text = "alibab sunnyvale offer: base 170k. google sre competing at 300 tc. what rsu to ask?"
    assert companies_in(normalize(text), catalog) == ["Alibaba", "Google"]
    assert companies_in(normalize("google offered 300k, what about alibaba"), catalog) == [
        "Google",
        "Alibaba",
    ]


def test_a_rival_with_a_guide_coming_in_with_figures_mid_talk_is_a_competing_offer():
    catalog = Catalog.build(["Anyscale", "NVIDIA"], regions={"Anyscale": ["San Francisco"]})
    first = understand("anyscale sf offered 200k base, 160k equity over 4 yrs. base ok?", catalog)
    rival = understand(
        "nvidia just came in at 213k base / 255k rsu. what do i counter anyscale with",
        catalog,
        first.state,
    )
    assert rival.company == "Anyscale" and "NVIDIA" in rival.context_names
    assert rival.offer_is_competing


def test_rivals_and_the_users_employer_told_in_their_words_are_context():
    assert held_offer("i've got both databricks and an nvidia offer", "NVIDIA")
    assert held_offer("google sre is competing at 330 tc", "Google")
    assert not held_offer("is alibaba competing with google on pay", "Alibaba")
    catalog = Catalog.build(
        ["Alibaba", "Anyscale", "Databricks", "Google", "NVIDIA"],
        regions={"Anyscale": ["New York"], "Alibaba": ["Bay Area / Sunnyvale (US R&D)"]},
    )
    employer = understand("im an L4 SRE at google. what alibaba levels does it map to", catalog)
    assert employer.company == "Alibaba" and "Google" in employer.context_names
    liked = understand(
        "anyscale (new york) offered $170k base. nvidia offered $213k base. i actually like "
        "anyscale the most. what base do i go back to anyscale with?",
        catalog,
    )
    assert liked.company == "Anyscale"
    offer = understand("anyscale nyc offer: 170k base, what do i counter with?", catalog)
    rival = understand(
        "ok what do i counter with then. i have databricks at $208k base", catalog, offer.state
    )
    assert rival.company == "Anyscale" and "Databricks" in rival.context_names


def test_the_users_own_offer_stays_the_subject_beside_rivals_with_guides():
    catalog = Catalog.build(["Amazon", "Anyscale", "Google", "NVIDIA"])
    floor = understand(
        "anyscale sf devops offer: 195 base, 180k equity/4yr. i have nvidia at 213 base / 255k "
        "rsu. what base do i counter with, and whats the lowest base i should accept before "
        "just going with nvidia?",
        catalog,
    )
    assert floor.company == "Anyscale"
    level = understand(
        "im an infrastructure engineer at aws (ec2 fleet stuff), got an anyscale devops engineer "
        "offer. is that lateral per the guide? and which google level is it supposedly",
        catalog,
    )
    assert level.company == "Anyscale" and "Amazon" in level.context_names


def test_a_rival_offer_told_mid_talk_keeps_the_company_talked_of():
    catalog = Catalog.build(["Alibaba", "Amazon", "Anyscale", "Google", "NVIDIA"])
    lever = understand("which anyscale lever fits my gpu work?", catalog)
    for told in (
        "update: nvidia just made me an offer too. does that change which argument i lead with",
        "and which lever if my competing offer is an AWS SRE role?",
    ):
        assert understand(told, catalog, lever.state).company == "Anyscale", told
    first = understand(
        "alibaba bay area devops offer in hand, also a google sre offer around 300k tc. which "
        "lever do i lead with?",
        catalog,
    )
    amazon = understand(
        "what if the competing one is amazon instead of google, same lever?", catalog, first.state
    )
    assert amazon.company == "Alibaba"
    own = understand("alibaba seattle offered 170k base, 100k rsu, 15% bonus", catalog)
    band = understand(
        "anyscale nyc also came in at 180k base. where's that vs their band?", catalog, own.state
    )
    assert band.company == "Anyscale"


def test_clouds_listed_with_a_few_words_between_are_all_context():
    catalog = Catalog.build(["Amazon", "Anyscale", "Google", "Microsoft"])
    levers = understand("what negotiation levers does the anyscale devops guide list", catalog)
    mine = understand(
        "which one's for me? only cpu workloads, but i run prod across aws and gcp and a bit of "
        "azure",
        catalog,
        levers.state,
    )
    assert mine.company == "Anyscale"
    assert set(mine.context_names) == {"Amazon", "Google", "Microsoft"}


def test_a_rival_that_has_me_at_figures_beside_the_company_talked_of_is_context():
    catalog = Catalog.build(["Anyscale", "NVIDIA"], regions={"Anyscale": ["San Francisco"]})
    pay = understand("ok then just tell me what pay to expect at anyscale in sf", catalog)
    counter = understand(
        "nvidia also has me at 213 base / 255 rsu. if anyscale makes an offer whats my counter",
        catalog,
        pay.state,
    )
    assert counter.company == "Anyscale" and "NVIDIA" in counter.context_names


def test_the_users_employer_in_a_level_question_is_their_level_system_not_the_subject():
    catalog = Catalog.build(["Anyscale", "Google"])
    staff = understand(
        "im staff SRE (L6) at google, 11 yoe. the anyscale role is just 'devops engineer', which "
        "google level it match? the guide have staff band or not?",
        catalog,
    )
    assert staff.company == "Anyscale" and "Google" in staff.context_names
    mine = understand("im a google L4 SRE right now. what does the anyscale role map to?", catalog)
    assert mine.company == "Anyscale"


def test_interviewing_at_a_company_is_no_employer_told():
    catalog = Catalog.build(["Alibaba", "Anyscale"])
    loop = understand("for alibaba devops, how many rounds are in the onsite?", catalog)
    also = understand(
        "im also interviewing at anyscale — does their devops loop look similar?",
        catalog,
        loop.state,
    )
    assert also.company == "Anyscale"


def test_a_company_named_only_in_parentheses_is_an_aside():
    catalog = Catalog.build(["Anyscale", "NVIDIA"])
    frame = understand(
        "I run ~2k H100s across k8s (with the nvidia gpu operator) + some slurm. talking to "
        "anyscale for devops in SF. which of their levers is mine?",
        catalog,
    )
    assert frame.company == "Anyscale" and "NVIDIA" in frame.context_names
    alone = understand("what's the devops pay (anyscale) in sf?", catalog)
    assert alone.company == "Anyscale"


def test_rivals_told_beside_a_level_or_as_the_alternative_keep_the_subject():
    catalog = Catalog.build(["Alibaba", "Anyscale", "Google", "NVIDIA"])
    levels = understand("what level is anyscale devops?", catalog)
    same = understand(
        "i have an nvidia infra engineer offer too. same level as anyscale devops?",
        catalog,
        levels.state,
    )
    assert same.company == "Anyscale" and same.intent != "lever"
    offer = understand("anyscale sf offer 195 base, what do i counter?", catalog)
    floor = understand(
        "and whats the lowest i should take before i just go nvidia", catalog, offer.state
    )
    assert floor.company == "Anyscale"
    signon = understand(
        "have a google sre offer in hand (L4, ~300 tc). what levers does the alibaba guide give "
        "me with that, and what sign-on range is realistic to ask alibaba for",
        catalog,
    )
    assert signon.company == "Alibaba" and "Google" in signon.context_names


def test_a_company_in_a_label_in_parentheses_is_the_offers_company():
    catalog = Catalog.build(["Alibaba", "Amazon"])
    frame = understand(
        "recruiter email (alibaba, sunnyvale):\n\n\"we're excited to extend an offer: base "
        'salary $175,000, RSU grant $120,000 vesting over 4 years."\n\nI also have an amazon '
        "sysde offer at $295k TC. what do I counter?",
        catalog,
    )
    assert frame.company == "Alibaba"
