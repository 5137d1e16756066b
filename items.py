"""The typed answers of the Python API: text units, their mentions, documents, comparisons.

Each model declares the fields of the JSON (``policykg measures --format json``, ``docs``,
``compare``) and allows others, so that a field a newer build stores passes through until it is
declared here; ``model_dump()`` gives the JSON item back, key for key (a declared field the
record did not have stays out of it).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from policykg.graph.headings import place


class _Open(BaseModel):
    """A record's keys, no more: a declared field the record lacked (``matched`` only with
    filters, ``resolved`` only for 本市 …) stays out of a dump, so the dump is the record.
    That is pydantic's own ``exclude_unset``, made the default: a serializer hook in Python on
    every nested model cost more than the rest of a cold ``measures --format json``. A list a
    record may lack is made by ``default_factory``: pydantic deep-copies a ``[]`` default for
    every item that lacks it, 7 ms of 70 for 978 typed items."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("exclude_unset", True)
        return super().model_dump(**kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("exclude_unset", True)
        return super().model_dump_json(**kwargs)


class Parent(_Open):
    """A division a unit sits in: chapter, section, part, box or group."""

    type: str
    number: int | None = None
    title: str | None = None
    id: str


class Source(_Open):
    """Where a unit is in its file: character offsets into the original text."""

    document: str
    start: int
    end: int


class Mention(_Open):
    """What every mention has: the surface form, its offsets in the file, its sentence."""

    text: str
    start: int
    end: int
    sentence: int | None = None


class PollutantMention(Mention):
    label: str | None = None
    label_en: str | None = None
    id: str | None = None


class RegionMention(Mention):
    label: str | None = None
    code: str | None = None
    id: str | None = None
    resolved: str | None = None  # "jurisdiction": 本市, 本省 … naming the area governed


class ActorMention(Mention):
    label: str | None = None
    role: str = "mentioned"
    id: str | None = None
    former_name: str | None = None  # pre-reform wording: 环境保护主管部门 for today's body
    level: str | None = None  # the government level of a remit's body: 省生态环境厅
    standing: bool | None = None  # named for every later task too: 以下均需…落实，不再列出


class StandingDuty(ActorMention):
    """A body an earlier unit's task note names for this unit too (以下均需地方各级人民政府落实，
    不再列出): the mention, in ``unit``, whose characters say so."""

    unit: str


class DeadlineMention(Mention):
    """A date by which something is due, a time limit counted from an event (自受理之日起
    二十日内: ``duration`` P20D, ``counted_from`` 受理; ``working_days`` for 工作日; ``ahead`` when
    it ends at the event, 有效期届满三十日前), or a date
    every year or month (每年3月31日前: ``recurs`` --03-31)."""

    date: str | None = None
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


class Indicator(_Open):
    """What a target measures, from ``ontology/indicators.ttl``."""

    id: str
    label: str | None = None
    label_en: str | None = None


class TargetRegion(_Open):
    """The place a target is set for."""

    id: str | None = None
    label: str | None = None
    code: str | None = None


class TargetMention(Mention):
    """A quantitative target: the quantity, its direction and years, what it is a target on."""

    value: float | None = None
    unit: str | None = None
    comparator: str | None = None
    direction: str | None = None
    baseline: int | None = None
    year: int | None = None
    binding: bool | None = None
    indicator: Indicator | None = None
    region: TargetRegion | None = None
    scope: str | None = None
    subject: str | None = None
    phrase: str | None = None


class InstrumentMention(Mention):
    """Evidence that a unit uses a policy instrument (a category of ``ontology/instruments.ttl``)."""

    category: str | None = None
    category_zh: str | None = None
    label: str | None = None
    label_zh: str | None = None
    id: str | None = None
    cue: str | None = None
    cues: list[str] = Field(default_factory=list)


class FineMention(Mention):
    """A fine a rule sets (罚款, or 罚金 in ``label``): an amount in yuan, ``minimum`` to
    ``maximum`` (one of them for 以上 or 以下 alone), or multiples of a base the text names
    (违法所得一倍以上三倍以下: ``multiple_min`` 1, ``multiple_max`` 3, ``of`` 违法所得); whom it
    fines (``party``: 对单位处…) and what a sum is counted by (``per``: 每平方米) when it says."""

    label: str | None = None
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
        from policykg.graph.record import fine_amount

        return fine_amount(self.model_dump())


class Item(_Open):
    """A text unit in reading order (a measure, box item, article or paragraph) with its
    entities; ``matched`` says why it passed each filter, when filters were given."""

    id: str
    title: str | None = None
    kind: str
    number: int | None = None
    parents: list[Parent] = Field(default_factory=list)
    text: str
    source: Source
    pollutants: list[PollutantMention] = Field(default_factory=list)
    regions: list[RegionMention] = Field(default_factory=list)
    actors: list[ActorMention] = Field(default_factory=list)
    deadlines: list[DeadlineMention] = Field(default_factory=list)
    targets: list[TargetMention] = Field(default_factory=list)
    instruments: list[InstrumentMention] = Field(default_factory=list)
    fines: list[FineMention] = Field(default_factory=list)
    standing_duties: list[StandingDuty] = Field(default_factory=list)
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
        """One flat row: scalars, and the labels (dates, texts) of each entity family as lists;
        instruments and their categories (Chinese labels) once each (two instruments share a
        category, and a unit cut into pieces for analysis has a mention per piece)."""
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
            "fines": [m.amount for m in self.fines],
            "text": self.text,
        }


