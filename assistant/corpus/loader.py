"""Load guide documents from the corpus folder into typed `Guide` objects.

A guide is a UTF-8 `.md`, `.markdown` or `.txt` file. The loader derives its title, company,
role and kind (negotiation, interview, other) from the content, falling back to the file name
only for what the content does not say, and records the sha256 of the raw bytes.

A bad file (empty, binary, not UTF-8 or UTF-16 with a byte-order mark, over 2 MB, unreadable,
hidden, a link, a name that is not valid UTF-8) is skipped with a warning that names it safely
and says why; it never stops the other guides from loading. Links are never followed, so
nothing outside the corpus folder is read. Control characters are removed from the text.

Leaves out: other formats (PDF, HTML, DOCX), other encodings, and any other editing of the
text: the guide's text is kept as received (a byte-order mark and control characters dropped).
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from assistant.errors import CorpusError
from assistant.text_input import clean_text, safe_name

log = logging.getLogger(__name__)

GUIDE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_GUIDE_BYTES = 2 * 1024 * 1024
# Where the web app moves a removed guide (hidden, so the loader skips it; move it back to restore).
REMOVED_DIR = ".removed"
# Files in the corpus folder that describe the corpus rather than being guides.
CORPUS_METADATA_FILES = {"sources.md", "readme.md", "readme.txt"}

GuideKind = Literal["negotiation", "interview", "other"]


@dataclass(frozen=True)
class Guide:
    """One guide document, as received, with what the loader derived from it."""

    source: str  # "corpus/<file>": the name citations show, relative to the corpus's parent
    path: Path
    text: str
    sha256: str
    title: str
    company: str
    role: str
    kind: GuideKind
    is_markdown: bool


@dataclass(frozen=True)
class SkippedFile:
    """A file the loader could not use, and why."""

    path: Path
    reason: str


@dataclass
class LoadResult:
    guides: list[Guide] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)


def load_corpus(corpus_dir: Path) -> LoadResult:
    """Load every guide under `corpus_dir` (recursively, hidden files left out), sorted by path."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(
            f"Corpus folder {corpus_dir} does not exist. Point --corpus (or COACH_CORPUS_DIR) "
            "at a folder of .md/.txt guides."
        )
    result = LoadResult()
    for path, refused in _guide_files(corpus_dir):
        try:
            if refused:
                raise UnusableGuide(refused)
            result.guides.append(load_guide(path, source_name(corpus_dir, path)))
        except UnusableGuide as problem:
            skipped = SkippedFile(path=Path(safe_name(str(path))), reason=str(problem))
            log.warning("skipped %s: %s", skipped.path, skipped.reason)
            result.skipped.append(skipped)
    return result


def source_name(corpus_dir: Path, path: Path) -> str:
    """The stable name a chunk cites: 'corpus/<path inside the corpus folder>' (the DESIGN.md
    contract), whichever folder --corpus points at."""
    return f"corpus/{path.absolute().relative_to(corpus_dir.absolute()).as_posix()}"


def _guide_files(corpus_dir: Path) -> Iterable[tuple[Path, str]]:
    """(path, why it is refused or "") for each file that could be a guide, sorted; the walk
    stays inside the corpus folder: links are reported, never followed, and hidden folders
    (such as REMOVED_DIR) are not entered."""
    found: list[tuple[Path, str]] = []
    for folder, dirs, files in os.walk(corpus_dir, followlinks=False):
        here = Path(folder)
        for name in list(dirs):
            if name.startswith(".") or (here / name).is_symlink():
                dirs.remove(name)
                if (here / name).is_symlink():
                    found.append((here / name, "a link to a folder; links are not followed"))
        for name in files:
            path = here / name
            if path.suffix.lower() not in GUIDE_SUFFIXES or name.lower() in CORPUS_METADATA_FILES:
                continue
            if name.startswith("."):
                found.append((path, "hidden (its name starts with a dot)"))
            elif path.is_symlink():
                found.append((path, "a link; links are not followed, copy the file in instead"))
            elif safe_name(name) != name:
                found.append((path, "its name is not valid UTF-8 text; rename it"))
            else:
                found.append((path, ""))
    return sorted(found)


class UnusableGuide(Exception):
    """Raised by `load_guide` with the reason a file cannot be used."""


def read_guide_text(path: Path) -> tuple[str, bytes]:
    """Read and validate one file; raise UnusableGuide with a human reason when it is bad."""
    try:
        size = path.stat().st_size
        if size > MAX_GUIDE_BYTES:
            raise UnusableGuide(f"too large ({size:,} bytes; the limit is {MAX_GUIDE_BYTES:,})")
        data = path.read_bytes()
    except OSError as error:
        raise UnusableGuide(f"unreadable ({error.strerror or error})") from error
    if not data.strip():
        raise UnusableGuide("empty")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if utf16:
        try:
            data.decode("utf-16")
        except UnicodeDecodeError:
            utf16 = False  # a byte-order mark, then no UTF-16: binary
    if b"\x00" in data[:8192] and not utf16:
        raise UnusableGuide("binary (contains NUL bytes), not a text guide")
    try:
        text = data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnusableGuide(
            f"not UTF-8 (bad byte at offset {error.start}); save it as UTF-8"
        ) from error
    return text, data


