"""A message read as the user wrote it, through the real pipeline (real MiniLM, Chroma on
disk, the built-in composer) and as pure rules:

- an emoji ends a sentence ("…onsite stage 🎉 what's the onsite actually like"), and a told part
  as long as the ask does not crowd the passage asked for out of the retrieval: the onsite's
  rounds lead, not what the job is;
- the company whose loop the user goes through is the one told beside interview words in the
  sentence after it too ("got through the anyscale recruiter call 🎉 next is … a 'virtual
  onsite'"), even when the only prep found is another company's: the lack of its interview
  guide is said first;
- a term of art no guide uses, asked with no company and of no pay or interviews ("is the CKA
  cert worth it?"), is refused with the term named; asked of a round ("can i use rust in the
  coding round?") it is named and what the guides hold follows;
- an employer written as its ticker ("goog", "msft") is that employer: "got goog l4 sre offer"
  is a competing offer, whose lever is named first, and the SRE title is Google's.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest

from assistant.coach import Coach
from assistant.understanding.asks import sentences_that_ask
from assistant.understanding.companies_asked import beside_interviews
from assistant.understanding.subject import offer_near
from assistant.understanding.tables import EMPLOYER_SPELLINGS


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_an_emoji_ends_a_sentence():
    sentences, asks = sentences_that_ask("got to the onsite stage 🎉 what's the onsite like")
    assert sentences == ["got to the onsite stage 🎉", "what's the onsite like"]
    assert asks == [False, True]


def test_a_company_is_beside_interview_words_said_in_the_next_sentence_only_when_asked_to():
    text = "got through the anyscale recruiter call 🎉 next is a 'virtual onsite'."
    assert beside_interviews(text, ["Anyscale"]) == []
    assert beside_interviews(text, ["Anyscale"], goes_on=True) == ["Anyscale"]
    other = "anyscale deadline is in 6 days. alibaba still has my last round next week"
    assert beside_interviews(other, ["Anyscale", "Alibaba"], goes_on=True) == ["Alibaba"]


@pytest.mark.integration
def test_a_told_part_does_not_crowd_out_the_onsite_asked(coach):
    answer = coach.ask(
        "cs senior, got to the alibaba cloud devops onsite stage 🎉 what's the onsite actually like"
    )
    assert "3 to 5 back-to-back rounds" in answer.answer[:300]


@pytest.mark.integration
def test_the_loop_gone_through_is_the_subject_not_the_prep_found(coach):
    answer = coach.ask(
        "got through the anyscale recruiter call for devops 🎉 next is what she called a "
        "'technical deep dive' and then a 'virtual onsite'. will they go deep on ray internals "
        "(raylet, GCS, object store) or is it generic k8s/terraform stuff? and how long is the "
        "onsite, like number of sessions? all the prep material i can find is alibaba's which "
        "is a diff company obviously"
    )
    first = answer.answer.split("\n", 1)[0]
    assert "Anyscale" in first and "interview guide" in first
    assert "3 to 5" not in answer.answer


@pytest.mark.integration
def test_a_term_no_guide_uses_asked_of_no_company_is_refused_naming_it(coach):
    answer = coach.ask("is the CKA cert worth it for landing devops jobs in general")
    assert answer.refused and "CKA" in answer.answer.split("\n", 1)[0]
    held = coach.ask("can i use rust in the coding round?")
    assert not held.refused and "rust" in held.answer.split("\n", 1)[0]


def test_an_employer_written_as_its_ticker_is_that_employer():
    assert EMPLOYER_SPELLINGS["google"] == ("google", "goog", "googl")
    assert "azure" not in EMPLOYER_SPELLINGS["microsoft"]  # (a cloud the user may have run on)
    assert offer_near("got goog l4 sre offer ~290 tc", ["Google"])


@pytest.mark.integration
def test_a_rivals_offer_written_as_its_ticker_gets_the_lever_for_it(coach):
    answer = coach.ask(
        "got goog l4 sre offer ~290 tc. which alibaba lever uses that + the exact line to say"
    )
    assert answer.answer.startswith("The guide's lever for Google is **Cloud/SRE Offer**")
