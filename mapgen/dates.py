"""Dates in article texts, normalised to ISO 8601 with their precision.

Finding dates in prose is this module's job; the date model they are given in
(ISO years in any era, partial dates) is :mod:`mapgen.isodates`, which the
gazetteer's dates and the time slider use too.

Why a small compiled grammar and not dateparser's ``search_dates``: on the
17 kB O'Neill article ``search_dates`` (dateparser 1.5.0) took 0.38 s, about
45 kB/s, where the mentions command must reach 20 MB/s; it also read "we",
"now", footnote numbers and "21st" as dates, and it has no reading for the
forms history writing needs most: "between 2 and 14 October" (year
from context), "the late spring of 1952" (a season) and a year glued to the
next word by OCR ("By 1950/however"). The forms are few and regular, so one
regular expression covers them, and every form has a test.

Forms and their ISO output (precision in brackets):

- "1 November 1950", "November 1, 1950", "23 October 1951" -> 1950-11-01 (day)
- "April 1952", "late October 1950", "September, 1951" -> 1952-04 (month);
  early/mid/late narrow ``first``/``last`` to a third of the month
- "between 2 and 14 October" -> 1950-10-02/1950-10-14 (day), an ISO interval
- "the late spring of 1952", "summer 1951" -> 1952-21 (season; ISO 8601-2 /
  EDTF season codes 21 spring, 22 summer, 23 autumn, 24 winter)
- "in October", "that August", "early September" -> month, year from context
- "1949", "By 1950/however" -> 1949 (year); decades ("1990s") are not dates.

Years before 1800 need a cue, since a bare "762" is as often a count as a
year: an era ("AD 661", "661 CE", "44 BC" -> -0043, ISO's year 0 being 1 BCE),
a preposition ("in 762", "by 836"; not "in 762 boats": a plural after it makes it a count), a century ("the 9th century", "ninth-century"
-> 0801/0900, precision "century"; "early"/"mid"/"late" take a third of it),
or the double date of Islamic history ("221/836": hijri/common era -> 0836,
kept only when the two years agree).

A form without a year takes the year of the nearest explicit year before it in
the same text (else after it); with no year anywhere it is dropped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from .isodates import Day, calendar_day, iso_year, year_of_bce

_MONTHS = {m: i for i, m in enumerate(calendar.month_name) if m}
_MONTH_ABBR = {m: i for i, m in enumerate(calendar.month_abbr) if m}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d|s\b|'s\b)"
_QUAL = r"(?:[Ee]arly|[Mm]id|[Mm]iddle|[Ll]ate|[Tt]he\s+end\s+of|[Tt]he\s+beginning\s+of)"
_SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
# Prepositions and determiners that make a bare month name a date ("in May", not "may").
_BARE_LEAD = r"(?:[Ii]n|[Oo]n|[Bb]y|[Dd]uring|[Uu]ntil|[Ss]ince|[Ff]rom|[Tt]o|[Tt]hat|[Tt]his|[Ll]ast|[Nn]ext|[Oo]f|[Bb]efore|[Aa]fter|[Tt]hrough|[Tt]ill|[Aa]nd)"

_GRAMMAR = re.compile(
    rf"""
      (?<![\w-])[Bb]etween\s+(?P<b_d1>{_DAY})\s+and\s+(?P<b_d2>{_DAY})\s+(?P<b_m>{_MONTH})(?:,?\s+(?P<b_y>{_YEAR}))?
    | (?<![\w-])(?P<d_d>{_DAY})\s+(?P<d_m>{_MONTH}),?(?:\s+(?P<d_y>{_YEAR}))?
    | (?<![\w-])(?P<a_m>{_MONTH})\s+(?P<a_d>{_DAY})(?:,\s*|\s+)(?P<a_y>{_YEAR})
    | (?<![\w-])(?:(?P<m_q>{_QUAL})[\s-]+)?(?P<m_m>{_MONTH}),?\s+(?:of\s+)?(?P<m_y>{_YEAR})
    | (?<![\w-])(?:[Tt]he\s+)?(?:(?P<s_q>{_QUAL})[\s-]+)?(?P<s_s>{_SEASON})\s+(?:of\s+)?(?P<s_y>{_YEAR})
    | (?<![\w-])(?P<n_lead>{_BARE_LEAD})\s+(?:(?P<n_q>{_QUAL})[\s-]+)?(?P<n_m>{_MONTH})(?!,?\s*\d)
    | (?<![\w-])(?P<n2_q>[Ee]arly|[Mm]id|[Ll]ate)[\s-]+(?P<n2_m>{_MONTH})(?!,?\s*\d)
    | (?<![\d\w./-])(?P<y_y>{_YEAR})
    """,
    re.VERBOSE,
)
# The bare year of the grammar in two scans, each with a literal to skip to ("1", "20": one
# scan of "(?:1[89]|20)" is three times slower); "(?<![\d\w./-])" is tried after the first
# two digits (``..`` are those digits).
_YEAR_SCANS = tuple(re.compile(rf"{lead}(?<![\d\w./-]..)\d\d(?!\d|s\b|'s\b)") for lead in ("1[89]", "20"))
# Month-day thirds for early/mid/late, and the months of each season (northern hemisphere).
_THIRDS = {
    "early": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "beginning": (1, 10),
    "end": (21, 31),
}
_SEASONS = {
    "spring": (21, (3, 4, 5)),
    "summer": (22, (6, 7, 8)),
    "autumn": (23, (9, 10, 11)),
    "fall": (23, (9, 10, 11)),
    "winter": (24, (12, 13, 14)),
}


@dataclass(slots=True, unsafe_hash=True)
class DateMention:
    """A date found in a text: ``text[start:end]`` is its surface form.

    ``iso`` is ISO 8601 (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, an interval
    ``a/b`` or an EDTF season ``YYYY-21``); ``first``/``last`` bound the days
    it covers, for ordering and time sliders. Treat it as a value: it is not
    frozen only because a frozen dataclass's ``__init__`` is five times slower
    (0.9 against 0.18 us; dense text has 2,000 dates per MB), and it hashes
    by its fields as a frozen one would.
    """

    start: int
    end: int
    iso: str
    precision: str
    first: dt.date | Day  # a Day for years before 1 (BCE): datetime stops at year 1
    last: dt.date | Day


def find_dates(text: str) -> list[DateMention]:
    """Every date of ``text`` in order, normalised to ISO 8601 with its precision.

    Parameters
    ----------
    text
        A decoded document text.

    Returns
    -------
    list of DateMention
        Forms without a year take the nearest explicit year before them (else
        after); they are dropped when the text has no year at all.
    """
    # Two literal-first scans find the years (a lookbehind first would slow a scan tenfold).
    y18, y20 = ([(m.start(), int(m.group())) for m in rx.finditer(text)] for rx in _YEAR_SCANS)
    years = sorted(y18 + y20) if y20 else y18
    starts = [p for p, _ in years]
    # The grammar is slow to scan with (about 2 MB/s: every position tries every
    # alternative), so it runs only in a small window around each anchor: a
    # year, a month name (a regex whose capital first letter it can skip to,
    # 200 MB/s), or a season name just before a year (a season is a date only
    # with its year, "the late spring of 1952", so it is looked for from there).
    # A year anchor starts its own date (a full date with a year also has a month
    # or season name before it, an earlier anchor); a name tries the grammar at
    # each plausible first word before it, leftmost first.
    year_of = dict(years)
    month_at = {m.end() - 1: m.start() for m in _MONTH_SCAN.finditer(text)}  # last character -> first
    anchors = list(month_at)
    for p in starts:
        # a season ends in a blank before the year: only then the (slower) search
        if p and text[p - 1].isspace() and text[max(0, p - _SEASON_LOOKBACK) : p].rstrip().endswith(_SEASON_TAILS):
            m = _SEASON_BEFORE.search(text, max(0, p - _SEASON_LOOKBACK), p)
            if m is not None:
                anchors.append(m.end("season") - 1)
    anchors += starts
    anchors.sort()
    out: list[DateMention] = []
    done = 0
    for a in anchors:
        if a < done:
            continue
        y = year_of.get(a)
        if y is not None:
            # at a year only the bare-year form can match (every other one starts with a word
            # or a day number followed by a blank): no grammar needed
            out.append(_bare_year(a, y))
            done = a + 4
            continue
        for w in _FIRST_WORD.finditer(text, max(done, a - _BEFORE, _earliest_start(text, month_at.get(a), a)), a + 1):
            m = _GRAMMAR.match(text, w.start(), a + _AFTER)
            if m is not None and m.end() > a:
                d = _normalise(m, _context_year(years, starts, m.start()))
                if d is not None:
                    out.append(d)
                done = m.end()
                break
    era = _era_dates(text)
    if era:
        taken = [(d.start, d.end) for d in out]
        out += [e for e in era if not any(a < e.end and e.start < b for a, b in taken)]
        out.sort(key=lambda d: d.start)
    return out


def _earliest_start(text: str, ms: int | None, a: int) -> int:
    """Where a date that holds the month name ``text[ms:a + 1]`` can start: before it only when
    the word before its blanks is one a form puts there (a day, "early", "of", "in"...), else
    at the name (0: anywhere). Every form joins what it has before the month by blanks (or a
    hyphen after a qualifier) to a whole word of ``_MONTH_LEAD_WORDS`` or a day."""
    if ms is None or text[ms : a + 1] not in _MONTH_NAMES:  # a season, or a scan hit such as "Dune"
        return 0
    k = ms
    while k and (text[k - 1].isspace() or text[k - 1] == "-"):
        k -= 1
    if k == ms:
        return ms
    j = k
    while j and (text[j - 1].isalnum() or text[j - 1] == "_"):  # the word before: a \w run
        j -= 1
    word = text[j:k]
    return 0 if word in _MONTH_LEAD_WORDS or _DAY_WORD.fullmatch(word) else ms


def _bare_year(start: int, y: int) -> DateMention:
    """A year of the main grammar (1800-2099) standing alone, as ``_normalise`` reads it."""
    return DateMention(start, start + 4, f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31))


_ORDINALS = {
    w: i
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
        ],
        1,
    )
}
_ORDINAL_RE = "|".join(_ORDINALS)
_ERA_AD = r"(?:AD|A\.D\.|CE|C\.E\.)"
_ERA_BC = r"(?:BCE|BC|B\.C\.E\.|B\.C\.)"
_ERA = re.compile(
    rf"""
      (?<![\w/.-])(?P<h>[1-9]\d{{0,3}})/(?P<h_ce>[1-9]\d{{2,3}})(?![\w/.]|-\d)
    | (?<![\w-]){_ERA_AD}\s?(?P<ad_y>[1-9]\d{{0,3}})(?![\w])
    | (?<![\w.-])(?P<ad_y2>[1-9]\d{{0,3}})\s?{_ERA_AD}(?![\w])
    | (?<![\w.-])(?P<bc_y>[1-9]\d{{0,3}})\s?{_ERA_BC}(?![\w])
    | (?<![\w-])(?:(?P<c_q>[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?
      (?:(?P<c_n>[1-9]\d?)(?:st|nd|rd|th)|(?P<c_w>{_ORDINAL_RE}))[\s-]+[Cc]entur(?:y|ies)
      (?:\s+(?P<c_era>{_ERA_BC}|{_ERA_AD}))?(?![\w])
    | (?<![\w-])(?P<p_lead>[Ii]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ff]rom|[Aa]fter|[Bb]efore|[Aa]round|[Cc]irca|c\.|ca\.)\s+
      (?P<p_y>[1-9]\d{{2,3}})(?![\w.,]\d|\d|\s?(?:{_ERA_BC}|{_ERA_AD})(?!\w)|\s*(?:%|per\s?cent|km|kilomet|miles?|men|people)\b|\s+(?!(?:his|was|is|as|its|this|has|us|thus)\b)[a-z]+s\b)
    """,
    re.VERBOSE,
)
# Literal-first scans are fast (a character class first is ten times slower in Python's re):
# each finds where a cue is, and the grammar is tried at the word starts just before it.
_ERA_ABBR_SCANS = tuple(re.compile(p) for p in (r"B\.?C", r"A\.?D", r"C\.?E"))  # BC/B.C, AD/A.D, CE/C.E
_SLASH_SCAN = re.compile("/[0-9]")
_CENTURY_SCAN = re.compile("entur")
# The prepositions of _LEAD_BEFORE by length (a lookbehind is of one width).
_LEADS = (r"[Ii]n|[Bb]y|c\.", r"ca\.", r"[Ff]rom", r"[Uu]ntil|[Ss]ince|[Aa]fter|[Cc]irca", r"[Bb]efore|[Aa]round")
# A blank and three digits after a preposition (``_LEAD_BEFORE``): the blank is the literal to skip
# to, the preposition's last letter and then the preposition lookbehinds tried only there.
_LEAD_SCAN = re.compile(
    " (?=[1-9][0-9][0-9])(?<=[nylemrda.] )(?:" + "|".join(rf"(?<=(?<![\w-])(?:{w}) )" for w in _LEADS) + ")"
)
_WORD_START = re.compile(r"(?<![\w.-])[\w.]")
_LEAD_BEFORE = re.compile(
    r"(?<![\w-])(?:[Ii]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ff]rom|[Aa]fter|[Bb]efore|[Aa]round|[Cc]irca|c\.|ca\.) $"
)
# A cue an _ERA form that starts just after a "/" must reach (a hijri/CE pair needs none).
_ERA_CUE = re.compile(r"AD|A\.D|CE|C\.E|BC|B\.C|entur")
_HIJRI_TOLERANCE = 2  # years: common era = 622 + 0.9702 x hijri, to within a year or so


def _era_dates(text: str) -> list[DateMention]:
    """Years before 1800 with a cue (era, preposition, century, hijri/CE double date).

    Each cue found gives a hit: the position an _ERA form must reach past, and the
    first position to try it from (a form with a preposition starts at the preposition:
    none that starts earlier spans one). Hits that no form can use are dropped
    before the grammar is tried.
    """
    hits: dict[int, int] = {}  # hit -> the earliest start worth trying
    n = len(text)
    for rx in _ERA_ABBR_SCANS:
        for m in rx.finditer(text):
            h, e = m.span()
            # an era abbreviation alone (not inside FORCE or ADVANCE), with a number beside it
            if (h and text[h - 1].isalpha()) or (e < n and text[e].isalpha() and text[e] != "E"):
                continue
            if not any(c.isdigit() for c in text[max(0, h - 6) : e + 6]):
                continue
            hits[h] = h - 30
    for m in _CENTURY_SCAN.finditer(text):
        hits[m.start()] = m.start() - 30
    for m in _SLASH_SCAN.finditer(text):
        h = m.start()
        # a hijri/CE pair has three digits or more after the slash; any other form an era cue
        if (text[h + 1] != "0" and text[h + 2 : h + 4].isdigit()) or _ERA_CUE.search(text, h + 1, h + 40):
            hits[h] = h - 30
    for m in _LEAD_SCAN.finditer(text):
        h = m.start()
        lead = _LEAD_BEFORE.search(text, max(0, h - 7), h + 1)
        if lead is not None:
            hits[h] = lead.start()
    out: list[DateMention] = []
    done = 0
    for h in sorted(hits):
        if h < done:
            continue
        lo = max(done, hits[h], h - 30)
        for w in _WORD_START.finditer(text, lo, h + 2):
            em = _ERA.match(text, w.start(), h + 40)
            if em is not None and em.end() > h:
                d = _era(em)
                if d is not None:
                    out.append(d)
                    done = em.end()
                break
    return out


def _year_mention(start: int, end: int, y: int) -> DateMention:
    return DateMention(start, end, iso_year(y), "year", calendar_day(y, 1, 1), calendar_day(y, 12, 31))


def _era(m: re.Match[str]) -> DateMention | None:
    g = m.groupdict()
    start, end = m.span()
    if g["h"]:
        hijri, ce = int(g["h"]), int(g["h_ce"])
        if abs(ce - (622 + 0.9702 * hijri)) > _HIJRI_TOLERANCE:
            return None
        return _year_mention(start, end, ce)
    if g["ad_y"] or g["ad_y2"]:
        return _year_mention(start, end, int(g["ad_y"] or g["ad_y2"]))
    if g["bc_y"]:
        return _year_mention(start, end, year_of_bce(int(g["bc_y"])))
    if g["c_n"] or g["c_w"]:
        n = int(g["c_n"]) if g["c_n"] else _ORDINALS[g["c_w"].lower()]
        if not 1 <= n <= 21:
            return None
        bce = bool(g["c_era"]) and g["c_era"].startswith("B")
        a, b = (year_of_bce(100 * n), year_of_bce(100 * n - 99)) if bce else (100 * n - 99, 100 * n)
        q = (g["c_q"] or "").lower()
        third = (b - a + 1) // 3
        if q == "early":
            b = a + third - 1
        elif q == "mid":
            a, b = a + third, a + 2 * third - 1
        elif q == "late":
            a = a + 2 * third
        return DateMention(
            start, end, f"{iso_year(a)}/{iso_year(b)}", "century", calendar_day(a, 1, 1), calendar_day(b, 12, 31)
        )
    y = int(g["p_y"])
    if y >= 1800:
        return None  # the main grammar reads modern years
    return DateMention(m.start("p_y"), end, f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31))


_FIRST_WORD = re.compile(rf"(?<![\w-])(?:\d|[Bb]etween|[Tt]he|{_QUAL}|{_BARE_LEAD}|{_MONTH}|{_SEASON})")
_MONTH_SCAN = re.compile(
    r"[ADFJMNOS](?:anuary|ebruary|arch|pril|ay|une|uly|ugust|eptember|ctober|ovember|ecember"
    r"|an\.|eb\.|ar\.|pr\.|un\.|ul\.|ug\.|ept?\.|ct\.|ov\.|ec\.)"
)
# What _MONTH matches: the names, and their abbreviations with a full stop ("Sept." too).
_MONTH_NAMES = frozenset(_MONTHS) | {f"{m}." for m in _MONTH_ABBR if m != "May"} | {"Sept."}
# The last words of what a form has before its month: a qualifier's ("the end of"), a bare
# month's lead word; the first letter in either case, as the grammar reads them.
_MONTH_LEAD_WORDS = frozenset(
    v
    for w in "early mid middle late of in on by during until since from to that this last next before after through till and".split()  # noqa: SIM905
    for v in (w, w[0].upper() + w[1:])
)
_DAY_WORD = re.compile(_DAY)
_SEASON_LOOKBACK = 60
_SEASON_BEFORE = re.compile(rf"(?P<season>{_SEASON})\s+(?:of\s+)?$")
#: How the text before a year ends when _SEASON_BEFORE can match there (whitespace stripped).
_SEASON_TAILS = ("pring", "ummer", "utumn", "all", "inter", "of")
_BEFORE, _AFTER = 32, 40  # window around an anchor: "the beginning of ", "between 2 and 14 "...


def _context_year(years: list[tuple[int, int]], starts: list[int], pos: int) -> int | None:
    i = bisect_right(starts, pos) - 1
    if i >= 0:
        return years[i][1]
    return years[0][1] if years else None


def _month_no(name: str) -> int:
    return _MONTHS.get(name) or _MONTH_ABBR[name.rstrip(".")[:3]]


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _last_day(y: int, m: int) -> int:
    """``calendar.monthrange(y, m)[1]`` without the weekday it also works out."""
    return 29 if m == 2 and calendar.isleap(y) else _MONTH_DAYS[m]


def _qual(q: str | None) -> str | None:
    return q.split()[-1].lower() if q else None


@cache  # a few hundred (year, month, third) triples recur across a corpus
def _month_span(y: int, mo: int, q: str | None) -> tuple[dt.date, dt.date]:
    lo, hi = _THIRDS.get(q or "", (1, 31))
    last = _last_day(y, mo)
    return dt.date(y, mo, lo), dt.date(y, mo, min(hi, last) if q else last)


def _normalise(m: re.Match[str], context_year: int | None) -> DateMention | None:
    # the alternative that matched is named by the prefix of its groups' names ("m_y": month and year);
    # its last matched group says which (cheaper than a dict of all the grammar's groups)
    g = m.group
    kind = (m.lastgroup or "")[:2]
    start, end = m.span()
    try:
        if kind == "b_":
            y = int(g("b_y")) if g("b_y") else context_year
            if y is None:
                return None
            mo = _month_no(g("b_m"))
            a, b = dt.date(y, mo, _day(g("b_d1"))), dt.date(y, mo, _day(g("b_d2")))
            if b < a:
                return None
            return DateMention(start, end, f"{a.isoformat()}/{b.isoformat()}", "day", a, b)
        if kind in ("d_", "a_"):
            dd, mm, yy = (g("d_d"), g("d_m"), g("d_y")) if kind == "d_" else (g("a_d"), g("a_m"), g("a_y"))
            y = int(yy) if yy else context_year
            if y is None:
                return None
            day = dt.date(y, _month_no(mm), _day(dd))
            return DateMention(start, end, day.isoformat(), "day", day, day)
        if kind == "m_":
            y, mo, q = int(g("m_y")), _month_no(g("m_m")), _qual(g("m_q"))
            first, last = _month_span(y, mo, q)
            return DateMention(start, end, f"{y:04d}-{mo:02d}", "month", first, last)
        if kind == "s_":
            return _season(start, end, int(g("s_y")), g("s_s").lower(), _qual(g("s_q")))
        if kind in ("n_", "n2"):
            if context_year is None:
                return None
            if kind == "n_":
                start = m.start("n_q") if g("n_q") else m.start("n_m")
                mo, q = _month_no(g("n_m")), _qual(g("n_q"))
            else:
                mo, q = _month_no(g("n2_m")), _qual(g("n2_q"))
            first, last = _month_span(context_year, mo, q)
            return DateMention(start, end, f"{context_year:04d}-{mo:02d}", "month", first, last)
        y = int(g("y_y"))
        return DateMention(start, end, f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31))
    except ValueError:  # 31 April and the like: not a date
        return None


def _day(s: str) -> int:
    return int(s.rstrip("stndrh"))  # "21st" -> 21


def _season(start: int, end: int, y: int, name: str, q: str | None) -> DateMention:
    code, season = _SEASONS[name]
    months: tuple[int, ...] = season
    if q in ("early", "beginning"):
        months = months[:1]
    elif q in ("mid", "middle"):
        months = months[1:2]
    elif q in ("late", "end"):
        months = months[2:]
    (fy, fm), (ly, lm) = ((y + (mo - 1) // 12, (mo - 1) % 12 + 1) for mo in (months[0], months[-1]))
    return DateMention(start, end, f"{y:04d}-{code}", "season", dt.date(fy, fm, 1), dt.date(ly, lm, _last_day(ly, lm)))


#: A date before the sentence still governs it within this many characters.
DATE_CARRY_CHARS = 1500


def governing_date(dates: list[DateMention], first: int, last: int, start: int, lo: int = 0) -> DateMention | None:
    """The date that governs a mention at ``start`` in the sentence ``[first, last)``.

    The nearest date before the mention in its sentence, else the first after
    it in the sentence, else the latest date ending before the sentence within
    :data:`DATE_CARRY_CHARS` (about a paragraph: OCR blank lines do not mark
    paragraphs reliably), else none.
    """
    before = after = carried = None
    for i in range(lo, len(dates)):  # callers start ``lo`` near the sentence
        d = dates[i]
        if d.start >= last:
            break
        if d.start >= first:
            if d.start < start:
                before = d
            elif after is None:
                after = d
        elif d.end <= first and first - d.end <= DATE_CARRY_CHARS:
            carried = d
    return before or after or carried
