"""Places in policy text: divisions resolved to GB/T 2260 codes, plus gazetteer regions and features.

A division is written as a chain of names, outermost first: 湖南省花垣县, 泰州靖江市, 重庆秀山县.
The whole chain is one mention, resolved to its innermost division, because the outer names are
there only to say which 靖江市 or 秀山县 is meant. Gazetteer entries (京津冀, 长江, 青藏高原) come
from ``ontology/gazetteer.ttl`` as plain records passed in by the caller.

Matching is leftmost-longest over the raw characters, with rules chosen for precision:

* A match must start and end on jieba token boundaries, so 中山装, 长治久安, 白山黑水 and
  上海市场 do not yield 中山, 长治, 白山 or 上海市 (上海 is kept: it ends on a boundary).
* A bare alias stands alone only for a province, or for a prefecture whose alias names nothing
  else and is a proper noun in jieba's lexicon (so not 朝阳, 通化, 长治, 大同). County aliases
  (靖江, 东方, 和平, 永定) and descriptive names (城区, 郊区, 新城区) count only after a parent.
* Names shared by several divisions (朝阳区, 江北区) are resolved by the chain, else by the
  nearest division named earlier in the same sentence; failing that they are kept with
  ``code=None`` and the candidate codes in ``candidates``, since the text does name a place.
* When a gazetteer label and a bare alias cover the same characters the gazetteer wins; a
  compass-point region glued to a division (浙江西部地区) is part of it and is dropped.
* A lone name that starts with a coordinating 和/及/与 right after a word is no place:
  市和县（市、区）人民政府 is "city and county governments", not 和县 in Anhui.
* 本市, 本省, 全市, 本行政区域 … name the area the document governs; when the pipeline tells
  the Doc its jurisdiction (``governed_by``), they become mentions of it, marked ``resolved``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import chain
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from policykg.extract import sentences
from policykg.extract.admin_divisions import Division, DivisionIndex, Form, division_index
from policykg.extract.numbers import uncited
from policykg.extract.prefilter import head_width, may_start
from policykg.extract.spans import add_spans, doc_text, token_bounds

SENTENCE_END = frozenset(sentences.SENTENCE_END + "；\n")
_JURISDICTION = "policykg.jurisdiction"  # doc.user_data key: the code of the governed area
# 本市, 全省, 本自治县, 本行政区域: the level noun must end the jurisdiction's name (本市 in a
# city's or a municipality's text, not in a province's); 本行政区域 fits any local area.
_DEICTIC = re.compile(r"本行政区域|本(?:自治区|自治州|自治县|自治旗)|[本全][省市区县州旗盟]")
_ANY_LEVEL = "行政区域"
_LOCATIVE = "内外"  # jieba cuts 本区内 as 本 / 区内
# A coordinating conjunction glued to the front of a county's name (市和县), and the words
# after which a name may still start with one (位于和县).
_CONJUNCTIONS = frozenset("和及与")
_CONJUNCTION = re.compile(f"[{''.join(sorted(_CONJUNCTIONS))}]")
_BEFORE_PLACE = frozenset("在于至到从经往赴")
_COMPASS = frozenset("东西南北中")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

Link = tuple[int, int, Form]  # one name of a chain: start, end, what it names


@dataclass(frozen=True, slots=True)
class Feature:
    """A gazetteer entry: a macro-region or natural feature and the provinces it covers."""

    concept: str
    label: str
    level: str
    covers: str | None


@dataclass(frozen=True, slots=True)
class Place:
    """One place mention: exact character offsets and what it resolves to."""

    start: int
    end: int
    concept: str | None
    label: str
    level: str | None
    code: str | None = None
    province: str | None = None
    city: str | None = None
    covers: str | None = None
    candidates: str | None = None
    former_name: str | None = None
    resolved: str | None = None  # "jurisdiction": a 本市 that names the governed area

    def attrs(self) -> dict[str, str | None]:
        """The facts recorded on the span (``candidates``/``former_name``/``resolved`` only
        when set)."""
        out = {
            "concept": self.concept,
            "label": self.label,
            "code": self.code,
            "level": self.level,
            "province": self.province,
            "city": self.city,
            "covers": self.covers,
        }
        if self.candidates:
            out["candidates"] = self.candidates
        if self.former_name:
            out["former_name"] = self.former_name
        if self.resolved:
            out["resolved"] = self.resolved
        return out


def feature_forms(terms: Iterable[Mapping[str, Any]]) -> dict[str, Feature]:
    """Chinese surface forms of gazetteer ``terms`` (records from ``graph.vocabularies.load_terms``)."""
    forms: dict[str, Feature] = {}
    for term in terms:
        if _ABBREVIATION in (term.get("types") or ()):
            continue  # read only in runs: ``abbreviation_forms``
        pref = term.get("pref") or {}
        label = pref.get("zh") or next((v for k, v in pref.items() if k.startswith("zh")), None)
        if not label:
            continue
        covers = sorted(
            c.rsplit("/", 1)[-1]
            for c in term.get("props", {}).get("covers", [])
            if c.rsplit("/", 1)[-1].isdigit()
        )
        types = term.get("types") or ["Region"]
        feature = Feature(
            concept=term["id"],
            label=label,
            level=_CAMEL.sub("-", types[0]).lower(),
            covers=",".join(covers) or None,
        )
        for text in chain([label], term.get("alt", ()), term.get("hidden", ())):
            if _CJK.search(text):
                forms.setdefault(text, feature)  # first entry (sorted by id) keeps a shared label
    return forms


_ABBREVIATION = "ProvinceAbbreviation"
# what may follow two abbreviations for them to list provinces (川渝地区, 晋陕交界): with three
# or more, or between 、, the run says so itself
_PAIR_AFTER = r"(?=地区|交界|两省|两地|区域|一带|边界|边境|毗邻|接壤)"


def abbreviation_forms(terms: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Each one-character abbreviation of a province (鲁, 蜀) -> the province's code, from the
    gazetteer's ``pkg:ProvinceAbbreviation`` records."""
    forms: dict[str, str] = {}
    for term in terms:
        if _ABBREVIATION not in (term.get("types") or ()):
            continue
        codes = [c.rsplit("/", 1)[-1] for c in term.get("props", {}).get("abbreviates", [])]
        for label in chain((term.get("pref") or {}).values(), term.get("alt", ())):
            if len(label) == 1 and codes:
                forms[label] = codes[0]
    return forms