class TargetPlace(_Open):
    """Where a listed target applies: a place of the gazetteer (a macro-region has no code)."""

    label: str | None = None
    code: str | None = None


class TargetEntry(_Open):
    """A target as ``policykg targets`` lists it: the document that sets it (and its date),
    what it is on, the quantity and years, and where it stands in the source."""

    document: str
    doc_date: str | None = None
    indicator: Indicator | None = None
    region: TargetPlace | None = None
    scope: str | None = None
    value: float | None = None
    unit: str | None = None
    comparator: str | None = None
    direction: str | None = None
    baseline: int | None = None
    year: int | None = None
    binding: bool | None = None
    phrase: str | None = None  # what it is on in the text's words: 储备林 of 建设储备林1400万公顷
    text: str
    source: Source


class Jurisdiction(_Open):
    """The area a document governs: a GB/T 2260 division, or the whole country (100000)."""

    label: str
    code: str


class HistoryEvent(_Open):
    """A dated act in a document's life: passed, approved, promulgated, amended, ..."""

    date: str
    event: str
    body: str | None = None
    text: str


class DocumentSummary(_Open):
    """A document of the graph: what it says of itself, who issued it, what it governs, its
    history (acts by date) and how much it holds."""

    id: str
    title: str | None = None
    number: str | None = None
    date: str | None = None
    effective: str | None = None
    # titles of the acts it repeals when it enters into force
    repeals: list[str] = Field(default_factory=list)
    genre: str | None = None
    # pollutants its title names: the whole document is on them
    about: list[str] = Field(default_factory=list)
    jurisdiction: Jurisdiction | None = None
    issuers: list[str] = Field(default_factory=list)
    history: list[HistoryEvent] = Field(default_factory=list)
    sha256: str | None = None
    units: int = 0
    mentions: int = 0
    in_force: str | None = None  # when it was in force, with --in-force (graph.validity)
    # with --act: the acts of its history that matched ("amended 2018-10-26")
    acts: list[str] = Field(default_factory=list)


class Difference(_Open):
    shared: list[str]
    only_a: list[str]
    only_b: list[str]


class Comparison(_Open):
    """What documents ``a`` and ``b`` share and where they differ, aspect by aspect."""

    a: str
    b: str
    pollutants: Difference
    regions: Difference
    actors: Difference
    targets: Difference
    fines: Difference  # each fine's amount and whom it fines: 20000–200000 yuan (单位)


class EntitySpan(_Open):
    """An entity marked in a unit's text: ``text[start:end]``, its family and label."""

    start: int
    end: int
    family: str
    label: str


class UnitDetail(_Open):
    """One unit as ``policykg show`` prints it: with its document, place, a citation line to
    paste, and its entities as spans of its text."""

    item: Item
    document: DocumentSummary
    place: str
    citation: str
    entities: list[EntitySpan]
