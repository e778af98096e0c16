"""What runs after the curated resolution of one document: open world, fuzzy matches, grammar.

Bundled so the join passes one object per gazetteer (built once, reused for
every document, sent once to each worker): the open-world index
(:mod:`mapgen.openworld`), the fuzzy index of one-word names
(:mod:`mapgen.fuzzy`) and the feature-phrase index of the grammar
(:mod:`mapgen.grammar`). ``curated_only`` keeps only the grammar, which never
adds a place, only stops a name inside a longer name from being taken as the
shorter place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

from .fuzzy import FUZZY_CONFIDENCE, FuzzyIndex, find_fuzzy
from .grammar import FeatureIndex, apply_grammar
from .openworld import World, default_world, find_world, not_places, word_columns

#: A choice's span bounds and start, read in C (a document has hundreds of choices).
_BOUNDS = attrgetter("span.start", "span.end")
_START = attrgetter("span.start")


@dataclass(frozen=True, eq=False)
class Tiers:
    """The per-gazetteer indexes of the tiers after curated resolution."""

    grammar: FeatureIndex
    fuzzy: FuzzyIndex | None = None
    world: World | None = None

    @classmethod
    def build(cls, variants: Iterable[tuple[str, str]], *, curated_only: bool = False) -> Tiers:
        """From ``(place_id, name)`` pairs (:meth:`Gazetteer.name_variants`)."""
        variants = list(variants)
        if curated_only:
            return cls(FeatureIndex(variants))
        return cls(FeatureIndex(variants), FuzzyIndex(variants), default_world())

    @classmethod
    def for_recognizer(cls, recognizer: Any, *, curated_only: bool = False) -> Tiers:
        """From a :class:`mapgen.mentions.Recognizer`'s folded keys: no name is folded twice (start-up)."""
        keys = recognizer.candidates
        if curated_only:
            return cls(FeatureIndex(keys=keys))
        return cls(FeatureIndex(keys=keys), FuzzyIndex(keys=keys), default_world())

    def extend(
        self,
        text: str,
        choices: list[Any],
        points: Mapping[str, tuple[float, float]],
        settled: Sequence[tuple[int, int]] = (),
        make: Any = None,
    ) -> list[Any]:
        """``choices`` (:class:`mapgen.resolution.Choice` objects, text order) with the other tiers' mentions added.

        ``settled``: spans a curator's overrides fixed (never re-read);
        ``make``: the ``Choice`` class (passed in: this module must not import the join).
        """
        taken = list(map(_BOUNDS, choices))
        taken += settled
        context: dict[str, list[int]] = {}
        for c in choices:
            if c.resolved_by in ("unique", "override"):
                context.setdefault(c.place_id, []).append(c.span.start)
        extra: list[Any] = []
        if self.world is None and self.fuzzy is None:
            return self.apply_grammar(text, choices, points)
        words = word_columns(text, taken)
        if self.world is not None:
            for w in find_world(text, taken, context, points, self.world, words):
                extra.append(
                    make(
                        w.span,
                        w.place.place_id,
                        w.confidence,
                        w.alternatives,
                        "open-world",
                        w.place.source,
                        "exact",
                        w.place.name,
                        (w.place.lon, w.place.lat),
                    )
                )
        if self.fuzzy is not None:
            named = list(map(_BOUNDS, extra))
            for span, _key, ids in find_fuzzy(text, named, self.fuzzy, not_places(), words.rows(free_only=True)):
                pid = _nearest(ids, context, points)
                extra.append(
                    make(
                        span,
                        pid,
                        FUZZY_CONFIDENCE,
                        tuple({"place_id": o, "score": None} for o in ids if o != pid),
                        "fuzzy",
                        "gazetteer",
                        "fuzzy",
                    )
                )
        out = sorted(choices + extra, key=_START) if extra else choices
        return self.apply_grammar(text, out, points)

    def apply_grammar(self, text: str, choices: list[Any], points: Mapping[str, tuple[float, float]]) -> list[Any]:
        """Names inside names (:func:`mapgen.grammar.apply_grammar`); a feature at a town keeps its point."""
        out = apply_grammar(text, choices, self.grammar)
        fixed = []
        for c in out:
            if c.source == "unresolved" and c.point is None and c.span.place_ids and _at_town(c.place_name):
                inner = next((points[p] for p in c.span.place_ids if p in points), None)
                if inner is not None:
                    c = replace(c, point=inner)
            fixed.append(c)
        return fixed


#: Feature groups that lie at (or beside) the place inside their name: an unknown "Wonsan Harbor"
#: is drawn at Wonsan, an unknown "Sea of X" nowhere.
AT_TOWN = ("airfield;", "harbour;", "bridge;", "dam;")


def _at_town(place_name: str | None) -> bool:
    return place_name is not None and any(f"({g}" in place_name for g in AT_TOWN)


def _nearest(ids: Sequence[str], context: Mapping[str, list[int]], points: Mapping[str, tuple[float, float]]) -> str:
    """Of places sharing a name, the one nearest the document's unambiguous places (the first without context)."""
    if len(ids) == 1 or not context:
        return ids[0]
    from .geo import geodesic_distance_km

    def cost(pid: str) -> float:
        if pid not in points:
            return float("inf")
        return min((geodesic_distance_km(*points[pid], *points[c]) for c in context if c in points), default=0.0)

    return min(ids, key=cost)
