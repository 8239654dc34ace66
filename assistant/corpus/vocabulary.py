"""What the guides hold, read from the guides themselves: per company its roles, regions,
guide kinds, sections, level-mapping line (and the level codes it states), the names its guide
mentions (competitors, clouds, products, events: NVIDIA, Databricks, Apsara, Singles' Day), and
its words with their chunk frequencies. Built at index time from the chunk records and stored
with the index (`to_json`/`from_json`), so a new guide needs no code change.

Leaves out: matching a question against it (assistant.understanding, assistant.compose.coverage),
comp figures (assistant.corpus.facts) and anything a guide does not say.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from assistant.corpus.chunking import ChunkRecord
from assistant.money import currencies_in

VOCABULARY_FORMAT = 2
_WORD = re.compile(r"[a-z0-9][a-z0-9'()+-]*[a-z0-9)]|[a-z0-9]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# A capitalised name in running text: "NVIDIA", "Databricks", "Singles' Day", "Alibaba Cloud".
_NAME = re.compile(r"\b([A-Z][A-Za-z0-9]*(?:['’]s?)?(?:[ \t]+[A-Z][A-Za-z0-9]+)*)")
_LEVEL_LINE = re.compile(r"level(?:ing)?\s*mapping\W*(.+)", re.I)
_LEVEL_RANGE = re.compile(r"\b([A-Z]{1,3})(\d{1,2})\s*[-–]\s*(?:[A-Z]{1,3})?(\d{1,2})\b")
_LEVEL_CODE = re.compile(r"\b([A-Z]{1,3})(\d{1,2})\b")


_VOWELS = re.compile(r"[aeiou]")


def words_of(text: str) -> list[str]:
    """Lower-case words without accents, as the vocabulary stores them."""
    folded = unicodedata.normalize("NFKD", text)
    folded = _NON_ASCII.sub(_drop_combining, folded).lower()  # only non-ASCII can combine
    return [w.strip("'") for w in _WORD.findall(folded.replace("’", "'"))]


def _drop_combining(match: re.Match) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def level_codes(text: str) -> tuple[str, ...]:
    """The level codes a line states, ranges spelled out: "P5-P7" -> P5, P6, P7."""
    codes: list[str] = []
    for match in _LEVEL_RANGE.finditer(text):
        prefix, low, high = match.group(1), int(match.group(2)), int(match.group(3))
        if low <= high <= low + 10:
            codes += [f"{prefix}{n}" for n in range(low, high + 1)]
    codes += [f"{m.group(1)}{m.group(2)}" for m in _LEVEL_CODE.finditer(text)]
    return tuple(dict.fromkeys(codes))


@dataclass(frozen=True)
class LevelMap:
    """A guide's level-mapping line: the chunk, the line, and the company's own level codes
    (the part before the first "=", e.g. P5, P6, P7 for "DevOps Engineer at Alibaba (P5-P7)")."""

    chunk_id: str
    line: str
    own_codes: tuple[str, ...]

    @property
    def own(self) -> str:
        """The company's side of the line: "DevOps Engineer at Alibaba (P5-P7)"."""
        return self.line.split("=", 1)[0].strip()

    @property
    def own_range(self) -> str | None:
        """The company's own level range as the line writes it ("P5-P7"), or None."""
        found = _LEVEL_RANGE.search(self.own)
        return found.group() if found else None

    @property
    def equivalents(self) -> tuple[str, ...]:
        """The other employers' parts of the line: ("L3-L5 SRE at Google", "SysDE at Amazon")."""
        _, _, others = self.line.partition("=")
        return tuple(p.strip() for p in re.split(r"\s*[=,]\s*", others) if p.strip())

    def equivalent_holding(self, level: str) -> str | None:
        """The other employer's level the line maps the role to that holds `level` ("L3-L5
        SRE at Google" holds L4; "Google L4 SRE" holds L4), or None."""
        return next((p for p in self.equivalents if level in level_codes(p)), None)

    def equivalent_named(self, text: str) -> str | None:
        """The other employer's title or level of the line that `text` names in full, in any
        order and case ("amazon SysDE here" names "SysDE at Amazon"), or None."""
        said = set(re.findall(r"[a-z0-9]+", text.lower()))
        for part in self.equivalents:
            words = [w for w in re.findall(r"[a-z0-9]+", part.lower()) if w not in ("at", "the")]
            if len(words) >= 2 and all(w in said for w in words):
                return part
        return None

    def employers_part(self, text: str) -> str | None:
        """The other employer's part of the line whose employer `text` names ("L3-L5 SRE at
        Google" for "…equivalent to at google?"; "Google L4 SRE", the employer first), or
        None."""
        said = set(re.findall(r"[a-z0-9]+", text.lower()))
        for part in self.equivalents:
            employer = re.search(r"\bat\s+([A-Za-z0-9]+)\s*$", part) or re.match(
                r"([A-Za-z0-9]+)", part
            )
            if employer and employer.group(1).lower() in said:
                return part
        return None


