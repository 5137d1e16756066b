"""policykg: Chinese policy documents as a knowledge graph you can query.

A thin click layer: options are parsed and errors translated here, work is done in extract/
and graph/. Query commands import neither spaCy nor jieba nor jionlp, so they start fast.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from policykg import data_path
from policykg.errors import PolicyKGError

DEFAULT_CORPUS = data_path("corpus")
DEFAULT_STORE = Path(".policykg")


class Fail(click.ClickException):
    """One line on stderr, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


@dataclass(frozen=True)
class Target:
    """Where the graph lives: the embedded store folder, or a SPARQL server."""

    path: Path
    endpoint: str | None = None
    union: str = "graphs"
    update_endpoint: str | None = None
    gsp: str | None = None

    def __str__(self) -> str:
        return self.endpoint or str(self.path)


def store_options(fn: Callable) -> Callable:
    """--store, or --endpoint (with --union) for a SPARQL server; the command gets a Target."""

    @functools.wraps(fn)
    def wrapper(*args: Any, store: Path, endpoint: str | None, union: str, **kw: Any) -> Any:
        extra = {k: kw.pop(k) for k in ("update_endpoint", "gsp") if k in kw}
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


def _backend(target: Target) -> Any:
    if target.endpoint:
        from policykg.graph.remote import RemoteBackend

        return RemoteBackend(target.endpoint, target.update_endpoint, union=target.union)  # type: ignore[arg-type]
    from policykg.graph.sparql import EmbeddedBackend
    from policykg.graph.store import open_read_only

    return EmbeddedBackend(open_read_only(target.path))


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
            raise Fail(str(e)) from None
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


