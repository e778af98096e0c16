"""The one test a URL passes before it reaches HTML (a link, an iframe's src).

A browser does not read a URL as written. Following the WHATWG URL Standard's
basic parser, it first strips leading and trailing C0 control characters and
spaces (U+0000-U+0020), removes every ASCII tab and newline (U+0009, U+000A,
U+000D) anywhere, and only then reads the scheme (an ASCII letter, then
letters, digits, ``+``, ``-`` or ``.`` up to a ``:``), case-insensitively. So
``"\\x01 JaVa\\tscript:alert(1)"`` is a ``javascript:`` URL to a browser,
though a naive check sees none. :func:`safe_url` parses the same way and
returns the URL as the browser will read it, or None:

- ``http:`` and ``https:`` URLs are allowed;
- relative URLs (no scheme) only where the caller allows them (``embed``: a
  map beside the lesson page); the gazetteer's and sidecars' links must be
  absolute http(s);
- every other scheme (``javascript:``, ``data:``, ``vbscript:``, ``file:``...),
  a URL with a control character left inside, and a URL longer than
  :data:`MAX_URL_CHARS` are refused.
"""

from __future__ import annotations

import re
from typing import Any

#: Longer URLs are refused (browsers and servers commonly stop near 2-8 kB).
MAX_URL_CHARS = 2048
ALLOWED_SCHEMES = frozenset({"http", "https"})

_STRIP = "".join(chr(c) for c in range(0x21))  # C0 controls and space
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+\-.]*:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def browser_form(url: str) -> str:
    """The URL after the WHATWG pre-processing every browser applies before parsing."""
    return url.strip(_STRIP).translate(_TAB_NEWLINE)


def url_scheme(url: str) -> str | None:
    """The lower-cased scheme a browser reads in ``url`` (None: a relative URL)."""
    m = _SCHEME.match(browser_form(url))
    return m.group(0)[:-1].lower() if m else None


def safe_url(url: Any, *, relative: bool = False) -> str | None:
    """``url`` in its browser form if it is http(s) (or relative, when allowed); else None."""
    if not isinstance(url, str):
        return None
    u = browser_form(url)
    if not u or len(u) > MAX_URL_CHARS or _CONTROL.search(u):
        return None
    scheme = url_scheme(u)
    if scheme is None:
        return u if relative else None
    return u if scheme in ALLOWED_SCHEMES else None
