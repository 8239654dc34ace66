"""Query embeddings without torch: the packaged all-MiniLM-L6-v2 exported to ONNX once, at index
time, and run with onnxruntime and the model's own `tokenizer.json` at query time.

`ensure_query_model(index_dir, recorded, say)` keeps `<index>/query-model/model.onnx` in step
with the manifest's record of it (its sha256, size and the versions of the packages that
exported it): a missing file, a changed file or other exporter versions re-export it and say
why. The exported graph includes the model's mean pooling and L2 normalisation, so a query
vector is the sentence-transformers vector (cosine ≥ 0.9999, checked in tests).
`onnx_query_embedder(index_dir)` opens it, or gives None when the index has no usable export
(the caller then embeds with sentence-transformers). The store embeds chunks with it too when
the export is current (about twice as fast as sentence-transformers on this CPU, the same
vectors).

Leaves out: the first export's need for torch (it is made with it) and other models.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import threading
import warnings
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path

from assistant.config import MODEL_WINDOW_TOKENS
from assistant.index.embeddings import (
    DIMENSION,
    MODEL_NAME,
    MODEL_PACKAGE,
    ProgressCallback,
    model_dir,
)
from assistant.index.manifest import read_manifest

QUERY_MODEL_FILE = "query-model/model.onnx"
EXPORTERS = ("torch", "transformers", "onnx", MODEL_PACKAGE)
OPSET = 17


def exporter_versions() -> dict[str, str]:
    """The installed versions of what makes the export (read without importing them)."""
    versions = {}
    for package in EXPORTERS:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return versions


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stale(path: Path, recorded: dict, versions: dict[str, str]) -> str:
    """Why the export must be made again, or "" when it is current."""
    if not recorded:
        return "the index has none yet"
    if not path.is_file():
        return f"{QUERY_MODEL_FILE} is missing"
    if recorded.get("versions") != versions:
        was, now = recorded.get("versions", {}), versions
        changed = [f"{k} {was.get(k, '?')} -> {now[k]}" for k in now if was.get(k) != now[k]]
        return "exported with other package versions (" + ", ".join(changed) + ")"
    if recorded.get("size") != path.stat().st_size or recorded.get("sha256") != _sha256(path):
        return f"{QUERY_MODEL_FILE} changed since it was exported"
    return ""


def ensure_query_model(index_dir: Path, recorded: dict, say: Callable[[str], None]) -> dict:
    """The manifest's record of a current ONNX export, exporting it first when needed. When
    the export cannot be made (onnx not installed, say), says so and returns {}: queries then
    use sentence-transformers."""
    path = Path(index_dir) / QUERY_MODEL_FILE
    versions = exporter_versions()
    reason = _stale(path, recorded, versions)
    if not reason:
        return recorded
    say(f"Exporting the query model to ONNX ({reason}) …")
    try:
        _export(path)
    except Exception as error:  # the exporter's errors vary by version; the index still works
        say(
            f"warning: no ONNX query model ({type(error).__name__}: {error}); queries will load "
            "sentence-transformers"
        )
        return {}
    return {
        "file": QUERY_MODEL_FILE,
        "model": MODEL_NAME,
        "opset": OPSET,
        "sha256": _sha256(path),
        "size": path.stat().st_size,
        "versions": versions,
    }


def _export(path: Path) -> None:
    """Export encoder + mean pooling + L2 normalisation; written beside, then renamed."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    bert = AutoModel.from_pretrained(str(model_dir()), local_files_only=True).eval()

    class SentenceEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".onnx.partial")
    sample = torch.ones(1, 8, dtype=torch.long)
    dynamic = {name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask")}
    dynamic["token_type_ids"] = dict(dynamic["input_ids"])
    dynamic["embedding"] = {0: "batch"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on tracing, not for users
        torch.onnx.export(
            SentenceEncoder(),
            (sample, sample, torch.zeros_like(sample)),
            str(partial),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embedding"],
            dynamic_axes=dynamic,
            opset_version=OPSET,
            dynamo=False,
        )
    os.replace(partial, path)


class OnnxEmbedder:
    """`embed_query(text)` and batched `embed_array(texts)` with onnxruntime: the same vectors
    as `Embedder` (cosine ≥ 0.9999), with no torch import."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self, path: Path, batch_size: int = 32) -> None:
        self.path = Path(path)
        self.batch_size = batch_size

    @cached_property
    def max_tokens(self) -> int:
        """Word pieces per text, [CLS] and [SEP] included; longer texts are truncated."""
        return _max_tokens()

    @cached_property
    def _tokenizer(self):
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_tokens)
        tokenizer.no_padding()  # `feed` pads each batch to its longest text; the mask keeps it out
        return tokenizer

    @cached_property
    def session(self):
        """The ONNX Runtime session, opened on first use."""
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # errors only
        # Idle threads wait instead of spinning: on a shared 2-core machine a spinning thread
        # competes with the one doing the work (a query took 13 ms instead of 4, indexing ran
        # at 29 chunks/s instead of 37).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return onnxruntime.InferenceSession(
            str(self.path), options, providers=["CPUExecutionProvider"]
        )

    def open_in_background(self) -> threading.Thread:
        """Open the session in a thread (onnxruntime lets go of the GIL while it loads and
        optimizes the graph), so a sync chunks its guides meanwhile; join it before embedding."""
        opening = threading.Thread(target=lambda: self.session, name="onnx-session", daemon=True)
        opening.start()
        return opening

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's word-piece ids ([CLS] ... [SEP]), truncated to `max_tokens`, unpadded."""
        return [encoding.ids for encoding in self._tokenizer.encode_batch(list(texts))]

    def _run(self, rows: Sequence[Sequence[int]]):
        """Embeddings of a batch of id rows."""
        return self.session.run(None, feed(rows))[0]

    def embed_query(self, text: str) -> list[float]:
        return self._run(self.token_ids([text]))[0].tolist()

    def embed_array(
        self,
        texts: Sequence[str],
        progress: ProgressCallback | None = None,
        token_ids: Sequence[Sequence[int] | None] | None = None,
    ):
        """Unit-length embeddings, one row per text, in the given order; encoded most word
        pieces first so a batch pads little; `progress(n)` after each batch. `token_ids`, when
        given, holds each text's ids as this tokenizer gives them (None: tokenize it here), so
        a caller that has tokenized the texts already (the chunker) does not pay for it twice;
        a row longer than `max_tokens` is tokenized here again (truncated as the tokenizer
        truncates)."""
        import numpy as np

        rows: list = list(token_ids) if token_ids is not None else [None] * len(texts)
        if len(rows) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(rows)} rows of token ids")
        missing = [i for i, row in enumerate(rows) if row is None or len(row) > self.max_tokens]
        for i, row in zip(missing, self.token_ids([texts[i] for i in missing]), strict=True):
            rows[i] = row
        order = sorted(range(len(rows)), key=lambda i: -len(rows[i]))
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chosen = order[start : start + self.batch_size]
            result[chosen] = self._run([rows[i] for i in chosen])
            if progress:
                progress(len(chosen))
        return result


def feed(rows: Sequence[Sequence[int]]) -> dict:
    """The model's inputs for a batch of id rows, padded with [PAD] (id 0, mask 0, type 0) to
    the longest row: what the tokenizer's own batch padding gives."""
    import numpy as np

    width = max(len(row) for row in rows)
    input_ids = np.zeros((len(rows), width), dtype=np.int64)
    attention_mask = np.zeros((len(rows), width), dtype=np.int64)
    for position, row in enumerate(rows):
        input_ids[position, : len(row)] = row
        attention_mask[position, : len(row)] = 1
    return {
        "input_ids": input_ids,
        "attention_mask": attention_mask,
        "token_type_ids": np.zeros_like(input_ids),  # one sequence: type 0 throughout
    }


def _max_tokens() -> int:
    """The model's own max_seq_length (sentence-transformers truncates there too)."""
    config = model_dir() / "sentence_bert_config.json"
    try:
        return int(json.loads(config.read_text(encoding="utf-8"))["max_seq_length"])
    except (OSError, ValueError, KeyError):
        return MODEL_WINDOW_TOKENS


def onnx_query_embedder(index_dir: Path) -> OnnxEmbedder | None:
    """The index's ONNX query embedder, or None when it has no usable export (no record in
    the manifest, no onnxruntime, or a file of another size than recorded)."""
    try:
        manifest = read_manifest(index_dir)
    except ValueError:  # unreadable: searching reports it
        return None
    recorded = manifest.query_model if manifest else {}
    path = Path(index_dir) / QUERY_MODEL_FILE
    if not recorded or not path.is_file() or path.stat().st_size != recorded.get("size"):
        return None
    try:
        importlib.metadata.version("onnxruntime")
    except importlib.metadata.PackageNotFoundError:
        return None
    return OnnxEmbedder(path)
