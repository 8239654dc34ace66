import re

import pytest
from conftest import ALIBABA_INTERVIEW, ALIBABA_NEGOTIATION, ANYSCALE_NEGOTIATION, SHIPPED_CORPUS

from assistant.config import MODEL_WINDOW_TOKENS
from assistant.corpus.chunking import chunk_guide, split_sentences
from assistant.corpus.loader import load_corpus, load_guide

HEADER = "| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |"
# Region rows as written in the guides (read off the files by hand).
COMP_ROWS = {
    ALIBABA_NEGOTIATION: {
        "Bay Area / Sunnyvale (US R&D)": "| Bay Area / Sunnyvale (US R&D) | $155K–$220K | $75K–$210K | 15% | $210K–$340K |",
        "Seattle (US)": "| Seattle (US) | $150K–$215K | $70K–$200K | 15% | $205K–$330K |",
        "Hangzhou (HQ)": "| Hangzhou (HQ) | CNY 400K–CNY 740K | CNY 160K–CNY 480K | 15–25% | CNY 600K–CNY 1.2M |",
        "Beijing": "| Beijing | CNY 380K–CNY 710K | CNY 150K–CNY 460K | 15–25% | CNY 570K–CNY 1.15M |",
        "Singapore": "| Singapore | SGD 110K–SGD 170K | SGD 50K–SGD 130K | 15% | SGD 150K–SGD 260K |",
    },
    ANYSCALE_NEGOTIATION: {
        "San Francisco": "| San Francisco | $168K–$218K | $125K–$228K | 5–10% | $215K–$295K |",
        "New York": "| New York | $163K–$213K | $125K–$228K | 5–10% | $210K–$288K |",
        "London": "| London | £128K–£166K | £94K–£171K | 5–10% | £163K–£225K |",
    },
}


@pytest.fixture(scope="module")
def chunks_by_file(token_counter):
    return {
        guide.path.name: chunk_guide(guide, token_counter)
        for guide in load_corpus(SHIPPED_CORPUS).guides
    }


@pytest.mark.parametrize(
    ("file_name", "region"),
    [(name, region) for name, rows in COMP_ROWS.items() for region in rows],
)
def test_each_comp_row_is_one_chunk_with_its_header_title_and_region(
    chunks_by_file, file_name, region
):
    row = COMP_ROWS[file_name][region]
    holding = [chunk for chunk in chunks_by_file[file_name] if row in chunk.text]
    assert len(holding) == 1, f"{region} row is in {len(holding)} chunks"
    chunk = holding[0]
    assert chunk.kind == "table_row"
    assert chunk.region == region
    assert HEADER in chunk.text
    assert chunk.text.startswith(chunk.title)
    assert chunk.text.index(HEADER) < chunk.text.index(row)
    other_regions = [r for r in COMP_ROWS[file_name] if r != region]
    assert not any(f"| {other} |" in chunk.text for other in other_regions)
    assert dict(chunk.cells)["Region"] == region


def test_no_chunk_exceeds_the_model_window(chunks_by_file, token_counter):
    for chunks in chunks_by_file.values():
        for chunk in chunks:
            assert token_counter(chunk.text) <= MODEL_WINDOW_TOKENS, chunk.text[:80]


def test_oversized_paragraphs_and_lists_are_split_within_the_window(tmp_path, token_counter):
    sentence = (
        "Kubernetes operators reconcile desired state against observed cluster state reliably. "
    )
    long_list = "\n".join(f"- Item {n}: {sentence.strip()}" for n in range(40))
    giant_word_run = " ".join(["infrastructure"] * 400)  # one 'sentence' longer than the window
    path = tmp_path / "long.md"
    path.write_text(f"# Long Guide\n\n{sentence * 40}\n\n{long_list}\n\n{giant_word_run}\n")
    chunks = chunk_guide(load_guide(path), token_counter)
    assert len(chunks) > 5
    assert max(token_counter(chunk.text) for chunk in chunks) <= MODEL_WINDOW_TOKENS
    joined = " ".join(chunk.text for chunk in chunks)
    assert all(f"Item {n}:" in joined for n in range(40))
    prose = [c for c in chunks if c.kind == "prose" and "Kubernetes" in c.text]
    assert all(c.text.rstrip().endswith(".") for c in prose), "prose must split at sentence ends"


def test_negotiate_up_scripts_stay_whole(chunks_by_file):
    anyscale = [c for c in chunks_by_file[ANYSCALE_NEGOTIATION] if c.kind == "script"]
    assert len(anyscale) == 1
    assert "I'm holding an NVIDIA offer at $213K / $255K RSU" in anyscale[0].text
    assert "My floor is $198K" in anyscale[0].text
    alibaba = [c for c in chunks_by_file[ALIBABA_NEGOTIATION] if c.kind == "script"]
    assert len(alibaba) == 1
    assert "Thank you for the offer" in alibaba[0].text and "$45K sign-on" in alibaba[0].text


@pytest.mark.parametrize("file_name", [ALIBABA_NEGOTIATION, ANYSCALE_NEGOTIATION])
def test_each_numbered_lever_is_its_own_chunk(chunks_by_file, file_name):
    levers = [c for c in chunks_by_file[file_name] if c.kind == "lever"]
    assert len(levers) == 4
    for number, chunk in enumerate(levers, start=1):
        assert re.findall(r"^\d+\. \*\*", chunk.text, re.MULTILINE) == [f"{number}. **"]
        assert "Levers" in chunk.section


