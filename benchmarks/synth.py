"""Synthetic gazetteers for benchmarks and scale tests (generated, never committed)."""

from __future__ import annotations

from typing import Any

CATEGORIES = ("city", "airbase", "dam", "battle")


def synthetic_gazetteer(n: int) -> dict[str, Any]:
    """``n`` valid, cited point places on a grid over the theatre (lon 120-130, lat 35-43)."""
    feats = []
    for i in range(n):
        lon = 120.0 + (i % 100) * 0.1
        lat = 35.0 + (i // 100) % 100 * 0.08
        feats.append(
            {
                "type": "Feature",
                "id": f"place-{i}",
                "properties": {
                    "title": f"Place {i}",
                    "category": CATEGORIES[i % 4],
                    "side": ["UN"] if i % 8 == 1 else [],
                },
                "names": [{"toponym": f"Variant {i}", "lang": "en"}],
                "descriptions": [{"value": f"Synthetic place number {i}.", "lang": "en"}],
                "citations": [{"source": "synthetic"}],
                "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
            }
        )
    return {
        "type": "FeatureCollection",
        "sources": [{"id": "synthetic", "title": "Generated for benchmarks"}],
        "features": feats,
    }
