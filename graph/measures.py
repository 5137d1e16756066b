"""Text units as researchers read them: the ``measures`` JSON contract, and its filters.

Each filter is a stored query that returns the units it keeps and why; filters combine with AND,
the several values of one filter (ask's "镉和铅") with OR. Pollutant filters follow the SKOS
hierarchy down, and up only through groups (重金属 for 镉, never 大气污染物 for 油烟); units
that name the pollutant itself come first. Region filters follow the map (places inside a
province, and with ``overlapping`` the macro-regions and rivers that cross it) and what the
documents govern: a unit of a regulation whose jurisdiction lies inside the region matches
even where it names no place, and ``applies_in`` adds the province's and the nation's rules.
Text filters look words up in the generation's full-text index (``graph.textindex``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pyoxigraph import Literal, NamedNode

from policykg.errors import LookupFailed
from policykg.graph import sparql
from policykg.graph.namespaces import (
    DOC,
    ID,
    SHORTCUT,
    XSD,
    concept_iri,
    doc_iri,
    graph_iri,
    short_id,
)
from policykg.graph.sparql import Backend, remembered, run, text

_ADMIN_SUFFIX = re.compile(r"(省|市|自治区|特别行政区|壮族自治区|回族自治区|维吾尔自治区)$")
# a level word before a body's name (省生态环境厅, 各市发展改革委): --actor and ask read it alike
_LEVEL_WORD = r"(?:本|各)?(?:市州|县市区|县市|县区|区县|[省市县区乡镇])"  # 市州: a prefecture level
_LEVEL_IN_FRONT = re.compile(rf"^{_LEVEL_WORD}(?=[\u4e00-\u9fff]{{2}})")  # 省农委: two will do
_LEVEL_AT_END = re.compile(rf"{_LEVEL_WORD}$")


def level_word_before(text: str, end: int) -> int | None:
    """Start of the level word that ends at ``end`` in ``text`` (市 of 由市发展改革委), if any."""
    m = _LEVEL_AT_END.search(text, 0, end)
    return m.start() if m else None


Values = str | tuple[str, ...] | None  # one value, or several that any unit may match


def _filter(help: str, default: Any = None) -> Any:
    """A field of ``Filters``; ``help`` documents it for the API and the command line alike."""
    return field(default=default, metadata={"help": help})


@dataclass
class Filters:
    """What ``measures`` keeps: every filter given must hold (AND).

    Each field is a keyword of ``KnowledgeGraph.measures`` and an option of the ``measures``
    and ``viz`` commands (``--name``: a flag when it is a bool, repeatable when a tuple), both
    made from this class: a new filter is a field here and its clause in ``select``.
    """

    pollutant: Values = _filter(
        "Pollutant (zh, en or alt label): 镉, cadmium, PM2.5; its kinds count, the groups it "
        "belongs to (重金属 for 镉), and every unit of a document whose title names it."
    )
    exact: bool = _filter("Only direct mentions of the pollutant.", False)
    region: Values = _filter(
        "Region name, short name, English name or 6-digit code: 湖南, Jinan, 430000. Units "
        "naming a place inside it, or of a document that applies there."
    )
    overlapping: bool = _filter("Add macro-regions and rivers crossing it.", False)
    applies_in: str | None = _filter(
        "Like --region, plus the rules of the province and the nation that contain it."
    )
    actor: str | None = _filter("Body named as doing or leading: 生态环境部.")
    role: str | None = _filter(
        "A body's role: lead, participant, responsible or mentioned; with --actor, that "
        "body's role, else any body's."
    )
    within: str | None = _filter(
        "A time limit of this length: 30日, 15个工作日, 24小时, 6个月, 30 days, P30D."
    )
    before: str | None = _filter("Deadline up to this year (inclusive) or ISO date.")
    after: str | None = _filter("Deadline from this year (inclusive) or ISO date.")
    doc: str | None = _filter(
        "Only this document: its id, or its title (or the part of a title that names one)."
    )
    genre: Values = _filter(
        "Only documents of this genre: law, regulation, plan, action-plan, guideline, measures, "
        "decision, resolution, notice, or the word in Chinese or English (条例, 规划, laws)."
    )
    jurisdiction: Values = _filter(
        "Only documents whose jurisdiction lies inside this region, or any of these (name, "
        "English name or code): 济南 keeps Jinan's own rules, 山东 Shandong's and its cities'; "
        "the nation's and the province's rules that also bind there do not count (--applies-in "
        "takes them)."
    )
    issuer: str | None = _filter(
        "Only documents issued by this body: 国务院, 山东省人大常委会, State Council; a kind of "
        "body without a place (人大常委会) takes every body of that kind."
    )
    dated_after: str | None = _filter(
        "Only documents dated (issued or passed) from this year (inclusive) or ISO date."
    )
    dated_before: str | None = _filter(
        "Only documents dated (issued or passed) up to this year (inclusive) or ISO date."
    )
    effective_after: str | None = _filter(
        "Only documents that took effect from this year (inclusive) or ISO date."
    )
    effective_before: str | None = _filter(
        "Only documents that took effect up to this year (inclusive) or ISO date."
    )
    act: Values = _filter(
        "Only documents whose history holds this act (any of them given): passed, approved, "
        "promulgated, amended, revised; the dated filters then bound the act's date, not the "
        "document's last one (amended in 2015, though amended again since)."
    )
    in_force: str | None = _filter(
        "Only documents in force at some time of this year, on this ISO date, or today: the "
        "first version's start (an amended act was in force before its revision), until a "
        "document here repeals it."
    )
    kind: tuple[str, ...] = _filter("Unit kind: measure, box-item, ...", ())
    has: tuple[str, ...] = _filter(
        "Only units with mentions of this family (each one given): targets, deadlines, actors, "
        "pollutants, regions, instruments.",
        (),
    )
    text: str | tuple[str, ...] | None = _filter(
        'Words the unit text must all contain (any length, "quoted phrase"): 罚款 农用地.'
    )
    # policy instruments (graph/instruments.py): a category includes its instruments
    instrument: str | tuple[str, ...] | None = _filter(
        "Policy instrument or category (zh, en or id): 供给型, supply, 资金投入, funding."
    )
    fine_at_least: str | None = _filter(
        "Only units with a fine that can reach this many yuan or more (its cap, or a floor "
        "with no cap): 10000, 1万, 一万元."
    )
    fine_party: str | None = _filter(
        "Only units with a fine for this party, in the clause's words (对个人处…): 个人, 单位; "
        "with --fine-at-least, that fine must reach the sum."
    )

    def __post_init__(self) -> None:
        if self.fine_at_least is not None and not isinstance(self.fine_at_least, str):
            self.fine_at_least = str(self.fine_at_least)  # a notebook gives a number
        self.fine_party = (self.fine_party or "").strip() or None
        # a notebook passes a year as a number (or a date), and one kind as a string
        for name in _DATES:
            value: Any = getattr(self, name)
            if value is not None and not isinstance(value, str):
                setattr(
                    self, name, value.isoformat() if hasattr(value, "isoformat") else str(value)
                )
        self.kind = (self.kind,) if isinstance(self.kind, str) else tuple(self.kind)
        self.has = (self.has,) if isinstance(self.has, str) else tuple(self.has)
        from policykg.graph.textindex import terms

        self.text = terms(self.text or ())


_DATES = (
    "before",
    "after",
    "dated_before",
    "dated_after",
    "effective_before",
    "effective_after",
    "in_force",
)


def _each(values: Values) -> tuple[str, ...]:
    return (values,) if isinstance(values, str) else tuple(values or ())


@dataclass
class Selection:
    units: set[str] | None = None  # None: no filter applied yet
    why: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(dict))
    direct: set[str] = field(default_factory=set)  # units that name what was asked itself
    ranked: bool = False  # whether ``direct`` units go first

    def first(self, direct: set[str]) -> None:
        """Rank: units that name what a ranked filter asked for itself (not a kind of it, a
        group or a predecessor) go first, and with several such filters, those that do so
        for every one of them."""
        self.direct = self.direct & direct if self.ranked else direct
        self.ranked = True

    def keep(self, name: str, reasons: dict[str, list[str]]) -> None:
        found = set(reasons)
        self.units = found if self.units is None else self.units & found
        for unit, rs in reasons.items():
            self.why[unit][name] = sorted(set(rs))


def _family(value: str) -> str:
    """The mention type ``value`` names: a family's key (targets) or its type (target)."""
    v = value.strip().lower()
    family = v[:-1] if v.endswith("s") and v[:-1] in SHORTCUT else v
    if family not in SHORTCUT:
        families = ", ".join(f"{t}s" for t in SHORTCUT)
        raise LookupFailed("entity family", value, f"give one of {families}")
    return family


