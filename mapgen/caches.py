"""The user's cache directory: what mapgen derives from an input once and reuses while it is unchanged.

Entries are named by a digest of everything they were derived from (the
input's bytes, its path, the mapgen code that derived them), so a changed
input or a new mapgen is a miss, never a stale hit. Each entry is JSON written
whole and then renamed (:func:`mapgen.outputs.write_text_atomic`); anything
unreadable, malformed or too large is treated as a miss, and a cache that
cannot be written (a read-only home) only costs the time it would have saved.
Delete the directory at any time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from functools import cache
from pathlib import Path
from typing import Any

from .errors import MapgenError
from .outputs import write_text_atomic

log = logging.getLogger(__name__)

#: An entry larger than this is not read (a cache of names and points is a few hundred kB).
MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: Entries kept of each kind; writing one more deletes the least recently written.
MAX_ENTRIES_PER_KIND = 16


def cache_dir() -> Path:
    """``$MAPGEN_CACHE``, else ``$XDG_CACHE_HOME/mapgen``, else ``~/.cache/mapgen``."""
    if os.environ.get("MAPGEN_CACHE"):
        return Path(os.environ["MAPGEN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mapgen"


@cache
def code_digest() -> str:
    """A digest of the installed mapgen (each module's and data file's name, size and mtime).

    Part of every entry's key: an edited validator or vocabulary (an editable
    install, an upgrade) never meets entries an older one wrote.
    """
    root = Path(__file__).parent
    h = hashlib.sha256()
    for folder in (root, root / "data"):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.is_file() and not entry.name.endswith(".pyc"):
                st = entry.stat()
                h.update(f"{folder.name}/{entry.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:32]


def entry_key(kind: str, *parts: bytes | str) -> str:
    """The file name of the entry of ``kind`` derived from ``parts`` with this mapgen's code."""
    h = hashlib.sha256(code_digest().encode())
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return f"{kind}-{h.hexdigest()[:40]}.json"


def read_entry(name: str) -> Any | None:
    """The JSON value of the entry ``name``, or None (missing, unreadable, too large, not JSON)."""
    path = cache_dir() / name
    try:
        if path.stat().st_size > MAX_ENTRY_BYTES:
            return None
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None


def write_entry(name: str, value: Any) -> None:
    """Store ``value`` (JSON) as the entry ``name``, keeping the newest :data:`MAX_ENTRIES_PER_KIND` of its
    kind (every edit of a gazetteer makes a new entry); a failure is logged at debug level and ignored."""
    folder = cache_dir()
    try:
        write_text_atomic(json.dumps(value, ensure_ascii=False, separators=(",", ":")), folder / name)
        kind = name.partition("-")[0]
        same = [e for e in os.scandir(folder) if e.name.startswith(f"{kind}-") and e.name.endswith(".json")]
        for old in sorted(same, key=lambda e: (e.stat().st_mtime_ns, e.name))[:-MAX_ENTRIES_PER_KIND]:
            os.unlink(old.path)
    except (OSError, ValueError, MapgenError) as exc:  # ValueError: text no file can encode
        log.debug("cache entry %s not written: %s", name, exc)
