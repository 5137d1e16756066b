"""``policykg.open``: a built graph to question from Python, the embedded store or a server.

Every method delegates to ``graph/`` (measures, inventory, compare, show, export, user_sparql),
which the command line uses too, so a notebook and ``policykg measures`` give the same answers.
Nothing here imports an NLP library.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from policykg import DEFAULT_STORE
from policykg.errors import NoData
from policykg.graph import measures as _measures
from policykg.graph.sparql import Backend, Term, connect
from policykg.items import (
    Comparison,
    DocumentSummary,
    Item,
    TargetEntry,
    TargetMention,
    UnitDetail,
)

if TYPE_CHECKING:
    import networkx
    import pandas

    from policykg.graph.matrix import Matrix


CODING_FORMATS = ("xlsx", "coding-csv")  # the coding sheet (graph/coding_sheet.py)
_M = TypeVar("_M")
_R = TypeVar("_R", Item, DocumentSummary, Comparison, TargetEntry, UnitDetail)


def _typed(cls: type[_R], record: str | Mapping[str, Any]) -> _R:
    """``cls`` of a record the store holds (JSON text or a dict made from it). A record that
    lacks a field every record now carries was written by an older policykg: that is
    ``NoData``, with the forced rebuild that writes it again."""
    try:
        if isinstance(record, str):
            return cls.model_validate_json(record)
        return cls.model_validate(record)
    except msgspec.ValidationError as e:
        raise NoData(
            f"the store holds records an older policykg wrote ({e}); build it again with --force"
        ) from None


def open(where: str | Path = DEFAULT_STORE, **options: Any) -> KnowledgeGraph:
    """The graph in the store folder ``where``, or at the SPARQL query endpoint ``where``
    (``http://…``). Options for servers: ``update_endpoint``, ``gsp``, ``union`` (``"graphs"``,
    ``"server"`` or ``"oxigraph"``), ``timeout`` in seconds and ``batch`` (triples per update
    request); see docs/servers.md.

    Opening costs nothing; the first question opens the store (read-only: any number of
    readers, also while a build writes). After a build, the next question sees the new graph.
    """
    return KnowledgeGraph(connect(where, **options))


def _one_state(method: _M) -> _M:
    """``method`` reads one state of the store however many queries it makes: a build that
    lands meanwhile is seen by the next call, not halfway through this one."""

    if inspect.isgeneratorfunction(method):  # pinned while the caller reads the pieces

        @functools.wraps(method)  # type: ignore[arg-type]
        def pieces(self: KnowledgeGraph, *args: Any, **kwargs: Any) -> Any:
            with self.backend.snapshot():
                yield from method(self, *args, **kwargs)  # type: ignore[operator]

        return pieces  # type: ignore[return-value]

    @functools.wraps(method)  # type: ignore[arg-type]
    def wrapper(self: KnowledgeGraph, *args: Any, **kwargs: Any) -> Any:
        with self.backend.snapshot():
            return method(self, *args, **kwargs)  # type: ignore[operator]

    return wrapper  # type: ignore[return-value]


class KnowledgeGraph:
    """A policykg graph to question: ``kg.measures(pollutant="镉", before=2018)``."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.backend}>"

    @_one_state
    def documents(
        self,
        *,
        region: str | None = None,
        genre: str | None = None,
        after: str | int | None = None,
        before: str | int | None = None,
        issuer: str | None = None,
        effective_after: str | int | None = None,
        effective_before: str | int | None = None,
        in_force: str | int | date | None = None,
        act: str | tuple[str, ...] | None = None,
    ) -> list[DocumentSummary]:
        """Every document: id, title, number, dates, jurisdiction, issuers (in the order they
        acted), history, genre, and how many units and mentions it holds; only those whose
        jurisdiction lies inside ``region``, of ``genre``, dated from ``after`` up to
        ``before`` (years inclusive, or ISO dates), issued by ``issuer`` (国务院, 山东省人大常委会,
        State Council; 人大常委会: any standing committee), in force from a date within
        ``effective_after`` .. ``effective_before``, in force at some time of ``in_force`` (a
        year, an ISO date or ``date``, or "today"; ``graph.validity``), with an ``act`` of their
        history (passed, approved, promulgated, amended, revised; ``after`` .. ``before`` then
        date that act: amended in 2015, though amended again since), when given."""
        rows = _measures.documents(self.backend)
        rows = _measures.filter_documents(
            self.backend,
            rows,
            region,
            genre,
            after,  # type: ignore[arg-type]
            before,  # type: ignore[arg-type]
            issuer,
            effective_after,  # type: ignore[arg-type]
            effective_before,  # type: ignore[arg-type]
            in_force,  # type: ignore[arg-type]  # Filters reads a year or a date as text
            act,
        )
        return [_typed(DocumentSummary, d) for d in rows]

    def measures(self, **filters: Any) -> list[Item]:
        """The text units that pass every filter given, in reading order (see ``Filters`` in
        ``graph/measures.py`` for each one); with filters, ``item.matched`` says why."""
        return list(self.iter_measures(**filters))

    @_one_state
    def iter_measures(self, **filters: Any) -> Iterator[Item]:
        """``measures``, one item at a time: a listing of a whole store holds one document's
        units in memory, not all of them (what the command line streams). The listing is read
        from one state of the store, even if a build lands while it is being read."""
        for record, why in _measures.iter_records(self.backend, _measures.Filters(**filters)):
            item = _typed(Item, record)
            if why is not None:
                item.matched = why
            yield item

    @_one_state
    def show(self, id_or_title: str) -> UnitDetail:
        """One unit by id, or by title (exact, else the shortest title containing it)."""
        from policykg.graph.show import detail

        return _typed(UnitDetail, detail(self.backend, id_or_title))

    @_one_state
    def compare(self, a: str, b: str) -> Comparison:
        """What documents ``a`` and ``b`` (ids) share and differ in."""
        from policykg.graph.compare import compare

        return _typed(Comparison, compare(self.backend, a, b))

    @_one_state
    def ask(self, question: str) -> Answer:
        """A question in Chinese or English, read into the filters of ``measures`` (or, for
        "compare A and B", into ``compare``)."""
        from policykg.graph.ask import answer

        reading, rows, sparql = answer(self.backend, question)
        # "list all documents": the rows are the documents' listing, which is the answer;
        # "compare A and B": the row is the comparison
        listing = tuple((d["id"], d["units"]) for d in rows) if reading.every_document else None
        comparison = _typed(Comparison, rows[0]) if reading.compared else None
        units = not (reading.every_document or reading.compared)
        items = [_typed(Item, r) for r in rows] if units else []
        words = tuple(reading.filters.text or ())
        indicators = reading.indicators
        if reading.wants == "targets" and reading.filters.pollutant and not indicators:
            from policykg.graph.targets import indicators_of

            indicators = indicators_of(self.backend, reading.filters.pollutant)
        return Answer(
            question,
            reading.understood,
            reading.wants,
            items,
            sparql,
            words,
            reading.role,
            tuple(reading.alone),
            indicators,
            reading.binding,
            listing,
            comparison,
            reading.filters.fine_party,
        )

    @_one_state
    def pollutants(self) -> list[dict[str, Any]]:
        """Every pollutant concept with its broader and narrower ones and how many units name
        it (``units``) or it or a narrower one (``with_narrower``)."""
        from policykg.graph.inventory import pollutants

        return pollutants(self.backend)

    @_one_state
    def regions(self) -> list[dict[str, Any]]:
        """The places the documents name, with their GB/T 2260 codes, levels and unit counts."""
        from policykg.graph.inventory import regions

        return regions(self.backend)

    @_one_state
    def actors(self) -> list[dict[str, Any]]:
        """The bodies the documents name, with their unit counts by role."""
        from policykg.graph.inventory import actors

        return actors(self.backend)

    @_one_state
    def targets(
        self, indicator: str | None = None, region: str | None = None, doc: str | None = None
    ) -> list[TargetEntry]:
        """Every target across documents in time order (document date, then target year).

        ``indicator``: an indicator's label, alt label or id, a group of indicators, or a
        pollutant (PM2.5: the indicators measuring it); ``region``: a place and the places
        inside it (京津冀: 北京市 too; a target naming no place applies where its document
        governs); ``doc``: a document's id, title, or a part of a title only it holds. See
        ``graph/targets.py``.
        """
        from policykg.graph.targets import targets

        rows = targets(self.backend, indicator=indicator, region=region, doc=doc)
        return [_typed(TargetEntry, r) for r in rows]

    @_one_state
    def targets_chart(
        self,
        path: str | Path,
        targets: Sequence[TargetEntry] | None = None,
        title: str | None = None,
    ) -> Path:
        """Draw ``targets`` (default: every target; e.g. ``kg.targets(indicator="PM2.5")``) to
        ``path``: ``.html`` an offline chart page, ``.png``, ``.svg`` or ``.pdf`` a figure. One
        panel per indicator and quantity, one series per place, target year across."""
        from policykg.graph.target_chart import default_title, write_chart

        rows = [t.model_dump() for t in (self.targets() if targets is None else targets)]
        documents = _measures.documents(self.backend)
        path = Path(path)
        write_chart(rows, documents, path, title or default_title(rows))
        return path

    @_one_state
    def instruments(self, **filters: Any) -> list[dict[str, Any]]:
        """Per policy-instrument category, then each of its instruments: how many units (of
        those ``filters`` select) use it, in how many documents, and the cues behind it."""
        from policykg.graph.instruments import SCHEME, instrument_counts
        from policykg.graph.matrix import concept_tree

        tree = concept_tree(self.backend, SCHEME)
        with self.backend.snapshot():  # counted as they stream: no list of a whole store's units
            items = _measures.iter_items(self.backend, _measures.Filters(**filters))
            rows, _ = instrument_counts(items, tree)
        return rows

    @_one_state
    def coding_sheet(self, **filters: Any) -> list[dict[str, Any]]:
        """The coding sheet (编码表): one row per unit that passes ``filters``, with its
        hierarchical code (document-chapter-section-item, see ``graph/coding_sheet.py``),
        document, place, text, actors by role, instruments, pollutants, regions, deadlines
        and targets; list cells are lists (``pandas.DataFrame(kg.coding_sheet())``)."""
        from policykg.graph.coding_sheet import coding_rows

        documents = _measures.documents(self.backend)
        rows = coding_rows(documents, self._items({}, documents))
        if not filters:
            return rows
        wanted = {i["id"] for i in self._items(filters, documents)}
        return [r for r in rows if r["unit_id"] in wanted]

    def sparql(self, query: str, **bindings: Any) -> Any:
        """Run a SPARQL query; each keyword binds the variable of its name to a term, never
        to text. A ``str`` binds a plain literal, ``int``/``float``/``bool``/``date`` typed
        literals; pass ``pyoxigraph.NamedNode`` for an IRI, ``pyoxigraph.Literal`` for a tagged
        string. SELECT gives a list of dicts (IRIs and strings as ``str``, numbers as numbers),
        ASK a bool, CONSTRUCT and DESCRIBE a list of pyoxigraph triples.
        """
        from pyoxigraph import QueryBoolean, QuerySolutions

        from policykg.errors import QueryError
        from policykg.graph.sparql import solutions
        from policykg.graph.user_sparql import syntax_message

        terms = {name: _term(value) for name, value in bindings.items()}
        try:
            answer = self.backend.query(query, terms)
        except SyntaxError as e:
            raise QueryError(syntax_message(str(e))) from None
        if isinstance(answer, QuerySolutions):
            return [{k: _python(v) for k, v in row.items()} for row in solutions(answer)]
        if isinstance(answer, QueryBoolean):
            return bool(answer)
        return list(answer)

    def sparql_text(
        self,
        query: str,
        fmt: str = "table",
        *,
        timeout: float | None = 30.0,
        allow_update: bool = False,
    ) -> str:
        """The answer written out as ``policykg sparql`` prints it: ``json``, ``csv`` or ``tsv``
        (the W3C results formats) or ``table`` for SELECT and ASK, ``turtle`` or ``ntriples``
        for CONSTRUCT and DESCRIBE. Updates are refused unless ``allow_update``."""
        from policykg.graph.user_sparql import run_user_query

        return run_user_query(self.backend, query, fmt, allow_update, timeout)

    @_one_state
    def export(
        self, fmt: str, *, include_ontology: bool = True, annotations: str | None = None
    ) -> Iterator[bytes]:
        """The whole graph in ``fmt``, in pieces: RDF (``ttl``, ``nt``, ``nq``, ``trig``,
        ``jsonld``; ``nq`` and ``trig`` graph by graph), ``graphml`` or ``gexf`` (the view of
        ``to_networkx``), ``csv`` (one row per unit and entity), or the coding sheet, one row
        per unit: ``xlsx`` (a workbook with its notes) or ``coding-csv``. ``annotations="oa"``
        adds every mention as a W3C Web Annotation to the RDF formats."""
        from policykg.graph.export import RDF_FORMATS, export_rdf_chunks, items_csv

        if annotations is not None and fmt not in RDF_FORMATS:
            raise ValueError(f"annotations apply to the RDF formats ({', '.join(RDF_FORMATS)})")
        if fmt in RDF_FORMATS:
            yield from export_rdf_chunks(self.backend, fmt, include_ontology, annotations)
        elif fmt == "csv":
            yield items_csv(self._items({})).encode("utf-8")
        elif fmt in CODING_FORMATS:
            from policykg.graph.coding_sheet import coding_csv, coding_xlsx

            rows = self.coding_sheet()
            yield coding_xlsx(rows) if fmt == "xlsx" else coding_csv(rows)
        elif fmt in ("graphml", "gexf"):
            import tempfile

            from policykg.graph.view import write_gexf, write_graphml

            g = self.to_networkx()
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"out.{fmt}"
                (write_graphml if fmt == "graphml" else write_gexf)(g, path)
                yield path.read_bytes()
        else:
            known = (*RDF_FORMATS, "graphml", "gexf", "csv", *CODING_FORMATS)
            raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(known)})")

    @_one_state
    def matrix(
        self,
        rows: str = "jurisdiction",
        cols: str = "pollutant",
        *,
        depth: int | None = None,
        level: str | None = None,
        columns: Sequence[str] = (),
        **filters: Any,
    ) -> tuple[Matrix, list[dict[str, Any]], list[dict[str, Any]]]:
        """Counts of the units ``filters`` select per row × column (``rows``: jurisdiction,
        region, document, actor, instrument; ``cols``: pollutant, region, indicator, actor), with
        those units and the documents listing; see ``graph/matrix.py``."""
        from policykg.graph.matrix import load_matrix

        return load_matrix(
            self.backend,
            _measures.Filters(**filters),
            rows,
            cols,
            depth=depth,
            level=level,
            columns=columns,
        )

    @_one_state
    def to_networkx(self, **filters: Any) -> networkx.MultiDiGraph:
        """The units that pass ``filters`` with their divisions, documents and entities as a
        networkx graph (one node per concept, so shared concerns are hubs)."""
        from policykg.graph.view import build_view

        documents = _measures.documents(self.backend)
        return build_view(self._items(filters, documents), documents)

    @_one_state
    def to_pandas(self, **filters: Any) -> pandas.DataFrame:
        """The units that pass ``filters`` as a DataFrame, one row per unit (``Item.row``):
        entity labels are lists, ready for ``DataFrame.explode``. Needs ``policykg[pandas]``."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError(
                "KnowledgeGraph.to_pandas needs pandas: pip install 'policykg[pandas]'"
            ) from None
        return pd.DataFrame([item.row() for item in self.measures(**filters)])

    def _items(
        self, filters: Mapping[str, Any], documents: Sequence[Mapping[str, Any]] | None = None
    ) -> list[dict[str, Any]]:
        """Stored items passing ``filters``; ``documents``, a listing already read, spares
        reading it again."""
        ids = [d["id"] for d in documents] if documents is not None else None
        with self.backend.snapshot():
            return _measures.items(self.backend, _measures.Filters(**filters), ids)


def _filter_signature(method: Any) -> inspect.Signature:
    """``method(self, *, pollutant=None, …)``: the keywords ``Filters`` takes, for help()."""
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for f in dataclasses.fields(_measures.Filters):
        params.append(inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default))
    return inspect.signature(method).replace(parameters=params)


for _method in (
    KnowledgeGraph.measures,
    KnowledgeGraph.iter_measures,
    KnowledgeGraph.to_networkx,
    KnowledgeGraph.to_pandas,
    KnowledgeGraph.instruments,
    KnowledgeGraph.coding_sheet,
):
    _method.__signature__ = _filter_signature(_method)  # type: ignore[attr-defined]


@dataclasses.dataclass(frozen=True)
class Answer:
    """How a question was read (``understood``) and the units that answer it, with the
    SPARQL that found them (bound values shown as comments)."""

    question: str
    understood: list[str]
    wants: str
    items: list[Item]
    sparql: str
    text: tuple[str, ...] = ()  # the words it searched the text for (to highlight)
    role: str | None = None  # "who is responsible": the role of the bodies that answer
    # with no answer: how many units each filter keeps on its own ("pollutant dust", 12)
    alone: tuple[tuple[str, int], ...] = ()
    # "did the PM2.5 target tighten": the indicators measuring the pollutant asked about
    indicators: frozenset[str] | None = None
    # "which targets are binding": only binding (True) or expected (False) targets answer
    binding: bool | None = None
    # "list all documents": every document with its units, one with none too; ``items`` is
    # then empty, since what answers is the documents (reading every unit's record to list
    # them cost seconds and gigabytes on a store of thousands)
    listing: tuple[tuple[str, int], ...] | None = None
    # "compare A and B": what the two documents share and where they differ; ``items`` empty
    comparison: Comparison | None = None
    # "fines on individuals", 对个人的罚款: only the fines for that party answer
    party: str | None = None

    def targets(self, item: Item) -> list[TargetMention]:
        """The targets of ``item`` that answer a question about targets: those on an
        indicator of the pollutant asked about, when one was (a unit setting PM2.5 and SO2
        targets answers "the PM2.5 target" with the first), and binding or expected when
        that was asked; else all of them."""
        from policykg.graph.ask import answers_target

        return [
            t
            for t in item.targets
            if answers_target(
                t.indicator.id if t.indicator else None, t.binding, self.indicators, self.binding
            )
        ]

    def bodies(self, item: Item) -> list[str]:
        """The bodies of ``item`` that answer a "who" question: in the role asked, or in any
        role but a bare mention; once each, in the order of the text, then those an earlier
        task note names for every task (以下均需地方各级人民政府落实)."""
        from policykg.graph.ask import answers_who

        bodies = [*item.actors, *item.standing_duties]
        return list(
            dict.fromkeys(a.label or a.text for a in bodies if answers_who(a.role, self.role))
        )

    def fines(self, item: Item) -> list[str]:
        """The fines of ``item`` as a table shows them, in the order of the text: the amount
        and whom the clause fines (20000–200000 yuan (单位)); what a question for the fines
        lists (``wants == "fines"``): those for the party asked about, when one was."""
        from policykg.graph.measures import names_party
        from policykg.graph.wording import fine_label

        records = (m.model_dump() for m in item.fines)
        return [fine_label(m) for m in records if names_party(m.get("party"), self.party)]

    def instruments(self, item: Item) -> list[str]:
        """The instruments ``item`` uses, by name (法规管制), once each in the order of the
        text: what a question for the instruments lists (``wants == "instruments"``)."""
        return [name or "" for name in item.instrument_names]

    def instrument_counts(self) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """How many units of the answer use each instrument, and each category (供给型,
        环境型, 需求型), most used first: the mix a document or a question's units show."""
        used = Counter(name for item in self.items for name in self.instruments(item))
        kinds = Counter(
            c
            for item in self.items
            for c in {i.category_zh or i.category for i in item.instruments}
        )
        return used.most_common(), [(k or "", n) for k, n in kinds.most_common()]

    def documents(self) -> list[tuple[str, int]]:
        """The documents of the answer, each with how many of its units answer, in the order
        of the items: what "which documents were issued by the State Council" lists
        (``wants == "documents"``); every document when that was asked."""
        if self.listing is not None:
            return list(self.listing)
        return list(Counter(i.source.document for i in self.items).items())

    @property
    def read_as(self) -> str:
        return "; ".join(self.understood)