# a length as a question or an option gives it: 30日, 三十日, 15个工作日, 24小时, 30 days, P30D
_LENGTH = re.compile(
    r"(?P<n>[0-9]+|[〇零一二两三四五六七八九十百]+)\s*"
    r"(?P<unit>个?工作日|working\s+days?|日|天|days?|d|小时|hours?|h|个?月|months?|周|weeks?|年|years?|y)",
    re.I,
)
_ISO_LENGTH = re.compile(r"P(?:T\d+H|\d+[YMWD])(?:-working-days)?", re.I)
_LENGTH_UNITS = {"日": "D", "天": "D", "day": "D", "d": "D", "小时": "H", "hour": "H", "h": "H",
                 "月": "M", "month": "M", "周": "W", "week": "W", "年": "Y", "year": "Y", "y": "Y"}  # fmt: skip


def duration(value: str) -> str:
    """The ISO 8601 length ``value`` names, as the graph's duration concepts spell it (P30D,
    PT24H, P15D-working-days); ``LookupFailed`` for anything else."""
    v = value.strip()
    if _ISO_LENGTH.fullmatch(v):
        head, _, rest = v.partition("-")
        return head.upper() + (f"-{rest.lower()}" if rest else "")
    m = _LENGTH.fullmatch(v)
    n = None
    if m:
        from policykg.extract.headings import to_int

        n = to_int(m.group("n"))
    if m is None or not n:
        raise LookupFailed("time limit", value, "give a length: 30日, 15个工作日, 30 days, P30D")
    unit = m.group("unit").lower().replace(" ", "")
    if "工作日" in unit or "working" in unit:
        return f"P{n}D-working-days"
    code = _LENGTH_UNITS[unit.removeprefix("个").removesuffix("s")]
    return f"PT{n}H" if code == "H" else f"P{n}{code}"


