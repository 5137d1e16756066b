"""China's administrative divisions (GB/T 2260) from jionlp's offline table, indexed by name.

jionlp ships the table as a nested dict (province → prefecture → county, each with
``_full_name``, ``_alias`` and ``_admin_code``) plus a list of renamings. This module flattens
both once per process into ``Division`` records and a surface-form index that the region
matcher looks up character by character; it decides what each form is worth (a full official
name, a short form such as 秀山县, or a bare alias such as 泰州) but does no matching itself.
"""

from __future__ import annotations

import contextlib
import io
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

Level = Literal["country", "province", "city", "county"]
FormKind = Literal["full", "short", "alias"]

# Jieba's lexicon tags for proper nouns: an alias jieba files under another tag (长治 n,
# 大同 d, 开封 v, 来宾 n) doubles as a common word and is not trusted on its own.
_PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nz", "nt"})
# Names built only from these are descriptions (城区 city district, 郊区 suburb, 新城区,
# 市中区), shared by many places; they count only after a named parent.
_GENERIC_CHARS = frozenset("东西南北中上下内外前后新老城市郊矿港口关区")
_SUFFIXES = ("特别行政区", "自治州", "自治县", "自治旗", "自治区", "地区", "林区", "特区", "新区")
_SUFFIXES_1 = "省市县区州盟旗"
# jionlp's pseudo-divisions (省直辖行政区划, 市直辖行政区划) group divisions under no city.
_PSEUDO = "行政区划"


@dataclass(frozen=True, slots=True)
class Division:
    """One division: its code, official name, level and the codes of its province and city."""

    code: str
    name: str
    level: Level
    province: str
    city: str | None


COUNTRY = Division("100000", "中华人民共和国", "country", "100000", None)
"""The whole country, under the code GB/T 2260-derived datasets give it: what national
documents govern, and the division every province lies within (ontology/admin-divisions.ttl)."""


@dataclass(frozen=True, slots=True)
class Form:
    """One way of writing a division: what kind of form it is and whether it needs a parent."""

    code: str
    kind: FormKind
    generic: bool = False
    former: str | None = None  # the old name, when the form names a renamed division


@dataclass(frozen=True)
class DivisionIndex:
    """Every division and every surface form, with the facts the matcher's rules need."""

    divisions: dict[str, Division]
    forms: dict[str, tuple[Form, ...]]
    # prefecture aliases that may stand alone: proper nouns naming one city, and nothing else
    # but divisions inside it (长沙 of 长沙市 and of its 长沙县)
    standalone_aliases: frozenset[str]
    # parent code -> codes of divisions that used to sit under it (公主岭市 under 四平市)
    former_children: dict[str, frozenset[str]]

    def is_under(self, code: str, ancestor: str) -> bool:
        """Whether division ``code`` lies inside ``ancestor`` today or did before a renaming."""
        d = self.divisions[code]
        if code != ancestor and ancestor in (d.province, d.city):
            return True
        return code in self.former_children.get(ancestor, ())

    def city_form(self, text: str) -> Form | None:
        """The form by which ``text`` names a city, when it names one city and otherwise only
        divisions inside it: 长沙 is 长沙市, not 长沙县 within it, as people write it."""
        forms = self.forms.get(text, ())
        cities = [f for f in forms if self.divisions[f.code].level == "city"]
        if len(cities) != 1:
            return None
        city = cities[0].code
        return (
            cities[0] if all(self.is_under(f.code, city) for f in forms if f.code != city) else None
        )


def base_name(name: str) -> str:
    """``name`` without its administrative suffix: 兰坪白族普米族自治县 → 兰坪白族普米族."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    if len(name) > 1 and name[-1] in _SUFFIXES_1:
        return name[:-1]
    return name


def is_generic(name: str) -> bool:
    """Whether ``name`` only describes a kind of area (城区, 郊区, 新城区) rather than naming one."""
    return all(c in _GENERIC_CHARS for c in base_name(name))


def _load_jionlp() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp

    return jionlp.china_location_loader(), jionlp.china_location_change_loader()


def _children(node: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(k, v) for k, v in node.items() if not k.startswith("_")]


def _aliases(node: dict[str, Any]) -> list[str]:
    alias = node.get("_alias") or []
    return [alias] if isinstance(alias, str) else list(alias)


def _proper_nouns(words: set[str]) -> set[str]:
    """The ``words`` that jieba's lexicon either lacks or tags as proper nouns."""
    from policykg.extract.tokenizer import dictionary_file

    tags: dict[str, str] = {}
    with dictionary_file().open(encoding="utf-8") as fh:
        for line in fh:
            word, _, rest = line.rstrip("\n").partition(" ")
            if word in words:
                tags[word] = rest.rpartition(" ")[2]
    return {w for w in words if tags.get(w, "ns") in _PROPER_TAGS}


