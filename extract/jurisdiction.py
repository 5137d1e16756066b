"""The area a document governs: the territory of the body that made it, as a GB/T 2260 code.

A law or rule binds the territory of the body that made it, whatever its title names: a scenic
area's regulation passed by a city's congress governs the city, 深圳经济特区 regulations are
passed by 深圳市's congress. So the first body that acted decides (its place, from the
gazetteer); the title decides only when no body is known. Central bodies sign without a place
(生态环境部, 国务院), local ones always with theirs (山东省人民政府), so a body whose name starts
with no division is national: code 100000.
"""

from __future__ import annotations

from typing import TypedDict

from policykg.extract.admin_divisions import COUNTRY, Division, leading_division


class Jurisdiction(TypedDict):
    label: str
    code: str


_NATIONAL = ("中华人民共和国", "全国", "国务院", "中共中央", "中央", "国家", "最高人民")
_BODY_END = set("部委局署院行厅办府会室心组处所庭社联央军")


def jurisdiction_of(title: str | None, issuers: list[str]) -> Jurisdiction | None:
    """The jurisdiction of a document with ``title`` made by ``issuers`` (in the order they
    acted); None when neither names an area."""
    for body in issuers:
        division = _of_body(body)
        if division is not None:
            return _as_jurisdiction(division)
    division = _of_title(title or "")
    return _as_jurisdiction(division) if division is not None else None


def _of_body(body: str) -> Division | None:
    if body.startswith(_NATIONAL):
        return COUNTRY
    found = leading_division(body)
    if found is not None:
        return found[0] if found[1] < len(body) else None
    if body[-1:] in _BODY_END and leading_division(body, aliases=True) is None:
        return COUNTRY
    return None


def _of_title(title: str) -> Division | None:
    """中华人民共和国…法 is national; 山东省…条例, 深圳经济特区…条例 name their area first."""
    if title.startswith(_NATIONAL[:3]):
        return COUNTRY
    found = leading_division(title, aliases=True)
    return found[0] if found is not None else None


def _as_jurisdiction(division: Division) -> Jurisdiction:
    return {"label": division.name, "code": division.code}
