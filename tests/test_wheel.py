"""The wheel holds one import name, policykg, with its data: what `pip install` and `pipx` get."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

from tests.conftest import ROOT

# what a source tree may hold that is not the project's (made by tools, tests or builds)
_NOT_SOURCE = shutil.ignore_patterns(
    ".venv", ".git", "__pycache__", "*.egg-info", "build", "dist", "out", ".policykg", ".*cache"
)


def test_the_wheel_installs_only_policykg_with_its_data(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=_NOT_SOURCE)  # built out of tree: the checkout stays clean
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("policykg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/", 1)[0] for n in names if not n.split("/", 1)[0].endswith(".dist-info")}
    assert top == {"policykg"}
    for data in (
        "policykg/ontology/pollutants.ttl",
        "policykg/corpus/manifest.json",
        "policykg/corpus/plan-2016-eco-env-protection-excerpt.txt",
        "policykg/graph/queries/unit_records.rq",
        "policykg/graph/templates/page.html",
        "policykg/cli.py",
        "policykg/knowledge_graph.py",
    ):
        assert data in names, data
    assert not any(n.startswith(("policykg/tests/", "policykg/bench/")) for n in names)
    # installed, the package finds its data beside its modules (policykg.data_path)
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), wheel],
        check=True,
        capture_output=True,
    )
    code = (
        "import policykg\n"
        "print(policykg.__file__)\n"
        "print(policykg.data_path('graph', 'queries', 'unit_records.rq').is_file())\n"
        "print(policykg.data_path('ontology', 'pollutants.ttl').is_file())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
        cwd=tmp_path,
    ).stdout.split()  # fmt: skip
    assert out == [str(site / "policykg" / "__init__.py"), "True", "True"]
