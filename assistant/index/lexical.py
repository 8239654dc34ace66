"""The sidecar beside Chroma, and the keyword side of retrieval: a BM25 index (bm25s).

Stored in `<index>/sidecar/`: `chunks.json` (every chunk's record, in one fixed row order),
bm25s's own files over those rows, `vectors.npy` (their embeddings, for exact search within a
company: assistant.index.vectors), `vocabulary.json` (the guides' own vocabulary:
assistant.corpus.vocabulary) and `meta.json` with a fingerprint of the chunk ids, written last.
`coach index` rewrites the sidecar when the set of chunks changes, reusing the records and
vectors it already has and reading only missing ones back from Chroma. A reader compares the
fingerprint with the manifest and asks for `coach index` when they differ, so keyword, exact and
HNSW results always describe the same chunks.

A question reads bm25s's saved score matrix with numpy alone (`StoredScores`, the same sums
as bm25s), so a cold `coach ask` or `coach search` imports neither bm25s nor scipy; building
the index uses bm25s.

Tokens are lower-case words and numbers; an amount keeps its scale ("$155K" -> "155k") so a
question that quotes a figure finds the row that holds it; a hyphenated word counts whole and by
its parts; words are reduced to their Snowball stems. English function words are dropped.

Leaves out: synonyms (the query rewriter adds canonical names instead) and phrase queries.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, fields
from functools import lru_cache
from pathlib import Path

from assistant.corpus.chunking import ChunkRecord
from assistant.corpus.vocabulary import GuideVocabulary

SIDECAR_FORMAT = 6  # bump when tokenize() or the files change: another format is rebuilt
# words and numbers, and a letter pair with a slash ("I/O", "A/B") as one word ("io", "ab")
_SLASHED_PAIR = r"(?<![a-z0-9/])[a-z]/[a-z](?![a-z0-9/])"
_TOKEN = re.compile(_SLASHED_PAIR + r"|[a-z0-9]+(?:[.-][a-z0-9]+)*")
_PLAIN_WORD = re.compile(_SLASHED_PAIR + r"|[a-z0-9]+")
_STOPWORDS = frozenset(
    "a an the and or but if of in on at to for from with by about as is are was were be been "
    "am do does did i me my you your we our they their it its this that these those what which "
    "who how why when where there here can could should would will shall may might must have has "
    "had not no so than then too very s t just into over under up out".split()
)


_WORDS = {
    "programme": "program",
    "catalogue": "catalog",
    "licence": "license",
    "defence": "defense",
    "judgement": "judgment",
}
# British spellings as American ones, so "behavioural round" meets "behavioral interview" and
# "prioritise" meets "prioritize", whichever a guide or a question uses
_BRITISH = (
    (
        r"\b(optim|organ|priorit|util|standard|container|virtual|minim|maxim|recogn|special|"
        r"summar|normal|central|custom|visual|categor|real|monet|capital|synchron|serial|"
        r"character|emphas|apolog|author|modern|personal|stabil|finali)is(e|ed|es|ing|ation|"
        r"ations|er|ers)\b",
        r"\1iz\2",
    ),
    (r"\b(behavi|col|fav|lab|hon|neighb|flav|rum|harb)our", r"\1or"),
    (r"\b(cent|met|fib|theat)re(s|d)?\b", r"\1er\2"),
    (r"\b(programme|catalogue|licence|defence|judgement)(s?)\b", lambda m: _WORDS[m[1]] + m[2]),
    (r"\b(travel|model|cancel|label|signal)l(ed|ing|er|ers)\b", r"\1\2"),
)


def tokenize(text: str) -> list[str]:
    """Words and numbers; a hyphenated word counts whole and by its parts ("must-have",
    "must", "have"), so "sign-on" matches "sign on" and "must-have" survives the stopwords;
    British spellings are read as American ones ("behavioural" as "behavioral"), and "I/O" as
    one word, "io" (so "I/O wait" meets "iowait" as a compound)."""
    tokens = []
    for token in map(_one_spelling, _TOKEN.findall(text.lower())):
        if "-" in token:
            tokens.extend(t for t in (token, *token.split("-")) if t and t not in _STOPWORDS)
        elif token not in _STOPWORDS:  # most tokens: no parts to add (an indexing hot path)
            tokens.append(token)
    return _stemmer().stemWords(tokens)


def plain_words(text: str) -> list[str]:
    """The text's lowercase words and numbers as written (no stopwords dropped, no stems, a
    hyphenated word in its parts), a slashed letter pair as one word ("I/O" -> "io")."""
    return [word.replace("/", "") for word in _PLAIN_WORD.findall(text.lower())]


_SPELLINGS = tuple((re.compile(pattern), american) for pattern, american in _BRITISH)


@lru_cache(maxsize=65536)
def _one_spelling(text: str) -> str:
    """One word as every spelling of it is read: American ("behavioural" as "behavioral"), a
    slashed letter pair without its slash ("i/o" as "io"). Read once per distinct word:
    tokenizing is a hot path, and the same words come back in every chunk and question."""
    text = text.replace("/", "")
    for pattern, american in _SPELLINGS:
        text = pattern.sub(american, text)
    return text


@lru_cache(maxsize=1)
def _stemmer():
    """English Snowball stems, so "mapping" meets "map" and "skills" meets "skill"."""
    import Stemmer

    return Stemmer.Stemmer("english")


def fingerprint(chunk_ids: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(chunk_ids)).encode()).hexdigest()


def sidecar_dir(index_dir: Path) -> Path:
    return Path(index_dir) / "sidecar"


def stored_fingerprint(index_dir: Path) -> str | None:
    meta = sidecar_dir(index_dir) / "meta.json"
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("fingerprint") if data.get("format") == SIDECAR_FORMAT else None


def read_vocabulary(index_dir: Path, records: list[ChunkRecord]) -> GuideVocabulary:
    """The guides' vocabulary stored with the index; read from `records` when the index has
    none (built before it was stored) or one of another format."""
    try:
        raw = json.loads((sidecar_dir(index_dir) / "vocabulary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = None
    return GuideVocabulary.from_json(raw) or GuideVocabulary.from_records(records)


def read_records(index_dir: Path) -> list[ChunkRecord]:
    """The stored chunk records, or [] when there are none or they cannot be read."""
    try:
        raw = json.loads((sidecar_dir(index_dir) / "chunks.json").read_text(encoding="utf-8"))
        return [ChunkRecord(**item) for item in raw]
    except (OSError, ValueError, TypeError):
        return []


class StoredScores:
    """bm25s's saved index read with numpy alone: its vocabulary and its eager score matrix
    (one column of per-chunk scores per token). `get_scores(tokens)` sums the tokens' columns
    as bm25s does (the same float32 additions in the same order), so a question's keyword side
    needs neither bm25s nor scipy, about a fifth of a second of a cold `coach ask`."""

    def __init__(self, vocab: dict[str, int], data, indices, indptr, num_docs: int) -> None:
        self.vocab_dict = vocab
        self.data, self.indices, self.indptr, self.num_docs = data, indices, indptr, num_docs

    @classmethod
    def load(cls, folder: Path) -> StoredScores | None:
        """None for an index whose method adds scores for absent tokens (bm25l, bm25+)."""
        import numpy as np

        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        if (
            params.get("method") not in ("lucene", "robertson", "atire")
            or params.get("dtype", "float32") != "float32"
        ):
            return None
        vocab = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        arrays = [
            np.load(folder / f"{name}.csc.index.npy") for name in ("data", "indices", "indptr")
        ]
        return cls(vocab, *arrays, int(params["num_docs"]))

    def get_scores(self, tokens: list[str]):
        import numpy as np

        scores = np.zeros(self.num_docs, dtype=np.float32)
        for token_id in [self.vocab_dict[t] for t in tokens if t in self.vocab_dict]:
            start, end = self.indptr[token_id], self.indptr[token_id + 1]
            np.add.at(scores, self.indices[start:end], self.data[start:end])
        return scores


class LexicalIndex:
    """BM25 scores over chunk records, optionally limited to one company's chunks."""

    def __init__(
        self, records: list[ChunkRecord], model, guides: GuideVocabulary | None = None
    ) -> None:
        self.records = records
        self.guides = guides if guides is not None else GuideVocabulary.from_records(records)
        self.model = model
        self._vocab = model.vocab_dict if model is not None else {}
        self._company_rows: dict[str, object] | None = None  # company -> its row positions

    @classmethod
    def build(
        cls, records: list[ChunkRecord], guides: GuideVocabulary | None = None
    ) -> LexicalIndex:
        import bm25s

        if not records:
            return cls([], None)
        model = bm25s.BM25()
        model.index([tokenize(record.text) for record in records], show_progress=False)
        return cls(records, model, guides)

    @classmethod
    def load(cls, index_dir: Path) -> LexicalIndex:
        records = read_records(index_dir)
        if not records:
            return cls([], None)
        folder = sidecar_dir(index_dir) / "bm25"
        model = StoredScores.load(folder)
        if model is None:  # a scoring method with non-occurrence scores: bm25s itself
            import bm25s

            model = bm25s.BM25.load(str(folder), show_progress=False)
        return cls(records, model, read_vocabulary(index_dir, records))

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every token of the indexed chunks (stemmed, as `tokenize` gives them)."""
        return frozenset(token for token in self._vocab if token)

    def __len__(self) -> int:
        return len(self.records)

    def _mask(self, company: str):
        """1 on the company's records, 0 elsewhere. (Its rows are grouped once for all companies
        on first use: a mask built by a pass over the records cost 6 ms per company at 50,000
        chunks.)"""
        import numpy as np

        if self._company_rows is None:
            from assistant.index.vectors import rows_by_company

            self._company_rows = rows_by_company([record.company for record in self.records])
        mask = np.zeros(len(self.records), dtype=np.float32)
        mask[self._company_rows.get(company, [])] = 1.0
        return mask

    def search(
        self, query: str, k: int, company: str | None = None, ignore: str = ""
    ) -> list[tuple[int, float]]:
        """(record position, BM25 score) of the k best chunks with a score above zero.

        `ignore` holds words to leave out of the query: within one company's chunks, the
        company's name and roles are in every chunk's title line and only add noise."""
        import numpy as np

        left_out = set(tokenize(ignore))
        tokens = [t for t in tokenize(query) if t in self._vocab and t not in left_out]
        if not tokens or self.model is None or k <= 0:
            return []
        scores = self.model.get_scores(tokens)
        if company:
            scores = scores * self._mask(company)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        ranked = sorted(top, key=lambda i: -scores[i])
        return [(int(i), float(scores[i])) for i in ranked if scores[i] > 0]


def write_sidecar(
    index_dir: Path,
    records: list[ChunkRecord],
    vectors,
    chunk_fingerprint: str,
    keyword: LexicalIndex | None = None,
):
    """Write the whole sidecar; the meta file goes last, so a half-written one never loads.
    `keyword`: BM25 and vocabulary built over `records` already (built here when None)."""
    from assistant.index.vectors import save_vectors

    folder = sidecar_dir(index_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "meta.json").unlink(missing_ok=True)
    if keyword is None or keyword.records is not records:
        keyword = LexicalIndex.build(records, GuideVocabulary.from_records(records))
    vocabulary = keyword.guides
    if keyword.model is not None:
        keyword.model.save(str(folder / "bm25"), show_progress=False)
    _write_atomic(folder / "chunks.json", json.dumps([_fields_of(r) for r in records]))
    _write_atomic(folder / "vocabulary.json", json.dumps(vocabulary.to_json()))
    save_vectors(folder, vectors)
    meta = {"format": SIDECAR_FORMAT, "fingerprint": chunk_fingerprint, "chunks": len(records)}
    _write_atomic(folder / "meta.json", json.dumps(meta))


def _fields_of(record: ChunkRecord) -> dict:
    """`dataclasses.asdict` of a record (its fields are strings), without the deep copies."""
    if type(record) is not ChunkRecord:
        return asdict(record)
    return {name: getattr(record, name) for name in _RECORD_FIELDS}


_RECORD_FIELDS = tuple(field.name for field in fields(ChunkRecord))


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
