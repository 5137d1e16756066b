"""policykg: Chinese policy documents as a knowledge graph you can query.

A thin click layer over the Python API (``policykg.build``, ``policykg.open``): options are
parsed, answers formatted and errors translated here; the work is done by the API, extract/ and
graph/. Query commands import neither spaCy nor jieba nor jionlp, so they start fast.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from policykg import DEFAULT_STORE
from policykg.errors import (
    FormatMismatch,
    LookupFailed,
    NoData,
    PolicyKGError,
    QueryTimeout,
    StoreMissing,
    Undecodable,
    UpdateRefused,
)

if TYPE_CHECKING:
    from policykg.knowledge_graph import KnowledgeGraph


class Fail(click.ClickException):
    """One line on stderr, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


# hints a command-line user needs after "no X matches ..."
_LOOKUP_HINTS = {
    "pollutant": "see `policykg pollutants`",
    "region": "see `policykg regions`",
    "actor": "see `policykg actors`",
    "document": "see `policykg docs`",
    "indicator": "give an indicator (细颗粒物浓度, PM2.5 concentration), a group or a pollutant (PM2.5)",
    "instrument": "see `policykg instruments`",
    "unit": "give a unit id from `measures --format json` or a title",
}


def message(error: PolicyKGError) -> str:
    """The library's message, with the command-line option or command that helps, if any."""
    if isinstance(error, StoreMissing):
        return f"{error} (run `policykg build --store {error.root}` first)"
    if isinstance(error, NoData):
        return f"{error} with `policykg build --force`"
    if isinstance(error, UpdateRefused):
        return f"{error}; pass --allow-update to change the store"
    if isinstance(error, QueryTimeout):
        return f"{error} (--timeout)"
    if isinstance(error, Undecodable):
        return f"{error} (use --encoding to force one)"
    if isinstance(error, FormatMismatch):
        if error.form == "SELECT and ASK":
            return (
                f"--format {error.fmt} is for CONSTRUCT and DESCRIBE; SELECT and ASK give "
                f"{', '.join(error.fitting)}"
            )
        return f"{error.form} give RDF; use --format {' or '.join(error.fitting)}"
    if isinstance(error, LookupFailed) and not error.hint and error.kind in _LOOKUP_HINTS:
        return f"{error}; {_LOOKUP_HINTS[error.kind]}"
    return str(error)


@dataclass(frozen=True)
class Target:
    """Where the graph lives: the embedded store folder, or a SPARQL server."""

    path: Path
    endpoint: str | None = None
    union: str = "graphs"
    update_endpoint: str | None = None
    gsp: str | None = None
    batch: int = 5000

    def __str__(self) -> str:
        return self.endpoint or str(self.path)

    @property
    def where(self) -> str | Path:
        return self.endpoint or self.path

    @property
    def options(self) -> dict[str, Any]:
        """What ``policykg.open`` and ``policykg.build`` take for a server."""
        if not self.endpoint:
            return {}
        return {
            "union": self.union,
            "update_endpoint": self.update_endpoint,
            "gsp": self.gsp,
            "batch": self.batch,
        }

    def open(self) -> KnowledgeGraph:
        import policykg

        return policykg.open(self.where, **self.options)


def store_options(fn: Callable) -> Callable:
    """--store, or --endpoint (with --union) for a SPARQL server; the command gets a Target."""

    @functools.wraps(fn)
    def wrapper(*args: Any, store: Path, endpoint: str | None, union: str, **kw: Any) -> Any:
        extra = {k: kw.pop(k) for k in ("update_endpoint", "gsp", "batch") if k in kw}
        return fn(*args, store=Target(store, endpoint, union, **extra), **kw)

    for opt in reversed(
        (
            click.option(
                "--store",
                type=click.Path(path_type=Path),
                default=DEFAULT_STORE,
                show_default=True,
                help="Embedded store folder.",
            ),
            click.option(
                "--endpoint", metavar="URL", help="SPARQL query endpoint instead of --store."
            ),
            click.option(
                "--union",
                type=click.Choice(["graphs", "server", "oxigraph"]),
                default="graphs",
                show_default=True,
                help="How a server's default graph becomes the union of document graphs.",
            ),
        )
    ):
        wrapper = opt(wrapper)
    return wrapper


def output_options(*formats: str) -> Callable:
    def deco(fn: Callable) -> Callable:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=formats[0],
            show_default=True,
            help="Output format.",
        )(fn)

    return deco


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str], title: str = "") -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in columns])
        click.echo(buf.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[_cell(r.get(c)) for c in columns])
    Console(width=max(100, Console().width)).print(table)


_STREAM_CHUNK = 1 << 16  # characters of JSON held before they are written