def load_guide(path: Path, source: str | None = None) -> Guide:
    text, data = read_guide_text(path)
    cleaned = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    for note in cleaned.notes:
        log.warning("%s: %s", safe_name(str(path)), note)
    normalized = cleaned.text
    is_markdown = path.suffix.lower() in (".md", ".markdown") or _looks_like_markdown(normalized)
    heading_title = _first_heading(normalized)
    company, role = _company_and_role(normalized, heading_title)
    if not company:
        company = _most_named_employer(normalized) or _company_from_file_name(path)
    kind = _guide_kind(normalized, heading_title)
    title = heading_title or _plain_title(normalized, company, role, kind)
    return Guide(
        source=source or path.name,
        path=path,
        text=normalized,
        sha256=hashlib.sha256(data).hexdigest(),
        title=title,
        company=company,
        role=role,
        kind=kind,
        is_markdown=is_markdown,
    )


# --- what the content says ---------------------------------------------------------------

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE)
_CORPORATE_SUFFIX = re.compile(
    r"\s+(?:Group|Inc\.?|Incorporated|Ltd\.?|Limited|LLC|Corp\.?|Corporation|Holdings|plc|GmbH|"
    r"Co\.?)$",
    re.IGNORECASE,
)
_GUIDE_WORDS = re.compile(
    r"\s+(?:Global\s+|US\s+|UK\s+|EU\s+|APAC\s+)?(?:Negotiation|Interview|Compensation|Salary|"
    r"Offer|Prep(?:aration)?|Career)\b.*$",
    re.IGNORECASE,
)
_TITLE_SEPARATOR = re.compile(r"\s*\|\s*|\s+[—–-]\s+|:\s+")
_ROLE_WORD = re.compile(
    r"\b(?:Engineer|Engineers|Developer|Manager|Scientist|Designer|Analyst|Architect|Director|"
    r"Lead|Consultant|Specialist|Administrator|Researcher|Recruiter|SRE|SWE|DevOps|"
    r"Programmer|Technician|Officer|Head|VP|Intern)\b"
)
_NAME = r"[A-Z0-9][\w.&'+-]*(?:\s+[A-Z0-9][\w.&'+-]*){0,3}"
_ROLE_AT_COMPANY = re.compile(rf"\b({_NAME})\s+at\s+({_NAME})")


def _looks_like_markdown(text: str) -> bool:
    return bool(_HEADING.search(text) or len(_TABLE_ROW.findall(text)) >= 2)


def _first_heading(text: str) -> str:
    match = _HEADING.search(text)
    return _strip_inline_markup(match.group(1)) if match else ""


def _strip_inline_markup(text: str) -> str:
    return re.sub(r"[*_`]+", "", text).strip()


def canonical_company(name: str) -> str:
    """'Alibaba Group' -> 'Alibaba'; trims punctuation and corporate suffixes."""
    name = name.strip(" \t'\"“”‘’.,:;!?()&")
    name = re.sub(r"['’]s$", "", name)
    previous = None
    while previous != name:
        previous = name
        name = _CORPORATE_SUFFIX.sub("", name).strip(" &,")
    return name


def _company_and_role(text: str, heading: str) -> tuple[str, str]:
    """From a 'Role | Company … Guide' heading, else from 'Role at Company' near the top."""
    parts = [part.strip() for part in _TITLE_SEPARATOR.split(heading, maxsplit=1)]
    if len(parts) == 2 and all(parts):
        # "Role | Company … Guide" (the seed guides' form) or "Company — Role …": the side that
        # names a job is the role.
        first, second = (_GUIDE_WORDS.sub("", part).strip() for part in parts)
        if _ROLE_WORD.search(second) and not _ROLE_WORD.search(first):
            first, second = second, first
        company = canonical_company(second)
        if company and first:
            return company, first
    opening = "\n".join(line for line in text.split("\n")[:5] if line.strip())
    for candidate in (heading, opening):
        match = _ROLE_AT_COMPANY.search(candidate)
        if match:
            role = re.sub(
                r"^(?:What|Who|How)\s+(?:is|are)\s+(?:an?\s+|the\s+)?", "", match.group(1)
            )
            role = re.sub(r"^(?:An?|The)\s+", "", role)
            return canonical_company(match.group(2)), role.strip()
    return "", ""


_AT_COMPANY = re.compile(r"\b(?:at|joining|join)\s+([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})")
_NOT_COMPANIES = {"The", "This", "That", "Least", "Scale", "All", "Any", "First", "Once", "Most"}


def _most_named_employer(text: str) -> str:
    """The company most often named after 'at'/'join' ("engineers at Stripe …"), if any."""
    counts: dict[str, int] = {}
    for match in _AT_COMPANY.finditer(text):
        name = canonical_company(match.group(1))
        if name and name.split()[0] not in _NOT_COMPANIES:
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return ""
    best = max(counts.items(), key=lambda item: item[1])
    return best[0] if best[1] >= 2 else ""


def _company_from_file_name(path: Path) -> str:
    words = [word for word in re.split(r"[-_\s]+", path.stem) if word.isalpha()]
    return words[0].capitalize() if words else ""


def _guide_kind(text: str, heading: str) -> GuideKind:
    lowered_heading = heading.lower()
    if "negotiat" in lowered_heading:
        return "negotiation"
    if "interview" in lowered_heading:
        return "interview"
    lowered = text.lower()
    negotiation = (
        lowered.count("negotiat")
        + lowered.count("counter")
        + lowered.count("sign-on")
        + lowered.count("total comp")
        + 3 * len(re.findall(r"^\s*\|\s*region\s*\|", lowered, re.MULTILINE))
    )
    interview = (
        lowered.count("interview")
        + lowered.count("be ready to go over")
        + lowered.count("example questions")
    )
    if max(negotiation, interview) < 3:
        return "other"
    return "negotiation" if negotiation >= interview else "interview"


def _plain_title(text: str, company: str, role: str, kind: GuideKind) -> str:
    if company and role and kind == "interview":
        return f"{role} at {company}: interview preparation"
    first_line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return first_line[:120]
