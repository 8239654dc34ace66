"""The question frame: what a turn asks besides names and places (title, level, topics,
corrections, repeats), the guides' own vocabulary it is checked against, and how each kind of
question and correction fills the frame. Fast: a catalog built from chunk records, no index."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_understanding import converse  # one turn after another, each in the last one's state

from assistant.compose.core import CitationBook, Writer
from assistant.compose.levers import _lead_numbered
from assistant.corpus.chunking import ChunkRecord
from assistant.corpus.vocabulary import GuideVocabulary, LevelMap, level_codes
from assistant.understanding.asks import (
    topics_asked,
)
from assistant.understanding.corrections import corrects, negated_places, repeats
from assistant.understanding.entities import Catalog
from assistant.understanding.intents import lever_asked_by_place
from assistant.understanding.question import understand
from assistant.understanding.titles import level_asked, levels_asked, role_asked

# A company no code knows, with its own level codes, regions and named competitors.
ZEPHYRINE = [
    ChunkRecord(
        "z-dna",
        "corpus/zephyrine.md",
        "Negotiation DNA",
        "Site Engineer | Zephyrine\nField robots in harsh sites. Rivals like Helixworks and "
        "Boston Dynamics hire the same people.\n**Level Mapping:** Site Engineer at Zephyrine "
        "(Z3-Z5) = Helixworks Field Engineer II",
        company="Zephyrine",
        role="Site Engineer",
        guide_kind="negotiation",
    ),
    ChunkRecord(
        "z-lisbon",
        "corpus/zephyrine.md",
        "Pay",
        "Site Engineer | Zephyrine\n| Lisbon | €70K–€95K | €20K–€40K | 10% | €95K–€140K |",
        kind="table_row",
        company="Zephyrine",
        role="Site Engineer",
        guide_kind="negotiation",
        region="Lisbon",
    ),
]
SHIPPED_LIKE = [
    ChunkRecord(
        "a-dna",
        "corpus/anyscale.md",
        "Negotiation DNA",
        "DevOps Engineer | Anyscale\nCompanies like NVIDIA, Databricks compete for engineers. "
        "I have an NVIDIA offer.",
        company="Anyscale",
        role="DevOps Engineer",
        guide_kind="negotiation",
    ),
    ChunkRecord(
        "a-sf",
        "corpus/anyscale.md",
        "Pay",
        "DevOps Engineer | Anyscale\n| San Francisco | $168K–$218K |",
        kind="table_row",
        company="Anyscale",
        role="DevOps Engineer",
        guide_kind="negotiation",
        region="San Francisco",
    ),
    ChunkRecord(
        "a-london",
        "corpus/anyscale.md",
        "Pay",
        "DevOps Engineer | Anyscale\n| London | £128K–£166K |",
        kind="table_row",
        company="Anyscale",
        role="DevOps Engineer",
        guide_kind="negotiation",
        region="London",
    ),
    ChunkRecord(
        "b-seattle",
        "corpus/alibaba.md",
        "Pay",
        "DevOps Engineer | Alibaba\n| Seattle (US) | $150K–$215K |",
        kind="table_row",
        company="Alibaba",
        role="DevOps Engineer",
        guide_kind="negotiation",
        region="Seattle (US)",
    ),
    ChunkRecord(
        "b-singapore",
        "corpus/alibaba.md",
        "Pay",
        "DevOps Engineer | Alibaba\n| Singapore | SGD 110K–SGD 170K |",
        kind="table_row",
        company="Alibaba",
        role="DevOps Engineer",
        guide_kind="negotiation",
        region="Singapore",
    ),
    ChunkRecord(
        "b-hangzhou",
        "corpus/alibaba.md",
        "Pay",
        "DevOps Engineer | Alibaba\n| Hangzhou (HQ) | CNY 400K–CNY 740K |",
        kind="table_row",
        company="Alibaba",
        role="DevOps Engineer",
        guide_kind="negotiation",
        region="Hangzhou (HQ)",
    ),
]


def catalog_of(records: list[ChunkRecord]) -> Catalog:
    from assistant.retrieval.hybrid import catalog_from_records

    return catalog_from_records(records)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return catalog_of(SHIPPED_LIKE + ZEPHYRINE)


# --- general language: titles, levels, topics, corrections -----------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("whats a data scientist paid at alibaba hangzhou?", "data scientist"),
        ("Im interviewing for an SRE manager role at Anyscale", "SRE manager"),
        ("what do ML engineers make at anyscale new york?", "ML engineer"),
        ("product manager total comp at anyscale london??", "product manager"),
        ("got a frontend dev offer from alibaba", "frontend dev"),
        ("devops engineer base at alibaba seattle", None),  # the guides' own title
        ("what do engineers make at alibaba?", None),  # no particular job
        ("how should i handle the hiring manager round?", None),  # a person, not a job
    ],
)
def test_a_title_the_guides_do_not_hold_is_read(question, expected):
    assert role_asked(question, ["DevOps Engineer"]) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what does a P8 devops at alibaba make?", "P8"),
        ("L5 sre pay", "L5"),
        ("staff level devops salary", "staff"),
        ("base for a senior devops engineer", "senior"),
        ("devops base in seattle", None),
    ],
)
def test_levels_are_read_by_code_and_word(question, expected):
    assert level_asked(question) == expected


def test_topics_keep_the_users_own_words():
    (pto,) = topics_asked("how many PTO / vacation days does anyscale give per year?")
    assert pto.key == "pto" and {"pto", "vacation days"} <= set(pto.said)
    keys = {
        t.key for t in topics_asked("does anyscale do yearly rsu refreshers and a 1 year cliff?")
    }
    assert keys == {"refresher", "cliff"}
    assert topics_asked("what is the base in seattle?") == ()
    keys = {
        t.key
        for t in topics_asked(
            "is the 45k sign-on paid in one lump or split over two years? "
            "and do i owe it back if i leave early"
        )
    }
    assert keys == {"bonus_payout", "clawback"}
    (raise_,) = topics_asked(
        "whats the usual yearly raise there, and do they do cost of living adjustments"
    )
    assert raise_.key == "raise" and "current job" not in raise_.name
    assert [t.key for t in topics_asked("will the first year bonus get prorated?")] == ["proration"]
    interview_logistics = {
        "what should i wear to the onsite": "dress_code",
        "when will i hear back after the final round": "hear_back",
        "rejected last year, can i reapply now?": "reapply",
    }
    for question, key in interview_logistics.items():
        assert [t.key for t in topics_asked(question)] == [key], question
    assert topics_asked("what do they ask in each round of the onsite?") == ()
    assert topics_asked("how long is each round of the onsite?") == ()  # (lead.py says so)
    assert [t.key for t in topics_asked("any help with daycare?")] == ["parental"]
    assert [t.key for t in topics_asked("do the rsus pay dividend equivalents?")] == ["dividends"]
    (housing,) = topics_asked("do they help with the city's talent subsidy?")
    assert housing.said == ("talent subsidy",)  # the longer phrase, not "subsidy" again


def test_what_a_turn_takes_back_and_whether_it_corrects_or_repeats():
    kept, taken = negated_places("sorry i meant seattle not singapore")
    assert "seattle" in kept and "singapore" not in kept and taken == "singapore"
    assert corrects("sorry i meant seattle not singapore")
    assert not corrects("what is the seattle base?")
    assert repeats("same thing for london") and repeats("and if it were Sunnyvale instead?")
    assert not repeats("what is the london base?")


# --- the guides' own vocabulary ---------------------------------------------------------------


def test_vocabulary_of_an_unseen_company_is_read_from_its_guide():
    vocabulary = GuideVocabulary.from_records(ZEPHYRINE)
    level_map = vocabulary.level_maps["Zephyrine"]
    assert level_map.own_codes == ("Z3", "Z4", "Z5") and level_map.chunk_id == "z-dna"
    assert vocabulary.mentions("helixworks") == ("Zephyrine",)
    assert vocabulary.mentions("Boston Dynamics") == ("Zephyrine",)
    assert vocabulary.says("Zephyrine", "robots") and not vocabulary.says("Zephyrine", "vacation")
    assert GuideVocabulary.from_json(vocabulary.to_json()) == vocabulary


def test_a_numeronym_is_spelled_out_by_the_guides_own_word():
    vocabulary = GuideVocabulary.from_records(ZEPHYRINE)
    assert vocabulary.numeronyms["h8s"] == "helixworks"  # read from the guide, not a table
    assert vocabulary.spelled_out("any h8s questions? p5 and k8s too") == "helixworks"
    assert vocabulary.spelled_out("nothing short here") == ""


def test_words_typed_without_vowels_or_hyphens_are_spelled_out_by_the_guides_word():
    guide = ChunkRecord(
        "z-loop",
        "corpus/zephyrine.md",
        "Loop",
        "Each round checks one level. Expect an on-call drill, a bolt and a belt.",
        company="Zephyrine",
        guide_kind="interview",
    )
    vocabulary = GuideVocabulary.from_records([guide])
    assert vocabulary.spelled_out("how many rnd per lvl, oncall?") == "round level on-call"
    assert vocabulary.spelled_out("blt?") == ""  # "bolt" or "belt": neither is guessed


def test_level_codes_spell_out_ranges():
    assert level_codes("DevOps Engineer at Alibaba (P5-P7)") == ("P5", "P6", "P7")
    assert level_codes("L3–L5 SRE at Google, IC4") == ("L3", "L4", "L5", "IC4")


# --- the frame, one kind of question or correction at a time ---------------------------------


def test_the_frame_holds_title_level_and_topics(catalog):
    frame = understand("what does a P8 data scientist make at alibaba seattle?", catalog)
    assert (frame.company, frame.region, frame.level, frame.role_asked) == (
        "Alibaba",
        "Seattle (US)",
        "P8",
        "data scientist",
    )
    frame = understand("how much tax would i pay on a £150k anyscale london salary", catalog)
    assert [t.key for t in frame.topics] == ["tax"] and frame.states_amounts


def test_a_region_only_one_company_has_names_the_company(catalog):
    frame = understand("hangzhou offer came in around CNY 800K total. is that fair?", catalog)
    assert (frame.company, frame.region) == ("Alibaba", "Hangzhou (HQ)")
    assert understand("What's the weather in London?", catalog).company is None


def test_a_correction_replaces_the_region_and_keeps_the_question(catalog):
    first, second = converse(
        catalog, "alibaba devops base in singapore?", "sorry i meant seattle not singapore"
    )
    assert second.corrects and (second.intent, second.company, second.region) == (
        "comp",
        "Alibaba",
        "Seattle (US)",
    )
    assert second.regions_named(["Seattle (US)", "Singapore"]) == ["Seattle (US)"]


def test_same_thing_for_another_region_repeats_the_question(catalog):
    _, second = converse(catalog, "anyscale nyc equity and bonus?", "same thing for london")
    assert second.repeats and (second.intent, second.company, second.region) == (
        "comp",
        "Anyscale",
        "London",
    )


def test_a_competitor_the_guide_names_is_context_not_the_subject(catalog):
    _, second = converse(
        catalog, "what levers work for anyscale?", "what would i say if i had an nvidia offer?"
    )
    assert second.unknown_company is None and second.company == "Anyscale"
    assert second.context_names == ("NVIDIA",) and second.competing
    asked_itself = understand("what does nvidia pay devops engineers?", catalog)
    assert asked_itself.unknown_company == "nvidia"  # the subject: not covered


def test_an_unseen_companys_competitor_is_context_too(catalog):
    _, second = converse(
        catalog, "zephyrine lisbon site engineer pay?", "what if i had a helixworks offer?"
    )
    assert second.company == "Zephyrine" and second.unknown_company is None


def test_remote_work_is_a_topic_and_a_place_beside_it_is_the_region(catalog):
    frame = understand("can i work fully remote as a devops engineer at anyscale?", catalog)
    assert frame.unknown_region is None and [t.key for t in frame.topics] == ["remote"]
    frame = understand("anyscale devops remote from austin tx - what base?", catalog)
    assert frame.unknown_region == "austin"


def test_companies_named_as_context_are_not_the_subject():
    catalog = Catalog.build(["Anyscale", "Amazon", "Google", "Microsoft"])
    frame = understand(
        "im negotiating with anyscale, i ran production on AWS, GCP and Azure. what levers?",
        catalog,
    )
    assert (frame.company, frame.other_companies) == ("Anyscale", ())
    assert set(frame.context_names) == {"Amazon", "Google", "Microsoft"}
    frame = understand("i work at google and anyscale offered me 180k base", catalog)
    assert frame.company == "Anyscale"
    compared = understand("compare amazon vs anyscale levers", catalog)
    assert (compared.company, compared.other_companies) == ("Amazon", ("Anyscale",))


def test_a_competitor_with_a_guide_of_its_own_is_still_context_mid_conversation():
    catalog = Catalog.build(["Anyscale", "NVIDIA"], roles={"NVIDIA": ["ML Engineer"]})
    _, second = converse(
        catalog, "what levers work for anyscale?", "what would i say if i had an nvidia offer?"
    )
    assert (second.company, second.context_names) == ("Anyscale", ("NVIDIA",))
    asked_about = converse(catalog, "anyscale levers?", "and for nvidia?")[1]
    assert asked_about.company == "NVIDIA"  # the same question about another company


def test_a_title_another_company_holds_is_still_not_covered_for_this_one():
    catalog = Catalog.build(
        ["Anyscale", "Quill"], roles={"Anyscale": ["DevOps Engineer"], "Quill": ["ML Engineer"]}
    )
    frame = understand("what do ML engineers make at anyscale?", catalog)
    assert frame.role_asked == "ML engineer"


def test_the_company_that_made_the_other_offer_is_context():
    catalog = Catalog.build(["Alibaba", "Google"])
    frame = understand(
        "google offered me L4 SRE at $310k tc. how do i use that with alibaba sunnyvale?", catalog
    )
    assert frame.company == "Alibaba" and "Google" in frame.context_names
    assert frame.offer_is_competing  # the figures are Google's


def test_an_offer_letter_pasted_before_the_rival_is_the_users_own(catalog):
    frame = understand(
        "pasting the alibaba email: 'Base Salary: $170,000; RSU grant: $110,000 over 4 years'. "
        "i also hold a google SRE offer at 315k TC. what numbers go in the ask?",
        catalog,
    )
    assert frame.company == "Alibaba" and not frame.offer_is_competing


def test_the_company_whose_role_is_named_is_the_subject():
    catalog = Catalog.build(
        ["Alibaba", "Google"], roles={"Alibaba": ["DevOps Engineer"], "Google": ["SRE"]}
    )
    frame = understand("what google level is an alibaba devops engineer?", catalog)
    assert (frame.company, frame.other_companies) == ("Alibaba", ("Google",))


def test_a_correction_of_the_pay_component(catalog):
    _, second = converse(catalog, "anyscale sf stock?", "no sorry, i meant base not stock")
    assert (second.intent, second.component, second.region) == ("comp", "base", "San Francisco")


def test_a_turn_pointing_back_with_a_new_place_repeats_the_question(catalog):
    _, second = converse(catalog, "anyscale sf base?", "can you redo that for london")
    assert (second.intent, second.company, second.region) == ("comp", "Anyscale", "London")
    _, weather = converse(catalog, "anyscale london base", "What's the weather in London?")
    assert weather.intent == "out_of_scope"


def test_a_follow_up_asking_a_currency_or_a_level_keeps_the_question(catalog):
    _, usd = converse(catalog, "anyscale london devops base?", "whats that in usd?")
    assert (usd.intent, usd.company, usd.region, usd.currency) == (
        "comp",
        "Anyscale",
        "London",
        "USD",
    )
    _, p8 = converse(catalog, "alibaba hangzhou devops base", "hmm what about for a P8 there?")
    assert (p8.intent, p8.company, p8.level) == ("comp", "Alibaba", "P8")


def test_and_another_company_repeats_an_interview_question(catalog):
    _, second = converse(catalog, "what are alibaba's interview rounds?", "and anyscale?")
    assert (second.intent, second.company, second.asks_interviews) == (
        "interview",
        "Anyscale",
        True,
    )


def test_an_offer_held_from_one_company_is_context_for_the_other_asked_about():
    catalog = Catalog.build(["Anyscale", "NVIDIA"], {"Anyscale": ["San Francisco"]})
    frame = understand(
        "i have an nvidia offer $213k base / $255k rsu. anyscale sf offered $190k base. "
        "what do i ask anyscale for?",
        catalog,
    )
    assert frame.company == "Anyscale" and frame.context_names == ("NVIDIA",)


def test_a_level_map_names_the_other_employers_level_that_holds_a_level():
    line = "DevOps Engineer at Alibaba (P5-P7) = L3-L5 SRE at Google, IC3-IC5 PE at Meta, SysDE"
    level_map = LevelMap("c", line, level_codes("DevOps Engineer at Alibaba (P5-P7)"))
    assert level_map.own == "DevOps Engineer at Alibaba (P5-P7)"
    assert level_map.equivalent_holding("L4") == "L3-L5 SRE at Google"
    assert level_map.equivalent_holding("IC5") == "IC3-IC5 PE at Meta"
    assert level_map.equivalent_holding("L6") is None
    assert level_map.equivalent_holding("P6") is None  # its own level, not an equivalent


def test_every_level_named_is_read_in_order():
    asked = "how much more does a senior devops make than a mid level one at alibaba seattle?"
    assert levels_asked(asked) == ("senior", "mid level")
    assert levels_asked("P8 / staff level devops") == ("P8", "staff")
    assert levels_asked("senior staff at alibaba") == ("senior staff",)  # one level, not two


def test_the_longer_phrase_names_the_topic():
    interview = topics_asked("is there a take home assignment in the alibaba devops interview?")
    assert [t.key for t in interview] == ["take_home"]  # not a question about take-home pay
    assert [t.key for t in topics_asked("what is my take home pay after tax")] == ["tax"]


def test_a_place_the_user_moves_from_or_works_in_is_not_the_region_asked(catalog):
    _, moving = converse(
        catalog,
        "how does anyscale pay in london?",
        "is there a relocation package if i move from berlin?",
    )
    assert moving.unknown_region is None and moving.region == "London"
    current = understand(
        "im at tencent in shenzhen doing sre. what does alibaba pay devops in singapore, base?",
        catalog,
    )
    assert current.region == "Singapore" and current.unknown_region is None
    for typed in ("moving austin -> seattle for alibaba", "relocating austin to seattle, alibaba"):
        moved = understand(f"{typed} devops. what's the base range there?", catalog)
        assert (moved.region, moved.unknown_region) == ("Seattle (US)", None), typed


def test_a_level_code_after_at_is_a_level_not_an_employer(catalog):
    frame = understand(
        "recruiter hinted at P8 for me (hangzhou, devops). comp for P8 there?", catalog
    )
    assert (frame.unknown_company, frame.level, frame.company) == (None, "P8", "Alibaba")


def test_no_competing_offer_is_not_a_competing_offer(catalog):
    for question in (
        "i have no competing offer, what can i still use with anyscale?",
        "I don't have another offer. What do I tell Anyscale?",
    ):
        assert not understand(question, catalog).competing
    assert understand("I have a competing offer, what do I tell Anyscale?", catalog).competing


def test_a_rival_the_guide_names_is_context_in_any_case(catalog):
    _, rival = converse(
        catalog, "what levers work for zephyrine?", "what would i say if i had a helixworks offer?"
    )
    assert rival.context_names == ("Helixworks",) and rival.competing
    assert rival.company == "Zephyrine"


def test_a_pay_component_and_a_place_ask_for_pay_besides_the_main_ask(catalog):
    frame = understand(
        "how many onsite rounds does alibaba do for devops, and what's the base in singapore?",
        catalog,
    )
    assert frame.intents[0] == "interview" and "comp" in frame.intents


def test_a_take_home_is_an_assignment_unless_it_is_pay():
    assert [t.key for t in topics_asked("does anyscale give a take home for candidates?")] == [
        "take_home"
    ]
    assert [t.key for t in topics_asked("any take-home after that?")] == ["take_home"]
    assert [t.key for t in topics_asked("how much would i take home per month")] == ["tax"]


def test_a_correction_of_the_company_takes_the_other_back_and_asks_again(catalog):
    _, second = converse(
        catalog,
        "a recruiter pinged me about a devops role at alibaba's seattle office, base band?",
        "oh wait, it was anyscale that reached out, not alibaba. same question",
    )
    assert second.corrects and second.repeats
    assert (second.intent, second.company, second.other_companies) == ("comp", "Anyscale", ())
    assert second.component == "base"


def test_a_pay_figure_quoted_is_a_pay_question_whatever_else_is_told(catalog):
    frame = understand(
        "a friend who went thru anyscale's devops loop says base in sf is like 168 to 218k. "
        "does that match what you've got?",
        catalog,
    )
    assert (frame.intent, frame.company, frame.region) == ("comp", "Anyscale", "San Francisco")
    # an offer's figures are the counter's to weigh, not a pay-table question
    offer = understand("i have a seattle offer: 180k base. what should i counter with?", catalog)
    assert offer.intent == "counter"


def test_a_component_named_after_asking_again_is_asked_anew(catalog):
    _, second = converse(catalog, "which anyscale lever fits gpu experience?", "what about bonus")
    assert (second.intent, second.component) == ("comp", "bonus")


def test_a_seniority_word_that_is_an_everyday_word_is_a_level_only_beside_a_job():
    assert levels_asked("does alibaba have a stock purchase plan for us staff?") == ()
    assert levels_asked("what does a staff devops at alibaba make") == ("staff",)
    assert level_asked("pay for a staff level engineer in seattle") == "staff"
    assert level_asked("as a staff, what would i get") == "staff"


def test_benefit_and_payout_topics_are_read_in_everyday_words():
    keys = [t.key for t in topics_asked("do they have an employee stock purchase plan?")]
    assert keys == ["stock_options"]
    keys = [t.key for t in topics_asked("is the bonus paid out quarterly or once a year?")]
    assert keys == ["bonus_payout"]


def test_an_ask_that_refers_back_goes_on_with_the_conversation_whatever_is_told(catalog):
    _, second = converse(
        catalog,
        "how many interview rounds does alibaba have?",
        "i have another offer expiring in 2 weeks. can they go faster?",
    )
    assert second.intent == "interview"
    _, offer = converse(
        catalog,
        "how many interview rounds does alibaba have?",
        "they offered me 180k base in seattle. is that ok?",
    )
    assert offer.intent == "counter"  # an offer's figures make it the counter's question


@pytest.mark.parametrize(
    "question, intent",
    [
        ("how much ansible do they test at alibaba for devops?", "general"),
        ("do they make u draw in some whiteboard tool at alibaba?", "general"),
        ("how much do devops engineers make at alibaba seattle", "comp"),
        ("how much rsu does anyscale give", "comp"),
    ],
)
def test_pay_words_in_another_sense_do_not_make_a_pay_question(catalog, question, intent):
    assert understand(question, catalog).intent == intent


def test_an_employer_asked_about_when_the_corpus_company_is_only_told_of(catalog):
    frame = understand(
        "did alibaba's loop in SG last month. now grab wants me too — does grab do a separate "
        "system design round?",
        catalog,
    )
    assert (frame.company, frame.unknown_company) == (None, "grab")
    # an ask pointing back at what was told is about it ("what's that at google?")
    frame = understand("alibaba is offering me P6 for devops. what's that at google, L4?", catalog)
    assert frame.company == "Alibaba" and frame.unknown_company is None


def test_a_title_does_not_run_across_punctuation_and_a_job_offered_is_a_title():
    asked = "anyscale nyc wants me as a devops tech lead (still IC, leads 3 ppl). base + stock?"
    assert role_asked(asked, ["DevOps Engineer"]) == "devops tech lead"
    assert role_asked("my tech lead said alibaba is hard", ["DevOps Engineer"]) is None


def test_the_component_the_employer_will_not_move_is_the_one_said_so(catalog):
    frame = understand(
        "ali beijing devops: 40w base, 25w rsu over 4y, 15% bonus. hr says the bonus % is fixed "
        "so dont bother. what can i push on instead",
        catalog,
    )
    assert frame.fixed == "bonus"
    _, again = converse(catalog, "anyscale sf base?", "what if they won't budge?")
    assert again.fixed == "base"
    for said in (
        "best we can do on base is 200",
        "base tops out at 200",
        "can't go above 200 base",
    ):
        assert understand(f"anyscale nyc: {said}. now what?", catalog).fixed == "base", said


def test_a_short_word_for_a_guide_word_finds_the_guides_word():
    from assistant.compose.passages import guide_words_for

    assert {"hire", "manag"} <= guide_words_for("alibaba hm round what do they check")


def test_a_bare_figure_beside_a_pay_word_is_money_told(catalog):
    frame = understand(
        "nvidia also has me at 205 base / 240 rsu. what do i ask anyscale for", catalog
    )
    assert frame.states_amounts and frame.offer_is_competing
    assert not understand("how many rounds is the anyscale loop?", catalog).states_amounts


def test_one_time_cash_is_a_sign_on_bonus(catalog):
    _, second = converse(
        catalog, "anyscale nyc levers?", "if i only ask for one-time cash, how much"
    )
    assert second.component == "sign_on"


def test_levels_or_pay_set_side_by_side_keep_the_corpus_company_as_subject(catalog):
    frame = understand("alibaba is offering me P6 for devops. google L4 equivalent?", catalog)
    assert frame.company == "Alibaba" and frame.unknown_company is None
    frame = understand(
        "i have an alibaba seattle interview. does grab pay more than them?", catalog
    )
    assert frame.company == "Alibaba"


def test_same_question_for_another_team_keeps_the_pay_question(catalog):
    _, second = converse(
        catalog,
        "how high does total comp go for alibaba devops in seattle, and where does it start?",
        "what if i took the singapore team instead, same question",
    )
    assert second.repeats and (second.intent, second.component) == ("comp", "total")
    assert second.region == "Singapore"


def test_a_turn_about_them_keeps_the_place_being_discussed(catalog):
    _, second, third = converse(
        catalog,
        "uk devops offer, london based: £150k base, £110k rsu over 4 years, 7% bonus. fair?",
        "is a 7% bonus normal for them",
        "whats the most tc i could reach there",
    )
    assert (second.company, second.region) == ("Anyscale", "London")
    assert (third.region, third.component) == ("London", "total")


def test_a_cloud_the_user_ran_on_is_no_employer_asked_about(catalog):
    frame = understand(
        "ran finops moving batch between aws and gcp. does anyscale care about cost work?", catalog
    )
    assert frame.company == "Anyscale" and frame.outside_companies == ()
    offered = understand("aws offered me 190k base, how does anyscale compare?", catalog)
    assert "aws" in offered.outside_companies


def test_the_lead_is_matched_on_the_question_without_its_subject(catalog):
    """Every passage of a company's guide is about the company, the role and the place: the
    lead's similarity is taken on what the question asks about them."""
    from assistant.compose.lead import without_subject

    frame = understand("is the alibaba devops onsite actually in person in seattle?", catalog)
    assert without_subject(frame) == "is the onsite actually in person in"