def _emit_json_stream(elements: Iterable[str]) -> None:
    """A JSON array written element by element from elements serialised with ``indent=2``: the
    same text ``json.dumps(list, indent=2)`` gives. A JSON text breaks lines only between tokens
    (a string's line breaks are escaped), so nesting an element one level deeper is a replace."""
    first, pending, size = True, [], 0
    for text in elements:
        pending.append(("[\n  " if first else ",\n  ") + text.replace("\n", "\n  "))
        first, size = False, size + len(text)
        if size > _STREAM_CHUNK:  # written by the chunk: one echo an item was 4% of a query
            click.echo("".join(pending), nl=False)
            pending, size = [], 0
    click.echo("".join(pending) + ("[]" if first else "\n]"))


def _emit_csv_stream(rows: Iterable[dict[str, Any]]) -> None:
    """CSV row by row; the columns are the first row's keys."""
    columns: list[str] | None = None
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for row in rows:
        if columns is None:
            columns = list(row)
            w.writerow(columns)
        w.writerow([_cell(row.get(c)) for c in columns])
        click.echo(buf.getvalue(), nl=False)
        buf.seek(0)
        buf.truncate()
    if columns is None:
        click.echo("document,id,kind,title")


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(dict.fromkeys(_cell(x) for x in v))
    if isinstance(v, dict):
        return v.get("label") or v.get("text") or json.dumps(v, ensure_ascii=False)
    return str(v)


