"""The layout's rules, read from the code's own imports (module level and inside functions):
each layer touches only what it owns, and no module grows past what a reader can hold."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 500
MAX_TABLE_LINES = 40
LLM_CLIENTS = ("llama_cpp", "openai", "langchain_openai", "ollama")


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def imported(path: Path, package: str | None = None) -> set[str]:
    """Every module name an import statement in the file names (relative ones resolved)."""
    names: set[str] = set()
    if package is None:
        package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def importers(files: list[Path], *prefixes: str) -> list[str]:
    """'file: module' for each import in `files` of a module under one of `prefixes`."""
    return [
        f"{path.relative_to(ROOT)}: {name}"
        for path in files
        for name in sorted(imported(path))
        if any(name == p or name.startswith(p + ".") for p in prefixes)
    ]


def outside(folder: str) -> list[Path]:
    inside = set(modules(folder))
    return [p for top in ("assistant", "ui", "evals") for p in modules(top) if p not in inside]


def test_the_rules_see_imports_inside_functions(tmp_path):
    """The checker itself: a lazy import in a function body counts like one at the top."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "def f():\n    import chromadb\n    from evals import metrics\n    from . import x\n"
    )
    assert {"chromadb", "evals", "evals.metrics", "assistant.index.x"} <= imported(
        probe, "assistant.index"
    )


def test_the_product_imports_nothing_from_its_eval_harness():
    assert importers(modules("assistant"), "evals") == []


def test_corpus_does_not_import_the_index():
    assert importers(modules("assistant/corpus"), "assistant.index") == []


def test_only_the_index_touches_chroma():
    assert importers(outside("assistant/index"), "chromadb") == []


def test_only_backends_touch_an_llm_client():
    assert importers(outside("assistant/backends"), *LLM_CLIENTS) == []


def test_only_the_ui_imports_gradio():
    assert importers(outside("ui"), "gradio") == []


def test_only_the_langchain_adapter_of_retrieval_imports_langchain():
    rest = [p for p in modules("assistant/retrieval") if p.name != "langchain.py"]
    assert importers(rest, "langchain", "langchain_core") == []


@pytest.mark.parametrize("path", modules("assistant"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_500_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def data_tables(path: Path) -> list[tuple[int, int]]:
    """(line, span) of each literal dict, list, tuple or set assigned to a name that spans more
    than 40 lines."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(
            node.value, ast.Dict | ast.List | ast.Tuple | ast.Set
        ):
            span = node.value.end_lineno - node.value.lineno + 1
            if span > MAX_TABLE_LINES:
                found.append((node.lineno, span))
    return found


def test_data_tables_live_in_data_files():
    tables = [
        f"{path.relative_to(ROOT)}:{line} ({span} lines)"
        for top in ("assistant", "ui", "evals")
        for path in modules(top)
        for line, span in data_tables(path)
    ]
    assert tables == []


def test_the_table_check_finds_a_long_literal(tmp_path):
    table = tmp_path / "table.py"
    table.write_text(
        "X = 1\nTABLE = {\n" + "".join(f"    'k{i}': {i},\n" for i in range(45)) + "}\n"
    )
    assert data_tables(table) == [(2, 47)]


# Data flows one way: each layer imports only the layers listed before it.
LAYERS = [
    ("assistant.config", "assistant.errors", "assistant.answer", "assistant.money"),
    ("assistant.text_input",),
    ("assistant.corpus", "assistant.backends"),
    ("assistant.index",),
    ("assistant.understanding",),
    ("assistant.retrieval",),
    ("assistant.engine",),
    ("assistant.compose",),
    ("assistant.pipeline", "assistant.coach"),
    ("assistant.cli", "assistant.cli_io", "assistant.cli_rehearse", "assistant.cli_chat", "ui"),
]


def layer_of(module: str) -> int | None:
    for number, layer in enumerate(LAYERS):
        if any(module == name or module.startswith(name + ".") for name in layer):
            return number
    return None


def test_no_import_runs_back_up_a_layer():
    upward = []
    for path in modules("assistant") + modules("ui"):
        own = layer_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for name in imported(path):
            theirs = layer_of(name)
            if own is not None and theirs is not None and theirs > own:
                upward.append(f"{path.relative_to(ROOT)} imports {name}")
    assert upward == []
