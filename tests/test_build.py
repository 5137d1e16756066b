"""The build's plumbing: parallel workers, the background writer, what makes a rebuild."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from policykg.cli import main
from tests.conftest import CORPUS, PLAN


def _run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def _export(store) -> bytes:
    result = CliRunner().invoke(main, ["export", "--store", str(store), "--format", "nq"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _unit_count(store) -> int:
    result = _run("measures", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return len(json.loads(result.stdout))


def test_two_workers_and_one_build_the_same_graph(tmp_path):
    corpus = tmp_path / "corpus"
    # same source paths in both stores: the 7 texts and one Markdown regulation
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("local-regulations"))
    regulation = sorted((CORPUS / "local-regulations").glob("*.md"))[0]
    shutil.copy(regulation, corpus / "regulation.md")
    one, two = tmp_path / "one", tmp_path / "two"
    assert _run("build", corpus, "--store", one, "--jobs", "1").exit_code == 0
    result = _run("build", corpus, "--store", two, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Built 8 document(s)")
    assert _export(one) == _export(two)


def _interrupt(sink) -> None:
    sink.write("extra", b"<https://example.org/a> <https://example.org/b> 1 .\n")
    raise KeyboardInterrupt  # the build stops while a write is queued


def _bad_write(sink) -> None:
    sink.write("broken", b"<https://example.org/a> not N-Triples .\n")
    sink.write("never", b"")  # the failure surfaces here or when the block ends


@pytest.mark.parametrize(
    ("body", "error"), [(_bad_write, SyntaxError), (_interrupt, KeyboardInterrupt)]
)
def test_a_build_that_fails_in_the_writer_or_outside_it_keeps_the_store(tmp_path, body, error):
    from policykg.graph.sink import open_sink

    store = tmp_path / "kg"
    assert _run("build", PLAN, "--store", store).exit_code == 0
    before = _export(store)
    with pytest.raises(error), open_sink(store) as sink:
        body(sink)
    assert _export(store) == before
    assert _unit_count(store) == 77


def test_changing_the_rdf_mapping_rebuilds_unchanged_documents(tmp_path, monkeypatch):
    import policykg.graph.rdf

    store = tmp_path / "kg"
    assert _run("build", PLAN, "--store", store).exit_code == 0
    assert "1 unchanged" in _run("build", PLAN, "--store", store).stdout
    monkeypatch.setattr(policykg.graph.rdf, "mapping_fingerprint", lambda: "another mapping")
    again = _run("build", PLAN, "--store", store)
    assert again.exit_code == 0
    assert again.stdout.startswith("Built 1 document(s)") and "unchanged" not in again.stdout