def _term(value: Any) -> Term:
    """A bound value as an RDF term: terms as given, Python values as typed literals."""
    from pyoxigraph import BlankNode, Literal, NamedNode

    from policykg.graph.namespaces import XSD

    if isinstance(value, NamedNode | Literal | BlankNode):
        return value
    if isinstance(value, bool | int | float | str):
        return Literal(value)  # xsd:boolean, xsd:integer, xsd:double, a plain string
    if isinstance(value, Decimal):
        return Literal(str(value), datatype=XSD.decimal)
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=NamedNode(f"{XSD.base}dateTime"))
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    raise TypeError(f"cannot bind a {type(value).__name__} in SPARQL: {value!r}")


_NUMBERS = {"integer": int, "int": int, "long": int, "short": int, "decimal": float}
_NUMBERS |= {"double": float, "float": float, "nonNegativeInteger": int, "positiveInteger": int}


def _python(term: Any) -> Any:
    """A term as a plain Python value: IRIs and strings as str, numbers and booleans as such."""
    from pyoxigraph import Literal

    if not isinstance(term, Literal):
        return term.value if hasattr(term, "value") else str(term)
    kind = term.datatype.value.rsplit("#", 1)[-1]
    try:
        if kind == "boolean":
            return term.value in ("true", "1")
        if kind in _NUMBERS:
            return _NUMBERS[kind](term.value)
    except ValueError:
        pass
    return term.value
