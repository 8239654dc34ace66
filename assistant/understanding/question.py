"""What a question asks, by rules and data (no model): intent, names, what the talk implies.

`understand(question, catalog, state)` reads one user turn in the light of the conversation so
far and returns an `Understanding`: the intent (comp, counter, lever, interview, general,
out_of_scope), the indexed company and region it names (assistant.understanding.entities finds
them: case- and typo-tolerant, with aliases such as SF, NYC, Sunnyvale), names it uses that the
corpus does not hold (an unknown company, a region with no row), the currency and pay
component, a retrieval query rewritten from the conversation state ("and in London?" after an
Anyscale question becomes an Anyscale London question; "what about the bonus?" keeps company
and region), and everything later stages need from the words themselves (a level-mapping, an
interview or an example-questions question, a comparison, each compared company's region, the
regions named): the question is read here once, and retrieval and composing read the fields.

Leaves out: finding names and places (assistant.understanding.entities), replaying talks
(assistant.understanding.conversation), offer figures (the engine's) and other languages."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.understanding.about_last import asks_about_last, refers_to_last
from assistant.understanding.asks import (
    ABOUT_LAST_MAX_WORDS,
    ADDS_TO,
    COMPARES,
    FIXED_COMPONENT,
    FOLLOWUP_LEAD,
    MAKES_AN_ARTEFACT,
    ONE_LEVER_ASKED,
    REFERENCE,
    SAME_AGAIN,
    WHICH_OF_THEM,
    asked_sentences,
    components_named,
    fixed_component,
    foreign_words,
    part_asked_of_the_place,
    places_asked,
    sentences_that_ask,
    topics_asked,
    with_remote_work,
)
from assistant.understanding.companies_asked import (
    companies_asked,
    interview_subject,
    places_of_the_subject,
    the_other_company,
)
from assistant.understanding.corrections import (
    corrects,
    negated_places,
    repeats,
    without_names,
    without_repeat_cues,
)
from assistant.understanding.currency_place import currency_region
from assistant.understanding.draft_request import asks_for_a_draft, draft_style_requested
from assistant.understanding.employer import users_employer
from assistant.understanding.entities import (
    Catalog,
    companies_in,
    contains_phrase,
    find_component,
    find_currency,
    find_role,
    first_component,
    match_region,
    normalize,
)
from assistant.understanding.frame import ConversationState, Understanding  # (also from here)
from assistant.understanding.intents import (
    EXAMPLE_WORDS,
    INTERVIEW_TOPIC,
    ONE_CUE,
    asked_of_a_place,
    asks_for,
    asks_for_examples,
    asks_for_sources,
    best_intent,
    cues_none,
    gives_money,
    intent_scores,
    intents_asked,
    is_small_talk,
    lever_asked_by_place,
    may_give_money,
    quotes_pay,
)
from assistant.understanding.level_steps import with_level_stepped
from assistant.understanding.off_topic import off_topic_turn
from assistant.understanding.place_names import place_words, places_in
from assistant.understanding.regions_again import compared_now, region_before, regions_again
from assistant.understanding.remote_place import remote_from
from assistant.understanding.subject import (
    REFERS_BACK,
    asked_elsewhere,
    context_names_in,
    figures_of_others,
    given_as_context,
    gives_amounts,
    guide_name_as_context,
    offer_near,
    only_company_with,
    outside_companies,
    owner_of_levels,
    place_of_turn,
    regions_by_company,
    rewritten_query,
    rival_after_own_offer,
    rival_told,
    speaks_of_competing_offer,
)
from assistant.understanding.tables import JOB_WORDS, LEVEL_PHRASES, STOPWORDS, names_levels
from assistant.understanding.titles import asks_levels, level_asked, levels_asked, role_asked
from assistant.understanding.told_topics import asked_topics
from assistant.understanding.unknown_names import find_unknown_company
from assistant.understanding.words import mixes_another_language, spelled_out

_JOB = re.compile(rf"\b(?:{'|'.join(map(re.escape, JOB_WORDS))})\b")  # "devops", "role"
_THAT_JOB = re.compile(r"\b(?:that|this) (?:\w+ )?(?:job|role|position)\b", re.I)
_THEY_PAY_FOR_IT = re.compile(r"\bpay\w* (?:\w+ )?(?:for|on) (?:it|that|this|them)\b")


def understand(
    question: str, catalog: Catalog, state: ConversationState | None = None, typed: str = ""
) -> Understanding:
    """Read one user turn in the light of the conversation state. `typed`: the message as
    typed, lines kept, when `question` is it cleaned: what it pastes (an email, an offer
    letter's fields) names no topic asked about."""
    state = state or ConversationState()
    question = with_level_stepped(question, state.level)  # ("one level up?" after P6: P7)
    normalized = normalize(catalog.in_latin(question))  # ("阿里云": Alibaba)
    correcting = bool(state.turns) and corrects(question)  # (what it takes back is not asked)
    kept_text = negated_places(question)[0] if correcting else question
    kept = normalize(kept_text) if correcting else normalized  # ("…, not alibaba": taken back)
    named = companies_in(kept, catalog)
    named = named or the_other_company(normalized, state, catalog)  # "and the other company?"
    # Companies named as context ("I ran production on AWS, GCP and Azure") are not its subject
    named, context_companies = companies_asked(question, normalized, named, state, catalog)
    elsewhere = asked_elsewhere(kept_text, catalog) if named else None
    if elsewhere:  # "did alibaba's loop last month. does grab do a system design round?"
        context_companies, named = named, []
    company = named[0] if named else None
    unknown_company = None if company else elsewhere or find_unknown_company(kept_text, kept)
    context_names: tuple[str, ...] = tuple(context_companies)
    # mid-talk about an offer, "amazon came back with 270k tc.": a rival's offer, told
    told = bool(unknown_company and state.company and rival_told(kept_text, unknown_company, state))
    if unknown_company and (  # "what if I had an NVIDIA offer?"
        told or given_as_context(question, unknown_company, catalog, state.company)
    ):
        shown = catalog.guides.names.get(unknown_company.lower(), (unknown_company,))[0]
        context_names, unknown_company = (shown,), None  # as the guides write it ("NVIDIA")
    elif not unknown_company and not context_names:
        rival = guide_name_as_context(question, normalized, catalog, state.company)
        context_names = (rival,) if rival else ()
    scores = intent_scores(SAME_AGAIN.sub(" ", normalized), may_give_money(question))  # ("same
    scored = kept_text  # question tho": the words that ask again say nothing of what is asked)
    asking = asked_sentences(kept_text)  # "another offer expires soon. how long does it take?"
    if asking != kept_text:  # the sentence that asks decides, when it says what it asks
        asked = intent_scores(SAME_AGAIN.sub(" ", normalize(asking)), may_give_money(asking))
        told_loop = best_intent(scores) == "interview"  # a pasted loop, "passed the screen"
        amounts = gives_amounts(kept_text)
        # ("…a round is 'incident response'. what should i expect", "…a weak answer?": the loop's)
        of_the_story = REFERS_BACK.search(asking) and max(asked.values()) <= ONE_CUE and not amounts
        of_the_loop = (
            told_loop and (asked["interview"] > 0 or of_the_story) and not components_named(asking)
        )
        if of_the_loop:
            pass  # (the told loop's intent stands)
        elif best_intent(asked) not in ("out_of_scope", "general" if told_loop else ""):
            scores, scored = asked, asking
        elif names_levels(normalize(asking)):
            scores = {**{i: 0.0 for i in scores}, "general": 1.0}  # "…map my level?"
        elif told_loop:
            pass  # "…onsite (4 x 50 min): … what is each of those sessions grading me on?"
        elif (named or _THAT_JOB.search(asking)) and _JOB.search(normalize(asking)) and not amounts:
            # "does anyscale's devops role involve that? … for the comp convo", "does that TPM
            scores = {**{i: 0.0 for i in scores}, "general": 1.0}  # job need mandarin?": the job
        elif state.intent and REFERS_BACK.search(asking) and not amounts:
            if cues_none(asking, scores):  # "…can they go faster?": the talk goes on
                scores = {**{i: 0.0 for i in scores}, state.intent: 1.0}  # (not "lever-wise, …")
    if quotes_pay(scored):
        scores = {**scores, "comp": scores["comp"] + 1.5}  # "base in sf is like 168 to 218k"
    intent = best_intent(scores, scored)  # (of equals, the one asked first)
    if not any(scores.values()) and gives_money(kept_text):
        intent = "comp"  # no cue word but an amount: "alibaba bangalore devops 40 lakh ok?"
    repeat_free = intent_scores(without_repeat_cues(normalized), False)  # ("same q pls")
    weak_cues = not any(v for k, v in repeat_free.items() if k != "general")  # (no word asks)
    level_question = asks_levels(question, normalized, unknown_company, state, catalog)
    if unknown_company and level_question and state.company:
        unknown_company = None  # "what level is that at Google?" compares; the subject stays
    if intent == "out_of_scope" and (company or _JOB.search(normalized)):
        intent = "general"  # about a company of the corpus, or about the job: in scope
    intent = asked_of_a_place(scores, normalized, kept_text, company, state) or intent  # "sg?"
    if intent == "interview" and len(named) + len(context_names) > 1:  # (its interviews first)
        named, context_names = interview_subject(question, named, context_names, catalog)
        company = named[0] if named else company
    if MAKES_AN_ARTEFACT.search(question):
        intent = "out_of_scope"  # "write me a kubernetes deployment yaml": work, not coaching
    elif asks_for_a_draft(question) and gives_amounts(kept_text):  # ("draft me a reply…, 172k
        intent = "counter"  # base… i have a google SRE L4 offer": the counter, not the L4)
    # "base not stock": base; "I care more about base than RSUs. Which lever…?": the one asked
    component = first_component(sentences_that_ask(asking)) or find_component(kept_text)
    foreign = foreign_words(normalized, catalog) if intent == "out_of_scope" else []
    if foreign and catalog.knows_most(foreign):
        intent = "general"  # "what is Apsara?": words of the guides themselves
    repeating = bool(state.turns) and repeats(question) and not topics_asked(question)
    back = correcting or repeating
    redo = repeating or (correcting and bool(places_in(negated_places(question)[1])))  # (where)
    off_topic = intent == "out_of_scope" and off_topic_turn(
        question,
        normalized,
        kept_text,
        foreign,
        state,
        catalog,
        component=component,
        names_company=bool(named),
        goes_back=back,
    )
    short = len(normalized.split()) <= 6 or len(asking.split()) <= 2  # ("any sql? i use pg")
    followup = bool(
        state.turns
        # (the same company named again: "…alibaba hangzhou instead", "the alibaba one is seattle")
        and (not company or (company == state.company and (FOLLOWUP_LEAD.search(question) or redo)))
        and not unknown_company
        and not off_topic
        and (
            FOLLOWUP_LEAD.search(question)
            or ADDS_TO.search(question)
            or REFERENCE.search(normalized)
            or re.search(r"\b(?:they|them|their|theirs)\b", normalized)  # "…normal for them?"
            or short
            or back
            or intent in ("counter", "lever", "out_of_scope")
            or mixes_another_language(question)  # ("y eso en dolares?": its "that" unread)
            or (state.intent == "lever" and lever_asked_by_place(question))  # "the second one"
            or (  # ("could i push the bonus up to 25%?" after a hangzhou offer: its bonus)
                state.intent in ("comp", "counter")
                and part_asked_of_the_place(kept_text, component)
            )
        )
    )
    # Inherit the intent on a follow-up that says none ("and in London?", "and a P7?" after pay)
    level_in_words = any(
        contains_phrase(normalized, p) for p in LEVEL_PHRASES if not re.search(r"\d", p)
    )
    if followup and state.intent and not level_in_words:
        asks_again = intent == "general" and (
            component
            or places_in(kept_text)
            or level_asked(question, catalog.guides.level_prefixes)
            or lever_asked_by_place(question)  # ("the second one?" after the levers)
            or find_currency(question)  # ("in dollars?" after the London base)
        )
        about_last = not any(scores.values()) and refers_to_last(normalized)  # "how long is it?"
        fixes_figure = correcting and gives_amounts(kept_text)  # ("oops, base is 165 not 156")
        own_cue = not weak_cues and (state.intent, intent) != ("counter", "comp")  # ("…pay?")
        again = correcting and not (component or own_cue) or fixes_figure or repeating and weak_cues
        of_the_loop = state.intent == "interview" and cues_none(asking, scores)  # "any sql?"
        by_place = state.intent == "lever" and lever_asked_by_place(question)  # "2nd, its base?"
        if intent == "out_of_scope" or asks_again or about_last or again or of_the_loop or by_place:
            intent = state.intent
        if asks_for(question, state.intent, component):
            intent = "counter"  # ("and the rsu ask?" mid-talk: the counter's ask for it)
    # "how does that compare to alibaba in seattle?": the last answer, beside another company
    refers = REFERENCE.search(normalized) or COMPARES.match(question.strip())
    compares_last = bool(COMPARES.search(question) and refers)
    if (
        company
        and company != state.company
        and state.intent
        and (
            (short or repeating)
            and FOLLOWUP_LEAD.search(question)
            or SAME_AGAIN.search(question)
            or correcting  # "wrong tab, the beijing posting is alibaba's not anyscale's"
            or (short and not any(scores.values()))  # "alibaba seattle for comparison"
            or compares_last
        )
        and (
            intent in ("general", "out_of_scope")
            or ((weak_cues or intent == state.intent) and SAME_AGAIN.search(question))
        )
        and not component
        and not topics_asked(question)  # ("what about wlb, alibaba vs anyscale": a new topic)
    ):
        intent = state.intent  # "and for Anyscale?": the same question about another company
        repeating = True
    if (
        unknown_company
        and not company
        and state.company
        and users_employer(question, unknown_company)
    ):
        context_names, unknown_company = (unknown_company,), None  # "…at a shopee-type co"
    if not company and not unknown_company and state.company and intent != "out_of_scope":
        company = state.company
    regions_by = regions_by_company(kept_text, named, catalog) if named[1:] else {}
    earlier = dict(((state.company, state.region), *state.compared)) if state.company else {}
    regions_by = {c: r or earlier.get(c) for c, r in regions_by.items()}  # ("…vs alibaba 15")
    if compares_last and repeating and named == [company] and state.company != company:
        named = [company, state.company]
        regions_by = {**regions_by_company(kept_text, named, catalog), state.company: state.region}
    which = bool(WHICH_OF_THEM.search(question))  # "which one pays more in the bay?"
    placed = bool(places_in(kept_text))
    if (
        any(c != company for c, _ in state.compared)  # (not only the company itself)
        and not named
        and (followup and not placed or which)
        and (intent == "comp" or which and intent in ("lever", "general"))
    ):
        named = [company, *(c for c, _ in state.compared)]  # "which one has the higher bonus?"
        regions_by = {company: state.region, **dict(state.compared)}
        if placed:  # (the place named, at each company: its row or the nearest)
            for other in named:
                match = match_region(kept_text, catalog.regions.get(other, ()))
                regions_by[other] = match.label if match and match.label else regions_by[other]
    if (
        correcting
        and named == [company]
        and company in earlier
        and len(earlier) > 1
        and (which or COMPARES.search(question))
    ):  # "sorry i meant alibaba bay area not seattle. does total comp differ between those two?"
        named = [company, *(c for c in earlier if c != company)]
        own = match_region(kept_text, catalog.regions.get(company, ()))
        regions_by = {**earlier, company: own.label if own else earlier[company]}
    labels = catalog.regions.get(company, ()) if company else catalog.all_regions()
    topics = asked_topics(question, typed)
    if correcting and not any(sentences_that_ask(question)[1]):
        topics = ()  # "sorry, i meant sf — they're relocating me": the why, told, asks nothing
    elif not topics and state.turns and _THEY_PAY_FOR_IT.search(normalized):  # "how much extra
        topics = topics_asked(state.topic)  # do they pay for it" after on-call: on-call's pay
    carried = followup and state.region  # ("whats that in usd?" keeps London)
    by_currency = None if carried else currency_region(kept_text, company, catalog)
    own_part = places_of_the_subject(kept_text, company, catalog)  # (not a rival's place)
    region_match = match_region(own_part, labels) or by_currency
    if region_match and region_match.place == "remote":  # "anyscale remote ok?": remote work
        topics = with_remote_work(topics, intent)  # (not a region; "remote us base?" is one)
        region_match = None if any(t.key == "remote" for t in topics) else region_match
    if region_match is None and any(t.key == "remote" for t in topics):
        region_match = remote_from(kept_text, labels)  # "remote ok? im in denver": from Denver
    only = only_company_with(region_match.label, catalog) if region_match else None
    # ("approved an offer at level P6. is P6 a downlevel?": the company whose levels those are)
    owner = owner_of_levels(levels_asked(question, catalog.guides.level_prefixes), catalog)
    only = only or owner
    if (
        only
        and unknown_company
        and not company
        and (
            rival_after_own_offer(question, unknown_company)
            or users_employer(question, unknown_company)  # "i'm an L5 SRE at google"
            or (level_question and owner == only and catalog.guides.mentions(unknown_company))
        )
    ):
        context_names, unknown_company = (unknown_company,), None  # "…meituan offers more"
    if not company and not unknown_company and intent != "out_of_scope" and only:
        company = only  # "hangzhou offer, fair?"
    region_match, region, place, nearby = place_of_turn(
        region_match, state, company, labels, followup=followup, repeating=repeating, text=question
    )
    fixed = FIXED_COMPONENT.search(question) and state.intent in ("counter", "lever")
    if fixed and (component or (state.turns and re.search(r"\d", kept_text))):
        intent = "counter"  # "what if they won't move on base?": the counter without it
        component = component or "base"  # "and if they wont budge to 213?": base, as a rule
        company = company or state.company
    refers_back = bool(REFERENCE.search(normalized))  # "how do I ask for more of it?"
    carries = (intent == state.intent or refers_back) and not level_question  # (not to levels)
    if component is None and (followup or repeating) and carries and not topics:  # ("wlb?")
        component = state.component
    unknown_region = place if (region_match and region_match.label is None) else None
    where = (place if region is None else region) if region_match or not topics else None  # (a
    # place carried from the last turn stays out of a topic's query: "what about wlb?")
    again = repeating and company != state.company  # ("sorry i meant alibaba. same question")
    retells = (again or correcting) and repeating and intent == "interview"
    retold = state.asked if retells and state.asked else question
    query = rewritten_query(retold, company, where, component, followup)
    spelled = spelled_out(question, catalog.guides)  # "k8s topics?": the guides' "kubernetes"
    query = f"{query} {spelled}" if spelled else query
    topic = " ".join(w for w in normalized.split() if w not in STOPWORDS and w not in place_words())
    bare = not set(topic.replace(normalize(company or ""), "").split()) - EXAMPLE_WORDS
    # ("same for anyscale?": the last question's words, about another company)
    brief = len(normalized.split()) <= ABOUT_LAST_MAX_WORDS  # "give me one example for that"
    if (
        (followup or again)
        and state.topic
        and retold is question
        and (bare or again or (brief and asks_about_last(normalized)))
    ):
        query, topic = f"{state.topic} {query}", f"{state.topic} {topic}"  # "and after that?"
    company_labels = sorted(  # the region labels of the companies asked, for `region_mentions`
        {label for c in (company, *named[1:]) if c for label in catalog.regions.get(c, ())}
    )
    asked_places = places_asked(own_part, company_labels)
    components = components_named(asking) or components_named(kept_text)
    asked_anew = without_repeat_cues(normalized) if repeating else question  # ("same for k8s")
    examples = asks_for_examples(asked_anew) or (repeating and state.examples)
    brief_next = followup and FOLLOWUP_LEAD.search(question) and len(normalized.split()) <= 4
    examples = examples or bool(brief_next and state.examples)  # "and coding?": its questions
    carry = (followup or which) and not named and not placed
    switched = again or (company != state.company and bool(FOLLOWUP_LEAD.search(question)))
    next_state = replace(
        state,
        company=company or state.company,
        # (kept while the same company is asked again: "nvidia offered… how do i use that?")
        region=region
        if region_match or not (followup or company == state.company)
        else state.region,
        place=place,
        component=component if len(components) <= 1 else None,  # (an offer's: none carried)
        intent=intent if intent != "out_of_scope" else state.intent,
        turns=state.turns + 1,
        examples=examples,
        earlier_region=region_before(state, company, region, {} if named[1:] else asked_places),
        topic=topic if topic and intent != "out_of_scope" else state.topic,
        asked=state.asked if retold is not question else without_names(question, named),
        compared=compared_now(state, named, regions_by, switched and not correcting, region, carry),
    )
    context = context_names or context_names_in(normalized, catalog, named)
    talked_of = ("lever", "counter")  # (the context of an offer's talk too: "which lever then?",
    talked = state.intent in talked_of and company == state.company  # "…with anyscale?")
    on_levers = bool(followup or ONE_LEVER_ASKED.search(question)) and intent == "lever" and talked
    if not context and on_levers:
        context = state.context  # ("which one's for me? i run prod on aws", "ok, the line?")
    lever = lever_asked_by_place(question) or (state.lever if on_levers else None)  # "that one"
    lever = lever if intent == "lever" else None
    roles = catalog.roles.get(company, ()) if company else ()
    title, role = role_asked(question, roles or catalog.all_roles()), find_role(retold, roles)
    pay = intent in ("comp", "counter")  # (a title lacked, kept: "…a PM at anyscale?", "and sf?")
    keeps = followup and pay and company in (None, state.company) and not (title or role or topics)
    title = state.role_asked if keeps else title
    next_state = replace(next_state, lever=lever, role_asked=title if pay else None)
    outside = outside_companies(normalized, catalog) if named else ()
    rivals_figures = figures_of_others(question, outside, named)  # ("bytedance is at ~70w…")
    rivals_told = figures_of_others(question, context, named)
    competing = told or rivals_figures or speaks_of_competing_offer(question, context, catalog)
    rival_lever = on_levers and state.competing and bool(ONE_LEVER_ASKED.search(question))
    competing = competing or rival_lever  # ("which lever should i use?" after a rival's offer)
    kept, carried = intent in talked_of, followup and talked and not context  # (kept for the
    talk = (state.context, state.competing) if carried else (context, competing)  # next; "nyc?")
    next_state = replace(next_state, context=talk[0] if kept else (), competing=kept and talk[1])
    carried_loop = intent == "interview" and not INTERVIEW_TOPIC.search(question)
    if competing and context and not level_question and (intent == "general" or carried_loop):
        intent = "lever"  # "what if I also get a Databricks offer?": the levers for it
    place_named = region_match and region  # (the one region a turn names: "…for both?")
    leveled = state.asked if again and state.asked else question  # ("…L5? same q for anyscale")
    again_regions = regions_again(question, state, bool(named[1:] or placed), place_named)
    return Understanding(
        question=question,
        intent=intent,
        company=company,
        region=region,
        role=role,
        other_companies=tuple(named[1:]),
        place=place,
        region_nearby=nearby,
        currency=find_currency(question),
        component=component,
        unknown_company=unknown_company,
        unknown_region=unknown_region,
        followup=followup,
        query=query,
        state=next_state,
        asks_levels=level_question,
        asks_interviews=bool(INTERVIEW_TOPIC.search(question))
        or (intent == "interview" == state.intent and (followup or repeating)),
        asks_examples=examples,
        asks_sources=asks_for_sources(question),
        compares=bool(COMPARES.search(question) or again_regions),
        small_talk=is_small_talk(question) and not (named or component or region_match),
        regions_by_company=regions_by,
        region_mentions=asked_places or again_regions,
        level=level_asked(leveled, catalog.guides.level_prefixes, asking),
        levels=levels_asked(leveled, catalog.guides.level_prefixes, asking),
        role_asked=title,
        topics=topics,
        context_names=context,
        competing=competing,
        # (not "sunnyvale, 180k base, 15% bonus. google is 310 tc": the user's own, then theirs)
        offer_is_competing=(told and (not gives_money(question) or rivals_told))
        or rivals_figures
        or (rivals_told and bool(state.company))  # ("nvidia just came in at 213k…" mid-talk)
        or (
            offer_near(question, context)
            and not offer_near(question, (company or "",))
            and not any(rival_after_own_offer(question, name) for name in context)
        ),
        outside_companies=outside,
        states_amounts=gives_money(question),
        corrects=correcting,
        fixed=fixed_component(question, component),
        repeats=repeating,
        wants_short=draft_style_requested(question) == "short",
        lever=lever,
        intents=intents_asked(intent, scores, bool(component and region_match), question),
        components=components,
    )
