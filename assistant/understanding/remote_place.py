"""Where a user asking about remote work would work from: "is anyscale remote friendly? im in
denver and not moving" asks about working from Denver, though "im in denver" only tells where
the user is (which, for any other question, names no region asked).

Leaves out: places named as where the user moves from ("relocating from berlin"), which
assistant.understanding.entities reads, and what the guides say about remote work
(assistant.compose.coverage names it as not covered).
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.understanding.entities import (
    RegionMatch,
    label_matches,
)
from assistant.understanding.place_names import places_in


def remote_from(text: str, labels: Iterable[str]) -> RegionMatch | None:
    """The first place the text names other than "remote", matched to one of `labels` (a
    RegionMatch with no label when none has its row); None when it names no other place."""
    place = next((m.place for m in places_in(text) if m.place != "remote"), None)
    if place is None:
        return None
    return RegionMatch(
        label=next((x for x in labels if label_matches(x, place)), None), place=place
    )
