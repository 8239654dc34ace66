"""Whether a company the message names is the user's own employer (where they work now, are
leaving, or worked: "I'm an L5 SRE at Google", "coming from tencent"), or only the kind of
company theirs is ("a shopee-type co"): their background, not a company asked about; and
whether a message asks the pay of such a company ("what does stripe pay here?").

Leaves out: which company the question is about (assistant.understanding.subject) and whether
the corpus has a guide for the name (assistant.understanding.unknown_names).
"""

from __future__ import annotations

import re

from assistant.understanding.asks import asked_sentences

# the user's own employer, named after how they say they work (or worked) there ("I'm an L5
# SRE at Google right now", "coming from a P7-equivalent role at tencent", "I was SRE at shopee")
_USERS_EMPLOYER = re.compile(
    r"\b(?:coming from|come from|moving from|leaving|currently at|work(?:ing)? at|"
    r"(?:role|job|position|team) at|(?:previously|formerly|used to (?:work|be)) at|"
    r"(?:i'?m|i was|i used to be|currently|right now) (?:an? |the )?(?:[\w()/-]+ ){0,3}at|"
    # what the user did there: "i ran autoscaling for 11.11-style flash sales at jd.com"
    r"i (?:ran|built|led|managed|owned|scaled|handled|designed) (?:[\w./'-]+ ){0,8}at)"
    r"\s+(?:[\w-]+ ){0,4}$",
    re.I,
)


def users_employer(question: str, name: str) -> bool:
    """Whether `name` is named as where the user works now (or is leaving), or only to say what
    kind of company that is ("a shopee-type ecommerce co"), not as a company asked about: named
    again where the message asks, it is asked about ("i work at stripe in dublin. what does
    stripe pay devops engineers here?")."""
    found = [m.start() for m in re.finditer(re.escape(name.lower()), question.lower())]
    if not found or not _told_as_employer(question, found[0], name):
        return False
    asking = asked_sentences(question)
    return not any(
        not _told_as_employer(question, at, name) and _sentence_at(question, at) in asking
        for at in found[1:]
    )


def told_as_employer(question: str, name: str) -> bool:
    """Whether `name` is first named as where the user works ("im staff SRE (L6) at google"),
    whatever the message asks of it later ("which google level is it?")."""
    found = question.lower().find(name.lower())
    return found >= 0 and _told_as_employer(question, found, name)


def _told_as_employer(question: str, at: int, name: str) -> bool:
    sentence = re.split(r"[.!?](?=\s|$)|\n", question[:at])[-1]  # (not "11.11-style")
    kind = re.match(r"[\s-]*(?:type|like|style|esque|sized?)\b", question[at + len(name) :], re.I)
    return bool(_USERS_EMPLOYER.search(sentence) or kind or _BACKGROUND.search(sentence))


def _sentence_at(question: str, at: int) -> str:
    """The sentence of the message the position falls in, stripped."""
    start = max(question.rfind(c, 0, at) for c in ".!?\n") + 1
    ends = [i for i in (question.find(c, at) for c in ".!?\n") if i >= 0]
    return question[start : min(ends, default=len(question))].strip()


_BACKGROUND = re.compile(
    r"\b(?:my|whole|the) background\b|\bi(?:'ve| have)? (?:spent|worked)\b", re.I
)


def pay_asked_of(companies: list[str], question: str) -> bool:
    """Whether a sentence that asks names one of the companies with its pay after it ("what
    does stripe pay", "stripe's base"), not as an offer or the user's background."""
    asking = asked_sentences(question)
    return any(
        re.search(rf"\b{re.escape(n)}(?:'s)?\s+(?:\w+\s+){{0,2}}?{_PAY_AFTER}", asking, re.I)
        for n in companies
    )


_PAY_AFTER = r"(?:pay|pays|paying|salary|salaries|base|comp|compensation|tc|bands?|ranges?)\b"
