"""The few styles the counter-offer email can be written in: the fixed words around its figures.

A style is the greeting, the thanks, the line before the asks, the closing and the sign-off,
and whether the email keeps its context lines (the market range, competing offers, the total).
"standard" is the default; "short", "friendly" and "formal" are what a user asks for in the chat
("make the email shorter", "friendlier", "more formal"); "phone" is not an email style but the
request for the phone script (assistant.understanding.draft_request). Every style fills in the
same figures: a style never adds or drops an ask.

Leaves out: the figures and their citations (assistant.engine.drafts) and recognizing a
request (assistant.understanding.draft_request).
"""

from __future__ import annotations

from dataclasses import dataclass

STYLES = ("standard", "short", "friendly", "formal", "phone", "email")  # email: as standard, alone
STYLE_WORDS = {  # how an answer names the style it wrote
    "standard": "",
    "short": "shorter",
    "friendly": "friendlier",
    "formal": "more formal",
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


EMAIL_STYLES = {
    "standard": EmailStyle(
        greeting="Hi [recruiter's name],",
        thanks="Thank you for the offer for the {role} role{where}",
        keen="I am excited about {company} and want to make this work.",
        before_asks="To accept, I am asking for:",
        closing="If we can get there, I am ready to sign.",
        sign_off="Best regards,",
    ),
    "short": EmailStyle(
        greeting="Hi [recruiter's name],",
        thanks="Thank you for the {role} offer",
        keen="",
        before_asks="To accept, I am asking for:",
        closing="If we can get there, I am ready to sign.",
        sign_off="Best,",
        context=False,
    ),
    "friendly": EmailStyle(
        greeting="Hi [recruiter's name]!",
        thanks="Thanks so much for the offer for the {role} role{where}, and for all your help "
        "so far",
        keen="I'm really excited about {company} and the team, and I'd love to make this work.",
        before_asks="Would you be open to the following?",
        closing="If we can get there, I'd be delighted to sign. Thanks again, and I look forward "
        "to hearing from you!",
        sign_off="Warmly,",
    ),
    "formal": EmailStyle(
        greeting="Dear [recruiter's name],",
        thanks="Thank you for extending the offer for the position of {role}{where}",
        keen="I appreciate your time and remain very interested in joining {company}.",
        before_asks="I would be grateful if you would consider the following revised terms:",
        closing="Should these terms be acceptable, I would be pleased to accept the offer.",
        sign_off="Yours sincerely,",
    ),
}


def email_style(style: str) -> EmailStyle:
    """The email style by name; the standard one for any other name (the phone script too)."""
    return EMAIL_STYLES.get(style, EMAIL_STYLES["standard"])
