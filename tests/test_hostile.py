"""Hostile and broken input: clear errors, nothing lost, nothing injected.

Everything goes through the real CLI (``cli.main`` under click's runner, or ``python -m cli`` in
a subprocess where a build has to be killed). A failure is one ``Error: …`` line on stderr and a
non-zero exit code, never a traceback; the files that can be read still land in the store.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import policykg
from policykg.cli import main
from policykg.errors import InputError
from policykg.extract.decoding import decode, read_text
from tests.conftest import CORPUS, ROOT

BLUE_SKY = CORPUS / "plan-2018-blue-sky-excerpt.txt"


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_clean(result: Result) -> None:
    """No traceback and no uncaught exception, whatever the exit code."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception,
        result.output,
    )
    assert "Traceback" not in result.output and "Traceback" not in result.stderr


def assert_fails(result: Result, *needles: str) -> None:
    """A clean failure: exit code 1, stderr opens with ``Error:`` and names ``needles``."""
    assert_clean(result)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: "), result.stderr
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)


def items(store: Path, *args: object) -> list[dict]:
    result = run("measures", "--store", store, "--format", "json", *args)
    assert_clean(result)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _shape(item: dict) -> dict:
    """What a unit is, apart from the document it belongs to."""
    mentions = {
        k: [(m["text"], m["start"], m["end"]) for m in item[k]]
        for k in ("pollutants", "regions", "actors", "deadlines", "targets")
    }
    return {
        "title": item["title"],
        "kind": item["kind"],
        "number": item["number"],
        "parents": [(p["type"], p["number"], p["title"]) for p in item["parents"]],
        "text": item["text"],
        "span": (item["source"]["start"], item["source"]["end"]),
        **mentions,
    }


# -- encodings ------------------------------------------------------------------------------

ENCODINGS = ["gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_the_plan_reads_the_same_in_every_encoding(plan_text, encoding):
    assert decode(plan_text.encode(encoding), "plan.txt") == plan_text


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16-le", "utf-16-be", "utf-16", "utf-8"])
@pytest.mark.parametrize(
    "text", ["镉", "大气污染防治", "２０２０年", "abc", "第一章 总则\n", "PM2.5浓度"]
)
def test_short_texts_are_detected_without_a_bom(text, encoding):
    assert decode(text.encode(encoding), "short.txt") == text


def test_every_bundled_text_reads_back_from_gb18030_and_utf16():
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for encoding in ("gb18030", "utf-16-le", "utf-16-be"):
            assert decode(text.encode(encoding), path.name) == text, (path.name, encoding)


def test_damaged_utf8_is_refused_not_read_as_mojibake(plan_text):
    at = len(plan_text[:200].encode("utf-8"))
    data = plan_text.encode("utf-8")
    with pytest.raises(InputError, match=rf"^plan\.txt: invalid UTF-8 at byte {at}$"):
        decode(data[:at] + b"\xff" + data[at:], "plan.txt")


def test_a_forced_encoding_wins_and_a_wrong_one_is_a_clear_error(plan_text):
    gb = plan_text.encode("gb18030")
    assert decode(gb, "gb.txt", "gb18030") == plan_text
    with pytest.raises(InputError, match=r"^gb\.txt: cannot decode as utf-8"):
        decode(gb, "gb.txt", "utf-8")
    with pytest.raises(InputError, match=r"^gb\.txt: unknown encoding 'klingon'"):
        decode(gb, "gb.txt", "klingon")
    # a BOM read with a forced UTF-8 is not kept as text
    assert decode(plan_text.encode("utf-8-sig"), "bom.txt", "utf-8") == plan_text


def test_the_plan_in_other_encodings_gives_the_same_measures(tmp_path, plan_text):
    """GB18030, UTF-16 with and without BOM, UTF-8 with BOM: the same units at the same offsets."""
    variants = {
        "utf8": ("utf-8", None),
        "gb": ("gb18030", None),
        "u16": ("utf-16", None),
        "u16le": ("utf-16-le", None),
        "bom": ("utf-8-sig", None),
    }
    src = tmp_path / "src"
    src.mkdir()
    for name, (encoding, _) in variants.items():
        (src / f"{name}.txt").write_bytes(plan_text.encode(encoding))
    forced = tmp_path / "forced"
    forced.mkdir()
    (forced / "gbforced.txt").write_bytes(plan_text.encode("gb18030"))
    store = tmp_path / "kg"
    result = run("build", src, "--store", store)
    assert_clean(result)
    assert result.exit_code == 0, result.output
    result = run("build", forced, "--store", store, "--encoding", "gb18030")
    assert result.exit_code == 0, result.output
    rows = items(store)
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["source"]["document"], []).append(_shape(r))
    assert set(by_doc) == {*variants, "gbforced"}
    reference = by_doc["utf8"]
    assert len([r for r in reference if r["kind"] == "measure"]) == 50
    for doc, shapes in by_doc.items():
        assert shapes == reference, doc
    # the offsets are character offsets into the decoded text, whatever the bytes were
    for r in rows:
        quote = plan_text[r["source"]["start"] : r["source"]["end"]]
        assert "".join(quote.split())[:8] == "".join(r["text"].split())[:8]


