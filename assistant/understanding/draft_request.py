"""Whether a chat turn asks to restyle the counter-offer draft, and in which style.

"make the email shorter", "can you make it friendlier?", "more formal please", "make it
firmer", "rewrite the draft to be more professional", "turn it into what I say on the phone"
ask for the previous draft again in another style (assistant.engine.draft_styles), from the
same figures. A request names a style word and either a draft ("email", "draft", "message",
"script") or a restyling verb ("make it …", "rewrite it …"); a question that merely mentions a
phone screen or a script ("give me a script to counter") is not one. `asks_for_a_draft`:
whether a message asks for a reply to be drafted at all ("draft me a reply to the recruiter").

Leaves out: whether the conversation has a draft to restyle (the coach knows its offer) and
the styles' wording (assistant.engine.draft_styles).
"""

from __future__ import annotations

import re

_DRAFT = r"(?:e-?mail|draft|message|letter|note|script|reply|response)"
_RESTYLE = (
    r"(?:make|making|rewrite|re-write|redo|reword|rephrase|turn|change|write|put|keep|convert|say)"
)
_FIRM = re.compile(  # "make it firmer", "more assertive", "a firm reply"
    r"\b(?:firmer|stronger|more (?:firm|assertive|direct|forceful|confident)|"
    r"less (?:soft|apologetic|timid|hedged|wishy[- ]washy)|"
    r"(?:firm|assertive) (?:version|e-?mail|message|reply|draft|counter|tone))\b",
    re.I,
)
_SHORT = re.compile(
    r"\b(?:shorter|briefer|more (?:brief|concise)|concise|shorten|trim)\b"
    r"|\b(?:short|brief) (?:e-?mail|version|message|note|reply|draft)\b"  # "short email"
    r"|\bin (?:\d|one|two|three|four|five|a few) (?:sentences?|lines?)\b"  # "in 3 lines"
    # ("now in one paragraph", "make it one paragraph")
    r"|\b(?:(?:in|as|into|to) (?:just |only )?(?:a short|a)|1|one|a single) paragraph\b"
    r"|\b(?:\d|one|two|three|four|five)(?:-\d)? (?:sentences?|lines?) (?:text|msg|message|"
    r"slack|dm|e-?mail|note)"  # ("turn that into a 2 sentence text msg")
    r"|\b(?:text|slack|sms) (?:msg|message)\b"
    # ("way too long lol. 3 sentences max")
    r"|\btoo (?:long|wordy|verbose)\b|\b(?:\d|one|two|three|four|five) (?:sentences?|lines?) "
    r"(?:max|tops|at most|or less)\b",
    re.I,
)
_FRIENDLY = re.compile(
    r"\b(?:friendlier|warmer|more (?:friendly|warm|casual|relaxed|personal)|less formal"
    r"|less (?:stiff|pushy|aggressive|demanding|blunt|harsh|threatening)|casual)\b"
    # ("rewrite it so it doesnt read like a threat")
    r"|\b(?:does ?n[o']?t|not) (?:read|sound|come across|come off) (?:like|as) "
    r"(?:a threat|an ultimatum|threatening|pushy|aggressive|demanding)\b",
    re.I,
)
_STYLES = (
    (
        "phone",
        re.compile(
            r"\b(?:turn|make|convert|change|rewrite|put)\b.{0,30}\b(?:into|as|to|for)\b.{0,30}"
            r"\b(?:phone|call)\b"
            r"|\bwhat (?:do |should |would )?i (?:say|tell them) on the (?:phone|call)\b.{0,20}"
            r"\binstead\b"
            r"|\b(?:phone|call) version\b"
            # ("they want to do it over the phone instead. can u make it talking points")
            r"|\b(?:make|turn|convert|change|rewrite|put|give me)\b.{0,20}\btalking points\b"
            r"|\b(?:over|on) the (?:phone|call)\b.{0,20}\binstead\b",
            re.I,
        ),
    ),
    ("short", _SHORT),
    ("friendly", _FRIENDLY),
    (
        "formal",
        re.compile(
            r"\b(?:more (?:formal|professional|polite|politely|respectful)|politer|formal|"
            r"professional|less (?:casual|rude|entitled))\b",
            re.I,
        ),
    ),
    ("firm", _FIRM),
)
_NAMES_A_DRAFT = re.compile(rf"\b(?:{_DRAFT}|version|wording|tone|phrasing)s?\b", re.I)
_RESTYLES_IT = re.compile(rf"\b{_RESTYLE}\b\s+(?:it|this|that|the (?:text|wording))\b", re.I)
_BARE = re.compile(
    r"^\s*(?:(?:a bit|a little|much|bit|please|now|and|but|even|way|a lot|lot)\s+)*"
    r"(?:shorter|friendlier|warmer|briefer|firmer|stronger|more \w+|less \w+|too (?:long|wordy)"
    r"|(?:just |only )?in (?:\d|one|two|three|four|five|a few) (?:sentences?|lines?)"
    r"|(?:just |only )?(?:in|as) (?:1|one|a single|a short|a) paragraph"
    r"|(?:\d|one|two|three|four|five) (?:sentences?|lines?) (?:max|tops|at most|or less))"
    r"(?:\s+(?:please|pls|thanks|now|lol|haha))*[\s.!?]*"
    # ("more polite pls, 'i'd like' sounds entitled", "shorter + less formal pls")
    r"(?:(?:[,;:—–+&-]|\band\b)\s*[^,;:?]{0,60}){0,2}[.!]?$",
    re.I,
)
MAX_REQUEST_CHARS = 200  # a restyle request is a short message; a long one is a new question