class _Builder:
    def __init__(self) -> None:
        self.divisions: dict[str, Division] = {}
        self.forms: dict[str, dict[Form, None]] = defaultdict(dict)
        self.by_path: dict[tuple[str, ...], str] = {}
        self.former_children: dict[str, set[str]] = defaultdict(set)

    def add_form(self, text: str, form: Form) -> None:
        if len(text) >= 2:
            self.forms[text][form] = None

    def add_names(self, code: str, full: str, aliases: list[str], former: str | None) -> None:
        """Register the full name, its short forms and its aliases for division ``code``."""
        generic = is_generic(full)
        self.add_form(full, Form(code, "full", generic, former))
        for alias in aliases:
            if alias == full or is_generic(alias):
                continue
            self.add_form(alias, Form(code, "alias", False, former))
            # 兰坪白族普米族自治县 is written 兰坪县, 黔南布依族苗族自治州 黔南州
            for long, short in (("自治县", "县"), ("自治旗", "旗"), ("自治州", "州")):
                if full.endswith(long) and not alias.endswith(short):
                    self.add_form(alias + short, Form(code, "short", False, former))

    def add_division(
        self, node: dict[str, Any], level: Level, province: str, city: str | None
    ) -> str:
        code = node["_admin_code"]
        name = node["_full_name"]
        self.divisions[code] = Division(code, name, level, province, city)
        self.add_names(code, name, _aliases(node), None)
        return code

    def load(self, table: dict[str, Any]) -> None:
        for pname, pnode in _children(table):
            pcode = self.add_division(pnode, "province", pnode["_admin_code"], None)
            self.by_path[(pname,)] = pcode
            for cname, cnode in _children(pnode):
                ccode: str | None = cnode["_admin_code"]
                if cname.endswith(_PSEUDO) or ccode == pcode:
                    ccode = None  # counties of municipalities and province-run cities
                else:
                    self.add_division(cnode, "city", pcode, ccode)
                    self.by_path[(pname, cname)] = ccode
                for kname, knode in _children(cnode):
                    kcode = knode["_admin_code"]
                    # skip pseudo-divisions and Hong Kong/Macao districts (no codes of their own)
                    if kname.endswith(_PSEUDO) or kcode in (pcode, cnode["_admin_code"]):
                        continue
                    if kcode in self.divisions:  # two development zones share one code
                        continue
                    self.add_division(knode, "county", pcode, ccode)
                    self.by_path[(pname, cname, kname)] = kcode

    def load_changes(self, changes: list[dict[str, Any]]) -> None:
        """Old names of renamed divisions point at today's division (襄樊市 → 襄阳市 420600)."""
        for change in changes:
            new_path = tuple(n for n in change["new_loc"] if n)
            new_code = self.by_path.get(new_path)
            old = [pair for pair in change["old_loc"] if pair and pair[0]]
            if new_code is None or len(old) != len(new_path):
                continue
            old_full, old_alias = old[-1]
            if old_full != self.divisions[new_code].name:
                self.add_names(new_code, old_full, [old_alias] if old_alias else [], old_full)
            if len(old) == 3:  # the county may have sat under another prefecture
                old_parent = self.by_path.get((new_path[0], old[1][0]))
                if old_parent is not None and old[1][0] != new_path[1]:
                    self.former_children[old_parent].add(new_code)


@cache
def division_index() -> DivisionIndex:
    """The index, built once per process (about half a second, most of it jionlp's import)."""
    table, changes = _load_jionlp()
    b = _Builder()
    b.load(table)
    b.load_changes(changes)
    index = DivisionIndex(
        divisions=b.divisions,
        forms={text: tuple(entries) for text, entries in b.forms.items()},
        standalone_aliases=frozenset(),
        former_children={k: frozenset(v) for k, v in b.former_children.items()},
    )
    candidates = {
        text
        for text, entries in index.forms.items()
        if all(e.kind == "alias" for e in entries) and index.city_form(text) is not None
    }
    return replace(index, standalone_aliases=frozenset(_proper_nouns(candidates)))


@cache
def is_municipality(code: str | None) -> bool:
    """Whether ``code`` is a province-level city's (北京市, 上海市, 天津市, 重庆市): there the
    bare 市 of a body's name is the province's level, not a prefectural city's."""
    found = division_index().divisions.get(code or "")
    return found is not None and found.level == "province" and found.name.endswith("市")


def leading_division(text: str, aliases: bool = False) -> tuple[Division, int] | None:
    """The division that the chain of names at the start of ``text`` names, and where it ends.

    山东省济南市… → 济南市; a chain stops at the first name not inside the one before, so
    上海市促进浦东新区… is 上海市. Bare aliases (深圳, 山东) start a chain only when ``aliases``
    is set, and then only a province's or a prefecture's that names nothing else. A name shared
    by several divisions ends the chain where it stands (朝阳区 alone names no division).
    """
    index = division_index()
    found: tuple[Division, int] | None = None
    parent: Division | None = None
    pos = 0
    while (division := _name_at(index, text, pos, parent, aliases)) is not None:
        parent, pos = division
        found = division
    return found


def _name_at(
    index: DivisionIndex, text: str, pos: int, parent: Division | None, aliases: bool
) -> tuple[Division, int] | None:
    """The longest division name at ``pos`` that lies inside ``parent`` and names one division."""
    for end in range(min(len(text), pos + _longest_form()), pos + 1, -1):
        forms = [
            f
            for f in index.forms.get(text[pos:end], ())
            if (parent is None or index.is_under(f.code, parent.code))
            and (parent is not None or not f.generic)
            and (
                f.kind != "alias"
                or parent is not None
                or _standalone(index, f, text[pos:end], aliases)
            )
        ]
        forms = [f for f in forms if f.former is None] or forms  # today's names first
        codes = {f.code for f in forms}
        if len(codes) == 1:
            return index.divisions[codes.pop()], end
        if codes:
            return None
    return None


def _standalone(index: DivisionIndex, form: Form, text: str, aliases: bool) -> bool:
    if not aliases:
        return False
    return index.divisions[form.code].level == "province" or text in index.standalone_aliases


@cache
def _longest_form() -> int:
    return max(map(len, division_index().forms))