def test_a_wrong_forced_encoding_fails_the_file_with_its_name(tmp_path, plan_text):
    path = tmp_path / "gb.txt"
    path.write_bytes(plan_text.encode("gb18030"))
    result = run("build", path, "--store", tmp_path / "kg", "--encoding", "utf-8")
    assert_fails(result, f"Error: {path}: cannot decode as utf-8", "1 of 1 files failed")


def test_full_width_digits_and_spaces_are_read_and_cited_in_place(nlp):
    from policykg.extract.pipeline import analyse_text

    original = (
        "第２节　加强重金属污染防治\n"
        "（一）加强重金属污染防治。到２０２０　年，重点行业镉排放量比２０１３ 年下降１０ ％。\n"
        "第十二条　到２０１８年底前完成。\n"
    )
    doc = analyse_text(original, "fw", nlp)
    section = next(d for d in doc.divisions if d.type == "section")
    assert (section.number, section.title) == (2, "加强重金属污染防治")
    measure = next(u for u in doc.units if u.kind == "measure")
    assert "\u3000" not in measure.text and "２０２０年" in measure.text
    found = {m.type: m for m in measure.mentions}
    assert found["deadline"].attrs["date"] == "2020-12-31"
    assert found["target"].attrs["value"] == 10.0
    assert found["target"].attrs["baseline"] == 2013
    for m in measure.mentions:
        # offsets point at the full-width characters of the original, spaces and all
        assert "".join(original[m.start : m.end].split()) == m.text.replace(" ", "")
    assert original[found["deadline"].start : found["deadline"].end] == "到２０２０\u3000年"
    article = next(u for u in doc.units if u.kind == "article")
    assert [m.attrs["date"] for m in article.mentions if m.type == "deadline"] == ["2018-12-31"]


def test_a_bracketed_paragraph_in_the_body_is_not_lost():
    from policykg.extract.pipeline import analyse_text

    original = (
        "第一条　为了保护环境，制定本法。\n【注】本条所称重金属包括镉、铅。\n第二条　加强管理。\n"
    )
    doc = analyse_text(original, "notes", None)
    assert any("本条所称重金属" in u.text for u in doc.units)


# -- broken files through the CLI -----------------------------------------------------------

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("image.png", PNG + b"\x00" * 64, "binary file, not text"),
        ("noise.txt", random.Random(7).randbytes(4096) + b"\x00", "binary file, not text"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n\t\r\n\xe3\x80\x80\n", "no text, only white space"),
        ("bom-only.txt", b"\xef\xbb\xbf", "empty file"),
    ],
)
def test_a_file_that_is_not_a_text_fails_with_its_name(tmp_path, name, data, why):
    path = tmp_path / name
    path.write_bytes(data)
    result = run("build", path, "--store", tmp_path / "kg")
    assert_fails(result, f"Error: {path}: {why}", "1 of 1 files failed")


def test_an_undecodable_file_fails_with_the_option_that_can_read_it(tmp_path, plan_text):
    path = tmp_path / "damaged.txt"
    at = len(plan_text[:200].encode("utf-8"))
    data = plan_text.encode("utf-8")
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    result = run("build", path, "--store", tmp_path / "kg")
    assert_fails(result, f"Error: {path}: invalid UTF-8 at byte {at} (use --encoding to force one)")


