"""Many files through the pipeline: one spaCy pipeline per process, results in input order.

The NLP setup (jieba's dictionary, the vocabularies' matchers) is paid once per worker process,
never per document, and documents stream through: nothing holds the whole corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from extract.errors import PolicyKGError
from extract.model import Document
from extract.pipeline import analyse_file, make_nlp

_NLP: Any = None


def fingerprint(vocabularies: Mapping[str, Sequence[dict[str, Any]]]) -> str:
    """What, besides a file's text, decides its graph: the extraction code and the vocabularies.

    A rebuild skips a document only when both its text and this fingerprint are unchanged.
    """
    h = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(path.read_bytes())
    for name in sorted(vocabularies):
        h.update(name.encode())
        h.update(repr(vocabularies[name]).encode())
    return h.hexdigest()[:16]


def _init(vocabularies: Mapping[str, Sequence[dict[str, Any]]]) -> None:
    global _NLP
    _NLP = make_nlp(vocabularies)


def _work(job: tuple[Path, dict[str, Any], str | None]) -> tuple[Document | None, str | None]:
    path, meta, encoding = job
    try:
        return analyse_file(path, _NLP, meta, encoding), None
    except PolicyKGError as e:
        return None, str(e)
    except Exception as e:
        return None, f"{path}: could not be processed ({type(e).__name__}: {e})"


def analyse_many(
    jobs: Sequence[tuple[Path, dict[str, Any], str | None]],
    vocabularies: Mapping[str, Sequence[dict[str, Any]]],
    workers: int = 1,
) -> Iterator[tuple[Path, Document | None, str | None]]:
    """``(path, document or None, error or None)`` for each job, in order."""
    if not jobs:
        return
    if workers <= 1 or len(jobs) == 1:
        _init(vocabularies)
        for job in jobs:
            doc, err = _work(job)
            yield job[0], doc, err
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init, initargs=(vocabularies,)
    ) as pool:
        for job, (doc, err) in zip(jobs, pool.map(_work, jobs, chunksize=1), strict=True):
            yield job[0], doc, err
