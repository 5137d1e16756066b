"""The plain document model: the contract between extract/ and graph/.

Every node carries exclusive character offsets into ``document.text``, so that
``document.text[node.start:node.end]`` is always its source, whatever layout repair did. That
text is the decoded file for formats that are text (txt, md, html: markup stays in it, and a
node's range may hold some), and the text extracted from the file for pdf and docx, where nodes
also carry their page and, for PDF, their box on it.
Identifiers are deterministic hashes of what a node is and where it stands, so two builds
of the same file mint the same IRIs.
"""

from __future__ import annotations

import hashlib
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

MentionType = Literal["pollutant", "region", "actor", "deadline", "target", "instrument", "fine"]
# The entity families, in the one order every stage lists them: each mention type and the plural
# key under which the pipeline (``doc.spans``), the stored records and the exports keep its
# mentions. A new family is a new mention type here; the stages read their lists from this. The
# order is the pipeline's: a component may read the spans of the families before it.
FAMILIES: dict[MentionType, str] = {t: f"{t}s" for t in get_args(MentionType)}
EventType = Literal["passed", "approved", "promulgated", "amended", "revised", "effective"]
Format = Literal["txt", "md", "html", "mhtml", "docx", "pdf"]
BBox = tuple[float, float, float, float]
DivisionType = Literal[
    "annex", "volume", "portion", "book", "subbook", "chapter", "section", "part", "subpart", "point", "box",
    "group",
]  # fmt: skip
Scalar = str | int | float | bool | None
CUE_SEPARATOR = "、"
"""Between the cues of one instrument mention (``attrs["cues"]``; attrs are scalars)."""
AHEAD = "ahead"
"""A deadline's certainty when a time limit ends at its event (有效期届满三十日前, 提前三个月):
the extraction sets it, the graph and the records mark such limits (``pkg:ahead``)."""


def cues_of(attrs: dict[str, Scalar]) -> list[str]:
    """The distinct cues behind an instrument mention, the one at its characters first."""
    joined = attrs.get("cues") or attrs.get("cue")
    return str(joined).split(CUE_SEPARATOR) if joined else []


def stable_id(*parts: object, length: int = 12) -> str:
    """A short hash of ``parts``: the same inputs give the same id on every run."""
    data = "\x1f".join(map(str, parts)).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:length]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Located(_Frozen):
    start: int = Field(ge=0, description="first character in the document's text")
    end: int = Field(description="one past the last character in the document's text")
    pages: tuple[int, int] | None = Field(
        default=None, description="first and last page (1-based), where the file has pages"
    )
    bbox: BBox | None = Field(
        default=None,
        description="box on the first page: x0, top, x1, bottom in points from the top left",
    )

    @model_validator(mode="after")
    def _check_offsets(self) -> _Located:
        if self.end <= self.start:
            raise ValueError(f"end must be greater than start, got {self.start}..{self.end}")
        return self


class Mention(_Located):
    """One entity found in a unit: the exact characters, and what they denote."""

    id: str
    type: MentionType
    text: str = Field(description="the repaired surface form (no line breaks)")
    concept: str | None = Field(
        default=None,
        description="vocabulary id, e.g. 'pollutant/cadmium', 'region/430000', 'indicator/forest-coverage'",
    )
    label: str | None = Field(default=None, description="normalised label of what is meant")
    sentence: int | None = Field(default=None, description="index of the sentence in its unit")
    attrs: dict[str, Scalar] = Field(default_factory=dict)
    source: str = Field(description="the component that produced it")


class Sentence(_Located):
    index: int
    text: str


class Division(_Located):
    """A container in the document tree: chapter, section, part, box, article."""

    id: str
    type: DivisionType
    number: int | None = None
    title: str | None = None
    parent: str | None = None
    about: list[str] = []  # pollutants its heading names: every unit under it is on them


class Unit(_Located):
    """A text unit in reading order: a measure, a box item, an article, an introduction."""

    id: str
    kind: str = Field(description="'measure', 'box-item', 'intro', 'paragraph', 'article', ...")
    number: int | None = None
    title: str | None = None
    text: str = Field(description="the repaired text: no line breaks, no page markers")
    parents: list[str] = Field(default_factory=list, description="division ids, outermost first")
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    standing_duties: list[str] = Field(
        default_factory=list,
        description="ids of actor mentions of earlier units that name bodies for this one too "
        "(以下均需地方各级人民政府落实，不再列出: said once, for every later task)",
    )


class Jurisdiction(_Frozen):
    """The area a document governs: a GB/T 2260 division, or the whole country (100000)."""

    label: str = Field(description="official name, e.g. '济南市' or '中华人民共和国'")
    code: str = Field(description="GB/T 2260 code, e.g. '370100'; '100000' for the country")


class HistoryEvent(_Frozen):
    """One dated line of a legislative header: an act of a body, or the entry into force."""

    date: str = Field(description="ISO date")
    event: EventType
    body: str | None = Field(
        default=None, description="the acting body, e.g. '济南市人民代表大会常务委员会'"
    )
    text: str = Field(description="the clause as printed")


class Document(_Frozen):
    id: str
    format: Format = Field(default="txt", description="the kind of file it was read from")
    text: str = Field(
        description="what offsets point into: the decoded file (txt, md, html) or the text "
        "extracted from it (pdf, docx)"
    )
    sha256: str
    signature: str | None = Field(default=None, description="build signature, for skipping")
    path: str | None = None
    title: str | None = None
    number: str | None = None
    date: str | None = Field(
        default=None, description="ISO date of the latest act (passed, approved, amended, ...)"
    )
    effective: str | None = Field(default=None, description="ISO date of entry into force (施行)")
    repeals: list[str] = Field(
        default_factory=list, description="titles of the acts it repeals on entry into force"
    )
    jurisdiction: Jurisdiction | None = None
    issuers: list[str] = Field(default_factory=list, description="bodies in the order they acted")
    issuer_ids: list[str | None] = Field(
        default_factory=list, description="actor vocabulary id of each issuer, when it has one"
    )
    genre: str | None = None
    about: list[str] = Field(
        default_factory=list,
        description="pollutant vocabulary ids its title names (扬尘 of 扬尘污染防治条例)",
    )
    history: list[HistoryEvent] = Field(default_factory=list)
    note: str | None = None
    divisions: list[Division] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_inside(self) -> Document:
        n = len(self.text)
        for node in [*self.divisions, *self.units]:
            if node.end > n:
                raise ValueError(f"{node.id} ends at {node.end}, past the text ({n})")
        return self

    def division(self, division_id: str) -> Division:
        for d in self.divisions:
            if d.id == division_id:
                return d
        raise KeyError(division_id)
