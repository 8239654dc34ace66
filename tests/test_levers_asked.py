"""Which lever fits, and what to ask with no competing offer (issue: "Answer the question that
was asked"), through the real pipeline (real MiniLM, Chroma on disk, the built-in composer): a
lever asked for by how it fits the user's background leads before the guide's prose; a sign-on
asked about quotes the guide's sign-on lever beside the script's figure; a user with no other
offer gets the levers that do not rest on one."""

from __future__ import annotations

import pytest
from test_answer_first import converse

from assistant.coach import Coach

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_the_lever_that_fits_the_background_leads_before_the_guides_prose(coach):
    answer = coach.ask(
        "we run prod across aws, gcp AND azure at my current job. which anyscale negotiation "
        "angle fits that best?"
    )
    lead = answer.answer[:300]
    assert "**Multi-Cloud Operations Complexity**" in lead and "Negotiation DNA" not in lead


def test_a_sign_on_asked_about_quotes_the_sign_on_lever_beside_the_scripts_figure(coach):
    _, second = converse(
        coach,
        "alibaba bay area devops, rsu offer is 80k over 4 years. thats low right?",
        "recruiter says rsu is fixed and wont move. can i ask for a bigger sign-on instead? "
        "how much is reasonable",
    )
    head = second.answer[:400]
    assert "$45K" in head and "**Sign-On Bridge**" in head and "$[35K-55K]" in head


def test_no_competing_offer_gets_the_levers_that_do_not_rest_on_one(coach):
    answer = coach.ask(
        "alibaba sunnyvale offered 176k base, 110k rsu/4yr, 15% bonus. i don't have any other "
        "offer. what would i even ask for without a competing offer"
    )
    lead = answer.answer.split("\n\n", 2)
    assert lead[0].startswith("With no competing offer")
    assert "Sign-On Bridge" in lead[1] and "Cloud/SRE Offer" not in lead[1]


def test_levers_asked_with_no_competing_offer_only_told_lead_the_counter(coach):
    answer = coach.ask(
        "no other offers rn, just alibaba singapore (SGD 135k base). what can i even negotiate "
        "with?? at my current co i ran the k8s autoscaling for a marketplace during their big "
        "11.11-type sales"
    )
    lead = answer.answer.split("\n\n", 2)
    assert lead[0].startswith("With no competing offer")
    assert "**Hyperscale Experience**" in lead[1] and "Cloud/SRE Offer" not in lead[1]


def test_a_counter_quotes_the_lever_the_told_background_fits(coach):
    answer = coach.ask(
        "anyscale sf offer: 180k base, 104k rsu over 4 years, 8% bonus. i ran H100 training "
        "clusters with k8s gpu scheduling for 3 yrs. what do i counter with"
    )
    assert "fits the guide's **GPU Infrastructure Premium** lever" in answer.answer
    assert "$220K equity/4yr" in answer.answer


def test_a_counter_with_no_background_told_quotes_no_lever_as_fitting(coach):
    answer = coach.ask("anyscale sf offer: 180k base, 150k equity over 4 years. what do i counter?")
    assert "fits the guide's" not in answer.answer


def test_a_sign_on_of_zero_in_a_pasted_letter_then_asked_for_as_one(coach):
    answer = coach.ask(
        "pasting my alibaba offer (silicon valley office, devops):\n\nBase: $182,000\n"
        "RSU: $120,000 (4 yr vest, 25%/yr)\nAnnual bonus target: 15%\nSign-on: $0\n\n"
        "they gave zero sign on. whats the line to ask for one and how big can i go?"
    )
    head = answer.answer[:400]
    assert "Sign-on bonus: ask for **$45K**" in head and "**Sign-On Bridge**" in head


def test_clouds_named_by_their_kubernetes_services_pick_the_multi_cloud_lever(coach):
    answer = coach.ask(
        "never touched gpus. 6 yoe running eks + gke + a bit of aks at a saas shop. which "
        "anyscale negotiation angle fits me and what number do i attach to it"
    )
    assert "**Multi-Cloud Operations Complexity**" in answer.answer[:200]
    assert "say nothing about eks" not in answer.answer


def test_words_asked_for_with_a_rival_offer_lead_with_the_lever_for_it(coach):
    answer = coach.ask(
        "what i must say to recruiter of anyscale? i have a offer from nvidia for infra "
        "engineer. please give me the sentence exactly, my english is not so strong"
    )
    assert answer.answer.startswith("The guide's lever for NVIDIA is **Competing Infrastructure")
    assert "I need $213K base and $225K equity" in answer.answer[:300]  # (its words, first)


def test_a_lever_asked_by_its_place_or_its_name_after_the_list_leads(coach):
    *_, second, last = converse(
        coach, "list the alibaba levers", "the second one?", "and the last?"
    )
    assert second.answer.startswith("The guide's lever 2 is **Hyperscale Experience**")
    assert last.answer.startswith("The guide's lever 4 is **Sign-On Bridge**")
    _, named = converse(coach, "anyscale levers", "the multi-cloud one, how do i use it")
    assert named.answer.startswith("The guide's lever is **Multi-Cloud Operations Complexity**")


def test_rivals_named_beside_zero_competing_offers_are_no_competing_offer(coach):
    answer = coach.ask(
        "which of the anyscale levers is the one asking for a signing bonus, and how much? i "
        "have zero competing offers so the nvidia/databricks one is useless for me"
    )
    assert answer.answer.startswith("The guide's lever is **Enterprise SLA Protection**")
    assert "$25K signing bonus" in answer.answer[:300]


def test_the_most_sign_on_asked_quotes_the_levers_range(coach):
    *_, answer = converse(
        coach,
        "alibaba seattle devops: 190 base, 110k rsu/4yr, 15% bonus. google sre offer at 295 tc",
        "thanks, super helpful!! is 45k the most sign on i can ask for or is there a range",
    )
    first = answer.answer.split("\n")[0]
    assert first.startswith("Sign-on bonus: ask for **$55K**")
    assert '"A $[35K-55K] sign-on offsets transition costs."' in first


def test_the_line_asked_after_a_lever_led_is_that_levers(coach):
    *_, line = converse(
        coach,
        "alibaba sunnyvale devops. can i get them to make up for the annual bonus i'm walking "
        "away from at my current job?",
        "give me the one line to say. short",
    )
    first = line.answer.split("\n")[0]
    assert "**Sign-On Bridge**" in first
    assert '"A $[35K-55K] sign-on offsets transition costs."' in line.answer.split("\n\n")[1]
