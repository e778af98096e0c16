"""Precision guards: spans that look like place names but are not places.

Applied to every recognised span (curated and open-world) after matching, so
that the rules live in one place and each can be tested on its own:

- **organisation names**: a place name followed by an organisation head word,
  capitalised ("U.S. 8th Army", "ROK Army", "US Air Force Museum", "Far East
  Air Forces", "United States Army") names the organisation, not the place;
  lower-case heads ("US forces", "ROK troops") are attributive uses of the
  country and stay places. The head words are data (``data/org_heads.txt``);
- **acronyms**: a gazetteer name written all in capitals ("US", "ROK", "DMZ")
  matches only where the text writes it in capitals too ("us" is a pronoun);
- **longer hyphenated names**: a name followed by a romanised place-name
  suffix ("Koto-ri", "Yudam-ni", "Hungnam-dong") is part of another place's
  name (a village, a ward), not the place it spells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from .inputs import package_lines

_ORDINAL = r"(?:\d+(?:st|nd|rd|th)|[IVX]{1,4}|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)"


@cache
def org_heads() -> tuple[str, ...]:
    """Capitalised head words that turn a preceding place name into an organisation's name."""
    return tuple(package_lines("data", "org_heads.txt"))


@cache
def _org_after() -> re.Pattern[str]:
    heads = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(org_heads(), key=len, reverse=True))
    # optional "(ROK)" gloss, optional ordinal ("8th", "I"), then the head word
    # (or a name that is itself that gloss: the "XR" of "Xland Republic (XR) I Corps")
    return re.compile(rf"(?:\s*\([^()\n]{{1,16}}\)|\))?\s+(?:{_ORDINAL}\s+)?(?:{heads})\b")


_PLACE_SUFFIX = re.compile(r"[-\u2010\u2011](?:ri|ni|dong|tong|up|ŭp|gun|si|do|myon|myŏn|ho|gang|san|li)(?![A-Za-z])")


def is_longer_name(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` continues as a hyphenated place name ("Koto-ri")."""
    return _PLACE_SUFFIX.match(text, end) is not None


def is_organisation(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is followed by an organisation head ("... Army")."""
    return _org_after().match(text, end) is not None


def acronym_keys(variants: Iterable[tuple[str, str]], fold: Callable[[str], str]) -> frozenset[str]:
    """Folded keys whose every gazetteer form is an all-capitals acronym of at most 6 letters."""
    caps: dict[str, bool] = {}
    for _pid, name in variants:
        key = fold(name)
        letters = [c for c in name if c.isalpha()]
        is_acr = bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)
        caps[key] = caps.get(key, True) and is_acr
    return frozenset(k for k, v in caps.items() if v)


def acronym_ok(surface: str) -> bool:
    """An acronym's surface form must be in capitals ("US", "U.S.", not "us")."""
    letters = [c for c in surface if c.isalpha()]
    return all(c.isupper() for c in letters)
