"""mapgen: a historical gazetteer plus the articles that discuss it, as a layered Leaflet map.

In a notebook::

    import mapgen
    m = mapgen.make_map(texts=["articles/"])   # a folium.Map; shows inline in Jupyter
    mapgen.save_map(m, "output/lesson.html")

The stages are plain functions too: :func:`load_gazetteer` / :func:`validate_gazetteer`,
:func:`iter_documents`, :func:`join_texts` (mentions found and resolved, as tables),
:func:`iter_mention_records` (the same records streamed, one dict each),
:func:`write_mentions` (``mapgen mentions``: JSON lines or CSV, on every core or on Dask), :func:`build`
(gazetteer to file, as the CLI does) and :func:`export` / :func:`export_file` (LPF, GeoJSON,
GeoPackage, KML, CSV, Web Annotations).

Names are imported on first use, so ``import mapgen`` stays cheap and
``mapgen mentions`` never loads geopandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "load_gazetteer": "gazetteer",
    "validate_gazetteer": "gazetteer",
    "Gazetteer": "gazetteer",
    "iter_documents": "texts",
    "load_document": "texts",
    "Document": "texts",
    "join_texts": "join",
    "Join": "join",
    "iter_mention_records": "join",
    "load_overrides": "overrides",
    "write_mentions": "mentions_writer",
    "MentionsRun": "mentions_writer",
    "make_map": "pipeline",
    "save_map": "pipeline",
    "build": "pipeline",
    "prepare": "pipeline",
    "BuildResult": "pipeline",
    "export": "export",
    "export_file": "export",
    "MapgenError": "errors",
    "OptionError": "errors",
    "Problem": "errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mapgen' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # for type checkers and IDEs: the same names, imported eagerly
    # the redundant aliases mark these as re-exports (PEP 484), not unused imports
    from .errors import MapgenError as MapgenError
    from .errors import OptionError as OptionError
    from .errors import Problem as Problem
    from .export import export as export
    from .export import export_file as export_file
    from .gazetteer import Gazetteer as Gazetteer
    from .gazetteer import load_gazetteer as load_gazetteer
    from .gazetteer import validate_gazetteer as validate_gazetteer
    from .join import Join as Join
    from .join import iter_mention_records as iter_mention_records
    from .join import join_texts as join_texts
    from .mentions_writer import MentionsRun as MentionsRun
    from .mentions_writer import write_mentions as write_mentions
    from .overrides import load_overrides as load_overrides
    from .pipeline import BuildResult as BuildResult
    from .pipeline import build as build
    from .pipeline import make_map as make_map
    from .pipeline import prepare as prepare
    from .pipeline import save_map as save_map
    from .texts import Document as Document
    from .texts import iter_documents as iter_documents
    from .texts import load_document as load_document
