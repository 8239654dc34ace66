"""The running app through its API, with gradio_client: the same endpoints the page uses
(`/ask`, `/plan_counter`, `/add_guide`, `/remove_guide`), against `coach serve` on 127.0.0.1.
Also what a client must not get: a share link, a bind beyond loopback, files outside the app.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(served):
    from gradio_client import Client

    return Client(served.url, verbose=False)


def _text(message) -> str:
    content = message["content"]
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


def test_endpoints_are_the_ones_the_page_uses(client):
    endpoints = set(client.view_api(return_format="dict", print_info=False)["named_endpoints"])
    assert {"/ask", "/plan_counter", "/add_guide", "/remove_guide"} <= endpoints


def test_ask_returns_a_cited_answer_and_its_source(client):
    messages, question, status, citations, source = client.predict(
        "How much RSU does Anyscale give DevOps engineers in New York?", [], api_name="/ask"
    )
    assert question == ""
    answer = _text(messages[-1])
    assert "$125K–$228K" in answer and "[1]" in answer
    assert "Written without a model · checked against the sources" in status
    assert citations["value"].startswith("[1]")
    assert 'class="cited-row"' in source
    cited = source.split('class="cited-row"', 1)[1].split("</tr>", 1)[0]
    assert "New York" in cited and "San Francisco" not in cited


def test_out_of_corpus_question_is_refused_without_figures(client):
    messages, *_ = client.predict("what does google pay sres in zurich?", [], api_name="/ask")
    answer = _text(messages[-1])
    assert "$" not in answer.split("---")[0]
    assert "cover" in answer.lower() or "guide" in answer.lower()


def test_html_in_a_question_is_shown_as_text(client):
    messages, *_ = client.predict(
        "<img src=x onerror=alert(1)> anyscale london base?", [], api_name="/ask"
    )
    shown = _text(messages[-2])
    assert "<img" not in shown and "&lt;img" in shown


def test_plan_counter_gives_chart_table_and_drafts(client):
    chart, proposal, email, phone, sources, *errors = client.predict(
        "Anyscale", "London", "£135K", "£100K", 4, "5%", "", "", api_name="/plan_counter"
    )
    assert 'data-component="base"' in chart and 'data-band="£128K–£166K"' in chart
    assert 'data-offer="£135K"' in chart
    assert "| Base salary |" in proposal
    assert "£" in email and not re.search(r"\[\d+\]", email + phone)  # drafts to send: no [n]
    assert phone
    assert "London band row" in sources and "Where the drafts' figures come from" in sources
    assert errors == [""] * 8  # no field has a problem


def test_plan_counter_explains_what_is_missing_at_each_field(client):
    chart, proposal, email, phone, _, *errors = client.predict(
        "Anyscale", "", "", "", 4, "", "", "", api_name="/plan_counter"
    )
    company, region, base, *_ = errors
    assert "Which region" in region and "base salary" in base
    assert "2 fields need a fix (Region, Base salary)" in proposal
    assert "--" not in proposal + region + base  # no command-line flags in the page
    assert email == "" and phone == "" and chart == ""  # nothing drawn for half an offer


def test_plan_counter_reads_bad_amounts_as_a_message(client):
    chart, proposal, *views = client.predict(
        "Anyscale", "London", "lots", "-5", 4, "150%", "", "", api_name="/plan_counter"
    )
    assert proposal.startswith("**Check the offer:**") and chart == ""
    base, stock, _, bonus = views[5:9]
    assert "'lots' is not an amount" in base  # every field's problem, all at once
    assert "negative" in stock and "150%" in bonus
    assert "Traceback" not in proposal


def test_add_and_remove_a_guide(client, tmp_path):
    from gradio_client import handle_file

    guide = tmp_path / "Globex Platform Guide.md"
    guide.write_text(
        "# Platform Engineer | Globex Negotiation Guide\n\n"
        "| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |\n"
        "|--------|-------------|-----------------|-------|------------|\n"
        "| Denver | $133K–$162K | $40K–$80K | 6–9% | $151K–$196K |\n"
    )
    message, table, removable, company, _ = client.predict(
        handle_file(str(guide)), api_name="/add_guide"
    )
    assert message.startswith("**Added corpus/globex-platform-guide.md**")
    row = next(r for r in table["data"] if r[0] == "globex-platform-guide.md")
    assert row[1] == "Globex" and row[4] > 0 and row[5] == 1  # one comp band row
    assert "Globex" in [c[0] for c in company["choices"]]
    messages, *_ = client.predict("globex denver base salary", [], api_name="/ask")
    assert "$133K–$162K" in _text(messages[-1])

    again, *_ = client.predict(handle_file(str(guide)), api_name="/add_guide")
    assert again.startswith("**Not added.**") and "already in the corpus" in again

    message, table, *_ = client.predict("globex-platform-guide.md", api_name="/remove_guide")
    assert message.startswith("**Removed")
    assert all(r[0] != "globex-platform-guide.md" for r in table["data"])
    messages, *_ = client.predict("globex denver base salary", [], api_name="/ask")
    assert "$133K" not in _text(messages[-1])


def test_too_large_upload_is_refused_by_the_server(client, tmp_path):
    from gradio_client import handle_file

    big = tmp_path / "huge.md"
    big.write_text("# Huge\n" + "x" * (2 * 1024 * 1024 + 10))
    with pytest.raises(Exception, match="(?i)size|large|exceed"):
        client.predict(handle_file(str(big)), api_name="/add_guide")


def test_files_outside_the_app_are_not_served(served):
    for path in ("/gradio_api/file=/etc/passwd", f"/gradio_api/file={served.corpus}/x.md"):
        try:
            with urllib.request.urlopen(served.url.rstrip("/") + path, timeout=10) as reply:
                status = reply.status
        except urllib.error.HTTPError as error:
            status = error.code
        assert status in (403, 404)


def test_bound_to_loopback_only(served):
    assert served.url.startswith("http://127.0.0.1:")
    log = served.log.read_text()
    assert "gradio.live" not in log and "share" not in log.lower()


def test_conversation_state_is_per_session(served):
    from gradio_client import Client

    first, second = Client(served.url, verbose=False), Client(served.url, verbose=False)
    first.predict("anyscale san francisco devops base salary", [], api_name="/ask")
    follow_up, *_ = first.predict("what about the stock?", [], api_name="/ask")
    assert "$125K–$228K" in _text(follow_up[-1])  # the company and region carried over
    fresh, *_ = second.predict("what about the stock?", [], api_name="/ask")
    assert "$125K–$228K" not in _text(fresh[-1])  # another browser session knows none of it


@pytest.mark.llm
def test_a_model_backend_is_named_and_its_grounding_shown(shipped_index, tmp_path):
    """`coach serve --backend llamacpp` with the packaged SmolLM2: whatever the model writes,
    the answer says who wrote it and what the grounding check did, and no figure it invented
    reaches the page."""
    from gradio_client import Client
    from llm_support import smollm2_gguf
    from ui_support import served_app

    gguf = smollm2_gguf()
    env = {"COACH_LLM_GGUF": str(gguf), "COACH_LLM_MAX_TOKENS": "64"}
    with served_app(
        tmp_path, shipped_index.corpus_dir, shipped_index.index_dir, ("--backend", "llamacpp"), env
    ) as app:
        client = Client(app.url, verbose=False)
        messages, _, status, _, source = client.predict(
            "whats the base salary for devops at anyscale in sf", [], api_name="/ask"
        )
    answer = _text(messages[-1])
    assert status in answer
    kept = "Written by a language model · checked against the sources" in status
    replaced = "Written without a model" in status and "model's wording did not match" in status
    assert kept or replaced, status
    from assistant.compose.grounding import figures_in

    quote = source.split("</p>", 2)[-1]  # the cited passage, after the panel's heading lines
    for line in answer.split("\n---\n")[0].splitlines():
        if "÷" in line:
            continue  # a calculation, shown with its formula
        for mention in figures_in(line):  # every other figure shown is in the cited passage
            assert mention.text in quote, (mention.text, line)


def test_an_upload_shows_one_progress_bar_on_its_message(served):
    import json

    with urllib.request.urlopen(served.url.rstrip("/") + "/config", timeout=30) as reply:
        config = json.load(reply)
    ids = {c.get("props", {}).get("elem_id"): c["id"] for c in config["components"]}
    add = next(d for d in config["dependencies"] if d.get("api_name") == "add_guide")
    assert add["show_progress_on"] == [ids["guide-message"]]  # not the table, list and file too