@pytest.mark.parametrize(
    ("word", "everyday"),
    [
        ("clueless", True),
        ("underqualified", True),
        ("nervousness", True),
        ("datadog", False),
        ("pasting", True),  # "paste" with its "e" dropped
        ("realistically", True),
        ("actualy", True),  # a letter dropped: a typo
        ("linkerd", False),  # a letter added to "linked": a tool's name, not a typo
        ("karpenter", False),
        ("theyve", True),  # a contraction typed without its apostrophe
        ("levelwise", True),
        ("senior-ish", True),
        ("renegotiate", True),
        ("downlevel", True),
        ("cloudformation", False),
        ("fluentd", False),
        ("anchoring", True),  # the -ing of a word kept whole
        ("pinged", True),
        ("bluffing", True),  # its last letter doubled already
        ("memorized", True),  # an -ize verb of "memory"
        ("rehearse", True),  # the verb of "rehearsal"
        ("sharding", False),  # "shard" is no everyday word: a term of art
    ],
)
def test_a_word_made_of_an_everyday_word_is_no_term_of_art(word, everyday):
    """'The guides say nothing about clueless' was written for a word made of an everyday one
    by a prefix or suffix; a tool's name still is a term the guides may lack."""
    from assistant.compose.unheld_terms import _everyday
    from assistant.index.common_words import common_words

    assert _everyday(word, common_words()) is everyday


