"""What a message pastes (an email quoted with ">", an offer letter's fields) is told, not
asked: the marks and the blanking, without the pipeline.

Leaves out: what the answers say (tests/test_told_context.py).
"""

from __future__ import annotations

from assistant.understanding.pasted import mark_pasted, without_pasted


def test_quoted_lines_and_field_runs_are_blanked_and_the_users_words_kept():
    text = (
        "copying the email:\n> Hi! Base is $171K.\n> Benefits: 401(k), PTO.\n\n"
        "Base: $182,000\nStart date: flexible\n\nwhat is the top of the band? note: in a hurry"
    )
    own = without_pasted(mark_pasted(text))
    assert "PTO" not in own and "Start date" not in own and "$182,000" not in own
    assert "copying the email:" in own and "top of the band?" in own
    assert "note: in a hurry" in own  # one field-like line alone is the user's


def test_a_sentence_in_quotes_is_pasted_but_a_quoted_word_is_not():
    own = without_pasted('she said "we never budge on base." is that true? is "tc" total comp?')
    assert "budge" not in own and '"tc"' in own


def test_a_single_quoted_message_is_pasted_but_a_quoted_word_is_not():
    hr = "hr: 'Congrats on passing the screen! We'll share the schedule.' how many rounds?"
    assert without_pasted(hr).split() == ["hr:", "how", "many", "rounds?"]
    said = "it's 'fair' they said. what's the base? i'm fine"
    assert without_pasted(said) == said
