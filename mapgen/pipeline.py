"""The whole build as one call: gazetteer -> layers -> render -> file.

The CLI is a thin shell over these functions, so everything it does can be
done from Python too.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .gazetteer import Gazetteer, load_gazetteer
from .layers import place_layers
from .render import MapOptions, render_html, save_html

log = logging.getLogger(__name__)

DEFAULT_OUT = Path("output") / "mig_alley.html"


def load_basemap() -> dict[str, Any] | None:
    """The offline land-and-borders layer shipped with mapgen (Natural Earth), if present."""
    f = resources.files("mapgen") / "data" / "basemap.geojson"
    if not f.is_file():
        return None
    data: dict[str, Any] = json.loads(f.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, for the CLI to report."""

    path: Path
    places: int
    layers: int
    bytes: int


def build(
    gazetteer: str | Path | None = None,
    out: str | Path = DEFAULT_OUT,
    *,
    title: str | None = None,
    layers: Iterable[str] | None = None,
    self_contained: bool = False,
) -> BuildResult:
    """Load the gazetteer, sort it into layers, render and save the map atomically."""
    gaz: Gazetteer = load_gazetteer(gazetteer)
    log.info("loaded %d places from %s", len(gaz.places), gaz.path)
    lyrs = place_layers(gaz, only=layers)
    opts = MapOptions(basemap=load_basemap(), self_contained=self_contained, **({"title": title} if title else {}))
    text = render_html(gaz, lyrs, opts)
    path = save_html(text, out)
    log.info("wrote %s (%d bytes)", path, len(text.encode("utf-8")))
    return BuildResult(path=path, places=len(gaz.places), layers=len(lyrs), bytes=len(text.encode("utf-8")))