def test_a_follow_up_email_told_is_no_question_about_following_up():
    from assistant.understanding.asks import topics_asked

    told = topics_asked("wait no, just re-checked the follow up email, its 110k rsu")
    asked = topics_asked("the recruiter went quiet after my onsite, should i follow up?")
    assert "follow_up" not in [t.key for t in told]
    assert "follow_up" in [t.key for t in asked]


def test_digits_in_names_and_years_are_no_offer(catalog):
    told = (
        "i did rolling k8s upgrades on h100 nodes. i have the alibaba devops offer now. does "
        "the guide frame that as something they need in 2026?"
    )
    assert understand(told, catalog).intent != "counter"
    assert understand("i have the alibaba seattle offer, 170k base. fair?", catalog).intent in (
        "counter",
        "comp",
    )


def test_a_level_code_names_the_company_whose_levels_they_are(catalog):
    frame = understand(
        'Recruiter email: "approved an offer at level Z4." I\'m an SRE at Google right now. '
        "is Z4 a downlevel for me? Should I push for Z5?",
        catalog,
    )
    assert frame.company == "Zephyrine" and frame.unknown_company is None
    assert understand("they offered me Z4. is that a senior level?", catalog).company == (
        "Zephyrine"
    )
    assert understand("google offered me L5. good?", catalog).company is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("ok and the second lever?", 2),
        ("what about lever 3", 3),
        ("the last one, what's its line?", -1),
        ("which lever fits me?", None),
        ("second round of interviews?", None),
    ],
)
def test_a_lever_asked_by_its_place_in_the_list_is_read(question, expected):
    assert lever_asked_by_place(question) == expected


def test_a_lever_asked_by_its_place_where_no_levers_are_known_leads_with_nothing():
    frame = understand("and the last lever?", catalog_of(ZEPHYRINE))
    writer = Writer(CitationBook({}))
    assert not _lead_numbered(writer, replace(frame, lever=-1), []) and not writer.lines


def test_a_level_said_with_its_word_level_is_named_once():
    from assistant.compose.level_coverage import _as_level

    assert _as_level("senior") == "a senior level"
    assert _as_level("senior or mid level") == "a senior or mid level"
    assert _as_level("P8") == "P8"


def test_a_hyphenated_seniority_word_is_a_level():
    assert levels_asked("what would the staff-level equivalent be") == ("staff",)
    assert levels_asked("our staff-wide meeting") == ()
