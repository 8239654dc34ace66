"""Lengths asked that the guides do not give, and whose interviews a question asks about,
through the real pipeline (real MiniLM, Chroma on disk, the built-in composer), and the pure
rules that read them:

- each "how long…" or "how many mins…" ask is read on its own: a length in weeks answers
  "how long does hiring take", not "how many mins is each interview", and what the guides
  lack is said first;
- "the behavioral one" refers back to what was talked of, and a follow-up that refers back
  keeps the earlier topic for the turn after it;
- another employer's loop named with a slash in its team ("nvidia infra/sre loop next wk, what
  do they ask?") is that employer's, with no interview guide;
- a question about how a company without an interview guide interviews ("does anyscale
  interview l4 vs l5 people differently", "a 'values' chat… what does anyscale look for")
  says it has none;
- "actually" corrects only where a correction opens ("actually its seattle", not "what are
  they actually judging"), and "the final loop" fixes no pay component;
- a move only told ("relocating to sf for the offer") asks nothing about relocation; "how much
  does it matter?" asks no amount; "what do i say in the interview" is an interview question;
  a title inside a quoted interview question is not asked about;
- what to bring to an interview and the current salary asked by a recruiter are topics the
  guides lack;
- a firmer draft closes as the guides' scripts do, with the base asked and the floor;
- a region corrected stays when a competing offer comes in; a company with no row in the
  region asked is not carried beside the next company; the first ask names the component
  answered;
- a count asked beside example questions ("how many rounds and what do they ask in the coding
  one") is answered first, then the questions; more of a component no lever asks for ("can
  i negotiate the bonus percent?") gives the band's figure for it;
- an offer talked through turn by turn: told with no figures (the band), given, "is this
  good?", "what about the stock, is it low?" (the offer's stock placed), "what should i say to
  the recruiter" (the phone script from its figures), "how much higher can i push the base"
  (the counter's ask);
- what interviews "focus on" is what they evaluate; a region set beside the last one ("how
  does that compare to hangzhou") is compared in the first line;
- a rival held at figures beside an offer ("i also have nvidia at 205k base") is a competing
  offer, not a company asked about, and "which lever should i use" next leads with its lever;
- a cue word typed one letter off ("interveiw", "rouns") is read as the cue, and a guide word
  typed so is added to the query; an employer a level map names by another spelling ("amazon":
  "AWS Infrastructure Engineer") is placed, not said to be missing.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.compose.core import CitationBook, Writer
from assistant.compose.no_duration import durations_asked, durations_first, say_no_duration
from assistant.understanding.about_last import refers_to_last
from assistant.understanding.asks import FIXED_COMPONENT
from assistant.understanding.corrections import corrects
from assistant.understanding.draft_request import draft_style_requested, words_to_say
from assistant.understanding.entities import normalize
from assistant.understanding.held_offers import offer_from
from assistant.understanding.intents import with_cues_spelled
from assistant.understanding.question import understand
from assistant.understanding.told_topics import asked_topics
from assistant.understanding.words import spelled_out


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_each_length_asked_is_read_with_the_units_it_wants():
    asked = durations_asked(
        "how long does alibaba hiring take end to end, and how many mins is each interview?"
    )
    assert [small for _, small in asked] == [False, True]
    assert asked[1][0].startswith("each interview")
    assert durations_asked("what should i wear to the onsite?") == []


def test_a_length_asked_of_what_they_do_is_said_as_typed(coach):
    writer = Writer(CitationBook({}))
    frame = understand("how long do they usually give you and whats on it?", coach.catalog)
    say_no_duration(writer, replace(frame, company="Alibaba"), "The process takes weeks.")
    assert writer.lines[0] == "The Alibaba guides do not say how long they usually give you."


def test_what_the_guides_lack_moves_first_with_its_blank_line():
    gap = "The Alibaba guides do not give the length or duration of x."
    assert durations_first(["4 to 6 weeks. [1]", "", gap, ""])[:2] == [gap, ""]


def test_a_length_in_weeks_does_not_answer_minutes_asked(coach):
    answer = coach.ask(
        "how long does alibaba devops hiring take end to end, and how many mins is each "
        "interview? need to block my calendar"
    )
    first = answer.answer.split("\n")[0]
    assert "do not give the length or duration of each interview in minutes" in first
    assert "4 to 6 weeks" in answer.answer[:300]


def test_the_behavioral_one_refers_back_and_keeps_the_rounds_talked_of(coach):
    assert refers_to_last("ok who runs the behavioral one then")
    turns = converse(
        coach,
        "how many rounds is the alibaba devops onsite?",
        "and how long is each one roughly",
        "ok. who runs the behavioral one then",
    )
    assert "length or duration of each one in minutes" in turns[1].answer.split("\n")[0]
    assert "behavioral interview with a hiring manager" in turns[2].answer[:400]


def test_another_employers_loop_named_with_its_team_is_theirs(coach):
    answer = coach.ask(
        "nvidia infra/sre loop next wk, what do they usualy ask + how many rounds? trying to "
        "prep both that and alibaba"
    )
    assert "no NVIDIA interview guide" in answer.answer.split("\n")[0]
    assert "3 to 5" not in answer.answer.split("\n")[0]


def test_how_a_company_without_an_interview_guide_interviews_is_said_to_be_missing(coach):
    answer = coach.ask("does anyscale interview l4 vs l5 people differently")
    assert "no Anyscale interview guide" in answer.answer.split("\n")[0]


def test_actually_corrects_only_where_a_correction_opens():
    assert corrects("actually its seattle") and corrects("the base is actually 190")
    assert not corrects("who runs that one and what are they actually judging")
    assert FIXED_COMPONENT.search("this is our final offer")
    assert not FIXED_COMPONENT.search("the final loop has a behavioral round")


def test_a_move_only_told_is_not_asked_about():
    asked = asked_topics(
        "at a fintech in austin, i run k8s across gcp and azure. relocating to sf for the "
        "anyscale offer. which of their levers matches that background?"
    )
    assert "relocation" not in {t.key for t in asked}
    asked = asked_topics("relocating phoenix -> seattle. anyscale devops tc in seattle?")
    assert "relocation" not in {t.key for t in asked}
    asked = asked_topics("i'm relocating to sf. what relocation package can i ask for?")
    assert "relocation" in {t.key for t in asked}


def test_how_much_something_matters_is_no_pay_question(coach):
    answer = coach.ask(
        "relocating from melbourne to hangzhou for alibaba devops, my mandarin is pretty basic. "
        "how much does it matter?"
    )
    assert answer.intent != "comp" and "significant asset" in answer.answer


def test_what_to_say_in_an_interview_is_an_interview_question(coach):
    answer = coach.ask(
        "what do i say in the alibaba devops interview when they keep going deeper on kernel "
        "stuff and i genuinely dont know the answer? bluff a little or just admit it"
    )
    assert answer.intent == "interview" and "major red flag" in answer.answer
    assert "$45K" not in answer.answer


def test_a_title_in_a_quoted_interview_question_is_not_asked_about(coach):
    answer = coach.ask(
        "how do i answer 'tell me about a time you disagreed with a PM on priorities' in the "
        "alibaba hiring manager round? what angle are they looking for"
    )
    assert "product manager" not in answer.answer.lower()
    assert "Customer First" in answer.answer[:300]


def test_what_to_bring_and_the_current_salary_are_topics_the_guides_lack(coach):
    bring = coach.ask(
        "my alibaba devops onsite is in person at sunnyvale. what should i bring? laptop? "
        "printed resume? photo id?"
    )
    assert bring.refused and "what to bring" in bring.answer[:200]
    salary = coach.ask("anyscale recruiter asked what im making now. do i have to tell them?")
    assert "current salary" in salary.answer.split("\n")[0]


def test_a_values_chat_at_a_company_without_an_interview_guide_says_so(coach):
    _, chat = converse(
        coach,
        "anyscale sf offer 195 base 160 rsu/4y 8% bonus",
        "they said before paperwork theres a 45 min 'values' chat with the eng director. what "
        "does anyscale look for in that one",
    )
    assert "no Anyscale interview guide" in chat.answer.split("\n")[0]


def test_a_firmer_draft_closes_with_the_base_asked_and_the_floor(coach):
    assert draft_style_requested("make it firmer. i want them to know the number where i walk")
    turns = converse(
        coach,
        "anyscale recruiter email: \"We're thrilled to extend an offer for DevOps Engineer (San "
        "Francisco): $185,000 base salary, $160,000 in equity vesting over four years, and an 8% "
        'annual bonus target." i also have nvidia at 213 base / 255 rsu. what do i counter with',
        "make it firmer. i want them to know the number where i walk",
    )
    firm = turns[-1].answer
    assert "At $213K base, I commit. My floor is $198K base." in firm
    assert "Keep to yourself" not in firm  # (the floor is said, not kept private)


def test_a_region_corrected_stays_when_a_competing_offer_comes_in(coach):
    turns = converse(
        coach,
        'recruiter sent this: "For the DevOps Engineer role on our Sunnyvale team, the range is '
        'around $165K base, $90K in RSUs over 4 years, plus a 15% target bonus." is 165 base '
        "lowballing me?",
        "sorry just reread it, the team is seattle not sunnyvale. same question",
        "i have an amazon sysde offer at 285 tc. short firm counter pls",
        "the final loop has a behavioral round. who runs that one and what are they judging",
    )
    assert "Seattle" in turns[2].answer[:300] and "Sunnyvale" not in turns[2].answer[:300]
    assert turns[3].intent == "interview"
    assert "behavioral interview with a hiring manager" in turns[3].answer


def test_a_company_with_no_row_there_is_not_carried_beside_the_next(coach):
    turns = converse(
        coach,
        "relocating phoenix -> seattle. anyscale devops tc in seattle?",
        "ok what about alibaba's seattle office",
        "bonus there?",
    )
    assert turns[0].refused and "relocation" not in turns[0].answer
    assert "15%" in turns[2].answer and "Anyscale" not in turns[2].answer


def test_the_first_ask_names_the_component_answered(coach):
    answer = coach.ask(
        "alibaba beijing devops offer. what bonus % is normal there according to the guide? and "
        "can i ask for a retention bonus that pays out after year 2 in place of a sign on?"
    )
    assert "15–25%" in answer.answer


def test_a_count_asked_beside_example_questions_is_answered_first(coach):
    answer = coach.ask(
        "alibaba hangzhou devops interview - how many rounds and what do they ask in the coding one"
    )
    head = answer.answer[:500]
    assert "3 to 5" in head and "Questions the guide lists" in head
    assert head.index("3 to 5") < head.index("Questions the guide lists")


def test_more_of_a_component_no_lever_asks_for_gives_the_bands_figure(coach):
    answer = coach.ask(
        "can i negotiate the bonus percent? anyscale sf offer letter says target bonus 5%, i feel "
        "it is low. or better i ask something else, like signing?"
    )
    assert "asks for a higher bonus" in answer.answer[:200]
    assert "5–10%" in answer.answer[:300] and "$25K" in answer.answer


def test_an_offer_talked_through_turn_by_turn(coach):
    told, figures, judged, stock, words = converse(
        coach,
        "hi, i have an alibaba offer for devops in seattle",
        "base 165k, rsu 120k over 4 years, bonus 15%",
        "is this good?",
        "what about the stock, is it low?",
        "ok what should i say to the recruiter",
    )
    assert told.intent == "comp" and "$150K–$215K" in told.answer[:400]
    assert "I have an SRE offer" not in told.answer[:200]
    assert judged.answer.startswith("Your base ($165K)")
    assert stock.answer.startswith("Your stock ($120K over 4 years)")
    assert words.answer.startswith("Here is what to say on the phone")
    assert "base salary $165K" in words.answer  # the offer restated, from the user's figures
    assert words_to_say("ok what should i say to the recruiter")
    assert not words_to_say("what should i say in the alibaba interview when i dont know")


def test_how_far_to_push_after_an_offer_is_the_counters_ask(coach):
    _, push = converse(
        coach,
        "anyscale offered me 175k base and 140k rsu in sf",
        "how much higher can i push the base",
    )
    assert push.intent == "counter" and "ask for $213K" in push.answer[:300]


def test_what_interviews_focus_on_is_what_they_evaluate(coach):
    answer = coach.ask("what do alibaba devops interviews focus on")
    assert "four primary pillars" in answer.answer[:300]


def test_a_region_set_beside_the_last_one_is_compared_first(coach):
    turns = converse(
        coach,
        "whats the pay like for devops at alibaba",
        "and in beijing?",
        "how does that compare to hangzhou",
    )
    assert "Hangzhou (HQ) tops out CNY 50K higher" in turns[-1].answer.split("\n")[0]


def test_a_rival_held_at_figures_is_carried_to_the_lever_asked_next(coach):
    assert offer_from(normalize("i also have nvidia at 205k base"), "NVIDIA")
    offer, lever = converse(
        coach,
        "anyscale offer is 190k base, 150k rsu, 8% bonus in new york. i also have nvidia at 205k "
        "base",
        "which lever should i use",
    )
    assert "no figures or guide for NVIDIA" not in offer.answer
    assert lever.answer.startswith("The guide's lever for NVIDIA is **Competing Infrastructure")


def test_words_typed_one_letter_off_read_as_the_cue_and_the_guides_word(shipped_index):
    assert with_cues_spelled("how many rouns in alibaba interveiw") == (
        "how many round in alibaba interview"
    )
    assert with_cues_spelled("what should i wear") == "what should i wear"  # (English words)
    guides = Coach(shipped_index, backend="composer").catalog.guides
    assert "round" in spelled_out("how many rouns in alibaba interveiw", guides).split()
    assert "alibaba" not in spelled_out("alibab devops interview", guides).split()  # (a company)


def test_the_phone_script_asked_alone_still_says_the_scripts_equity_ask(coach):
    _, words = converse(
        coach,
        "anyscale sf came back with 198k base and called it their 'final'. i've got nvidia at 213 "
        "base / 255 rsu. do i just take it?",
        "what do i say to them then",
    )
    assert words.answer.startswith("Here is what to say on the phone")
    assert "The script also asks for $222K equity over 4 years" in words.answer[:400]


def test_an_employer_the_level_map_names_by_another_spelling_is_placed(coach):
    answer = coach.ask("what level is anyscale devops equivalent to at amazon")
    assert "names no Amazon level" not in answer.answer
    assert "AWS Infrastructure Engineer" in answer.answer.split("\n")[0]
