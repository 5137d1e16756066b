"""The typed answers of the Python API: text units, their mentions, documents, comparisons.

Each type declares the fields of the JSON (``policykg measures --format json``, ``docs``,
``compare``); ``model_dump()`` gives the JSON item back, key for key. They are msgspec structs:
a unit's stored record is read into its item in one pass in C, at less than half what pydantic
took (31 against 72 ms for the 978 items of 镉 at 100 documents), and with no validator to build
on first use, which a cold ``policykg measures`` paid for in full (docs/benchmarks.md).

A field a record always carries is declared without a default, even when its value may be
null; one that a record carries only when it says something (``resolved`` for 本市, ``page``
for a paged file, ``standing_duties``, ``matched`` with filters) has a default and is left out
of a dump while it holds it. So the dump is the record: no null is added, none dropped.
A record lacking a field it should carry was written by an older policykg, and is refused.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

import msgspec

from policykg.graph.headings import place

_T = TypeVar("_T", bound="_Record")


@cache
def _decoder(cls: type[_T]) -> msgspec.json.Decoder[_T]:
    return msgspec.json.Decoder(cls)


class _Record(msgspec.Struct, kw_only=True, omit_defaults=True):
    """What every answer type can do: be read from its JSON or dict, and dumped back. The
    methods keep the names they had when the items were pydantic models, so that a notebook
    written then still runs."""

    @classmethod
    def model_validate(cls: type[_T], data: Any) -> _T:
        """The ``cls`` of a dict (as ``graph.measures`` and ``json.loads`` give them)."""
        return msgspec.convert(data, cls)

    @classmethod
    def model_validate_json(cls: type[_T], text: str | bytes) -> _T:
        """The ``cls`` of a JSON text, read in one pass."""
        return _decoder(cls).decode(text)

    def model_dump(self) -> dict[str, Any]:
        """The JSON item as a dict (nested answers as dicts too)."""
        return msgspec.to_builtins(self)

    def model_dump_json(self, indent: int | None = None) -> str:
        """The JSON item as text, ``indent``-ed like ``json.dumps`` when asked."""
        data = msgspec.json.encode(self)
        return (msgspec.json.format(data, indent=indent) if indent else data).decode()


class Parent(_Record, kw_only=True):
    """A division a unit sits in: chapter, section, part, box or group."""

    type: str
    number: int | None
    title: str | None
    id: str


class Span(_Record, kw_only=True):
    """Where a passage is in its file: character offsets into the original text."""

    document: str
    start: int
    end: int


class Source(Span, kw_only=True):
    """Where a unit is in its file: its offsets, and for a paged file (pdf, docx) its first
    page, its pages and its box on the first page (null in a file without pages)."""

    page: int | None
    pages: list[int] | None
    bbox: list[float] | None


class Mention(_Record, kw_only=True):
    """What every mention has: the surface form, its offsets in the file, its sentence, and in
    a paged file its page and box."""

    text: str
    start: int
    end: int
    sentence: int | None
    page: int | None = None
    bbox: list[float] | None = None


class PollutantMention(Mention, kw_only=True):
    label: str | None
    label_en: str | None
    id: str | None


class RegionMention(Mention, kw_only=True):
    label: str | None
    code: str | None
    id: str | None
    resolved: str | None = None  # "jurisdiction": 本市, 本省 … naming the area governed


class ActorMention(Mention, kw_only=True):
    label: str | None
    role: str  # responsible, lead, cooperating, supervising, sanctioned … or mentioned
    id: str | None
    former_name: str | None = None  # pre-reform wording: 环境保护主管部门 for today's body
    level: str | None = None  # the government level of a remit's body: 省生态环境厅
    standing: bool | None = None  # named for every later task too: 以下均需…落实，不再列出


class StandingDuty(ActorMention, kw_only=True):
    """A body an earlier unit's task note names for this unit too (以下均需地方各级人民政府落实，
    不再列出): the mention, in ``unit``, whose characters say so."""

    unit: str


class DeadlineMention(Mention, kw_only=True):
    """A date by which something is due, a time limit counted from an event (自受理之日起
    二十日内: ``duration`` P20D, ``counted_from`` 受理; ``working_days`` for 工作日; ``ahead`` when
    it ends at the event, 有效期届满三十日前), or a date
    every year or month (每年3月31日前: ``recurs`` --03-31)."""

    date: str | None
    duration: str | None = None
    counted_from: str | None = None
    working_days: bool | None = None
    ahead: bool | None = None  # ends at its event, at least that long before: 届满三十日前
    recurs: str | None = None  # every year (--03-31) or month (---10): 每年3月31日前

    @property
    def due(self) -> str | None:
        """The ISO date, a time limit's ISO duration, or the date it comes back on every year
        or month: what a table of deadlines shows."""
        return self.date or self.duration or self.recurs


class Indicator(_Record, kw_only=True):
    """What a target measures, from ``ontology/indicators.ttl``."""

    id: str
    label: str | None
    label_en: str | None


class TargetRegion(_Record, kw_only=True):
    """The place a target is set for."""

    id: str | None
    label: str | None
    code: str | None


class TargetMention(Mention, kw_only=True):
    """A quantitative target: the quantity, its direction and years, what it is a target on."""

    value: float | None
    unit: str | None
    comparator: str | None
    direction: str | None
    baseline: int | None
    year: int | None
    binding: bool | None
    indicator: Indicator | None
    region: TargetRegion | None
    scope: str | None
    subject: str | None
    phrase: str | None


class InstrumentMention(Mention, kw_only=True):
    """Evidence that a unit uses a policy instrument (a category of ``ontology/instruments.ttl``)."""

    category: str | None
    category_zh: str | None
    label: str | None
    label_zh: str | None
    id: str | None
    cue: str | None
    cues: list[str]


class FineMention(Mention, kw_only=True):
    """A fine a rule sets (罚款, or 罚金 in ``label``): an amount in yuan, ``minimum`` to
    ``maximum`` (one of them for 以上 or 以下 alone), or multiples of a base the text names
    (违法所得一倍以上三倍以下: ``multiple_min`` 1, ``multiple_max`` 3, ``of`` 违法所得); whom it
    fines (``party``: 对单位处…) and what a sum is counted by (``per``: 每平方米) when it says."""

    label: str | None
    minimum: float | None = None
    maximum: float | None = None
    multiple_min: float | None = None
    multiple_max: float | None = None
    of: str | None = None
    party: str | None = None
    per: str | None = None

    @property
    def amount(self) -> str:
        """The amount as a table shows it: 20000–200000 yuan, ≤ 5000 yuan, 1–3 × 违法所得,
        2000 yuan per 平方米."""
        from policykg.graph.wording import fine_amount

        return fine_amount(self.model_dump())

    @property
    def label_with_party(self) -> str:
        """The amount and whom it fines, as the CSV export, ask and compare show it:
        20000–200000 yuan (单位)."""
        from policykg.graph.wording import fine_label

        return fine_label(self.model_dump())


class Item(_Record, kw_only=True):
    """A text unit in reading order (a measure, box item, article or paragraph) with its
    entities; ``matched`` says why it passed each filter, when filters were given."""

    id: str
    title: str | None
    kind: str
    number: int | None
    parents: list[Parent]
    text: str
    source: Source
    pollutants: list[PollutantMention]
    regions: list[RegionMention]
    actors: list[ActorMention]
    deadlines: list[DeadlineMention]
    targets: list[TargetMention]
    instruments: list[InstrumentMention]
    fines: list[FineMention]
    standing_duties: list[StandingDuty] = []
    matched: dict[str, list[str]] | None = None

    @property
    def place(self) -> str:
        """``第六章 / 第二节 加大重金属污染防治力度``: the headings above it, as written."""
        return place(p.model_dump() for p in self.parents)

    @property
    def instrument_names(self) -> list[str | None]:
        """The instruments it uses, by Chinese name (法规管制), once each in the order of the
        text (a unit cut into pieces for analysis has a mention per piece)."""
        return list(dict.fromkeys(m.label_zh or m.label for m in self.instruments))

    def row(self) -> dict[str, Any]:
        """One flat row: scalars, and the labels (dates, texts, a fine's amount and party) of
        each entity family as lists; instruments and their categories (Chinese labels) once
        each (two instruments share a category, and a unit cut into pieces for analysis has a
        mention per piece)."""
        return {
            "document": self.source.document,
            "id": self.id,
            "kind": self.kind,
            "number": self.number,
            "title": self.title,
            "place": self.place,
            "start": self.source.start,
            "end": self.source.end,
            "pollutants": [m.label for m in self.pollutants],
            "regions": [m.label for m in self.regions],
            "actors": [m.label for m in self.actors],
            "deadlines": [m.due for m in self.deadlines],
            "targets": [m.text for m in self.targets],
            "instruments": self.instrument_names,
            "instrument_categories": list(dict.fromkeys(m.category_zh for m in self.instruments)),
            "fines": [m.label_with_party for m in self.fines],
            "text": self.text,
        }


class TargetPlace(_Record, kw_only=True):
    """Where a listed target applies: a place of the gazetteer (a macro-region has no code)."""

    label: str | None
    code: str | None


class TargetEntry(_Record, kw_only=True):
    """A target as ``policykg targets`` lists it: the document that sets it (and its date),
    what it is on, the quantity and years, and where it stands in the source."""

    document: str
    doc_date: str | None
    indicator: Indicator | None
    region: TargetPlace | None
    scope: str | None
    value: float | None
    unit: str | None
    comparator: str | None
    direction: str | None
    baseline: int | None
    year: int | None
    binding: bool | None
    phrase: str | None  # what it is on in the text's words: 储备林 of 建设储备林1400万公顷
    text: str
    source: Span


class Jurisdiction(_Record, kw_only=True):
    """The area a document governs: a GB/T 2260 division, or the whole country (100000)."""

    label: str
    code: str


class HistoryEvent(_Record, kw_only=True):
    """A dated act in a document's life: passed, approved, promulgated, amended, ..."""

    date: str
    event: str
    body: str | None
    text: str


class DocumentSummary(_Record, kw_only=True):
    """A document of the graph: what it says of itself, who issued it, what it governs, its
    history (acts by date), the kind of file it was read from and how much it holds."""

    id: str
    title: str | None
    number: str | None
    date: str | None
    effective: str | None
    repeals: list[str]  # titles of the acts it repeals when it enters into force
    genre: str | None
    about: list[str]  # pollutants its title names: the whole document is on them
    jurisdiction: Jurisdiction | None
    issuers: list[str]
    history: list[HistoryEvent]
    sha256: str | None
    format: str  # txt, md, html, mhtml, pdf, docx
    units: int
    mentions: int
    in_force: str | None = None  # when it was in force, with --in-force (graph.validity)
    # with --act: the acts of its history that matched ("amended 2018-10-26")
    acts: list[str] = []


class Difference(_Record, kw_only=True):
    shared: list[str]
    only_a: list[str]
    only_b: list[str]


class Comparison(_Record, kw_only=True):
    """What documents ``a`` and ``b`` share and where they differ, aspect by aspect."""

    a: str
    b: str
    pollutants: Difference
    regions: Difference
    actors: Difference
    targets: Difference
    fines: Difference  # each fine's amount and whom it fines: 20000–200000 yuan (单位)


class EntitySpan(_Record, kw_only=True):
    """An entity marked in a unit's text: ``text[start:end]``, its family and label."""

    start: int
    end: int
    family: str
    label: str


class UnitDetail(_Record, kw_only=True):
    """One unit as ``policykg show`` prints it: with its document, place, a citation line to
    paste, and its entities as spans of its text."""

    item: Item
    document: DocumentSummary
    place: str
    citation: str
    entities: list[EntitySpan]