def _manifests(files: Iterable[Path]) -> dict[Path, dict[str, Any]]:
    """Metadata from ``manifest.json`` files beside the inputs, keyed by resolved file path."""
    out: dict[Path, dict[str, Any]] = {}
    for folder in sorted({f.resolve().parent for f in files}):
        mf = folder / "manifest.json"
        if not mf.is_file():
            continue
        try:
            entries = json.loads(mf.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise Fail(f"{mf}: not a valid manifest ({e})") from None
        for entry in entries:
            meta = {k: v for k, v in entry.items() if k != "file"}
            out[(folder / entry["file"]).resolve()] = meta
    return out


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
    import hashlib

    from policykg.extract.batch import analyse_many, fingerprint
    from policykg.extract.pipeline import VOCABULARIES, document_id, iter_files
    from policykg.graph.rdf import document_ntriples, mapping_fingerprint
    from policykg.graph.sink import open_sink
    from policykg.graph.vocabularies import load_vocabularies

    for p in paths:
        if not p.exists():
            raise Fail(f"{p}: no such file or folder")
    files = iter_files(paths or (DEFAULT_CORPUS,))
    if not files:
        where = ", ".join(str(p) for p in paths) or str(DEFAULT_CORPUS)
        raise Fail(f"no documents to build in {where} (.txt, .md, .html, .docx or .pdf)")
    manifest = _manifests(files)
    vocabularies = load_vocabularies(VOCABULARIES)
    code = fingerprint(vocabularies) + mapping_fingerprint()
    failures: list[str] = []
    built, skipped = [], 0
    with open_sink(
        store.path, store.endpoint, store.update_endpoint, store.union, store.gsp
    ) as sink:
        jobs_: list[tuple[Path, dict[str, Any], str | None]] = []
        for path in files:
            meta = dict(manifest.get(path.resolve(), {}))
            doc_id = meta.get("id") or document_id(path)
            try:
                raw = path.read_bytes()
            except OSError as e:
                failures.append(f"{path}: {e.strerror or e}")
                continue
            sig = hashlib.sha256(
                raw + code.encode() + json.dumps(meta, sort_keys=True).encode()
            ).hexdigest()
            if not force and sink.signature(doc_id) == sig:
                skipped += 1
                continue
            jobs_.append((path, {**meta, "id": doc_id, "signature": sig}, encoding))
        with _progress(len(jobs_)) as advance:
            workers = jobs or _usable_cores()
            for result in analyse_many(jobs_, vocabularies, workers, finish=document_ntriples):
                advance(result.path.name)
                if result.error is not None or result.doc_id is None:
                    failures.append(result.error or f"{result.path}: failed")
                    continue
                sink.write(result.doc_id, result.payload)
                built.append({"id": result.doc_id, **result.stats})
    _summary(built, skipped, store)
    for f in failures:
        click.echo(f"Error: {f}", err=True)
    if failures:
        click.echo(f"{len(failures)} of {len(files)} files failed", err=True)
        sys.exit(1)


def _usable_cores() -> int:
    """The cores this process may run on (a container's CPU set, not the machine's count)."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _progress(total: int) -> Any:
    """A progress bar on a terminal; silent when stderr is piped or redirected."""
    from contextlib import contextmanager

    @contextmanager
    def bar() -> Any:
        if total < 2 or not sys.stderr.isatty():
            yield lambda name: None
            return
        from rich.progress import Progress

        with Progress(transient=True) as p:
            task = p.add_task("building", total=total)
            yield lambda name: p.update(task, advance=1, description=name[:40])

    return bar()


def _summary(docs: list[dict[str, Any]], skipped: int, store: Target) -> None:
    kinds: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for d in docs:
        kinds.update(d["kinds"])
        mentions.update(d["mentions"])
    extra = f", {skipped} unchanged" if skipped else ""
    click.echo(f"Built {len(docs)} document(s) into {store}{extra}")
    for d in docs[:20]:
        click.echo(f"  {d['id']}: {d['units']} units, {d['divisions']} divisions")
    if len(docs) > 20:
        click.echo(f"  ... and {len(docs) - 20} more")
    if docs:
        click.echo("  units: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
        click.echo("  mentions: " + ", ".join(f"{k} {n}" for k, n in sorted(mentions.items())))


def filter_options(fn: Callable) -> Callable:
    opts = [
        click.option("--pollutant", help="Pollutant (zh, en or alt label): 镉, cadmium, PM2.5."),
        click.option("--exact", is_flag=True, help="Only direct mentions of the pollutant."),
        click.option("--region", help="Region name, short name or 6-digit code: 湖南, 430000."),
        click.option(
            "--overlapping", is_flag=True, help="Add macro-regions and rivers crossing it."
        ),
        click.option("--actor", help="Body named as doing or leading: 生态环境部."),
        click.option("--role", help="Only this role of the actor (lead, participant, ...)."),
        click.option("--before", help="Deadline up to this year (inclusive) or ISO date."),
        click.option("--after", help="Deadline from this year (inclusive) or ISO date."),
        click.option("--doc", "doc_id", help="Only this document id."),
        click.option("--kind", "kinds", multiple=True, help="Unit kind: measure, box-item, ..."),
    ]
    for o in reversed(opts):
        fn = o(fn)
    return fn


def make_filters(**kw: Any) -> Any:
    from policykg.graph.measures import Filters

    return Filters(
        pollutant=kw.get("pollutant"),
        exact=bool(kw.get("exact")),
        region=kw.get("region"),
        overlapping=bool(kw.get("overlapping")),
        actor=kw.get("actor"),
        role=kw.get("role"),
        before=kw.get("before"),
        after=kw.get("after"),
        doc=kw.get("doc_id"),
        kinds=tuple(kw.get("kinds") or ()),
    )


def query_items(store: Target, **kw: Any) -> list[dict[str, Any]]:
    from policykg.graph import measures

    backend = _backend(store)
    docs = [d["id"] for d in measures.documents(backend)]
    return measures.items(backend, make_filters(**kw), docs)


@main.command("measures")
@store_options
@filter_options
@output_options("table", "json", "csv")
def measures_cmd(store: Target, fmt: str, **kw: Any) -> None:
    """List text units in reading order: measures, box items, articles, other paragraphs.

    \b
    Example:
        policykg measures --pollutant 镉 --before 2018 --format json
    """
    rows = query_items(store, **kw)
    if fmt == "table":
        flat = [
            {
                "kind": r["kind"],
                "where": " / ".join(_where(p) for p in r["parents"]),
                "title": r["title"],
                "pollutants": [m["label"] for m in r["pollutants"]],
                "deadlines": [m["date"] for m in r["deadlines"]],
                "matched": "; ".join(x for v in r.get("matched", {}).values() for x in v),
            }
            for r in rows
        ]
        cols = ["kind", "where", "title", "pollutants", "deadlines"]
        _emit(flat, fmt, cols + (["matched"] if any(f["matched"] for f in flat) else []))
        click.echo(f"{len(rows)} unit(s)")
    elif fmt == "csv":
        flat = [
            {
                "document": r["source"]["document"],
                "id": r["id"],
                "kind": r["kind"],
                "number": r["number"],
                "title": r["title"],
                "parents": " / ".join(_where(p) for p in r["parents"]),
                "start": r["source"]["start"],
                "end": r["source"]["end"],
                "pollutants": [m["label"] for m in r["pollutants"]],
                "regions": [m["label"] for m in r["regions"]],
                "actors": [m["label"] for m in r["actors"]],
                "deadlines": [m["date"] for m in r["deadlines"]],
                "text": r["text"],
            }
            for r in rows
        ]
        _emit(flat, fmt, list(flat[0]) if flat else ["document", "id", "kind", "title"])
    else:
        _emit(rows, fmt, [])


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
    from policykg.graph.compare import compare as run_compare

    result = run_compare(_backend(store), a, b)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    rows = [
        {
            "aspect": aspect,
            "shared": result[aspect]["shared"],
            f"only in {a}": result[aspect]["only_a"],
            f"only in {b}": result[aspect]["only_b"],
        }
        for aspect in ("pollutants", "regions", "actors", "targets")
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
    from policykg.graph.userquery import run_user_query

    if (query is None) == (query_file is None):
        raise Fail("give a query, or -f FILE")
    text = query if query is not None else query_file.read()
    if allow_update and not store.endpoint:
        from policykg.graph.store import writing

        with writing(store.path) as st:
            out = run_user_query(st._store, text, fmt, True, None)
    else:
        backend = _backend(store)
        target = backend if store.endpoint else backend.store
        out = run_user_query(target, text, fmt, allow_update, timeout or None)
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
    from policykg.graph import measures
    from policykg.graph.ask import CAN_ANSWER, read_question
    from policykg.graph.sparql import Tracing

    backend = Tracing(_backend(store))
    reading = read_question(backend, question)
    if not reading.understood:
        raise Fail(f"I could not read {question!r}.\n{CAN_ANSWER}")
    backend.log.clear()
    docs = [d["id"] for d in measures.documents(backend)]
    rows = measures.items(backend, reading.filters, docs)
    if reading.wants in ("targets", "deadlines"):
        rows = [r for r in rows if r[reading.wants]]
    if fmt == "json":
        _emit(rows, fmt, [])
    else:
        click.echo(f"Read as: {reading.describe()}")
        flat = [
            {
                "where": " / ".join(_where(p) for p in r["parents"]),
                "title": r["title"],
                "targets": [m["text"] for m in r["targets"]]
                if reading.wants == "targets"
                else None,
                "matched": "; ".join(x for v in r.get("matched", {}).values() for x in v),
            }
            for r in rows
        ]
        cols = (
            ["where", "title"] + (["targets"] if reading.wants == "targets" else []) + ["matched"]
        )
        _emit(flat, "table", cols)
        click.echo(f"{len(rows)} unit(s)")
    if show_sparql:
        click.echo(backend.render(), err=fmt == "json")


@main.command()
@store_options
@output_options("tree", "table", "json")
@click.option("--all", "everything", is_flag=True, help="Also concepts no document names.")
def pollutants(store: Target, fmt: str, everything: bool) -> None:
    """The pollutant thesaurus with how many units name each concept (and its narrower ones)."""
    from policykg.graph.inventory import pollutant_tree
    from policykg.graph.inventory import pollutants as load

    rows = load(_backend(store))
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
    from policykg.graph.inventory import regions as load

    _emit(load(_backend(store)), fmt, ["id", "label", "code", "level", "units"])


@main.command()
@store_options
@output_options("table", "json", "csv")
def actors(store: Target, fmt: str) -> None:
    """Bodies the documents name, with the number of units per role."""
    from policykg.graph.inventory import actors as load

    rows = load(_backend(store))
    if fmt != "json":
        rows = [
            {**r, "roles": ", ".join(f"{k} {v}" for k, v in sorted(r["roles"].items()))}
            for r in rows
        ]
    _emit(rows, fmt, ["id", "label", "roles", "units"])


@main.command()
@click.argument("unit")
@store_options
@click.option(
    "--html",
    "html_out",
    type=click.Path(path_type=Path),
    help="Also write the unit with its entities marked (displaCy) to this HTML file.",
)
def show(unit: str, store: Target, html_out: Path | None) -> None:
    """One unit: text with entities highlighted, its place, and a citation line.

    \b
    Example:
        policykg show 深化重点区域分类防控
    """
    from rich.console import Console
    from rich.text import Text

    from policykg.graph.show import COLOURS, citation, entity_spans, find_unit, place

    item, doc = find_unit(_backend(store), unit)
    console = Console(highlight=False, soft_wrap=True)
    console.print(Text(item["title"] or item["id"], style="bold"))
    console.print(f"{doc.get('title') or doc['id']} · {place(item)} · {item['kind']}")
    body = Text(item["text"])
    for start, end, key, _ in entity_spans(item):
        body.stylize(f"on {COLOURS[key]}", start, end)
    console.print(body)
    for key in ("pollutants", "regions", "actors", "deadlines", "targets"):
        if item[key]:
            labels = dict.fromkeys(
                str(m.get("label") or m.get("date") or m.get("text")) for m in item[key]
            )
            console.print(Text(f"{key}: ", style=f"on {COLOURS[key]}"), "、".join(labels))
    console.print(Text("Cite: ", style="bold") + Text(citation(item, doc)))
    if html_out is not None:
        from spacy import displacy

        # one token per character, so the spans are exact character ranges
        spans = [
            {"start_token": start, "end_token": end, "label": key}
            for start, end, key, _ in entity_spans(item)
        ]
        html = displacy.render(
            {"text": item["text"], "tokens": list(item["text"]), "spans": spans},
            style="span",
            manual=True,
            page=True,
        )
        body_end = html.index(">", html.index("<body")) + 1
        html = html[:body_end] + f"<p>{_escape(citation(item, doc))}</p>" + html[body_end:]
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
def viz(store: Target, output: Path | None, png_out: Path | None, title: str, **kw: Any) -> None:
    """Write an interactive graph of the selected units as one self-contained HTML file.

    Only the documents and divisions holding selected units are drawn; a dense selection
    is folded by document (a click opens one). --png draws a small graph without a browser.

    \b
    Example:
        policykg viz --pollutant 重金属 -o heavy-metals.html
    """
    from policykg.graph import measures
    from policykg.graph.html import render_html
    from policykg.graph.view import build_view

    if output is None and png_out is None:
        raise Fail("give -o FILE.html, --png FILE, or both")
    backend = _backend(store)
    docs = measures.documents(backend)
    rows = measures.items(backend, make_filters(**kw), [d["id"] for d in docs])
    g = build_view(rows, docs)
    if png_out is not None:
        from policykg.graph.figures import graph_figure

        graph_figure(g, png_out, title)
        click.echo(f"Wrote {png_out}", err=True)
    if output is not None:
        output.write_text(render_html(g, title), encoding="utf-8")
        click.echo(f"Wrote {output}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")


# the kinds graph/matrix.py counts by (spelt out here so that --help stays fast; a test checks)
MATRIX_ROWS = ("jurisdiction", "region", "document", "actor", "instrument")
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
    help="Group units by their document's jurisdiction, places, document, actors, instruments.",
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
    **kw: Any,
) -> None:
    """Count units per row × column: which jurisdictions' rules deal with which pollutants.

    A cell counts the units that name the column's concept or a narrower one (never a
    broader one); the filters are those of `measures`.

    \b
    Examples:
        policykg matrix --rows jurisdiction --cols pollutant --depth 1
        policykg matrix --col 扬尘 --col 油烟 --col VOCs --html dust.html --png dust.png
    """
    from policykg.graph.matrix import load_matrix

    m, items, docs = load_matrix(
        _backend(store),
        make_filters(**kw),
        row_kind,
        col_kind,
        depth=depth,
        level=level,
        columns=columns,
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
    seen = Counter(labels)
    return [
        f"{label} ({i})" if seen[label] > 1 else label for label, i in zip(labels, ids, strict=True)
    ]


@main.command()
@store_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "graphml", "gexf", "csv"]),
    required=True,
    help="Export format.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File (default: stdout).")
@click.option("--no-ontology", is_flag=True, help="Leave out the vocabularies (RDF formats).")
def export(store: Target, fmt: str, output: Path | None, no_ontology: bool) -> None:
    """Export the graph: RDF for triple stores, GraphML/GEXF for Gephi, CSV for pandas.

    \b
    Example:
        policykg export --format nq -o kg.nq
    """
    from policykg.graph import measures
    from policykg.graph.export import RDF_FORMATS, export_rdf_chunks, items_csv

    backend = _backend(store)
    if fmt in RDF_FORMATS:
        source = backend if store.endpoint else backend.store
        chunks = export_rdf_chunks(source, fmt, include_ontology=not no_ontology)
        _write_chunks(chunks, output)
        return
    else:
        docs = measures.documents(backend)
        rows = measures.items(backend, make_filters(), [d["id"] for d in docs])
        if fmt == "csv":
            data = items_csv(rows).encode("utf-8")
        else:
            import tempfile

            from policykg.graph.view import build_view, write_gexf, write_graphml

            g = build_view(rows, docs)
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"out.{fmt}"
                (write_graphml if fmt == "graphml" else write_gexf)(g, path)
                data = path.read_bytes()
    _write_chunks([data], output)


def _write_chunks(chunks: Iterable[bytes], output: Path | None) -> None:
    """Chunks to stdout, or to ``output`` through a temporary file renamed at the end, so a
    failed export never leaves a truncated file behind (nor clobbers an older one)."""
    if output is None:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        return
    if not output.parent.is_dir():
        raise Fail(f"{output}: no folder {output.parent}")
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


@main.command()
@store_options
@output_options("table", "json")
def docs(store: Target, fmt: str) -> None:
    """One entry per document: id, title, number, dates, jurisdiction, issuers, genre, counts
    (JSON adds each document's dated history)."""
    from policykg.graph import measures

    rows = measures.document_summaries(_backend(store))
    columns = ["id", "title", "number", "date", "effective", "jurisdiction", "issuers", "genre"]
    _emit(rows, fmt, [*columns, "units", "mentions"])


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def _where(p: dict[str, Any]) -> str:
    n = p.get("number")
    head = {"chapter": f"第{n}章", "section": f"第{n}节", "box": f"专栏{n}"}.get(
        p["type"], f"{p['type']} {n}" if n is not None else p["type"]
    )
    return f"{head} {p['title']}" if p.get("title") else head


if __name__ == "__main__":
    main()
