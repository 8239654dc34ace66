"""The few styles the counter-offer email can be written in: the fixed words around its figures.

A style is the greeting, the thanks, the line before the asks, the closing and the sign-off,
and whether the email keeps its context lines (the market range, competing offers, the total).
"standard" is the default; "short", "friendly", "formal" and "firm" are what a user asks for
in the chat ("make the email shorter", "friendlier", "more formal", "firmer": which closes as
the guides' scripts do, with the base asked and the walk-away floor); "phone" is not an email
style but the request for the phone script (assistant.understanding.draft_request). Every style
fills in the same figures: a style never adds or drops an ask.

The fixed words are data (email_styles.json). Leaves out: the figures and their citations
(assistant.engine.drafts) and recognizing a request (assistant.understanding.draft_request).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files

STYLES = ("standard", "short", "friendly", "formal", "firm", "phone", "email")  # email: alone
STYLE_WORDS = {  # how an answer names the style it wrote
    "standard": "",
    "short": "shorter",
    "friendly": "friendlier",
    "formal": "more formal",
    "firm": "firmer, with your walk-away floor",
    "phone": "as what you say on the phone",
    "email": "",
}


@dataclass(frozen=True)
class EmailStyle:
    greeting: str
    thanks: str  # "{role}", "{where}", "{company}" are filled in
    keen: str
    before_asks: str
    closing: str
    sign_off: str
    context: bool = True  # the market range, competing offers and total are written
    commits: bool = False  # closes as the guides' scripts do: "At $213K, I commit. My floor is…"


EMAIL_STYLES = {  # the fixed words of each email style, kept as data
    name: EmailStyle(**words)
    for name, words in json.loads(
        files(__package__).joinpath("email_styles.json").read_text(encoding="utf-8")
    ).items()
}


def email_style(style: str) -> EmailStyle:
    """The email style by name; the standard one for any other name (the phone script too)."""
    return EMAIL_STYLES.get(style, EMAIL_STYLES["standard"])