def _abbreviation_runs(chars: str) -> re.Pattern[str] | None:
    """The pattern of a run of province abbreviations made of ``chars``."""
    if not chars:
        return None
    c = f"[{re.escape(chars)}]"
    return re.compile(rf"{c}(?:、{c}){{2,}}|{c}{{3,}}|{c}{{2}}{_PAIR_AFTER}")


class RegionRecognizer:
    """Finds place mentions and writes them to ``doc.spans[spans_key]``."""

    def __init__(self, spans_key: str, terms: Iterable[Mapping[str, Any]]) -> None:
        self.key = spans_key
        self.index: DivisionIndex = division_index()
        terms = list(terms)
        self.features = feature_forms(terms)
        self.abbreviations = abbreviation_forms(terms)
        self._runs = _abbreviation_runs("".join(sorted(self.abbreviations)))
        lengths: dict[str, set[int]] = defaultdict(set)
        for text in chain(self.index.forms, self.features):
            lengths[text[0]].add(len(text))
        self._lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}
        names = list(chain(self.index.forms, self.features))
        self._head = head_width(names)
        self._heads = frozenset(n[: self._head] for n in names)
        self._may_start = may_start(names)
        # per governed area: the pattern that finds its divisions' full names, and their codes
        self._inner: dict[str, tuple[re.Pattern[str] | None, dict[str, str]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Record every place in ``doc``. RETURNS (Doc): the same doc."""
        bounds = token_bounds(doc)
        starts, ends = set(bounds[0]), set(bounds[1])
        text = doc_text(doc)
        # jieba glues a conjunction to the name after it (和沅江, a word of three characters or
        # more): the name may start after it
        starts |= {
            m.end()
            for m in _CONJUNCTION.finditer(text)
            if m.start() in starts and m.end() not in starts and m.end() + 1 not in ends
        }
        places = self.find(text, starts, ends)
        code = governing(doc)
        area = self.index.divisions.get(code) if code else None
        if area is not None:
            places = self.within(text, places, area, starts)
        places = uncited(places, text)
        if area is not None:
            found = self.governed(text, area, starts, ends)
            places = sorted(places + found, key=lambda p: (p.start, p.end))
        add_spans(
            doc, self.key, "region", [(p.start, p.end, p.concept or "", p.attrs()) for p in places]
        )
        return doc

    def find(
        self, text: str, starts: set[int] | None = None, ends: set[int] | None = None
    ) -> list[Place]:
        """Places in ``text``; ``starts``/``ends`` are token boundaries (None: any character)."""
        places: list[Place] = []
        unresolved: list[tuple[int, tuple[str, ...]]] = []
        i = 0
        while (m := self._may_start.search(text, i)) is not None:
            i = m.start()
            found = None
            if text[i : i + self._head] in self._heads and (starts is None or i in starts):
                found = self._best_at(text, i, ends)
            if found is None:
                i += 1
                continue
            place, candidates = found
            if place.code is None and place.covers and _part_of(places, place):
                i = place.end  # 浙江西部地区 is the west of Zhejiang, not the Western region
                continue
            if candidates:
                unresolved.append((len(places), candidates))
            places.append(place)
            i = place.end
        for n, candidates in unresolved:
            places[n] = self._from_context(text, places, n, candidates)
        listed = self._listed(text, places, starts, ends) + self._abbreviated(text, places, starts)
        return sorted(places + listed, key=lambda p: p.start) if listed else places

    def _abbreviated(self, text: str, places: list[Place], starts: set[int] | None) -> list[Place]:
        """The provinces a run of their abbreviations lists (晋冀鲁豫交界地区, 苏浙沪, 京、津、冀),
        one mention a character, where no other place was found."""
        if self._runs is None or self._runs.search(text) is None:
            return []  # most units list no provinces: one scan in C, not a loop per character
        masked = list(text)  # 京津冀 is the macro-region, 辽宁 the province: runs go around them
        for p in places:
            masked[p.start : p.end] = "\0" * (p.end - p.start)
        out: list[Place] = []
        for m in self._runs.finditer("".join(masked)):
            a, b = m.span()
            if starts is not None and a not in starts:
                continue  # inside a word (jieba may end the run's token after it: 辽三省)
            for i in range(a, b):
                code = self.abbreviations.get(text[i])
                if code is not None:
                    out.append(self._division_place(i, i + 1, self.index.divisions[code]))
        return out

    def _listed(
        self, text: str, places: list[Place], starts: set[int] | None, ends: set[int] | None
    ) -> list[Place]:
        """City names that double as common words (烟台, 长治, 开封), which alone are not
        trusted, named in a list beside a city found (济南、青岛、烟台等市)."""
        out: list[Place] = []
        taken = {(p.start, p.end) for p in places}
        todo = [p for p in places if p.level == "city"]
        lists = _CITY_LIST.finditer(text) if "等" in text else ()  # most units close no list
        for m in lists:  # 长治、大同等市: the list says they are cities
            names = m.group("names").split("、")
            pos = m.start()
            first = next(  # the first name may follow other words: 支持长治
                (k for k in range(len(names[0]) - 2, -1, -1) if names[0][k:] in self.index.forms),
                0,
            )
            names[0], pos = names[0][first:], pos + first
            members = []
            for name in names:
                city = self._sole_city(name)
                if city is None:
                    break
                members.append(self._division_place(pos, pos + len(name), city[0]))
                pos += len(name) + 1
            else:
                for place in members:
                    if not any(a < place.end and place.start < b for a, b in taken):
                        out.append(place)
                        taken.add((place.start, place.end))
                        todo.append(place)
        while todo:
            p = todo.pop()
            for start, end in self._neighbours(text, p.start, p.end):
                if (start, end) in taken or any(a < end and start < b for a, b in taken):
                    continue
                if (starts is not None and start not in starts) or (
                    ends is not None and end not in ends
                ):
                    continue
                city = self._sole_city(text[start:end])
                if city is None or city[1].kind != "alias" or city[1].generic:
                    continue
                place = self._division_place(start, end, city[0])
                out.append(place)
                taken.add((start, end))
                todo.append(place)
        return out

    def _sole_city(self, name: str) -> tuple[Division, Form] | None:
        """The city ``name`` names, and how, when it names one city and nothing but divisions
        inside it (长沙: 长沙市, and its 长沙县)."""
        form = self.index.city_form(name)
        return None if form is None else (self.index.divisions[form.code], form)

    def _neighbours(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """Spans of every length a name may have on either side of ``start``..``end``, across
        a 、 between list members."""
        if text[end : end + 1] == "、":
            for n in self._lengths.get(text[end + 1 : end + 2], ()):
                yield end + 1, end + 1 + n
        if start >= 2 and text[start - 1] == "、":
            for n in range(2, 6):
                if start - 1 - n >= 0:
                    yield start - 1 - n, start - 1

    def within(
        self, text: str, places: list[Place], area: Division, starts: set[int] | None = None
    ) -> list[Place]:
        """``places`` read inside the governed ``area``: a shared name (朝阳区 in a Beijing rule)
        is the area's own division, and the full names of the area's divisions count where they
        stand, also those made of common characters (东城区) or cut by jieba (密云 / 区为)."""
        out = []
        for p in places:
            if p.code is None and p.candidates:
                inside = [c for c in p.candidates.split(",") if self._inside(c, area)]
                if len(inside) == 1:
                    p = self._division_place(p.start, p.end, self.index.divisions[inside[0]])
            out.append(p)
        names, codes = self._inner_names(area)
        if names is None:
            return out
        taken = [(p.start, p.end) for p in out]
        for m in names.finditer(text):
            s, e = m.span()
            if (starts is not None and s not in starts) or any(a < e and s < b for a, b in taken):
                continue
            out.append(self._division_place(s, e, self.index.divisions[codes[m.group()]]))
        return sorted(out, key=lambda p: (p.start, p.end))

    def _inside(self, code: str, area: Division) -> bool:
        return code == area.code or self.index.is_under(code, area.code)

    def _inner_names(self, area: Division) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        """A pattern of the full names (three characters or more) that name one division inside
        ``area`` and none other there, and the code each names; no pattern for the country,
        which would be all, nor for an area with no such name."""
        if area.code not in self._inner:
            named: dict[str, set[str]] = defaultdict(set)
            if area.level != "country":
                for text, forms in self.index.forms.items():
                    if len(text) < 3:
                        continue
                    for f in forms:
                        if f.kind == "full" and f.former is None and f.code != area.code:
                            if self._inside(f.code, area):
                                named[text].add(f.code)
            sole = {t: c for t, (c, *more) in named.items() if not more}
            longest = sorted(sole, key=len, reverse=True)
            pattern = re.compile("|".join(map(re.escape, longest))) if sole else None
            self._inner[area.code] = (pattern, sole)
        return self._inner[area.code]

    def governed(
        self,
        text: str,
        area: Division,
        starts: set[int] | None = None,
        ends: set[int] | None = None,
    ) -> list[Place]:
        """本市, 全省, 本行政区域 … in ``text`` as mentions of ``area``, the governed division."""
        out = []
        for m in _DEICTIC.finditer(text):
            noun = m.group()[1:]
            if noun != _ANY_LEVEL and not area.name.endswith(noun):
                continue
            s, e = m.span()
            if starts is not None and ends is not None:
                cut = e - 1 in starts and text[e : e + 1] in _LOCATIVE  # 本 / 区内
                if s not in starts or (e not in ends and not cut):
                    continue
            out.append(replace(self._division_place(s, e, area), resolved="jurisdiction"))
        return out

    def _best_at(
        self, text: str, i: int, ends: set[int] | None
    ) -> tuple[Place, tuple[str, ...]] | None:
        by_end: dict[int, list[tuple[Link, ...]]] = defaultdict(list)
        for links in self._chains(text, i, None):
            end = links[-1][1]
            if (ends is None or end in ends) and self._allowed(text, links):
                by_end[end].append(links)
        features = {
            i + n: self.features[text[i : i + n]]
            for n in self._lengths[text[i]]
            if text[i : i + n] in self.features and (ends is None or i + n in ends)
        }
        if not by_end and not features:
            return None
        end = max(chain(by_end, features))
        chains = by_end.get(end, [])
        bare = all(len(c) == 1 and c[0][2].kind == "alias" for c in chains)
        if end in features and (not chains or bare):
            f = features[end]
            return Place(i, end, f.concept, f.label, f.level, covers=f.covers), ()
        return self._resolve(text, i, end, chains)

    def _chains(self, text: str, i: int, parent: Division | None) -> list[tuple[Link, ...]]:
        """Every chain of division names starting at ``i``, each name inside the one before."""
        out: list[tuple[Link, ...]] = []
        if i >= len(text):
            return out
        for n in self._lengths.get(text[i], ()):
            for form in self.index.forms.get(text[i : i + n], ()):
                if parent is not None and not self.index.is_under(form.code, parent.code):
                    continue
                link = (i, i + n, form)
                out.append((link,))
                division = self.index.divisions[form.code]
                if division.level != "county":
                    out.extend((link, *tail) for tail in self._chains(text, i + n, division))
        return out

    def _allowed(self, text: str, links: tuple[Link, ...]) -> bool:
        """A lone name must be safe on its own; inside a chain the parent vouches for it."""
        if len(links) > 1:
            return True
        start, end, form = links[0]
        if form.generic or _conjunction_led(text, start):
            return False
        if form.kind != "alias":
            return True
        level = self.index.divisions[form.code].level
        return level == "province" or text[start:end] in self.index.standalone_aliases

    def _resolve(
        self, text: str, start: int, end: int, chains: list[tuple[Link, ...]]
    ) -> tuple[Place, tuple[str, ...]]:
        """The division the longest chains name, or an unresolved place and its candidates."""
        longest = max(len(c) for c in chains)
        forms = [c[-1][2] for c in chains if len(c) == longest]
        forms = [f for f in forms if f.former is None] or forms  # today's names first
        codes = tuple(dict.fromkeys(f.code for f in forms))
        # 长沙 names both 长沙市 and 长沙县 inside it: the enclosing division is the usual reading
        outer = [c for c in codes if all(o == c or self.index.is_under(o, c) for o in codes)]
        if len(outer) == 1:
            forms = [f for f in forms if f.code == outer[0]]
            codes = (outer[0],)
        if len(codes) == 1:
            form = forms[0]
            return self._division_place(start, end, self.index.divisions[codes[0]], form.former), ()
        divisions = [self.index.divisions[c] for c in codes]
        names = {d.name for d in divisions}
        levels = {d.level for d in divisions}
        place = Place(
            start,
            end,
            concept=None,
            label=names.pop() if len(names) == 1 else text[start:end],
            level=levels.pop() if len(levels) == 1 else None,
            candidates=",".join(sorted(codes)),
        )
        return place, codes

    def _division_place(
        self, start: int, end: int, d: Division, former: str | None = None
    ) -> Place:
        return Place(
            start,
            end,
            concept=f"region/{d.code}",
            label=d.name,
            level=d.level,
            code=d.code,
            province=d.province,
            city=d.city,
            former_name=former,
        )

    def _from_context(
        self, text: str, places: list[Place], n: int, candidates: tuple[str, ...]
    ) -> Place:
        """Resolve an ambiguous name by the nearest division named before it in its sentence."""
        place = places[n]
        for prev in reversed(places[:n]):
            if any(c in SENTENCE_END for c in text[prev.end : place.start]):
                break
            if prev.code is None:
                continue
            scopes = {s for s in (prev.code, prev.province, prev.city) if s}
            hits = [c for c in candidates if any(self.index.is_under(c, s) for s in scopes)]
            if len(hits) == 1:
                d = self.index.divisions[hits[0]]
                return self._division_place(place.start, place.end, d)
        return place


# a list of names closed by what they are: 长治、大同等市, 烟台、威海等城市
# the first name may follow other words (我们支持长治、…): ``_listed`` keeps the city at its end;
# the lookahead rules out at once the positions where no 、 follows
_CITY_LIST = re.compile(
    r"(?=[\u4e00-\u9fff]{2,12}、)"
    r"(?P<names>[\u4e00-\u9fff]{2,12}(?:、[\u4e00-\u9fff]{2,4})+)等(?:地级)?(?:城)?市"
)


def _conjunction_led(text: str, start: int) -> bool:
    """Whether the name at ``start`` opens with 和/及/与 coordinating it with the word before."""
    if text[start] not in _CONJUNCTIONS or start == 0:
        return False
    before = text[start - 1]
    return _CJK.match(before) is not None and before not in _BEFORE_PLACE


def _part_of(places: list[Place], place: Place) -> bool:
    """Whether ``place`` is a compass-point region glued to the division just before it."""
    if not places or places[-1].end != place.start or places[-1].covers:
        return False
    return place.label[:1] in _COMPASS


@Language.factory(
    "policykg_regions",
    assigns=["doc.spans"],
    default_config={"spans_key": "regions", "terms": []},
)
def make_region_recognizer(
    nlp: Language, name: str, spans_key: str, terms: list[dict[str, Any]]
) -> RegionRecognizer:
    """The ``policykg_regions`` component; ``terms`` are the gazetteer records."""
    return RegionRecognizer(spans_key, terms)


def governed_by(doc: Doc, code: str) -> Doc:
    """``doc``, told the code of the area its document governs (its 本市, 本省 …)."""
    doc.user_data[_JURISDICTION] = code
    return doc


def governing(doc: Doc) -> str | None:
    """The code of the area ``doc``'s document governs, when ``governed_by`` told it."""
    return doc.user_data.get(_JURISDICTION)
