"""Shared fixtures: the real corpus, one spaCy pipeline per session, one built store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared" / "corpus"
PLAN = CORPUS / "plan-2016-eco-env-protection-excerpt.txt"
PLAN_ID = "plan-2016-eco-env-protection"


def shared_file(name: str) -> Path:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared corpus sits beside the repository)")
    return path


@pytest.fixture(scope="session")
def plan_text() -> str:
    return PLAN.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    pytest.importorskip("jieba")
    from cli import VOCABULARIES
    from extract.pipeline import make_nlp
    from graph.lexicon import load_terms

    return make_nlp({name: load_terms(name) for name in VOCABULARIES})


@pytest.fixture(scope="session")
def plan_doc(nlp, plan_text):
    from extract.pipeline import analyse_text

    meta = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))[0]
    meta = {k: v for k, v in meta.items() if k not in ("file", "id")}
    return analyse_text(plan_text, PLAN_ID, nlp, meta, str(PLAN))


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    """The bundled corpus built once, through the real CLI."""
    from click.testing import CliRunner

    from cli import main

    store = tmp_path_factory.mktemp("store") / "kg"
    result = CliRunner().invoke(main, ["build", str(CORPUS), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture(scope="session")
def plan_items(built_store) -> list[dict]:
    from click.testing import CliRunner

    from cli import main

    result = CliRunner().invoke(main, ["measures", "--store", str(built_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
