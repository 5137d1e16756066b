"""The build's plumbing: parallel workers, the background writer, what makes a rebuild."""

from __future__ import annotations

import shutil

import pytest

import policykg
from policykg.graph.sink import open_sink
from policykg.graph.store import EmbeddedStore
from tests.conftest import CORPUS, PLAN, PLAN_ID


def _export(store) -> bytes:
    return b"".join(policykg.open(store).export("nq"))


def test_two_workers_and_one_build_the_same_graph(tmp_path):
    corpus = tmp_path / "corpus"
    # same source paths in both stores: the 7 texts and one Markdown regulation
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("local-regulations"))
    regulation = sorted((CORPUS / "local-regulations").glob("*.md"))[0]
    shutil.copy(regulation, corpus / "regulation.md")
    one, two = tmp_path / "one", tmp_path / "two"
    assert not policykg.build([corpus], one, jobs=1).failures
    report = policykg.build([corpus], two, jobs=2)
    assert not report.failures and len(report.built) == report.files == 8
    assert _export(one) == _export(two)


def test_the_report_and_the_progress_callback_follow_each_document(tmp_path):
    seen = []
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    report = policykg.build([PLAN, bad], tmp_path / "kg", progress=lambda *a: seen.append(a))
    assert [d.id for d in report.built] == [PLAN_ID]
    assert report.built[0].units == 77 and report.kinds()["measure"] == 50
    assert [str(f) for f in report.failures] == [f"{bad}: binary file, not text"]
    assert seen == [(PLAN, 1, 2), (bad, 2, 2)]
    again = policykg.build([PLAN], tmp_path / "kg", progress=lambda *a: seen.append(a))
    assert again.unchanged == [PLAN_ID] and again.files == 1 and len(seen) == 2


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
    store = tmp_path / "kg"
    assert not policykg.build([PLAN], store).failures
    before = _export(store)
    with pytest.raises(error), open_sink(EmbeddedStore(store)) as sink:
        body(sink)
    assert _export(store) == before
    assert len(policykg.open(store).measures()) == 77


def test_a_new_graph_version_rebuilds_unchanged_documents(tmp_path, monkeypatch):
    import policykg.builder

    store = tmp_path / "kg"
    assert policykg.build([PLAN], store).built
    assert policykg.build([PLAN], store).unchanged == [PLAN_ID]
    monkeypatch.setattr(policykg.builder, "GRAPH_VERSION", policykg.builder.GRAPH_VERSION + 1)
    again = policykg.build([PLAN], store)
    assert [d.id for d in again.built] == [PLAN_ID] and not again.unchanged


def test_a_missing_path_or_an_empty_folder_is_refused_before_anything_is_written(tmp_path):
    from policykg.errors import InputError, PolicyKGError

    with pytest.raises(InputError, match="nothing.txt: no such file or folder"):
        policykg.build([tmp_path / "nothing.txt"], tmp_path / "kg")
    (tmp_path / "empty").mkdir()
    with pytest.raises(PolicyKGError, match="no documents to build in"):
        policykg.build([tmp_path / "empty"], tmp_path / "kg")
    assert not (tmp_path / "kg").exists()


def test_two_files_with_one_document_id_fail_the_second_and_keep_the_first(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = PLAN.read_text(encoding="utf-8")
    (folder / "plan.txt").write_text(text, encoding="utf-8")
    (folder / "plan.md").write_text(text, encoding="utf-8")  # same stem: same id
    report = policykg.build([folder], tmp_path / "kg", jobs=1)
    assert [d.id for d in report.built] == ["plan"]
    (failure,) = report.failures
    assert "plan.txt" in str(failure) and "document id 'plan'" in str(failure)


def test_a_build_in_the_callers_process_hands_its_objects_back_to_the_collector(tmp_path):
    import gc

    frozen = []
    policykg.build(
        [PLAN], tmp_path / "kg", jobs=1, progress=lambda *a: frozen.append(gc.get_freeze_count())
    )
    assert frozen and frozen[0] > 0  # the pipeline was out of the collector's sight meanwhile
    assert gc.get_freeze_count() == 0  # and a notebook's own objects are collected again after
