"""mapgen: a historical gazetteer plus the articles that discuss it, as a layered Leaflet map."""

from __future__ import annotations

__version__ = "0.1.0"
