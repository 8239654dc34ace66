"""The plain-text interview guides of a benchmark corpus, like the scraped Alibaba one:
`interview_guide`.

A guide opens with "What is a <Role> at <Company>?", then getting ready, the evaluation pillars
("<Name> – <text>"), the process overview, topics with "Be ready to go over:" and "Example
questions or scenarios:" lists, key responsibilities, must-have and nice-to-have skills, common
questions, Q:/A: lines, tips and a summary that mentions pay.

Leaves out: comp tables and figures (interview guides carry none), the words (vocabulary.json)
and negotiation guides (negotiation.py).
"""

from __future__ import annotations

import random

from evals.bench.companies import Company, slug
from evals.bench.prose import Sentences, fill, guide_slots
from evals.bench.records import GeneratedGuide
from evals.bench.vocabulary import Role, vocabulary

_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


def interview_guide(rng: random.Random, company: Company, role: Role) -> GeneratedGuide:
    words = vocabulary()
    slots = guide_slots(rng, company, role)
    prose = Sentences(rng, slots)
    family = words.families[role[1]]
    role_name, company_name = role[0], company.name
    article = "an" if role_name[0] in "AEIOU" or role_name.startswith(("ML", "SRE")) else "a"
    lines = [f"What is {article} {role_name} at {company_name}?"]
    lines += [prose.paragraph(words.interview_intro, rng.randint(3, 4)) for _ in range(3)]

    lines.append("Getting Ready for Your Interviews")
    lines.append(prose.paragraph(words.interview_prep, rng.randint(2, 3)))
    pillars = rng.sample(family["pillars"], min(len(family["pillars"]), rng.randint(3, 4)))
    lines.append(
        f"Your interviewers will evaluate you based on {_NUMBER_WORDS[len(pillars)]} primary "
        "pillars:"
    )
    for name, text in pillars:
        description = fill(text, slots)
        lines.append(f"{name} – {description[0].upper()}{description[1:]}")

    lines.append("Interview Process Overview")
    lines += [prose.paragraph(words.interview_process, rng.randint(3, 4)) for _ in range(3)]

    lines.append("Deep Dive into Evaluation Areas")
    lines.append(
        "To succeed, you must demonstrate expertise across several areas. Based on candidate "
        "reports and job requirements, the following are heavily weighted."
    )
    topics = rng.sample(family["topics"], min(len(family["topics"]), rng.randint(3, 5)))
    for heading, intro_text, items, questions in topics:
        lines.append(heading)
        lines.append(fill(intro_text, slots))
        lines.append("Be ready to go over:")
        lines += [f"- {name}: {fill(desc, slots)}" for name, desc in items]
        lines.append("Example questions or scenarios:")
        lines += [f'- "{fill(question, slots)}"' for question in questions]

    lines.append("Key Responsibilities")
    lines.append(
        f"As {article} {role_name} at {company_name}, your day-to-day work mixes planned "
        "engineering with responding to what production tells you."
    )
    for name, text in rng.sample(words.responsibilities, rng.randint(3, 4)):
        lines.append(f"{name} {fill(text, slots)}")

    lines.append("Role Requirements & Qualifications")
    lines.append(
        "Successful candidates typically combine depth in one area with range across the stack."
    )
    lines.append("Must-have skills")
    lines += [f"- {fill(item, slots)}" for item in family["must"]]
    lines.append("Nice-to-have skills")
    lines += [f"- {fill(item, slots)}" for item in family["nice"]]

    lines.append("Common Interview Questions")
    lines.append(
        "The following questions are representative of what you might face. They are "
        "derived from candidate reports."
    )
    for heading, _, _, questions in [t for t in family["topics"] if t not in topics][:2]:
        lines.append(heading)
        lines += [f'- "{fill(question, slots)}"' for question in questions]
    lines.append("Behavioural and Culture")
    lines += [f'- "{question}"' for question in prose.take(words.behavioural_questions, 3)]

    lines.append("Frequently Asked Questions")
    for question, answer in rng.sample(words.faq, rng.randint(5, 7)):
        lines.append(f"Q: {fill(question, slots)} {fill(answer, slots)}")

    lines.append("Other General Tips")
    for name, text in rng.sample(words.tips, rng.randint(4, 5)):
        lines.append(f"{fill(name, slots)}: {fill(text, slots)}")

    lines.append("Summary & Next Steps")
    lines.append(prose.paragraph(words.interview_summary, 3))
    lines.append(prose.paragraph(words.interview_pay, 2))
    lines.append(f"You have the skills to tackle this challenge. Good luck with {company_name}!")
    text = "\n".join(lines) + "\n"
    return GeneratedGuide(
        file_name=f"{company.slug}-{slug(role_name)}-interview-prep.txt",
        company=company_name,
        role=role_name,
        kind="interview",
        text=text,
    )