# "write me the email", "can I get the email draft?", "write my counter as an email", "write
# that up as an email", "turn it into an email": the email as it is, on its own
_EMAIL_ASKED = re.compile(
    r"\b(?:write|draft|give|send|show|get|put|turn|make)(?: me)?"
    r"(?: (?:the|an|a|that|my|this|it))?(?: up)? (?:(?:short|quick|brief|polite|friendly|"
    r"formal|professional|firm|nice|simple) ){0,2}"  # ("write me a short polite email")
    r"(?:(?:counter(?:[- ]offer)?|reply|response) )?(?:(?:as|in|into) )?(?:an? )?e-?mail"
    r"(?: draft)?\b"
    # a message of nothing else: "email it", "email version pls", "ok the email"
    r"|^\W*(?:(?:ok|okay|now|so|and)\W+)?(?:e-?mail (?:it|that|this|version)|(?:the |an )?e-?mail"
    r"(?: draft)?)(?:\W+(?:please|pls|thx|thanks))?\W*$",
    re.I,
)


# "draft me a reply to the recruiter, use my numbers", "write my counter email": a draft asked
_DRAFT_ASKED = re.compile(
    r"\b(?:write|draft|compose)(?: me| us| up)? (?:the|an|a|my|our) (?:(?:short|quick|brief|"
    r"polite|friendly|formal|professional|firm|nice|simple) ){0,2}(?:counter(?:[- ]offer)? )?"
    r"(?:e-?mail|reply|response|message|note|counter(?:[- ]?offer)?)\b",
    re.I,
)


def asks_for_a_draft(message: str) -> bool:
    """Whether the message asks for a reply, an email or a counter to be drafted ("draft me a
    reply to the alibaba recruiter pls, use my numbers…"): with an offer given, the counter."""
    return bool(_DRAFT_ASKED.search(message or ""))


# "ok what should i say to the recruiter", "how do i word it?": the words for the offer talked of
_WORDS_TO_SAY = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|alright|right)\W+)?(?:what|how) (?:should|do|would|can) i "
    r"(?:say|tell (?:them|the recruiter|her|him)|word it|phrase it|reply|respond)"
    r"(?: to (?:the recruiter|them|her|him|hr|the hiring manager))?(?: now| then)?"
    r"(?: when i (?:call|phone|ring|talk to|speak to|get back to) (?:them|the recruiter|her|him)"
    r"(?: back)?| (?:on|over) the (?:phone|call)(?: tomorrow| today| later)?)?\W*$"
    # "and how do i say that without rambling, give me the lines", "just give me the words"
    r"|^\W*(?:(?:ok(?:ay)?|so|and|alright|right)\W+)?(?:how|what) (?:should|do|would|can) i "
    r"(?:say|word|phrase) (?:it|that|this)(?: without [\w' ]{1,30})?"
    r"(?:\W+(?:just )?give me the (?:lines|words|wording))?\W*$"
    r"|^\W*(?:(?:ok(?:ay)?|so|and|now)\W+)?(?:just )?give me the (?:exact )?"
    r"(?:lines|words|wording)(?: to say)?\W*$",
    re.I,
)


def words_to_say(message: str) -> bool:
    """Whether the message asks only what to say ("ok what should i say to the recruiter"):
    with an offer talked of, the phone script from its figures."""
    return bool(_WORDS_TO_SAY.match(" ".join((message or "").split())))


def draft_style_requested(message: str) -> str | None:
    """The style ("short", "friendly", "formal", "firm" or "phone") a turn asks the draft in,
    "email" for the email as it is, or None."""
    text = " ".join((message or "").split())
    if not text or len(text) > MAX_REQUEST_CHARS:
        return None
    for style, pattern in (*_STYLES, ("email", _EMAIL_ASKED)):
        if not pattern.search(text):
            continue
        if style in ("phone", "email") or _NAMES_A_DRAFT.search(text) or _RESTYLES_IT.search(text):
            return style
        # "shorter please", "a bit more formal"; "warmer pls. i really want anyscale" (the
        # request first, what the user tells after it)
        first, *rest = re.split(r"(?<=[.!?])\s+", text)
        if _BARE.match(text) or (_BARE.match(first) and "?" not in " ".join(rest)):
            return style
    return None
