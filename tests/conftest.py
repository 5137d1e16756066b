"""Shared fixtures: the real corpus, one spaCy pipeline per session, built stores."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser import browser  # noqa: F401 - the headless Chromium fixture, for page tests

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PLAN = CORPUS / "plan-2016-eco-env-protection-excerpt.txt"
PLAN_ID = "plan-2016-eco-env-protection"


def blank_zh():
    """A blank Chinese spaCy pipeline with the build's jieba tokenizer, for testing one
    component."""
    import spacy

    from policykg.extract.tokenizer import TOKENIZER

    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})


def joined(path: Path) -> str:
    """The file with its line breaks removed, as layout repair joins wrapped lines."""
    import re

    return re.sub(r"\n+", "", path.read_text(encoding="utf-8"))


def corpus_file(name: str) -> Path:
    """A document of the bundled corpus (copied unchanged from the public sources it names)."""
    path = CORPUS / name
    assert path.is_file(), f"{path} is missing from the bundled corpus"
    return path


@pytest.fixture(scope="session")
def plan_text() -> str:
    return PLAN.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    pytest.importorskip("jieba")
    from policykg.extract.pipeline import VOCABULARIES, make_nlp
    from policykg.graph.vocabularies import load_vocabularies

    return make_nlp(load_vocabularies(VOCABULARIES))


@pytest.fixture(scope="session")
def plan_doc(nlp, plan_text):
    from policykg.extract.pipeline import analyse_text

    meta = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))[0]
    meta = {k: v for k, v in meta.items() if k not in ("file", "id")}
    return analyse_text(plan_text, PLAN_ID, nlp, meta, str(PLAN))


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    """The primary plan built once, through the API."""
    import policykg

    store = tmp_path_factory.mktemp("store") / "kg"
    report = policykg.build([PLAN], store)
    assert not report.failures and [d.id for d in report.built] == [PLAN_ID]
    return store


@pytest.fixture(scope="session")
def plan_kg(built_store):
    """The built plan, opened as a notebook opens it."""
    import policykg

    return policykg.open(built_store)


@pytest.fixture(scope="session")
def plan_items(plan_kg) -> list[dict]:
    """Every unit of the plan as its JSON item (``Item.model_dump()``)."""
    return [item.model_dump() for item in plan_kg.measures()]


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    """Every document of the bundled corpus in one store: laws, a regulation, a guideline, plans."""
    import policykg

    store = tmp_path_factory.mktemp("corpus") / "kg"
    report = policykg.build([CORPUS], store)
    assert not report.failures and report.built
    return store


@pytest.fixture(scope="session")
def corpus_kg(corpus_store):
    import policykg

    return policykg.open(corpus_store)


REGULATIONS = (  # national, provincial, a special-zone city's, a county's (within a province-level city)
    CORPUS / "law-air-pollution-2018.txt",
    CORPUS / "regulation-shandong-soil-2019.txt",
    CORPUS / "local-regulations" / "深圳经济特区绿色建筑条例(2022-03-28).md",
    CORPUS / "local-regulations" / "石柱土家族自治县西沱国家历史文化名镇保护条例(2013-10-08).md",
)


@pytest.fixture(scope="session")
def regulations_store(tmp_path_factory) -> Path:
    """Four real regulations of four jurisdictions built once, through the real CLI."""
    from click.testing import CliRunner

    from policykg.cli import main

    store = tmp_path_factory.mktemp("regulations") / "kg"
    paths = [str(p) for p in REGULATIONS]
    result = CliRunner().invoke(main, ["build", *paths, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """``oxigraph serve`` on a free local port over ``location``; its base URL."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        pytest.skip(f"no Oxigraph server binary at {binary}")
    port = free_port()
    log = (location.parent / f"oxigraph-{port}.log").open("wb")
    proc = subprocess.Popen(
        [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                request = urllib.request.Request(
                    f"{url}/query",
                    data=b"ASK {}",
                    headers={"Content-Type": "application/sparql-query"},
                )
                with urllib.request.urlopen(request, timeout=1):
                    break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not start (exit code {proc.poll()})")
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server for the whole session (tests/test_remote.py owns its content)."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url
