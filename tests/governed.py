"""A store of real documents that know what they govern: the bundled texts and the folder of 42
local regulations (Markdown), built through the real CLI, jurisdictions and all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from tests.conftest import CORPUS

LOCAL = CORPUS / "local-regulations"
HEZE = "菏泽市文明行为促进条例"  # noise in an article that never names 菏泽
TAIZHOU = "台州市物业管理条例"  # cooking fumes likewise, in Zhejiang
FILES = [LOCAL, *sorted(CORPUS.glob("*.txt"))]


def run(*args, **kw):
    return CliRunner(**kw).invoke(main, [str(a) for a in args])


def items(store: Path, *args: str) -> list[dict]:
    result = run("measures", "--store", store, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def documents(store: Path) -> list[dict]:
    result = run("docs", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def doc_ids(store: Path) -> dict[str, str]:
    """title → document id."""
    return {d["title"]: d["id"] for d in documents(store)}


@pytest.fixture(scope="session")
def governed_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("governed") / "kg"
    result = run("build", *FILES, "--store", store)
    assert result.exit_code == 0, result.output
    return store
