"""policykg: Chinese government policy documents as a knowledge graph you can query.

The repository's top-level folders are this package: ``policykg.extract`` (files to the plain
document model), ``policykg.graph`` (the model as RDF, the store, the queries) and
``policykg.cli``; ``ontology/`` and ``corpus/`` are its data. Importing it stays light: spaCy,
jieba and jionlp load only when a build needs them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__version__ = "0.1.0"


def data_path(*parts: str) -> Path:
    """A file or folder of the package's data (``ontology/``, ``corpus/``) on disk."""
    root = resources.files(__name__)
    return Path(str(root.joinpath(*parts)))
