"""`coach eval` and `coach bench` as a plug-in: evals/cli.py registers them through the
`negotiation_coach.commands` entry point group, `coach` works without them, and `coach eval`
keeps its report out of the work tree unless asked to save it."""

from __future__ import annotations

import importlib.metadata
from types import SimpleNamespace

import pytest

from assistant.cli import COMMAND_GROUP, build_parser, main


def subcommands(parser) -> set[str]:
    return set(parser._subparsers._group_actions[0].choices)


def test_the_entry_point_adds_eval_and_bench():
    names = {entry.value for entry in importlib.metadata.entry_points(group=COMMAND_GROUP)}
    assert names == {"evals.cli:register"}
    assert {"eval", "bench", "ask", "counter"} <= subcommands(build_parser())


def test_coach_works_without_the_entry_points(monkeypatch, capsys):
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kwargs: [])
    parser = build_parser()
    assert "eval" not in subcommands(parser) and "bench" not in subcommands(parser)
    assert parser.parse_args(["facts", "--json"]).json
    with pytest.raises(SystemExit):
        main(["eval"])
    assert "invalid choice: 'eval'" in capsys.readouterr().err


def test_an_entry_point_that_fails_to_import_is_skipped_with_a_warning(monkeypatch, caplog):
    broken = importlib.metadata.EntryPoint(
        name="broken", value="evals.no_such_module:register", group=COMMAND_GROUP
    )
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kwargs: [broken])
    parser = build_parser()
    assert "eval" not in subcommands(parser) and "ask" in subcommands(parser)
    assert "evals.no_such_module:register" in caplog.text


@pytest.mark.parametrize("save", [False, True])
def test_a_full_eval_writes_its_report_to_the_work_folder_unless_saved(monkeypatch, save):
    import evals.answer_eval as answer_eval

    report = SimpleNamespace(
        failed_gates=[], enforced=True, markdown=lambda: "report", to_json=lambda: {}
    )
    seen = {}
    monkeypatch.setattr(answer_eval, "run_answer_eval", lambda options, say: report)

    def write_report(written, reports_dir):
        seen["dir"] = reports_dir
        return []

    monkeypatch.setattr(answer_eval, "write_report", write_report)
    assert main(["eval", "--no-baseline", *(["--save"] if save else [])]) == 0
    assert seen["dir"] == (answer_eval.REPORTS if save else answer_eval.WORK_REPORTS)
    assert answer_eval.WORK_REPORTS.relative_to(answer_eval.WORK_ROOT)  # git-ignored


def test_save_with_a_partial_run_is_an_error(capsys):
    assert main(["eval", "--save", "--questions", "2"]) == 2
    assert capsys.readouterr().err.startswith("error: --save")
