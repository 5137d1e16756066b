"""The area a document governs: the territory of the body that made it, as a GB/T 2260 code.

A law or rule binds the territory of the body that made it, whatever its title names: a scenic
area's regulation passed by a city's congress governs the city, 深圳经济特区 regulations are
passed by 深圳市's congress. So the first body that acted decides (its place, from the
gazetteer); the title decides only when no body is known. Central bodies sign without a place
(生态环境部, 国务院), local ones always with theirs (山东省人民政府), so a body whose name starts
with no division is national: code 100000.
"""

from __future__ import annotations

import re
from typing import TypedDict

from policykg.extract.admin_divisions import COUNTRY, Division, leading_division


class Jurisdiction(TypedDict):
    label: str
    code: str


_NATIONAL = ("中华人民共和国", "全国", "国务院", "中共中央", "中央", "国家", "最高人民")
_BODY_END = set("部委局署院行厅办府会室心组处所庭社联央军")
# A local body named by its level alone, as a text's own government calls itself (自治区人民政府,
# 市生态环境局); 市场监管总局 and 区域 start with a level character but no level word.
_PLACELESS = re.compile(r"(?:自治区|自治州|自治县|省|市|县|区|乡|镇|本)(?![场域])")
# A local congress or government of a place the gazetteer lacks: local, area unknown.
_LOCAL_ORGAN = re.compile(r"[省市县区州旗盟](?:人民代表大会|人大|人民政府|政府)")


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
    """The place a body's name holds (山东省人民政府, 中共山东省委, 济南市生态环境局); a body
    that names none is central (生态环境部), unless it names only its level (自治区人民政府)."""
    if body.startswith(_NATIONAL):
        return COUNTRY
    for i in range(len(body) - 1):
        found = leading_division(body[i:])
        if found is not None and i + found[1] < len(body):
            return found[0]
    if _PLACELESS.match(body) or _LOCAL_ORGAN.search(body) or body[-1:] not in _BODY_END:
        return None
    return None if leading_division(body, aliases=True) else COUNTRY


def _of_title(title: str) -> Division | None:
    """中华人民共和国…法 is national; 山东省…条例, 深圳经济特区…条例 name their area first."""
    if not title:
        return None
    if title.startswith(_NATIONAL[:3]):
        return COUNTRY
    found = leading_division(title, aliases=True)
    return found[0] if found is not None else None


def _as_jurisdiction(division: Division) -> Jurisdiction:
    return {"label": division.name, "code": division.code}
