"""One span's redactions by entity type, and its summary, made cheap for text seen before.

A span whose strings the memo knows gets each string's counts as the memo's own tuple.
:class:`Tally` keeps those tuples as they are (one append each) instead of adding them up
entity by entity, and :meth:`Tally.summary` looks up the sum of a combination of them,
made once: the next span with the same remembered strings costs one lookup.
"""

from __future__ import annotations

from collections import Counter
from typing import Dict, Iterable, List, Mapping, NamedTuple, Optional, Tuple

from otel_redact._memo import Counts

__all__ = ["Summary", "Tally", "add_counts"]

_MAX_SUMMARIES = 1024
"""Combinations of memo counts whose sums are kept (then the table starts over)."""


class Summary(NamedTuple):
    """What a span's redactions add up to."""

    counts: Mapping[str, int]
    """Replacements by entity type (never changed once made: :meth:`Tally.summary` is the
    last call on a tally)."""
    total: int
    types: Tuple[str, ...]
    """The entity types, sorted."""


class Tally(Counter):
    """Replacements by entity type for one span: counts added one by one, plus the memo's
    counts tuples of the strings it remembered (:meth:`add_remembered`)."""

    __init__ = dict.__init__  # type: ignore[assignment]  # one per span: Counter.__init__ costs more
    remembered: Optional[List[Counts]] = None

    def add_remembered(self, counts: Counts) -> None:
        """Count a remembered string's replacements (``counts``: the memo's own tuple)."""
        remembered = self.remembered
        if remembered is None:
            self.remembered = [counts]
        else:
            remembered.append(counts)

    def summary(self) -> Optional[Summary]:
        """The sum of everything counted; None when nothing was. A tally counted one by one
        becomes its summary's counts itself (no copy: its span is done with it), the
        remembered counts added in once."""
        remembered = self.remembered or ()
        if self:
            if remembered:
                self.remembered = None  # added in now: a second call must not add them again
            return _summed(remembered, self)
        if not remembered:
            return None
        # Keyed by identity: the entry holds the tuples, so no other object takes their ids.
        key = tuple(map(id, remembered))
        found = _summaries.get(key)
        if found is None:
            if len(_summaries) >= _MAX_SUMMARIES:
                _summaries.clear()
            found = _summaries[key] = (tuple(remembered), _summed(remembered, {}))
        return found[1]


_summaries: Dict[Tuple[int, ...], Tuple[Tuple[Counts, ...], Summary]] = {}


def _summed(remembered: Iterable[Counts], counts: Dict[str, int]) -> Summary:
    """The summary of ``counts`` plus ``remembered`` (``counts`` is added to, then kept)."""
    for entity_counts in remembered:
        add_counts(counts, entity_counts)
    return Summary(counts, sum(counts.values()), tuple(sorted(counts)))


def add_counts(counts: Dict[str, int], more: Iterable[Tuple[str, int]]) -> None:
    """Add ``more`` (``(entity, count)`` pairs) to ``counts``: in one C call while it is empty."""
    if not counts:
        dict.update(counts, more)
        return
    get = counts.get
    for entity, count in more:
        counts[entity] = get(entity, 0) + count