class Group(click.Group):
    """Turns domain errors into one line on stderr and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PolicyKGError as e:
            raise Fail(message(e)) from None
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Unix tools do
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as e:  # a file we were told to read or write: name it, no traceback
            where = f"{e.filename}: " if e.filename else ""
            raise Fail(f"{where}{e.strerror or e}") from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policykg")
def main() -> None:
    """Turn Chinese policy documents into a knowledge graph, and query it.

    \b
    Example:
        policykg build corpus/ --store .policykg
        policykg measures --pollutant 镉 --before 2018
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_options
@click.option("--encoding", help="Force the input encoding (default: detect).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    help="Worker processes for extraction [default: the usable cores].",
)
@click.option("--force", is_flag=True, help="Rebuild documents even when unchanged.")
@click.option("--update-endpoint", metavar="URL", help="SPARQL update endpoint (with --endpoint).")
@click.option("--gsp", metavar="URL", help="Graph Store Protocol URL for whole-graph PUTs.")
@click.option(
    "--batch",
    type=click.IntRange(1),
    default=5000,
    show_default=True,
    help="Triples per SPARQL update request (with --update-endpoint, without --gsp).",
)
def build(
    paths: tuple[Path, ...], store: Target, encoding: str | None, jobs: int | None, force: bool
) -> None:
    """Extract documents (files or folders; default: the bundled corpus) into the store.

    Building a document again replaces its named graph; unchanged documents (same text, same
    extraction code and vocabularies) are skipped.

    \b
    Example:
        policykg build corpus/ ../more-plans/ --store kg --jobs 2
    """
    import policykg

    if (store.endpoint or store.update_endpoint) and not (store.endpoint and store.update_endpoint):
        raise Fail("a remote build needs both --endpoint and --update-endpoint")
    with _progress_bar() as progress:
        report = policykg.build(
            paths,
            store.where,
            jobs=jobs,
            force=force,
            encoding=encoding,
            progress=progress,
            **store.options,
        )
    from policykg.graph.headings import shorten

    docs = report.built
    extra = f", {len(report.unchanged)} unchanged" if report.unchanged else ""
    click.echo(f"Built {len(docs)} document(s) into {store}{extra}")
    for d in docs[:20]:
        named = f"{d.id} ({shorten(d.title, 24)})" if d.title else d.id
        click.echo(f"  {named}: {d.units} units, {d.divisions} divisions")
    if len(docs) > 20:
        click.echo(f"  ... and {len(docs) - 20} more")
    if docs:
        kinds, mentions = report.kinds(), report.mentions()
        click.echo("  units: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
        click.echo("  mentions: " + ", ".join(f"{k} {n}" for k, n in sorted(mentions.items())))
    for failure in report.failures:
        click.echo(f"Error: {message(failure)}", err=True)
    if report.failures:
        click.echo(f"{len(report.failures)} of {report.files} files failed", err=True)
        sys.exit(1)


@contextmanager
def _progress_bar() -> Iterator[Callable[[Path, int, int], None]]:
    """A progress callback: a bar on a terminal, silent when stderr is piped or redirected."""
    bar: Any = None

    def advance(path: Path, done: int, total: int) -> None:
        nonlocal bar
        if total < 2 or not sys.stderr.isatty():
            return
        if bar is None:
            from rich.progress import Progress

            bar = Progress(transient=True)
            bar.start()
            bar.add_task("building", total=total)
        bar.update(bar.task_ids[0], completed=done, description=path.name[:40])

    try:
        yield advance
    finally:
        if bar is not None:
            bar.stop()


def filter_options(fn: Callable) -> Callable:
    """An option per field of ``graph.measures.Filters``: the same filters as the API."""
    from policykg.graph.measures import Filters

    for f in reversed(dataclasses.fields(Filters)):
        name, helptext = f"--{f.name.replace('_', '-')}", f.metadata["help"]
        if f.default is False:
            fn = click.option(name, is_flag=True, help=helptext)(fn)
        elif f.default == ():
            fn = click.option(name, multiple=True, help=helptext)(fn)
        else:
            fn = click.option(name, help=helptext)(fn)
    return fn


@main.command("measures")
@store_options
@filter_options
@output_options("table", "json", "csv")
def measures_cmd(store: Target, fmt: str, **filters: Any) -> None:
    """List text units in reading order: measures, box items, articles, other paragraphs.

    \b
    Example:
        policykg measures --pollutant 镉 --before 2018 --format json
    """
    kg = store.open()
    if fmt == "json":  # streamed: a whole store's listing never sits in memory at once
        # each item writes its own JSON (msgspec), not a dict for json.dumps to walk
        _emit_json_stream(item.model_dump_json(indent=2) for item in kg.iter_measures(**filters))
        return
    if fmt == "csv":
        _emit_csv_stream(item.row() for item in kg.iter_measures(**filters))
        return
    items = kg.measures(**filters)
    if fmt == "table":
        words = _words(filters.get("text"))
        titles = _document_titles(kg, items)
        flat = [
            {
                "document": titles.get(r.source.document),
                "kind": r.kind,
                "where": r.place,
                "title": r.title,
                "pollutants": [m.label for m in r.pollutants],
                "deadlines": [m.due for m in r.deadlines],
                "text": _marked(r.text, words, around=30),
                "matched": _matched(r.matched),
            }
            for r in items
        ]
        cols = (["document"] if titles else []) + ["kind", "where", "title", "pollutants"]
        cols += ["deadlines"] + (["text"] if words else [])
        _emit(flat, fmt, cols + (["matched"] if any(f["matched"] for f in flat) else []))
        click.echo(f"{len(items)} unit(s)")


def _targets_in_time_order(kg: Any, answer: Any) -> None:
    """The targets that answer a question about targets, by the date of the document that set
    each: "did the PM2.5 target tighten between plans" reads down the list."""
    from policykg.graph.targets import describe

    documents = {d.id: d for d in kg.documents()}
    rows = sorted(
        (
            documents[r.source.document].date or "",
            documents[r.source.document].title or r.source.document,
            t.year or 0,
            describe(t.model_dump()),
        )
        for r in answer.items
        for t in answer.targets(r)
    )
    if rows:
        click.echo("Targets in time order (date of the document that sets each):")
    for day, title, _, line in rows:
        click.echo(f"  {day or '(undated)'} 《{title}》 {line}")


def _document_titles(kg: Any, items: list[Any]) -> dict[str, str]:
    """Document id -> title, when ``items`` come from more than one document (a table of
    several regulations' articles must say whose article each row is); else empty."""
    if len({r.source.document for r in items}) < 2:
        return {}
    return {d.id: d.title or d.id for d in kg.documents()}


def _matched(why: dict[str, list[str]] | None) -> str:
    return "; ".join(x for reasons in (why or {}).values() for x in reasons)


def _words(text: str | None) -> tuple[str, ...]:
    from policykg.graph.textindex import terms

    return terms(text or ())


def _marked(text: str, words: tuple[str, ...], around: int | None = None) -> str:
    """Rich markup of ``text`` with the search terms' hits in bold reverse; with ``around``,
    only that many characters either side of the first hit."""
    from rich.markup import escape

    from policykg.graph.textindex import hits

    spans = hits(text, words)
    lo, hi = 0, len(text)
    if around is not None and spans:
        lo, hi = max(0, spans[0][0] - around), min(len(text), spans[0][1] + around)
    out, at = ["…" if lo else ""], lo
    for s, e in spans:
        if s < lo or e > hi:
            continue
        out += [escape(text[at:s]), f"[bold reverse]{escape(text[s:e])}[/]"]
        at = e
    out += [escape(text[at:hi]), "…" if hi < len(text) else ""]
    return "".join(out)


@main.command()
@click.argument("a")
@click.argument("b")
@store_options
@output_options("table", "json")
def compare(a: str, b: str, store: Target, fmt: str) -> None:
    """What documents A and B (ids from `policykg docs`) share and differ in.

    \b
    Example:
        policykg compare law-air-pollution-2018 plan-2018-blue-sky-excerpt
    """
    _print_comparison(store.open().compare(a, b).model_dump(), fmt)


def _print_document(d: dict[str, Any]) -> None:
    """One document's ``docs`` entry as labelled lines, its history one act a line."""
    where = d.get("jurisdiction") or {}
    fields = [
        ("title", d.get("title")),
        ("id", d["id"]),
        ("genre", d.get("genre")),
        ("number", d.get("number")),
        ("date", d.get("date")),
        ("effective", d.get("effective")),
        ("jurisdiction", f"{where.get('label')} ({where.get('code')})" if where else None),
        ("issuers", ", ".join(d.get("issuers") or ()) or None),
        ("repeals", ", ".join(d.get("repeals") or ()) or None),
        ("units", d.get("units")),
    ]
    for name, value in fields:
        if value not in (None, ""):
            click.echo(f"{name + ':':14}{value}")
    for event in d.get("history") or ():
        body = f" ({event['body']})" if event.get("body") else ""
        click.echo(f"{'history:':14}{event['date']} {event['event']}{body}")


def _print_comparison(result: dict[str, Any], fmt: str) -> None:
    """``compare``'s answer: as JSON, or a row per aspect (shared, only in A, only in B)."""
    from policykg.graph.compare import ASPECTS

    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    a, b = result["a"], result["b"]
    rows = [
        {
            "aspect": aspect,
            "shared": result[aspect]["shared"],
            f"only in {a}": result[aspect]["only_a"],
            f"only in {b}": result[aspect]["only_b"],
        }
        for aspect in ASPECTS
    ]
    _emit(rows, "table", ["aspect", "shared", f"only in {a}", f"only in {b}"])


@main.command()
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a file.",
)
@store_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "tsv", "turtle", "ntriples"]),
    default="table",
    show_default=True,
    help="json is W3C SPARQL 1.1 Query Results JSON; turtle/ntriples for CONSTRUCT.",
)
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds; 0 for none.")
@click.option("--allow-update", is_flag=True, help="Run SPARQL updates (refused by default).")
def sparql(
    query: str | None,
    query_file: Any,
    store: Target,
    fmt: str,
    timeout: float,
    allow_update: bool,
) -> None:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) against the graph.

    The default graph is the union of all document graphs; the prefixes pkg, eli, oa, skos,
    time, prov, rdf, rdfs, xsd and dct are declared.

    \b
    Example:
        policykg sparql "SELECT ?t WHERE { ?u a pkg:Measure ; eli:title ?t } LIMIT 5"
    """
    if (query is None) == (query_file is None):
        raise Fail("give a query, or -f FILE")
    text = query if query is not None else query_file.read()
    kg = store.open()
    out = kg.sparql_text(text, fmt, timeout=timeout or None, allow_update=allow_update)
    click.echo(out, nl=bool(out) and not out.endswith("\n"))


@main.command()
@click.argument("question")
@store_options
@output_options("table", "json")
@click.option("--show-sparql", is_flag=True, help="Print the queries it ran, with bound values.")
def ask(question: str, store: Target, fmt: str, show_sparql: bool) -> None:
    """Answer a question in Chinese or English with the same filters as `measures`.

    \b
    Examples:
        policykg ask "which measures target cadmium before 2018"
        policykg ask "哪些措施由生态环境部牵头"
    """
    kg = store.open()
    answer = kg.ask(question)
    items = answer.items
    if answer.comparison is not None:  # "compare A and B": what ``compare`` prints
        if fmt != "json":
            click.echo(f"Read as: {answer.read_as}")
        _print_comparison(answer.comparison.model_dump(), fmt)
    elif fmt == "json" and answer.listing is not None:  # "list all documents": the documents
        listed = dict(answer.listing)
        _emit([d.model_dump() for d in kg.documents() if d.id in listed], fmt, [])
    elif answer.wants == "document":  # what a named document is: its entry, field by field
        click.echo(f"Read as: {answer.read_as}")
        listed = dict(answer.listing or ())
        for d in kg.documents():
            if d.id in listed:
                _print_document(d.model_dump())
    elif fmt == "json":
        _emit([r.model_dump() for r in items], fmt, [])
    elif answer.wants == "documents":  # which documents: one row each, its units counted
        click.echo(f"Read as: {answer.read_as}")
        listing = {d.id: d for d in kg.documents()}
        first = {}
        for r in items:
            first.setdefault(r.source.document, r)
        rows = [
            {
                "document": listing[d].title or d,
                "date": listing[d].date,
                "issuers": ", ".join(listing[d].issuers),
                "units": n,
                "matched": _matched(first[d].matched) if d in first else "",
            }
            for d, n in answer.documents()
        ]
        cols = ["document", "date", "issuers", "units"]
        _emit(rows, "table", cols + (["matched"] if any(r["matched"] for r in rows) else []))
        units = sum(r["units"] for r in rows) if answer.listing is not None else len(items)
        click.echo(f"{len(rows)} document(s), {units} unit(s)")
        _say_each_alone(answer)
    else:
        click.echo(f"Read as: {answer.read_as}")
        from policykg.graph.targets import describe

        targets, bodies = answer.wants == "targets", answer.wants == "actors"
        tools, fines = answer.wants == "instruments", answer.wants == "fines"
        titles = _document_titles(kg, items)
        flat = [
            {
                "document": titles.get(r.source.document),
                "where": r.place,
                "title": r.title,
                "targets": [describe(t.model_dump()) for t in answer.targets(r)]
                if targets
                else None,
                "bodies": answer.bodies(r) if bodies else None,
                "instruments": answer.instruments(r) if tools else None,
                "fines": answer.fines(r) if fines else None,
                "text": _marked(r.text, answer.text, around=30),
                "matched": _matched(r.matched),
            }
            for r in items
        ]
        cols = (["document"] if titles else []) + ["where", "title"]
        cols += (["targets"] if targets else []) + (["bodies"] if bodies else [])
        cols += (["instruments"] if tools else []) + (["fines"] if fines else [])
        _emit(flat, "table", cols + (["text"] if answer.text else []) + ["matched"])
        click.echo(f"{len(items)} unit(s)")
        if tools and items:  # how many of these units use each instrument, most used first
            used, kinds = answer.instrument_counts()
            click.echo("Instruments: " + ", ".join(f"{k} {n}" for k, n in used))
            click.echo("Categories: " + ", ".join(f"{k} {n}" for k, n in kinds))
        if targets:
            _targets_in_time_order(kg, answer)
        _say_each_alone(answer)
    if show_sparql:
        click.echo(answer.sparql, err=fmt == "json")


def _say_each_alone(answer: Any) -> None:
    """When nothing answers: how many units each part of the question finds on its own."""
    if answer.alone:
        each = "; ".join(f"{name}: {n} unit(s)" for name, n in answer.alone)
        click.echo(f"No unit meets all of these together. Each alone: {each}")


@main.command()
@store_options
@output_options("tree", "table", "json")
@click.option("--all", "everything", is_flag=True, help="Also concepts no document names.")
def pollutants(store: Target, fmt: str, everything: bool) -> None:
    """The pollutant thesaurus with how many units name each concept (and its narrower ones)."""
    from policykg.graph.inventory import pollutant_tree

    rows = store.open().pollutants()
    if fmt == "tree":
        click.echo("\n".join(pollutant_tree(rows, everything)))
        return
    if not everything:
        rows = [r for r in rows if r["with_narrower"]]
    _emit(rows, fmt, ["id", "label", "label_en", "broader", "units", "with_narrower"])


@main.command()
@store_options
@output_options("table", "json", "csv")
def regions(store: Target, fmt: str) -> None:
    """Places the documents name: divisions with their GB/T 2260 codes, macro-regions, rivers."""
    _emit(store.open().regions(), fmt, ["id", "label", "code", "level", "units"])


@main.command()
@store_options
@output_options("table", "json", "csv")
def actors(store: Target, fmt: str) -> None:
    """Bodies the documents name, the kind of body each is, and the number of units per role."""
    rows = store.open().actors()
    if fmt != "json":
        rows = [
            {**r, "roles": ", ".join(f"{k} {v}" for k, v in sorted(r["roles"].items()))}
            for r in rows
        ]
    _emit(rows, fmt, ["id", "label", "kind", "roles", "units"])


@main.command()
@click.argument("unit")
@store_options
@click.option(
    "--html",
    "html_out",
    type=click.Path(path_type=Path),
    help="Also write the unit with its entities marked (displaCy) to this HTML file.",
)
@click.option("--text", help="Mark these words in the text (as `measures --text`).")
def show(unit: str, store: Target, html_out: Path | None, text: str | None) -> None:
    """One unit: text with entities highlighted, its place, and a citation line.

    \b
    Example:
        policykg show 深化重点区域分类防控
    """
    from rich.console import Console
    from rich.text import Text

    from policykg.graph.namespaces import FAMILIES
    from policykg.graph.show import COLOURS, OTHER_COLOUR, mention_summary

    shown = store.open().show(unit)
    item, doc = shown.item, shown.document
    console = Console(highlight=False, soft_wrap=True)
    console.print(Text(item.title or item.id, style="bold"))
    console.print(f"{doc.title or doc.id} · {shown.place} · {item.kind}")
    body = Text(item.text)
    for e in shown.entities:
        body.stylize(f"on {COLOURS.get(e.family, OTHER_COLOUR)}", e.start, e.end)
    from policykg.graph.textindex import hits

    for start, end in hits(item.text, _words(text)):
        body.stylize("bold reverse", start, end)
    console.print(body)
    for key in FAMILIES.values():
        mentions = [m.model_dump() for m in getattr(item, key, None) or []]
        if mentions:
            colour = COLOURS.get(key, OTHER_COLOUR)
            console.print(Text(f"{key}: ", style=f"on {colour}"), mention_summary(mentions))
    for duty in item.standing_duties:  # 以下均需…落实: named once, for every later task
        console.print(f"standing duty: {duty.label or duty.text} ({duty.role}), set in {duty.unit}")
    console.print(Text("Cite: ", style="bold") + Text(shown.citation))
    if html_out is not None:
        from spacy import displacy

        # one token per character, so the spans are exact character ranges
        spans = [
            {"start_token": e.start, "end_token": e.end, "label": e.family} for e in shown.entities
        ]
        html = displacy.render(
            {"text": item.text, "tokens": list(item.text), "spans": spans},
            style="span",
            manual=True,
            page=True,
        )
        body_end = html.index(">", html.index("<body")) + 1
        html = html[:body_end] + f"<p>{_escape(shown.citation)}</p>" + html[body_end:]
        html_out.write_text(html, encoding="utf-8")
        click.echo(f"Wrote {html_out}", err=True)


@main.command()
@store_options
@filter_options
@click.option("-o", "--output", type=click.Path(path_type=Path), help="HTML file.")
@click.option(
    "--png", "png_out", type=click.Path(path_type=Path), help="Static figure (.png/.svg/.pdf)."
)
@click.option("--title", default="policykg", help="Page title.")
def viz(
    store: Target, output: Path | None, png_out: Path | None, title: str, **filters: Any
) -> None:
    """Write an interactive graph of the selected units as one self-contained HTML file.

    Only the documents and divisions holding selected units are drawn; a dense selection
    is folded by document (a click opens one). --png draws a small graph without a browser.

    \b
    Example:
        policykg viz --pollutant 重金属 -o heavy-metals.html
    """
    from policykg.graph.html import render_html

    if output is None and png_out is None:
        raise Fail("give -o FILE.html, --png FILE, or both")
    g = store.open().to_networkx(**filters)
    if png_out is not None:
        from policykg.graph.figures import graph_figure

        graph_figure(g, png_out, title)
        click.echo(f"Wrote {png_out}", err=True)
    if output is not None:
        output.write_text(render_html(g, title), encoding="utf-8")
        click.echo(f"Wrote {output}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")


TARGET_TABLE = "document date indicator where target baseline year binding".split()
TARGET_CSV = (
    "document doc_date indicator_id indicator indicator_en phrase region region_code scope value "
    "unit comparator direction baseline year binding text start end"
).split()


@main.command()
@store_options
@click.option(
    "--indicator", help="Indicator (zh, en, alt label or id), group, or pollutant: PM2.5."
)
@click.option("--region", help="Region and the places inside it: 京津冀, 北京, 110000.")
@click.option("--doc", help="Only this document: an id, a title or a unique part of one.")
@output_options("table", "json", "csv")
@click.option("--chart", "chart_out", type=click.Path(path_type=Path), help="Chart page (.html).")
@click.option(
    "--png", "png_out", type=click.Path(path_type=Path), help="Static chart (.png/.svg/.pdf)."
)
@click.option("--title", help="Title of the chart.")
def targets(
    store: Target,
    indicator: str | None,
    region: str | None,
    doc: str | None,
    fmt: str,
    chart_out: Path | None,
    png_out: Path | None,
    title: str | None,
) -> None:
    """Every target across documents in time order (document date, then target year).

    A target is on an indicator (PM2.5 finds the indicators measuring it), for a region or a
    scope, with its value, direction, baseline and year. --chart draws one series per place,
    target year across, the plan that set each target on hover; --png a figure for papers.

    \b
    Examples:
        policykg targets --indicator PM2.5
        policykg targets --indicator PM2.5 --chart pm25.html --png pm25.png
    """
    kg = store.open()
    found = kg.targets(indicator=indicator, region=region, doc=doc)
    rows = [t.model_dump() for t in found]
    title = title or _chart_title(rows, indicator)
    for out in (chart_out, png_out):
        if out is not None:
            kg.targets_chart(out, found, title)
            click.echo(f"Wrote {out}", err=True)
    if fmt == "json":
        _emit(rows, fmt, [])
    elif fmt == "csv":
        _emit([_target_flat(r) for r in rows], fmt, TARGET_CSV)
    else:
        from policykg.graph.targets import on_what, quantity, where_label

        flat = [
            {
                "document": r["document"],
                "date": r["doc_date"],
                "indicator": on_what(r) or r["text"],
                "where": where_label(r),
                "target": quantity(r),
                "baseline": r["baseline"],
                "year": r["year"],
                "binding": {True: "约束性", False: "预期性"}.get(r["binding"]),
            }
            for r in rows
        ]
        _emit(flat, fmt, TARGET_TABLE)
        click.echo(f"{len(rows)} target(s)")


def _chart_title(rows: list[dict[str, Any]], asked: str | None) -> str:
    from policykg.graph.target_chart import default_title

    title = default_title(rows)
    return f"{asked} 目标 targets" if asked and title == "目标 targets" else title


def _target_flat(row: dict[str, Any]) -> dict[str, Any]:
    indicator, region = row["indicator"] or {}, row["region"] or {}
    return {
        **{k: row[k] for k in TARGET_CSV if k in row},
        "indicator_id": indicator.get("id"),
        "indicator": indicator.get("label"),
        "indicator_en": indicator.get("label_en"),
        "region": region.get("label"),
        "region_code": region.get("code"),
        "start": row["source"]["start"],
        "end": row["source"]["end"],
    }


@main.command()
@store_options
@filter_options
@output_options("table", "json", "csv")
def instruments(store: Target, fmt: str, **filters: Any) -> None:
    """Policy instruments (Rothwell & Zegveld): per category and instrument, how many units
    use it, in how many documents, and the cues behind it. The filters are those of `measures`.

    \b
    Examples:
        policykg instruments
        policykg instruments --doc guideline-ftz-eco-2021 --format json
    """
    rows = store.open().instruments(**filters)
    if fmt == "json":
        _emit(rows, fmt, [])
        return
    cues = {r["id"]: "、".join(f"{cue} {n}" for cue, n in r["cues"]) for r in rows}
    if fmt == "csv":
        columns = ["id", "level", "category", "category_zh", "label", "label_zh", "units"]
        _emit([{**r, "cues": cues[r["id"]]} for r in rows], fmt, [*columns, "documents", "cues"])
        return
    flat = [
        {
            "instrument": f"{'' if r['level'] == 'category' else '  '}{r['label_zh']} {r['label']}",
            "units": r["units"],
            "documents": r["documents"],
            "cues": "、".join(f"{cue} {n}" for cue, n in r["cues"][:3]),
        }
        for r in rows
    ]
    _emit(flat, fmt, ["instrument", "units", "documents", "cues"])


# the kinds graph/matrix.py counts by (spelt out here so that --help stays fast; a test checks)
MATRIX_ROWS = ("jurisdiction", "region", "document", "issuer", "actor", "instrument")
MATRIX_COLS = ("pollutant", "region", "indicator", "actor")


@main.command()
@store_options
@filter_options
@click.option(
    "--rows",
    "row_kind",
    type=click.Choice(MATRIX_ROWS),
    default="jurisdiction",
    show_default=True,
    help="Group units by their document's jurisdiction, places, document, the bodies that "
    "issued it, actors, instruments.",
)
@click.option(
    "--cols",
    "col_kind",
    type=click.Choice(MATRIX_COLS),
    default="pollutant",
    show_default=True,
    help="Count units naming each concept (or a narrower one).",
)
@click.option("--col", "columns", multiple=True, help="Only this column (repeatable): --col 扬尘.")
@click.option(
    "--depth", type=click.IntRange(1, 9), help="Roll columns up to this level (1: top groups)."
)
@click.option(
    "--level",
    type=click.Choice(["province", "city"]),
    help="Roll jurisdictions and places up to provinces or cities [jurisdiction: city].",
)
@click.option(
    "--order",
    type=click.Choice(["natural", "total", "cluster"]),
    default="natural",
    show_default=True,
    help="Rows and columns by code and thesaurus, by total, or similar ones together.",
)
@output_options("table", "json", "csv")
@click.option("--html", "html_out", type=click.Path(path_type=Path), help="Heatmap page.")
@click.option(
    "--png", "png_out", type=click.Path(path_type=Path), help="Static figure (.png/.svg/.pdf)."
)
@click.option("--title", help="Title of the page and figure.")
def matrix(
    store: Target,
    row_kind: str,
    col_kind: str,
    columns: tuple[str, ...],
    depth: int | None,
    level: str | None,
    order: str,
    fmt: str,
    html_out: Path | None,
    png_out: Path | None,
    title: str | None,
    **filters: Any,
) -> None:
    """Count units per row × column: which jurisdictions' rules deal with which pollutants.

    A cell counts the units that name the column's concept or a narrower one (never a
    broader one); the filters are those of `measures`.

    \b
    Examples:
        policykg matrix --rows jurisdiction --cols pollutant --depth 1
        policykg matrix --col 扬尘 --col 油烟 --col VOCs --html dust.html --png dust.png
    """
    m, items, docs = store.open().matrix(
        row_kind, col_kind, depth=depth, level=level, columns=columns, **filters
    )
    if m.unplaced:
        shown = ", ".join(m.unplaced[:5]) + (" …" if len(m.unplaced) > 5 else "")
        click.echo(
            f"note: {len(m.unplaced)} document(s) with no known jurisdiction are in no row: {shown}",
            err=True,
        )
    title = title or f"{row_kind} × {col_kind}"
    if html_out is not None:
        from policykg.graph.heatmap import render_matrix_html

        html_out.write_text(render_matrix_html(m, items, docs, title), encoding="utf-8")
        click.echo(f"Wrote {html_out}", err=True)
    m = m.reordered(order)
    if png_out is not None:
        from policykg.graph.figures import heatmap_figure

        heatmap_figure(m, png_out, title)
        click.echo(f"Wrote {png_out}", err=True)
    _emit_matrix(m, fmt)


def _emit_matrix(m: Any, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(m.to_json(), ensure_ascii=False, indent=2))
        return
    heads = _unique([c["label"] for c in m.cols], [c["id"] for c in m.cols])
    rows = [
        {
            "id": r["id"],
            "label": r["label"],
            "code": r.get("code"),
            **dict(zip(heads, counts, strict=True)),
        }
        for r, counts in zip(m.rows, m.table(), strict=True)
    ]
    if fmt == "csv":
        _emit(rows, fmt, ["id", "label", "code", *heads])
        return
    from rich.console import Console
    from rich.table import Table

    # row labels stay on one line; counts are right-aligned, blank for none
    table = Table(show_lines=False)
    table.add_column("", no_wrap=True, max_width=24)
    for h in heads:
        table.add_column(h, justify="right", overflow="fold")
    for r in rows:
        table.add_row(r["label"], *[str(r[h] or "") for h in heads])
    Console(width=max(100, Console().width)).print(table)
    click.echo(f"{len(m.rows)} row(s) × {len(m.cols)} column(s), {len(m.unit_docs)} unit(s)")


def _unique(labels: list[str], ids: list[str]) -> list[str]:
    """Column headings: labels, with the id added where two concepts share a label."""
    from collections import Counter

    seen = Counter(labels)
    return [
        f"{label} ({i})" if seen[label] > 1 else label for label, i in zip(labels, ids, strict=True)
    ]


@main.command()
@store_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(
        ["ttl", "nt", "nq", "trig", "jsonld", "graphml", "gexf", "csv", "xlsx", "coding-csv"]
    ),
    required=True,
    help="Export format (xlsx and coding-csv: the coding sheet, one row per unit).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File (default: stdout).")
@click.option("--no-ontology", is_flag=True, help="Leave out the vocabularies (RDF formats).")
@click.option(
    "--annotations",
    type=click.Choice(["oa"]),
    help="Add every mention as a W3C Web Annotation (oa:Annotation, text position and quote "
    "selectors), made from the stored mentions (RDF formats).",
)
def export(
    store: Target, fmt: str, output: Path | None, no_ontology: bool, annotations: str | None
) -> None:
    """Export the graph: RDF for triple stores, GraphML/GEXF for Gephi, CSV for pandas, and
    the coding sheet (编码表: a row per unit with its code 文件-章-节-条) as xlsx or CSV.

    \b
    Examples:
        policykg export --format nq -o kg.nq
        policykg export --format xlsx -o coding.xlsx
        policykg export --format ttl --annotations oa -o kg.ttl
    """
    if output is not None and not output.parent.is_dir():
        raise Fail(f"{output}: no folder {output.parent}")
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise Fail("an xlsx workbook is binary: give -o FILE.xlsx")
    from policykg.graph.export import RDF_FORMATS

    if annotations and fmt not in RDF_FORMATS:
        raise Fail(f"--annotations applies to the RDF formats ({', '.join(RDF_FORMATS)})")
    chunks = store.open().export(fmt, include_ontology=not no_ontology, annotations=annotations)
    _write_chunks(chunks, output)


def _write_chunks(chunks: Iterable[bytes], output: Path | None) -> None:
    """Chunks to stdout, or to ``output`` through a temporary file renamed at the end, so a
    failed export never leaves a truncated file behind (nor clobbers an older one)."""
    if output is None:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        return
    partial = output.with_name(output.name + ".partial")
    size = 0
    try:
        with partial.open("wb") as f:
            for chunk in chunks:
                f.write(chunk)
                size += len(chunk)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    click.echo(f"Wrote {output} ({size} bytes)", err=True)


def _acts() -> tuple[str, ...]:
    """The acts of a document's history that ``docs --act`` takes."""
    from policykg.graph.measures import ACTS

    return ACTS


