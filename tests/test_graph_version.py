"""A rebuild skips a document only when nothing that decides its graph changed; the code is
stood for by ``builder.GRAPH_VERSION``. This test holds the rule: the bundled plan's graph may
change only together with that version (or with the vocabularies, which are signed apart)."""

from __future__ import annotations

import hashlib
import json

import pytest

from policykg.builder import GRAPH_VERSION
from policykg.graph.namespaces import PKG, graph_iri
from tests.conftest import PLAN_ID, ROOT

RECORD = ROOT / "tests" / "data" / "graph_version.json"
# where the file was read from and the build signature differ between checkouts, not builds
_PER_CHECKOUT = (PKG.sourcePath, PKG.signature)


def _now(kg) -> dict:
    from policykg.extract.pipeline import VOCABULARIES
    from policykg.graph.vocabularies import load_vocabularies

    lines = sorted(
        str(t) for t in kg.backend.triples(graph_iri(PLAN_ID)) if t.predicate not in _PER_CHECKOUT
    )
    vocabularies = repr(sorted(load_vocabularies(VOCABULARIES).items()))
    return {
        "version": GRAPH_VERSION,
        "vocabularies": hashlib.sha256(vocabularies.encode()).hexdigest()[:16],
        "graph": hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16],
    }


def test_the_plans_graph_changes_only_with_the_graph_version(plan_kg):
    now = _now(plan_kg)
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    update = f"then write {json.dumps(now)} to {RECORD.relative_to(ROOT)}"
    same_inputs = all(now[k] == recorded[k] for k in ("version", "vocabularies"))
    if same_inputs and now["graph"] != recorded["graph"]:
        pytest.fail(
            "the plan's graph changed but GRAPH_VERSION did not, so existing stores would keep "
            f"stale graphs: bump GRAPH_VERSION in builder.py ({GRAPH_VERSION + 1}), {update}"
        )
    assert now == recorded, f"the version or the vocabularies changed: {update}"


def test_a_record_is_the_json_that_json_dumps_writes_but_for_exponents():
    """The stored records are compact, key-sorted JSON with their characters unescaped, as
    ``json.dumps`` writes them; only a float's exponent is shorter (msgspec's 1e16)."""
    import json

    from policykg.graph.record import dumps

    record = {"b": [None, True, 35.0, 0.1, -3], "a": {"z": '镉\t"\\/', "y": 12345678901234567890}}
    expected = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert (
        dumps(record)
        == expected
        == '{"a":{"y":12345678901234567890,"z":"镉\\t\\"\\\\/"},"b":[null,true,35.0,0.1,-3]}'
    )
    assert json.loads(dumps({"x": 1e16, "y": 1e-7})) == {"x": 1e16, "y": 1e-7}