def test_plain_text_interview_guide_keeps_its_structure(chunks_by_file):
    chunks = chunks_by_file[ALIBABA_INTERVIEW]

    def holding(text):
        found = [c for c in chunks if text in c.text]
        assert len(found) == 1, f"{text!r} is in {len(found)} chunks"
        return found[0]

    linux = holding("Linux System Management: Boot process")
    assert linux.section == "Linux Internals and Networking"
    assert linux.text.split("\n")[1] == "Be ready to go over:"
    # The scraper broke this item mid-sentence; the chunker joins it back.
    assert "using tools like strace,tcpdump,perf, andeBPF." in linux.text

    questions = holding("A server is unresponsive but pingable")
    assert questions.kind == "questions"
    assert "Example questions or scenarios:" in questions.text
    assert '"What happens in the Linux kernel when you run a fork()system call?"' in questions.text

    pods = holding("CrashLoopBackOff")
    assert (
        '- "A Pod is stuck in CrashLoopBackOff. Walk me through your debugging steps."' in pods.text
    )
    assert '\n- "How would you design a K8s cluster' in pods.text

    qa = holding("Q: How long does the process take?")
    assert qa.kind == "qa" and "4 to 6 weeks" in qa.text

    pillars = holding("Operational Excellence & Troubleshooting")
    assert "four primary pillars:" in pillars.text

    sections = {c.section for c in chunks}
    for heading in (
        "Interview Process Overview",
        "Coding & Automation",
        "Frequently Asked Questions",
        "System Design & Reliability (SRE)",
        "Other General Tips",
    ):
        assert heading in sections
    assert not any(c.section.startswith(("- ", '"')) for c in chunks)


def test_chunk_ids_are_stable_unique_and_content_addressed(tmp_path, token_counter):
    guide = load_guide(SHIPPED_CORPUS / ALIBABA_NEGOTIATION, "corpus/a.md")
    first = [c.chunk_id for c in chunk_guide(guide, token_counter)]
    again = [c.chunk_id for c in chunk_guide(guide, token_counter)]
    assert first == again
    assert len(set(first)) == len(first)
    other_source = load_guide(SHIPPED_CORPUS / ALIBABA_NEGOTIATION, "corpus/b.md")
    assert not set(first) & {c.chunk_id for c in chunk_guide(other_source, token_counter)}

    edited = tmp_path / "a.md"
    edited.write_text(guide.text.replace("$150K–$215K", "$151K–$215K"))
    changed = {c.chunk_id for c in chunk_guide(load_guide(edited, "corpus/a.md"), token_counter)}
    assert len(set(first) - changed) == 1  # only the Seattle row's id changed


def test_sentence_splitter_respects_abbreviations():
    text = "Use managed services (e.g. ECS vs. EC2) where possible. Then measure. Done!"
    assert split_sentences(text) == [
        "Use managed services (e.g. ECS vs. EC2) where possible.",
        "Then measure.",
        "Done!",
    ]


def test_setext_headings_rules_and_lists_before_paragraphs(tmp_path, token_counter):
    path = tmp_path / "setext.md"
    path.write_text(
        "Offer Guide\n===========\n\nIntro line.\n\nLevers\n------\n\n"
        "- first item without a full stop\n- second item\n\n"
        "A paragraph after the list must not join the last item.\n\n---\n\nClosing words.\n"
    )
    chunks = chunk_guide(load_guide(path), token_counter)
    assert chunks[0].title == "Offer Guide"
    by_text = {c.text.split("\n", 1)[1]: c for c in chunks}
    assert by_text["- first item without a full stop\n- second item"].section == "Levers"
    assert by_text["A paragraph after the list must not join the last item."].kind == "prose"
    assert "Closing words." in by_text
    assert not any("---" in c.text or "===" in c.text for c in chunks)


def test_plain_text_with_blank_lines_between_everything(tmp_path, token_counter):
    path = tmp_path / "spaced.txt"
    path.write_text(
        "Site Reliability Engineer at Examplecorp\n\nInterview Process Overview\n\n"
        "The loop has three rounds. It takes two weeks.\n\nGood luck!\n"
    )
    chunks = chunk_guide(load_guide(path), token_counter)
    loop = next(c for c in chunks if "three rounds" in c.text)
    assert loop.section == "Interview Process Overview"
    luck = next(c for c in chunks if "Good luck!" in c.text)
    assert luck.kind == "prose"  # an exclamation is a sentence, not a heading


def test_a_markdown_lead_in_line_stays_with_its_list(tmp_path, token_counter):
    path = tmp_path / "lead.md"
    path.write_text(
        "# Prep Guide\n\n## Kubernetes\n\nBe ready to go over:\n\n- Scheduling\n- Networking\n\n"
        'Example questions:\n- "Why is my pod pending?"\n- "How does a Service route traffic?"\n'
    )
    chunks = chunk_guide(load_guide(path), token_counter)
    bodies = [c.text.split("\n", 1)[1] for c in chunks]
    assert bodies == [
        "Be ready to go over:\n- Scheduling\n- Networking",
        'Example questions:\n- "Why is my pod pending?"\n- "How does a Service route traffic?"',
    ]
    assert [c.kind for c in chunks] == ["list", "questions"]