def test_prose_without_headings_becomes_paragraph_units(tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text(
        "这是一段普通的文字，没有任何标题。我们需要保护环境。\n\n"
        "第二段文字也没有标题，但是要加强大气污染防治，减少镉排放。\n",
        encoding="utf-8",
    )
    store = tmp_path / "kg"
    result = run("build", path, "--store", store)
    assert_clean(result)
    assert result.exit_code == 0, result.output
    rows = items(store)
    assert [r["kind"] for r in rows] == ["intro", "paragraph"]
    assert all(r["parents"] == [] for r in rows)
    assert rows[1]["pollutants"][0]["label"] == "镉"


def test_a_50_mb_single_line_finishes_or_fails_cleanly(tmp_path):
    rng = random.Random(50)
    sentence = "加强环境保护，推进大气污染防治，到 2020 年 PM2.5 浓度下降{}%。"
    parts, size = [], 0
    while size < 50_000_000:
        part = sentence.format(rng.randint(1, 99))
        parts.append(part)
        size += len(part.encode("utf-8"))
    path = tmp_path / "one-line.txt"
    path.write_text("".join(parts), encoding="utf-8")
    del parts
    result = run("build", path, "--store", tmp_path / "kg")
    assert_clean(result)
    if result.exit_code:
        assert result.stderr.startswith(f"Error: {path}: ")
        assert len(result.stderr.strip().splitlines()) == 2  # the file, then "1 of 1 failed"


def test_many_files_the_good_ones_land_and_the_bad_ones_are_listed(tmp_path, plan_text):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-plan.txt").write_text(plan_text, encoding="utf-8")
    (folder / "b-binary.txt").write_bytes(PNG + bytes(range(256)))
    (folder / "c-empty.txt").write_bytes(b"")
    shutil.copy(BLUE_SKY, folder / "d-blue-sky.txt")
    (folder / "e-gb.txt").write_bytes(BLUE_SKY.read_text(encoding="utf-8").encode("gb18030"))
    store = tmp_path / "kg"
    result = run("build", folder, "--store", store)
    assert_clean(result)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"Error: {folder / 'b-binary.txt'}: binary file, not text",
        f"Error: {folder / 'c-empty.txt'}: empty file",
        "2 of 5 files failed",
    ]
    docs = Counter(r["source"]["document"] for r in items(store))
    assert set(docs) == {"a-plan", "d-blue-sky", "e-gb"}
    assert docs["d-blue-sky"] == docs["e-gb"] > 0


def test_a_missing_path_is_named(tmp_path):
    missing = tmp_path / "nowhere.txt"
    assert_fails(run("build", missing, "--store", tmp_path / "kg"), f"{missing}: no such file")


def test_a_folder_without_documents_is_named(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "README.md").write_text("# 说明\n\n不是政策文件。\n", encoding="utf-8")
    (folder / "manifest.json").write_text("[]", encoding="utf-8")
    (folder / ".hidden.txt").write_text("隐藏文件。", encoding="utf-8")
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04")
    result = run("build", folder, "--store", tmp_path / "kg")
    assert_fails(result, "no documents to build", str(folder), ".pdf")


