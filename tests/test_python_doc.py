"""docs/python.md runs as written: each python block in turn, in one namespace, on the bundled
plan; a block followed by a text block must print exactly that."""

from __future__ import annotations

import contextlib
import io
import re
import shutil

from tests.conftest import ROOT

DOC = ROOT / "docs" / "python.md"
BLOCK = re.compile(r"```python\n(.*?)```\n(?:\n```text\n(.*?)```\n)?", re.S)


def test_the_python_session_runs_and_prints_what_it_shows(built_store, tmp_path, monkeypatch):
    blocks = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    # the session's build finds the plan already built (the same file, the same policykg)
    shutil.copytree(built_store, tmp_path / "plan-kg", symlinks=True)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for n, (code, shown) in enumerate(blocks, start=1):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"docs/python.md block {n}", "exec"), namespace)
        if shown:
            assert out.getvalue() == shown, f"block {n}:\n{code}"