@main.command()
@store_options
@output_options("table", "json", "csv")
@click.option("--region", help="Only documents whose jurisdiction lies inside this region.")
@click.option(
    "--genre", help="Only this genre: law, regulation, plan, notice, ... (or 条例, 规划 …)"
)
@click.option("--after", help="Only documents dated from this year (inclusive) or ISO date.")
@click.option("--before", help="Only documents dated up to this year (inclusive) or ISO date.")
@click.option(
    "--issuer",
    help="Only documents issued by this body: 国务院, 山东省人大常委会, State Council "
    "(人大常委会: any standing committee).",
)
@click.option("--effective-after", help="Only documents that took effect from this year or date.")
@click.option("--effective-before", help="Only documents that took effect up to this year or date.")
@click.option(
    "--in-force",
    help="Only documents in force at some time of this year, on this ISO date, or today.",
)
@click.option(
    "--act",
    multiple=True,
    type=click.Choice(_acts()),
    help="Only documents whose history holds this act (repeat for any of them); --after and "
    "--before then date the act: --act amended --after 2015.",
)
def docs(store: Target, fmt: str, **filters: Any) -> None:
    """One entry per document: id, title, number, dates, jurisdiction, issuers, genre, counts
    (JSON adds each document's dated history; JSON and CSV the acts it repeals).

    \b
    Example:
        policykg docs --region 山东 --genre regulation --after 2015 --format csv
        policykg docs --issuer 国务院
        policykg docs --in-force 2010
        policykg docs --genre law --act amended --act revised --after 2015 --before 2015
    """
    filters["act"] = filters["act"] or None
    rows = [d.model_dump() for d in store.open().documents(**filters)]
    columns = ["id", "title", "number", "date", "effective", "jurisdiction", "issuers", "genre"]
    extra = ["repeals"] if fmt == "csv" else []  # the table stays readable in a terminal
    if filters.get("in_force"):
        extra.append("in_force")
    if filters["act"]:
        extra.append("acts")
    _emit(rows, fmt, [*columns, *extra, "units", "mentions"])


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


if __name__ == "__main__":
    main()