def test_a_folder_without_texts_is_a_clean_error(tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    assert_fails(run("build", folder, "--store", tmp_path / "kg"), "no documents to build")


def test_an_unreadable_file_is_named(tmp_path, monkeypatch, plan_text):
    path = tmp_path / "secret.txt"
    path.write_text(plan_text, encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make the read fail as it would
        real = Path.read_bytes

        def denied(self: Path) -> bytes:
            if self.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", denied)
    try:
        result = run("build", path, "--store", tmp_path / "kg")
    finally:
        path.chmod(0o644)
    assert_fails(result, f"Error: {path}: Permission denied", "1 of 1 files failed")
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)


def test_a_store_path_that_is_a_file_is_a_clean_error(tmp_path):
    store = tmp_path / "kg"
    store.write_text("not a store")
    assert_fails(run("build", BLUE_SKY, "--store", store), str(store))


def test_querying_a_store_path_that_is_a_file_or_nothing_is_a_clean_error(tmp_path):
    store = tmp_path / "kg"
    assert_fails(run("measures", "--store", store), f"no policykg store at {store}")
    store.write_text("not a store")
    assert_fails(run("measures", "--store", store), f"no policykg store at {store}")
    assert store.read_text() == "not a store"


def test_a_folder_that_is_not_a_store_is_left_alone(tmp_path):
    store = tmp_path / "kg"
    store.mkdir()
    (store / "notes.md").write_text("mine")
    assert_fails(run("build", BLUE_SKY, "--store", store), "is not a policykg store")
    assert [p.name for p in store.iterdir()] == ["notes.md"]


# -- crash safety ---------------------------------------------------------------------------


def _build(corpus: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "policykg.cli",
            "build",
            str(corpus),
            "--store",
            str(store),
            "--jobs",
            "1",
        ]
        + ["--force"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _snapshot(rows: list[dict]) -> dict[str, tuple[int, int]]:
    """Per document: how many units, how many characters of unit text."""
    out: dict[str, tuple[int, int]] = {}
    for r in rows:
        n, chars = out.get(r["source"]["document"], (0, 0))
        out[r["source"]["document"]] = (n + 1, chars + len(r["text"]))
    return out


def test_killed_builds_leave_the_store_whole_and_readers_see_old_or_new(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("local-regulations"))
    store = tmp_path / "kg"
    t0 = time.perf_counter()
    first = _build(corpus, store)
    assert first.wait(timeout=120) == 0, first.stderr.read().decode() if first.stderr else ""
    full = time.perf_counter() - t0
    before = run("measures", "--store", store, "--format", "json")
    assert before.exit_code == 0
    rng = random.Random(2024)
    # kill early (setup, copying the generation) and late (writing, switching)
    for delay in [rng.uniform(0.2, 3.0), rng.uniform(0.2, 3.0)] + [
        rng.uniform(3.0, max(3.5, full)) for _ in range(2)
    ]:
        proc = _build(corpus, store)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        after = run("measures", "--store", store, "--format", "json")
        assert_clean(after)
        assert after.stdout == before.stdout, f"store changed after a kill at {delay:.1f}s"

    # a new version of every document, built while a reader keeps querying
    old = _snapshot(json.loads(before.stdout))
    for path in corpus.glob("*.txt"):
        with path.open("a", encoding="utf-8") as fh:
            fh.write("\n\n加强测试数据管理。这是新增的一段。\n")
    seen: list[dict[str, tuple[int, int]] | str] = []
    proc = _build(corpus, store)

    def read() -> None:
        while proc.poll() is None:
            result = run("measures", "--store", store, "--format", "json")
            if result.exit_code != 0 or result.exception is not None:
                seen.append(result.output + repr(result.exception))
            else:
                seen.append(_snapshot(json.loads(result.stdout)))

    reader = threading.Thread(target=read)
    reader.start()
    assert proc.wait(timeout=120) == 0, proc.stderr.read().decode() if proc.stderr else ""
    reader.join(timeout=60)
    new = _snapshot(items(store))
    assert set(new) == set(old) and all(new[d] != old[d] for d in old)
    assert seen and all(s in (old, new) for s in seen), seen


def _built(tmp_path: Path, *names: str) -> tuple[Path, Path]:
    """A store of small documents, each one measure on dust: (corpus folder, store)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in names:
        (corpus / name).write_text("第一章 总则\n\n一、加强扬尘污染治理。\n", encoding="utf-8")
    store = tmp_path / "kg"
    policykg.build([corpus], store, jobs=1)
    return corpus, store


def _rebuild_with_one_more_measure(corpus: Path, store: Path) -> None:
    """Every document gains a measure on cooking fumes; the build lands a new generation."""
    for path in sorted(corpus.iterdir()):
        with path.open("a", encoding="utf-8") as fh:
            fh.write("二、加强油烟污染治理。\n")
    assert policykg.build([corpus], store, jobs=1).built


def test_a_listing_read_while_a_build_lands_comes_from_one_generation(tmp_path):
    """The streamed listing reads document by document; a build that swaps in a new generation
    between two of those reads must not give the old first document and the new second one."""
    corpus, store = _built(tmp_path, "a.txt", "b.txt")
    kg = policykg.open(store)
    listing = kg.iter_measures()
    first = next(listing)
    _rebuild_with_one_more_measure(corpus, store)
    rest = [first, *listing]
    assert len(rest) == len(items(store)) - 2  # one unit more per document in the new build
    assert all("油烟" not in item.text for item in rest)
    assert any("油烟" in item.text for item in kg.iter_measures())


def test_a_method_of_many_queries_reads_one_generation(tmp_path, monkeypatch):
    """The coding sheet reads the documents, then every unit: a build landing between the two
    must not pair the old listing with the new units (every KnowledgeGraph method pins one
    generation for its whole call)."""
    from policykg.graph import measures

    corpus, store = _built(tmp_path, "a.txt")
    kg = policykg.open(store)
    listing = measures.documents

    def documents_then_a_build(backend):
        out = listing(backend)
        _rebuild_with_one_more_measure(corpus, store)
        return out

    monkeypatch.setattr(measures, "documents", documents_then_a_build)
    rows = kg.coding_sheet()
    monkeypatch.setattr(measures, "documents", listing)
    assert rows and all("油烟" not in row["text"] for row in rows)
    assert any("油烟" in item.text for item in kg.measures())


def test_an_export_read_while_a_build_lands_comes_from_one_generation(tmp_path):
    """N-Quads are written graph by graph: the pieces read after a build lands still come
    from the generation the export started on."""
    corpus, store = _built(tmp_path, "a.txt", "b.txt")
    pieces = policykg.open(store).export("nq", include_ontology=False)
    first = next(pieces)
    _rebuild_with_one_more_measure(corpus, store)
    rest = b"".join(pieces).decode("utf-8")
    assert "扬尘" in first.decode("utf-8") + rest and "油烟" not in rest
    assert "油烟" in b"".join(policykg.open(store).export("nq")).decode("utf-8")


# -- nothing injected -----------------------------------------------------------------------

HOSTILE = [
    '"',
    "'",
    '"} . ?s ?p ?o . {"',
    '镉" } DROP ALL; #',
    "{",
    "}",
    "\\",
    "\\u0022",
    "\u0022",
    '镉"\n} DROP ALL; INSERT DATA { <x> <y> <z> } #',
    "DROP ALL",
    "<http://x>",
    "?unit",
    "$unit",
    "镉" * 10_000,
]
# values that look like concept ids take another path (resolve() builds an IRI from them)
HOSTILE_IDS = ['pollutant/cadmium"', "region/x> . <y", "actor/a b"]


def _store_state(store: Path) -> bytes:
    return b"".join(policykg.open(store).export("nq"))


def _check_value(store: Path, args: list[str]) -> None:
    result = run(*args)
    assert_clean(result)
    text = result.output + result.stderr
    for word in ("SPARQL", "syntax", "Parser", "parse error"):
        assert word not in text, (args[:4], text[:300])
    if result.exit_code:
        assert result.stderr.startswith("Error: "), result.stderr[:300]
        assert (
            "no " in result.stderr
            and "matches" in result.stderr
            or ("could not read" in result.stderr)
        ), result.stderr[:300]
    elif "--format" in args:
        assert isinstance(json.loads(result.stdout), list)


def test_filter_values_never_reach_sparql_as_text(built_store):
    state = _store_state(built_store)
    for value in HOSTILE:
        for option in ("--pollutant", "--region", "--actor", "--doc"):
            _check_value(
                built_store,
                ["measures", "--store", built_store, option, value, "--format", "json"],
            )
        _check_value(built_store, ["ask", value, "--store", built_store, "--format", "json"])
    assert _store_state(built_store) == state


@pytest.mark.parametrize("value", HOSTILE_IDS)
def test_filter_values_that_look_like_ids_are_no_match_not_a_crash(built_store, value):
    option = "--" + value.split("/")[0]
    _check_value(built_store, ["measures", "--store", built_store, option, value])


def test_hostile_values_in_a_question_with_the_sparql_shown(built_store):
    state = _store_state(built_store)
    question = '哪些措施涉及镉" } DROP ALL; # 在湖南'
    result = run("ask", question, "--store", built_store, "--show-sparql")
    assert_clean(result)
    assert "DROP ALL" not in "".join(
        line for line in result.output.splitlines() if not line.startswith(("#", "Read as"))
    )
    assert _store_state(built_store) == state