# a sum of money as an option or a question gives it: 10000, 10,000, 1万, 一万元, 5000 yuan, RMB 1m
_AMOUNT = re.compile(
    r"(?:rmb|cny|¥|￥)?\s*(?P<n>[0-9][0-9,]*(?:\.[0-9]+)?|[〇零一二两三四五六七八九十百千万亿]+)"
    r"\s*(?P<scale>万|亿|thousand|k|million|m)?\s*(?:元|yuan|rmb|cny)?",
    re.I,
)
_SCALES = {"万": 1e4, "亿": 1e8, "k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}


def amount(value: str) -> float:
    """The yuan ``value`` names (10000, 1万, 一万元, 10,000 yuan, RMB 1m); ``LookupFailed``
    for anything else."""
    m = _AMOUNT.fullmatch(value.strip())
    n: float | None = None
    if m:
        digits = m.group("n").replace(",", "")
        if digits.replace(".", "", 1).isdigit():
            n = float(digits)
        else:
            from policykg.extract.headings import to_int

            whole = to_int(digits)
            n = float(whole) if whole is not None else None
    if m is None or n is None:
        raise LookupFailed("amount", value, "give a sum in yuan: 10000, 1万, 一万元")
    return n * _SCALES.get((m.group("scale") or "").lower(), 1.0)


_CONJUNCTION = re.compile("和|及|以及|或者|或|与|、")


def names_party(fined: str | None, party: str | None) -> bool:
    """Whether whom a clause fines (单位直接负责的主管人员和其他直接责任人员) names ``party``: one of
    its members ends with it (非经营性单位 is a 单位; 单位直接负责的主管人员 is no 单位, but is a
    直接负责的主管人员). Any fine does when no party is asked; none that names no one does."""
    if party is None:
        return True
    return any(member.endswith(party) for member in _CONJUNCTION.split(fined or ""))


def _date_range(after: object, before: object) -> tuple[str, str]:
    """ISO dates from ``after`` up to ``before`` (years inclusive, or dates); open ends far."""
    lo = _year_bound(str(after), upper=False) if after else "0001-01-01"
    hi = _year_bound(str(before), upper=True) if before else "9999-12-31"
    return lo, hi


def _year_bound(value: str, upper: bool) -> str:
    """A year is inclusive (``before=2018`` keeps 2018-12-31); an ISO date is taken as is."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-12-31" if upper else f"{value}-01-01"
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise LookupFailed(
            "date", value, "give a year (2018) or an ISO date (2018-06-30)"
        ) from None


# what a body does in a unit (pkg:role; ontology/shapes.ttl holds the same list)
ROLES = ("lead", "participant", "responsible", "mentioned")

# why a unit passed --actor: the body itself, or one of its line (the same ministry renamed)
_ACTOR_WHY = {
    "direct": "{named} ({role})",
    "narrower": "{named} ({role}), one of the {asked}",
    "predecessor": "{named} ({role}), which {asked} replaced",
    "successor": "{named} ({role}), which replaced {asked}",
    "remit held": "{named} ({role}), the State Council remit {asked} holds",
    "holder": "{named} ({role}), the body that holds {asked}",
}


def _standing(row: dict[str, Any]) -> str:
    """What a reason adds when a standing duty gave it: the unit whose task note says so."""
    return f", a standing duty set in {short_id(row['from'].value)}" if "from" in row else ""


def _closest(row: dict[str, Any]) -> int:
    return list(_ACTOR_WHY).index(row["relation"].value)


Level = tuple[NamedNode, str]  # a government level, and the word that named it (省)


def resolve(backend: Backend, scheme: str, value: str) -> list[NamedNode]:
    """Concepts of ``scheme`` ('pollutant', 'region', 'actor') named by ``value``.

    Labels in any language, alternative labels, admin codes and concept ids all work; for
    regions a short name (湖南) also finds the full one (湖南省).
    """
    return _resolve(backend, scheme, value)[0]


def _resolve(backend: Backend, scheme: str, value: str) -> tuple[list[NamedNode], Level | None]:
    """``resolve``, and the government level an actor's name sets before a remit or the
    governments, when the name is no label itself (省 of 省生态环境厅, 区 of 区人民政府)."""
    value = value.strip()
    prefix = Literal(f"{ID}{scheme}/")
    level = None

    def labelled(label: str) -> list[NamedNode]:
        if label.lower() == label.upper():  # no letter with a case (镉, 430000): look it up
            terms = [Literal(label, language="zh"), Literal(label, language="en"), Literal(label)]
            query = sparql.with_values(sparql.load_query("concept_by_term"), "term", terms)
            rows = sparql.select(backend, query, {"scheme": prefix})
        else:  # PM2.5, Hunan: compared without case, label by label
            rows = run(backend, "concept_by_label", needle=Literal(label.lower()), scheme=prefix)
        return [r["concept"] for r in rows]

    found = labelled(value)
    if not found and value.startswith(f"{scheme}/"):
        try:
            found = [NamedNode(ID + value)]
        except ValueError:  # not an IRI: it names nothing
            found = []
    if not found and scheme == "actor" and (m := _LEVEL_IN_FRONT.match(value)):
        # 市生态环境局, 省生态环境厅: the remit of the vocabulary at a level it has no label for;
        # 省发展改革委: the remit the national body named after the level holds (pkg:remit);
        # 区人民政府: the governments of that level
        level = _level_of(backend, m.group().lstrip("本各"))  # 各省, 本市: the word after it
        found = [
            level[0] if level and run(backend, "government_level", concept=c) else remit
            for c in labelled(value[m.end() :])
            for remit in _remit(backend, c)
        ]
    if not found and scheme in ("region", "actor") and len(value) >= 2:
        needle = _ADMIN_SUFFIX.sub("", value) if scheme == "region" else value
        rows = run(backend, "concept_by_prefix", needle=Literal(needle), scheme=prefix)
        if rows:
            shortest = len(rows[0]["label"].value)
            found = [r["concept"] for r in rows if len(r["label"].value) == shortest]
    return sorted(set(found), key=lambda n: n.value), level


def _level_of(backend: Backend, word: str) -> Level | None:
    """The government level the level word ``word`` (省, 市, 区) names, if one."""
    rows = run(backend, "level_by_word", word=Literal(word))
    return (rows[0]["level"], word) if len(rows) == 1 else None


def _remit(backend: Backend, concept: NamedNode) -> list[NamedNode]:
    """The remit ``concept`` holds if it is a national body with one, else ``concept``."""
    return [r["remit"] for r in run(backend, "remit_of", concept=concept)] or [concept]


_PAGE = 500  # IRIs per query (units, concepts): a query's text stays under ~40 KB for a server


def _labels(backend: Backend, nodes: set[str]) -> dict[str, str]:
    """The zh label of each concept IRI (the IRI itself for one without), a page of concepts
    per query; the smallest label if a concept has several, so that reasons are stable."""
    out: dict[str, str] = {}
    for r in _listed(backend, "labels_listed", "concept", sorted(nodes)):
        iri, label = r["concept"].value, r["label"].value
        out[iri] = min(out.get(iri, label), label)
    return {n: out.get(n, n) for n in nodes}


def _paged(name: str, var: str, iris: list[str]) -> Iterator[str]:
    """The stored query ``name`` with ``?var`` taking each of ``iris`` in turn (a VALUES
    block), a query text per page of IRIs."""
    query = sparql.load_query(name)
    for i in range(0, len(iris), _PAGE):
        yield sparql.with_values(query, var, [NamedNode(n) for n in iris[i : i + _PAGE]])


def _listed(backend: Backend, name: str, var: str, iris: list[str]) -> Iterator[dict[str, Any]]:
    """The rows of ``_paged`` queries, as dicts."""
    for query in _paged(name, var, iris):
        yield from sparql.select(backend, query)


_POLLUTANT_WHY = {
    "direct": "names {named}",
    "narrower": "names {named}, a kind of {asked}",
    "group": "names {named}, a group that includes {asked}",
    "document": "document on {named}",
    "document-narrower": "document on {named}, a kind of {asked}",
    "heading": "under a heading on {named}",
    "heading-narrower": "under a heading on {named}, a kind of {asked}",
}
_REGION_WHY = {
    "direct": "names {named}",
    "inside": "names {named}, inside {asked}",
    "overlapping": "names {named}, which covers or crosses {asked}",
    "jurisdiction": "document applies to {named}",
    "jurisdiction-inside": "document applies to {named}, inside {asked}",
    "contains": "document applies to {named}, which contains {asked}",
}
# relations that say a unit is about the asked concept itself rather than through a group
_DIRECT = {"direct", "narrower"}
# relations through the unit's document, and what each becomes when the document's concept is
# not the one asked but inside it (a city's rules for a province) or a kind of it
_BY_DOCUMENT = {
    "jurisdiction": "jurisdiction-inside",
    "document": "document-narrower",
    "heading": "heading-narrower",
}


def _by_concept(
    backend: Backend,
    scheme: str,
    values: Values,
    queries: list[str],
    why: dict[str, str],
    exact: bool = False,
    direct: set[str] | None = None,
) -> dict[str, list[str]]:
    """Units the stored ``queries`` find for the concepts ``values`` name, with the reason.

    Each query binds ``?concept`` and returns ``?unit``, the concept ``?named`` in the unit and
    the ``?relation`` between the two (a key of ``why``). Units found through a relation of
    ``_DIRECT`` are added to ``direct``.
    """
    concepts = []
    for value in _each(values):
        found = resolve(backend, scheme, value)
        if not found:
            raise LookupFailed(scheme, value)
        concepts.extend(found)
    rows = [
        (c, r)
        for c in concepts
        for q in queries
        for r in run(backend, q, concept=c)
        if not exact or r["relation"].value == "direct"
    ]
    labels = _labels(backend, {c.value for c in concepts} | {r["named"].value for _, r in rows})
    reasons: dict[str, list[str]] = defaultdict(list)
    for c, r in rows:
        named, asked = labels[r["named"].value], labels[c.value]
        relation = r["relation"].value
        if named == asked:
            relation = relation if relation in _BY_DOCUMENT else "direct"
        else:
            relation = _BY_DOCUMENT.get(relation, relation)
        unit = r["unit"].value
        reasons[unit].append(why[relation].format(named=named, asked=asked))
        if direct is not None and relation in _DIRECT:
            direct.add(unit)
    return reasons


def _by_text(backend: Backend, words: tuple[str, ...]) -> dict[str, list[str]]:
    """Units that hold every term, in their text or in a heading above them (the articles of
    第六章 法律责任 for 法律责任): from the text index, or SPARQL filters without one (a remote
    endpoint, or an index written before it kept headings)."""
    from policykg.graph import textindex

    index = getattr(backend, "text_index", None)
    reasons: dict[str, list[str]] | None = None
    for word in words:
        needle = Literal(textindex.fold(word)[0])
        if index is not None:
            texts = {DOC + unit for _, unit in index.search((word,))}
        else:
            texts = {r["unit"].value for r in run(backend, "units_by_text", needle=needle)}
        found = {u: f"contains {word}" for u in texts}
        for unit, title in _under_headings(backend, index, word, needle):
            found.setdefault(unit, f"under the heading {title}")
        reasons = {
            u: [*(reasons or {}).get(u, []), why]
            for u, why in found.items()
            if reasons is None or u in reasons
        }
    return reasons or {}


def _under_headings(
    backend: Backend, index: Any, word: str, needle: Literal
) -> list[tuple[str, str]]:
    """(unit IRI, heading) of the units under a heading that holds ``word``: the headings from
    the text index, then their units; or both from the graph (a scan of every title)."""
    headings = index.headings(word) if index is not None else None
    if headings is None:
        rows = run(backend, "units_by_heading_text", needle=needle)
        return [(r["unit"].value, r["title"].value) for r in rows]
    titles = {DOC + division: title for division, title in headings}
    rows = _listed(backend, "units_under_divisions", "division", sorted(titles))
    return [(r["unit"].value, titles[r["division"].value]) for r in rows]


def select(backend: Backend, f: Filters) -> Selection:
    """The units that pass every filter, with the reasons each passed."""
    sel = Selection()
    if f.pollutant:
        direct: set[str] = set()
        reasons = _by_concept(
            backend,
            "pollutant",
            f.pollutant,
            ["units_by_pollutant", "units_by_pollutant_document", "units_by_pollutant_heading"],
            _POLLUTANT_WHY,
            f.exact,
            direct,
        )
        sel.keep("pollutant", reasons)
        sel.first(direct)
    region_queries = ["units_by_region", "units_by_jurisdiction"]
    if f.overlapping:
        region_queries.append("units_overlapping_region")
    if f.region:
        sel.keep("region", _by_concept(backend, "region", f.region, region_queries, _REGION_WHY))
    if f.applies_in:
        queries = region_queries + ["units_by_containing_jurisdiction"]
        sel.keep("applies", _by_concept(backend, "region", f.applies_in, queries, _REGION_WHY))
    if f.text:
        sel.keep("text", _by_text(backend, f.text))
    if f.role and f.role not in ROLES:
        raise LookupFailed("role", f.role, f"a role is one of {', '.join(ROLES)}")
    if f.actor:
        actors, level = _resolve(backend, "actor", f.actor)
        if not actors:
            raise LookupFailed("actor", f.actor)
        reasons = defaultdict(list)
        found = []  # (asked, row, level word, relation)
        for a in actors:
            if level and run(backend, "remit_concept", concept=a):  # 省生态环境厅
                rows = run(backend, "units_by_actor_at_level", concept=a, level=level[0])
                found += [(a, r, level[1], "direct") for r in rows]
                continue
            line: dict[str, str] = {}  # the body, its kinds, its line: each by its closest tie
            for r in sorted(run(backend, "actor_line", concept=a), key=_closest):
                line.setdefault(r["named"].value, r["relation"].value)
            rows = _listed(backend, "units_by_actor", "named", sorted(line))
            found += [(a, r, "", line[r["named"].value]) for r in rows]
        named = {r.get("named", a).value for a, r, _, _ in found}
        labels = _labels(backend, {a.value for a in actors} | named)
        direct = set()  # units that name the body itself
        for a, r, word, relation in found:
            role = text(r.get("role")) or "mentioned"
            if f.role and role != f.role:
                continue
            label = word + labels[r.get("named", a).value]
            reasons[r["unit"].value].append(
                _ACTOR_WHY[relation].format(named=label, role=role, asked=labels[a.value])
                + _standing(r)
            )
            if relation == "direct" and "from" not in r:
                direct.add(r["unit"].value)
        sel.keep("actor", reasons)
        sel.first(direct)
    elif f.role:  # any body in that role: which units give some body the lead
        rows = run(backend, "units_by_role", role=Literal(f.role))
        labels = _labels(backend, {r["named"].value for r in rows})
        reasons = defaultdict(list)
        for r in rows:
            label = labels[r["named"].value]
            named = r["surface"].value if label == r["named"].value else label
            reasons[r["unit"].value].append(f"{named} ({f.role}){_standing(r)}")
        sel.keep("role", reasons)
    if f.has:  # units that set targets at all, whatever they are on; every family given
        has: dict[str, list[str]] | None = None
        for value in f.has:
            family = _family(value)
            units = {r["unit"].value for r in run(backend, "units_with", shortcut=SHORTCUT[family])}
            has = {
                u: [*(has or {}).get(u, []), f"{family}s"] for u in units if has is None or u in has
            }
        sel.keep("has", has or {})
    if f.within:  # 自受理之日起三十日内: the limits of that length, whatever they count from
        rows = run(
            backend, "units_by_duration", duration=concept_iri(f"duration/{duration(f.within)}")
        )
        reasons = defaultdict(list)
        for r in rows:
            reasons[r["unit"].value].append(r["surface"].value)
        sel.keep("within", reasons)
    if f.before or f.after:
        lo, hi = _date_range(f.after, f.before)
        rows = run(
            backend,
            "units_by_deadline",
            **{"from": Literal(lo, datatype=XSD.date), "to": Literal(hi, datatype=XSD.date)},
        )
        reasons = defaultdict(list)
        for r in rows:
            reasons[r["unit"].value].append(f"{r['surface'].value} ({r['date'].value})")
        sel.keep("deadline", reasons)
    if f.instrument:
        from policykg.graph.instruments import units_using

        asked = (f.instrument,) if isinstance(f.instrument, str) else f.instrument
        reasons = defaultdict(list)  # several instruments are alternatives: any of them
        for value in asked:
            for unit, why in units_using(backend, value).items():
                reasons[unit].extend(why)
        sel.keep("instrument", reasons)
    if f.fine_at_least is not None or f.fine_party:  # one fine must meet both
        least = -1.0 if f.fine_at_least is None else amount(f.fine_at_least)
        rows = run(
            backend,
            "units_by_fine",
            amount=Literal(format(least, "f"), datatype=XSD.decimal),
            party=Literal(f.fine_party or ""),
        )
        reasons = defaultdict(list)
        for r in rows:
            fined = text(r.get("fined"))
            if not names_party(fined, f.fine_party):
                continue
            reasons[r["unit"].value].append(r["surface"].value + (f" ({fined})" if fined else ""))
        sel.keep("fine", reasons)
    return sel


def items(backend: Backend, f: Filters, doc_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """The ``measures`` JSON items of the documents ``doc_ids`` (default: all) that pass ``f``,
    in reading order (see ``iter_items``)."""
    return list(iter_items(backend, f, doc_ids))


def iter_items(
    backend: Backend, f: Filters, doc_ids: list[str] | None = None
) -> Iterator[dict[str, Any]]:
    """The items of ``items``, one at a time: without a filter they are read document by
    document, so a listing of a whole store holds one document's records at once, not all."""
    for record, why in iter_records(backend, f, doc_ids):
        item = json.loads(record)
        if why is not None:
            item["matched"] = why
        yield item


Why = dict[str, list[str]]


def iter_records(
    backend: Backend, f: Filters, doc_ids: list[str] | None = None
) -> Iterator[tuple[str, Why | None]]:
    """The items of ``iter_items`` as JSON text and, with a filter, ``matched`` (why the unit
    passed) beside it, for a caller that parses them itself (the API's typed items are read
    from the JSON in one pass, faster than ``json.loads`` alone; the reasons, made here, are
    not written out as JSON to be read back).

    Items are the units' stored records (see ``graph.record``): without a filter one query per
    document, with one the selected units by pages of 500, so the cost follows the answer.
    """
    by_listing = (
        f.doc
        or f.genre
        or f.jurisdiction
        or f.issuer
        or any((f.dated_after, f.dated_before, f.effective_after, f.effective_before))
        or f.in_force
        or f.act
    )
    listing = documents(backend) if doc_ids is None or by_listing else None
    if doc_ids is None:
        doc_ids = [d["id"] for d in listing or ()]
    if f.doc and doc_ids:  # named once, not once per document
        wanted = document_named(f.doc, listing or [])
        doc_ids = [d for d in doc_ids if d == wanted]
    kept = _kept_documents(backend, f, listing or [])
    if kept is not None:
        doc_ids = [d for d in doc_ids if d in kept]
    sel = select(backend, f)
    if sel.units is None:
        query = sparql.load_query("unit_records")
        rows: Iterable[tuple[Any, ...]] = (
            r
            for doc_id in doc_ids
            for r in sparql.values(
                backend, query, _RECORD_ROW, {"doc": doc_iri(doc_id), "g": graph_iri(doc_id)}
            )
        )
    else:
        order = {d: i for i, d in enumerate(doc_ids)}
        keyed = []  # each row's document read once, for the choice and the order alike
        for r in _unit_records(backend, sorted(sel.units)):
            unit, doc, n = r[0].value, r[1].value, r[2].value
            place = order.get(short_id(doc))
            if place is not None:
                keyed.append(((sel.ranked and unit not in sel.direct, place, int(n)), r))
        keyed.sort(key=lambda pair: pair[0])
        rows = [r for _, r in keyed]
    for unit, doc, _, kind, record in rows:
        if f.kind and kind.value not in f.kind:
            continue
        why = None
        if sel.units is not None:
            why = sel.why.get(unit.value, {})
        if kept:  # the documents' filters alone (--genre law) say why as well
            why = {**(why or {}), **kept[short_id(doc.value)]}
        yield record.value, why


def _kept_documents(
    backend: Backend, f: Filters, listing: list[dict[str, Any]]
) -> dict[str, dict[str, list[str]]] | None:
    """The documents of ``listing`` that pass every filter on documents (genre, issuer, the
    dates they were passed and took effect, when they were in force), each with why; None
    when none is given."""
    checks: list[tuple[str, dict[str, list[str]]]] = []
    if f.genre:
        genres = {g for value in _each(f.genre) for g in genre_ids(value)}
        checks.append(
            ("genre", {d["id"]: [d["genre"]] for d in listing if d.get("genre") in genres})
        )
    if f.jurisdiction:
        checks.append(("jurisdiction", _governing(backend, f.jurisdiction, listing)))
    if f.issuer:
        from policykg.graph.issuers import issued_by

        checks.append(("issuer", issued_by(backend, f.issuer, listing)))
    if f.act:
        checks.append(("act", acts_of(listing, f)))
    for name, key, after, before in (
        ("dated", "date", None if f.act else f.dated_after, None if f.act else f.dated_before),
        ("effective", "effective", f.effective_after, f.effective_before),
    ):
        found = _in_range(listing, key, after, before)
        if found is not None:
            checks.append((name, {d: [day] for d, day in found.items()}))
    if f.in_force:
        from policykg.graph.validity import in_force

        checks.append(("in force", in_force(listing, f.in_force)))
    if not checks:
        return None
    ids = set.intersection(*(set(docs) for _, docs in checks))
    return {d: {name: docs[d] for name, docs in checks} for d in ids}


def _governing(
    backend: Backend, regions: Values, listing: Iterable[Mapping[str, Any]]
) -> dict[str, list[str]]:
    """Document id -> why, for the documents of ``listing`` whose jurisdiction is one of
    ``regions`` or a place inside it (a city's rules for its province)."""
    concepts = []
    for region in _each(regions):
        found = resolve(backend, "region", region)
        if not found:
            raise LookupFailed("region", region)
        concepts.extend(found)
    asked = _labels(backend, {c.value for c in concepts})
    inside: dict[str, str] = {}  # document id -> the place asked that holds its jurisdiction
    for c in concepts:
        for r in run(backend, "documents_by_jurisdiction", concept=c):
            inside.setdefault(r["id"].value, asked[c.value])
    out = {}
    for d in listing:
        if d["id"] in inside:
            named = (d.get("jurisdiction") or {}).get("label") or inside[d["id"]]
            relation = "jurisdiction" if named == inside[d["id"]] else "jurisdiction-inside"
            out[d["id"]] = [_REGION_WHY[relation].format(named=named, asked=inside[d["id"]])]
    return out


def _in_range(
    listing: Iterable[Mapping[str, Any]], key: str, after: str | None, before: str | None
) -> dict[str, str] | None:
    """Document id -> its date ``key`` (date, effective) for the documents of ``listing``
    dated in ``after``..``before``; None when neither bound is given."""
    if not (after or before):
        return None
    lo, hi = _date_range(after, before)
    return {d["id"]: d[key] for d in listing if d.get(key) and lo <= d[key][:10] <= hi}


# the acts a document's history records (pkg:kind of its pkg:history events, as
# extract/history.py reads them from the header); "effective" is the ``effective`` filter's
ACTS = ("passed", "approved", "promulgated", "amended", "revised")


def acts_of(listing: Iterable[Mapping[str, Any]], f: Filters) -> dict[str, list[str]]:
    """Document id -> the acts of its history that ``f.act`` and the dated filters keep."""
    return _acted(listing, _each(f.act), f.dated_after, f.dated_before)


def _acted(
    listing: Iterable[Mapping[str, Any]],
    acts: tuple[str, ...],
    after: str | None,
    before: str | None,
) -> dict[str, list[str]]:
    """Document id -> the dates of its acts of a kind in ``acts`` within ``after``..``before``,
    for the documents of ``listing`` with at least one (their history, not their last date)."""
    unknown = [a for a in acts if a not in ACTS]
    if unknown:
        raise LookupFailed("act", unknown[0], f"acts are {', '.join(ACTS)}")
    lo, hi = _date_range(after, before)
    found: dict[str, list[str]] = {}
    for d in listing:
        days = [
            f"{e['event']} {e['date'][:10]}"
            for e in d.get("history") or ()
            if e.get("event") in acts and e.get("date") and lo <= e["date"][:10] <= hi
        ]
        if days:
            found[d["id"]] = days
    return found


# what a unit's stored record comes with: unit, document, order, kind, record (graph/queries/
# unit_records*.rq), as a tuple a row
_RECORD_ROW = ("unit", "doc", "order", "kind", "record")


def _unit_records(backend: Backend, units: list[str]) -> Iterator[tuple[Any, ...]]:
    """The stored record rows of ``units`` (IRIs; ``_RECORD_ROW``), a page of units per
    query, once each."""
    seen: set[str] = set()
    for query in _paged("unit_records_listed", "unit", units):
        for r in sparql.values(backend, query, _RECORD_ROW):
            if r[0].value not in seen:
                seen.add(r[0].value)
                yield r


def document_named(value: str, listing: list[dict[str, Any]]) -> str:
    """The id of the document ``value`` names: an id, a title (with or without 《》), or a part
    of a title that only one document's title holds."""
    value = value.strip()
    if any(d["id"] == value for d in listing):
        return value
    name = value.strip("《》")
    titled = [d for d in listing if d.get("title")]
    exact = [d["id"] for d in titled if d["title"] == name]
    hits = exact or [d["id"] for d in titled if name and name in d["title"]]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise LookupFailed("document", value)
    shown = ", ".join(sorted(hits)[:5]) + (" …" if len(hits) > 5 else "")
    raise LookupFailed("document", value, f"{len(hits)} titles hold it ({shown}); give an id")


def genre_ids(value: str) -> set[str]:
    """The genres (the values ``docs`` shows) that ``value`` names: a genre itself, or a genre
    word of ``ontology/title-words.ttl`` in Chinese or English, singular or plural (条例,
    regulations); a word may stand for several (plan, 规划: plan and action-plan)."""
    from policykg.graph.vocabularies import load_terms

    v = value.strip().lower()
    words = [t for t in load_terms("title-words.ttl") if "GenreWord" in t["types"]]
    known = {g for t in words for g in t["props"].get("genre", [])}
    for t in words:  # plan: plans and action plans alike
        labels = {label.lower() for label in (*t["pref"].values(), *t["alt"])}
        if v in labels or (v.endswith("s") and v[:-1] in labels):
            return set(t["props"].get("genre", []))
    if v in known:
        return {v}
    raise LookupFailed("genre", value, f"give one of {', '.join(sorted(known))}, or 条例, 规划 …")


def documents(backend: Backend) -> list[dict[str, Any]]:
    """Every document's ``docs`` entry (id, title, number, date, effective, genre, jurisdiction,
    issuers, history, sha256, format, and how many units and mentions it holds), read from its
    record: one row per document. Read once per store generation (every ``measures`` call
    reads it); each call gets its own rows, to change as it likes."""
    rows = remembered(backend, "documents", lambda: _documents(backend), traced=False)
    return [dict(d) for d in rows]


def _documents(backend: Backend) -> list[dict[str, Any]]:
    out = []
    for r in run(backend, "documents"):
        record = json.loads(r["record"].value) if r.get("record") else {}
        out.append(
            {
                **dict.fromkeys(_DOCUMENT_KEYS),
                "units": 0,
                "mentions": 0,
                **record,
                "id": r["id"].value,
            }
        )
    return out


_DOCUMENT_KEYS = (
    "id title number date effective genre jurisdiction issuers history sha256 format".split()
)


def filter_documents(
    backend: Backend,
    rows: list[dict[str, Any]],
    region: str | None = None,
    genre: str | None = None,
    after: str | None = None,
    before: str | None = None,
    issuer: str | None = None,
    effective_after: str | None = None,
    effective_before: str | None = None,
    in_force: str | None = None,
    act: Values = None,
) -> list[dict[str, Any]]:
    """The document entries ``rows`` whose jurisdiction lies inside ``region``, of ``genre``,
    dated within ``after``..``before`` (years inclusive, or ISO dates), issued by ``issuer``
    (``graph.issuers``), in force from a date within ``effective_after``..``effective_before``,
    in force at some time of ``in_force`` (``graph.validity``), with an ``act`` of their
    history (amended, revised …; then ``after``..``before`` date the act); filters combine
    with AND.
    """
    # genre, issuer and dates as ``measures`` reads them; an issuer is named among all the
    # documents, so a body is known even if the dates leave none of its own
    f = Filters(
        jurisdiction=region,
        genre=genre,
        issuer=issuer,
        dated_after=after,
        dated_before=before,
        effective_after=effective_after,
        effective_before=effective_before,
        in_force=in_force,
        act=act,
    )
    kept = _kept_documents(backend, f, rows)
    if kept is not None:
        rows = [d for d in rows if d["id"] in kept]
    if in_force and kept is not None:  # when: the answer to the question asked
        rows = [{**d, "in_force": kept[d["id"]]["in force"][0]} for d in rows]
    if act and kept is not None:
        rows = [{**d, "acts": kept[d["id"]]["act"]} for d in rows]
    return rows