@dataclass(frozen=True)
class GuideVocabulary:
    """The guides' own vocabulary, per company."""

    sections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    level_maps: dict[str, LevelMap] = field(default_factory=dict)
    # a name mentioned in running text (lower case) -> (as written, companies whose guides say it)
    names: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # company -> word -> number of the company's chunks that hold it
    terms: dict[str, dict[str, int]] = field(default_factory=dict)
    # company -> comp row's region -> the one currency its figures are in ("Singapore": "SGD")
    row_currencies: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_records(cls, records: Iterable[ChunkRecord]) -> GuideVocabulary:
        sections: dict[str, dict[str, None]] = {}
        level_maps: dict[str, LevelMap] = {}
        names: dict[str, tuple[str, set[str]]] = {}
        terms: dict[str, Counter] = {}
        currencies: dict[str, dict[str, str]] = {}
        for record in records:
            company = record.company
            if not company:
                continue
            if record.kind == "table_row" and record.region:
                units = currencies_in(record.text)
                if len(units) == 1:
                    currencies.setdefault(company, {})[record.region] = units.pop()
            sections.setdefault(company, {})[record.section] = None
            terms.setdefault(company, Counter()).update(set(words_of(record.text)))
            for name in _names_in(record.text):
                shown, owners = names.setdefault(name.lower(), (name, set()))
                owners.add(company)
            if company not in level_maps:
                found = _level_map(record)
                if found:
                    level_maps[company] = found
        return cls(
            sections={c: tuple(s) for c, s in sections.items()},
            level_maps=level_maps,
            names={k: (shown, tuple(sorted(owners))) for k, (shown, owners) in names.items()},
            terms={c: dict(counts) for c, counts in terms.items()},
            row_currencies=currencies,
        )

    def mentions(self, name: str) -> tuple[str, ...]:
        """The companies whose guides mention `name` (any case), or ()."""
        entry = self.names.get(name.lower())
        return entry[1] if entry else ()

    @cached_property
    def level_prefixes(self) -> tuple[str, ...]:
        """The letters the guides' own level codes start with ("P" of P5, "Z" of Z3)."""
        codes = {c for m in self.level_maps.values() for c in m.own_codes}
        return tuple(sorted({re.match(r"[A-Z]+", c).group(0) for c in codes}))

    @cached_property
    def numeronyms(self) -> dict[str, str]:
        """The guides' long words by their numeronym ("k8s" -> "kubernetes", "o11y" ->
        "observability"): first letter, the count of letters between, last letter; only
        those one word of the guides answers."""
        found: dict[str, set[str]] = {}
        for word in {w for terms in self.terms.values() for w in terms}:
            if len(word) >= 6 and word.isalpha():
                found.setdefault(f"{word[0]}{len(word) - 2}{word[-1]}", set()).add(word)
        return {short: next(iter(words)) for short, words in found.items() if len(words) == 1}

    @cached_property
    def without_vowels(self) -> dict[str, str]:
        """The guides' words by their form typed without vowels ("rnd" -> "round", "lvl" ->
        "level"), as people type on phones: two vowels or more dropped ("tps" is no "tips");
        only those one word of the guides answers."""
        found: dict[str, set[str]] = {}
        for word in {w for terms in self.terms.values() for w in terms}:
            short = word[0] + _VOWELS.sub("", word[1:])
            if word.isalpha() and len(short) >= 3 and len(short) <= len(word) - 2:
                found.setdefault(short, set()).add(word)
        return {short: next(iter(words)) for short, words in found.items() if len(words) == 1}

    def spelled_out(self, text: str) -> str:
        """The guides' words the text writes as numeronyms ("k8s topics" -> "kubernetes"),
        without vowels ("coding rnd" -> "round") or without their hyphen ("oncall"), and the
        guides' numeronyms the text writes in full ("kubernetes" -> "k8s"), joined; "" when
        none."""
        lowered = text.lower()
        shorts = re.findall(r"\b[a-z]\d{1,2}[a-z]\b", lowered)
        found = [self.numeronyms[s] for s in dict.fromkeys(shorts) if s in self.numeronyms]
        held = self.words
        for word in dict.fromkeys(re.findall(r"\b[a-z][b-df-hj-np-tv-z]{2,}\b", lowered)):
            if word not in held and word in self.without_vowels:
                found.append(self.without_vowels[word])
        for word in dict.fromkeys(re.findall(r"\b[a-z]{4,}\b", lowered)):
            if word not in held and word in self.unhyphenated:  # "oncall" -> "on-call"
                found.append(self.unhyphenated[word])
            # ("kubernetes questions?": the guides' "K8s" too, where they write it short)
            short = f"{word[0]}{len(word) - 2}{word[-1]}"
            if len(word) >= 6 and short in held:
                found.append(short)
        return " ".join(found)

    @cached_property
    def words_by_initial(self) -> dict[str, tuple[str, ...]]:
        """The guides' plain words of four letters or more, by their first letter (for a word
        typed one letter off: assistant.understanding.words)."""
        words: dict[str, list[str]] = {}
        for word in self.words:
            if len(word) >= 4 and word.isalpha():
                words.setdefault(word[0], []).append(word)
        return {initial: tuple(ws) for initial, ws in words.items()}

    @cached_property
    def words(self) -> frozenset[str]:
        """Every guide's words, without the punctuation stored with them ("tps)"), read once."""
        return frozenset(w.strip("()[]{}.,;:!?'\"") for ts in self.terms.values() for w in ts)

    @cached_property
    def unhyphenated(self) -> dict[str, str]:
        """The guides' hyphenated words by their form written joined ("oncall" -> "on-call",
        "signon" -> "sign-on")."""
        words = {w for terms in self.terms.values() for w in terms if "-" in w.strip("-")}
        return {w.replace("-", ""): w for w in sorted(words)}

    def says(self, company: str | None, phrase: str) -> bool:
        """Whether the company's guides (every guide when company is None) hold every word of
        `phrase`."""
        wanted = [w for w in words_of(phrase) if w]
        if not wanted:
            return False
        pools = [self.terms.get(company, {})] if company else list(self.terms.values())
        return any(all(_has(pool, w) for w in wanted) for pool in pools)

    def to_json(self) -> dict:
        return {
            "format": VOCABULARY_FORMAT,
            "sections": {c: list(s) for c, s in self.sections.items()},
            "level_maps": {
                c: {"chunk_id": m.chunk_id, "line": m.line, "own_codes": list(m.own_codes)}
                for c, m in self.level_maps.items()
            },
            "names": {k: [shown, list(owners)] for k, (shown, owners) in self.names.items()},
            "terms": self.terms,
            "row_currencies": self.row_currencies,
        }

    @classmethod
    def from_json(cls, data: dict) -> GuideVocabulary | None:
        """The stored vocabulary, or None when it is of another format."""
        if not isinstance(data, dict) or data.get("format") != VOCABULARY_FORMAT:
            return None
        return cls(
            sections={c: tuple(s) for c, s in data["sections"].items()},
            level_maps={
                c: LevelMap(m["chunk_id"], m["line"], tuple(m["own_codes"]))
                for c, m in data["level_maps"].items()
            },
            names={k: (v[0], tuple(v[1])) for k, v in data["names"].items()},
            terms={c: dict(t) for c, t in data["terms"].items()},
            row_currencies={c: dict(r) for c, r in data["row_currencies"].items()},
        )


def _has(pool: dict[str, int], word: str) -> bool:
    """The word, or its singular/plural, is in the pool."""
    return word in pool or word.rstrip("s") in pool or f"{word}s" in pool


def _names_in(text: str) -> set[str]:
    """Capitalised names in running text, not the first word of a sentence or line."""
    found = set()
    for match in _NAME.finditer(text):
        start = match.start()
        before = text[:start].rstrip(" *\"'“(")
        if not before or before[-1] in ".!?:\n|#-" or before.endswith("**"):
            continue
        name = match.group(1).strip()
        if len(name) > 1:
            found.add(name)
    return found


def _level_map(record: ChunkRecord) -> LevelMap | None:
    for line in record.text.splitlines():
        match = _LEVEL_LINE.search(line.replace("*", ""))
        if match:
            mapped = match.group(1).strip()
            own = mapped.split("=", 1)[0]
            return LevelMap(record.chunk_id, mapped, level_codes(own))
    return None
