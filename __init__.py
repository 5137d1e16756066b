"""policykg: Chinese government policy documents as a knowledge graph you can query.

In Python::

    import policykg

    policykg.build()  # the bundled corpus into .policykg/
    kg = policykg.open(".policykg")
    for item in kg.measures(pollutant="镉", before=2018):
        print(item.title, item.matched)

The repository's top-level folders are this package: ``policykg.extract`` (files to the plain
document model), ``policykg.graph`` (the model as RDF, the store, the queries) and
``policykg.cli``; ``ontology/`` and ``corpus/`` are its data. Importing it stays light: the API
loads on first use, and spaCy, jieba and jionlp only when a build needs them.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
DEFAULT_STORE = Path(".policykg")  # where the graph lives unless told otherwise

if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ imports them
    from policykg.builder import BuildReport as BuildReport
    from policykg.builder import build as build
    from policykg.items import Comparison as Comparison
    from policykg.items import DocumentSummary as DocumentSummary
    from policykg.items import Item as Item
    from policykg.items import UnitDetail as UnitDetail
    from policykg.knowledge_graph import KnowledgeGraph as KnowledgeGraph
    from policykg.knowledge_graph import open as open

# the API's names and the module each lives in, imported when first asked for
_API = {
    "open": "knowledge_graph",
    "KnowledgeGraph": "knowledge_graph",
    "build": "builder",
    "BuildReport": "builder",
    "Item": "items",
    "DocumentSummary": "items",
    "Comparison": "items",
    "UnitDetail": "items",
}
__all__ = ["DEFAULT_STORE", "data_path", *_API]


def data_path(*parts: str) -> Path:
    """A file or folder of the package's data (``ontology/``, ``corpus/``) on disk: beside
    this file, in a wheel (never zipped: the data are read as files) and in an editable
    install alike. (``importlib.resources`` says the same, at 20 ms of a cold query's import.)"""
    return _ROOT.joinpath(*parts)


_ROOT = Path(__file__).resolve().parent


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(import_module(f"{__name__}.{_API[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
