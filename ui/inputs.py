"""Every text the page sends, made clean once before a handler uses it: the chat question, the
workbench's fields, the other offers of "Year by year", the exchange rate, rehearsal replies and
uploaded file names.

`field_text(value, label, limit)` is assistant.text_input.clean (lone surrogates and bytes that
are not UTF-8 replaced with U+FFFD, control characters removed) plus a length limit: an overlong
value raises `InputProblem` naming the field and its limit, which the handler shows as a message
(never a traceback, never "Something went wrong"). A value that is not text at all (a number or
a list sent through the API) is refused the same way.

Leaves out: what a field means (the engine reads amounts and offers) and escaping for display
(ui.render).
"""

from __future__ import annotations

from typing import Any

from assistant.errors import CoachError
from assistant.text_input import clean

MAX_AMOUNT_CHARS = 100  # "$175,000", "CNY 1.2M", "5%": short
MAX_PLACE_CHARS = 200  # a company or region name
MAX_OFFER_CHARS = 1000  # an offer written as a sentence, or the competing offers
MAX_FILE_NAME_CHARS = 255


class InputProblem(CoachError):
    """A value from the page that cannot be used as it is: its message says which and why."""


def field_text(value: Any, label: str, limit: int) -> str:
    """The value as clean, stripped text; InputProblem when it is not text or over `limit`."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise InputProblem(f"{label}: expected text, got {type(value).__name__}.")
    text = clean(value).strip()
    if len(text) > limit:
        raise InputProblem(
            f"{label} is {len(text):,} characters long; keep it under {limit:,} characters."
        )
    return text


def file_name(name: str) -> str:
    """An uploaded file's name, clean and at most MAX_FILE_NAME_CHARS long."""
    return field_text(name, "The file name", MAX_FILE_NAME_CHARS)
