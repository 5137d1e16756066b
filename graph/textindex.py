"""Full-text search over unit texts: an SQLite FTS5 index written with each store generation.

Researchers look for words no vocabulary holds (罚款, 农用地, 排污许可). Chinese has no spaces,
and the words that matter are often two characters long, which FTS5's trigram tokenizer cannot
find (it needs three). So the index holds every pair of adjacent characters (a bigram, as
Lucene's CJK analyser does) and a term is found as the phrase of its overlapping bigrams:
农用地 = "农用 用地" at consecutive positions, which is exactly the substring, for any script
and any length from two characters up; one character is a prefix query on the bigrams it
starts. Bigrams are written as hex code points (``7f5ax6b3e``) so that FTS5's plain ``ascii``
tokenizer takes them whole. Text is folded the same way on both sides: NFKC per character
(full-width ＰＭ２．５ is PM2.5), lower case, whitespace dropped. The match expression is made
here from those hex tokens alone and passed as a bound parameter.

The headings of the documents' divisions (第六章 法律责任) are kept beside the units, folded the
same way, so that the units under a heading that holds a word are found without a scan of the
graph's titles; a heading table is a few titles a document, searched whole.

The index is a file inside the generation folder (``store.writing`` copies it with the
generation and the build updates it), so readers of a generation see the index of exactly
that generation, whole. Without one (a store built before, a remote endpoint) the same
search runs as a SPARQL filter on the unit text (``units_by_text.rq``).
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from policykg.errors import StoreError

FILE = "text-index.sqlite"
_END = "\x00"  # after the last character, so that it too starts a bigram
# units is kept narrow (a search reads one of its rows per hit); texts is read only to tell
# the contentless FTS5 table what a replaced unit held
_SCHEMA = """
CREATE TABLE IF NOT EXISTS units (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, unit TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS units_doc ON units(doc);
CREATE TABLE IF NOT EXISTS texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5(
    g, content='', columnsize=0, tokenize='ascii'
);
CREATE TABLE IF NOT EXISTS headings (
    doc TEXT NOT NULL, division TEXT NOT NULL, title TEXT NOT NULL, folded TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS headings_doc ON headings(doc);
"""
# what the writer uses besides FTS5: documents are written as JSON arrays (``replace``)
_NEEDS = "SELECT json_extract(value, '$[0]') FROM json_each('[[1]]')"
_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”|「([^」]*)」|(\S+)')


def terms(words: str | Iterable[str]) -> tuple[str, ...]:
    """Search terms from what a user typed: words split at spaces, quoted phrases kept whole.

    ``罚款 "排污 许可"`` → ``("罚款", "排污 许可")``; a sequence is taken term by term.
    """
    if not isinstance(words, str):
        return tuple(t for w in words for t in terms(w))
    out = []
    for m in _QUOTED.finditer(words):
        term = next(g for g in m.groups() if g is not None).strip()
        if fold(term)[0]:
            out.append(term)
    return tuple(dict.fromkeys(out))


class _Folding(dict[int, str]):
    """Code point -> the character the index holds for it ("" for white space), worked out
    once per character: a build folds every character of every unit."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if c.isspace():
            folded = ""
        else:
            f = unicodedata.normalize("NFKC", c).lower()
            folded = f if len(f) == 1 else c  # ㎡ → m2 would shift every offset after it
        self[code] = folded
        return folded


class _Hex(dict[str, str]):
    """Character -> its code point in hex, as bigram tokens spell it."""

    def __missing__(self, c: str) -> str:
        self[c] = h = f"{ord(c):x}"
        return h


_FOLDING = _Folding()
_HEX = _Hex()


def fold(text: str) -> tuple[str, list[int]]:
    """The text as it is indexed, and for each folded character its offset in ``text``."""
    folding = _FOLDING
    chars, where = [], []
    for i, c in enumerate(text):
        f = folding[ord(c)]
        if f:
            chars.append(f)
            where.append(i)
    return "".join(chars), where


def _gram(a: str, b: str) -> str:
    return f"{_HEX[a]}x{_HEX[b]}"


def grams(text: str) -> str:
    """The indexed form of ``text``: its folded bigrams as space-separated hex tokens."""
    hexes = [_HEX[c] for c in text.translate(_FOLDING) + _END]
    return " ".join([f"{a}x{b}" for a, b in zip(hexes, hexes[1:], strict=False)])


def match_expression(words: Iterable[str]) -> str:
    """An FTS5 query that every term must match (AND): a phrase of bigrams, or a prefix."""
    parts = []
    for term in words:
        folded = fold(term)[0]
        if len(folded) == 1:
            parts.append(f"{ord(folded):x}x*")
        elif folded:
            tokens = " ".join(_gram(a, b) for a, b in zip(folded, folded[1:], strict=False))
            parts.append(f'"{tokens}"')
    return " AND ".join(parts)


def hits(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where the terms occur in ``text``: sorted, merged (start, end) offsets into ``text``."""
    folded, where = fold(text)
    spans = []
    for term in words:
        needle = fold(term)[0]
        if not needle:
            continue
        i = folded.find(needle)
        while i >= 0:
            spans.append((where[i], where[i + len(needle) - 1] + 1))
            i = folded.find(needle, i + 1)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


class TextIndex:
    """One generation's index: ``search`` for readers, ``replace``/``sync`` for the build."""

    def __init__(self, path: Path, writable: bool = False) -> None:
        self.path = path
        if writable:
            # the build's writer thread uses it, one thread at a time
            self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=OFF")
            self.db.execute("PRAGMA synchronous=OFF")
            try:
                self.db.executescript(_SCHEMA)
                self.db.execute(_NEEDS).fetchall()
            except sqlite3.OperationalError as e:  # an SQLite built without FTS5 or JSON
                self.db.close()
                raise StoreError(
                    f"the full-text index needs SQLite with FTS5 and JSON, which this Python's "
                    f"SQLite {sqlite3.sqlite_version} lacks ({e})"
                ) from None
            self.db.execute("BEGIN")
        else:
            # a generation is never written once it is current: immutable skips all locking
            uri = f"file:{path}?mode=ro&immutable=1"
            self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)

    def search(self, words: Iterable[str]) -> list[tuple[str, str]]:
        """(document id, unit id) of every unit that contains all the terms."""
        expr = match_expression(words)
        if not expr:
            return []
        rows = self.db.execute(
            "SELECT doc, unit FROM units WHERE id IN (SELECT rowid FROM grams WHERE grams MATCH ?)",
            (expr,),
        )
        return list(rows)

    def headings(self, word: str) -> list[tuple[str, str]] | None:
        """(division id, title) of every heading that holds ``word``, folded as texts are: a
        scan of the titles, a few per document. None for an index written before it kept
        headings (the caller reads them from the graph)."""
        needle = fold(word)[0]
        try:
            rows = self.db.execute(
                "SELECT division, title FROM headings WHERE instr(folded, ?) > 0", (needle,)
            )
            return list(rows) if needle else []
        except sqlite3.OperationalError:  # no such table
            return None

    def documents(self) -> set[str]:
        return {d for (d,) in self.db.execute("SELECT DISTINCT doc FROM units")}

    def remove(self, doc_id: str) -> None:
        """Drop a document's units (a contentless index is told the tokens it forgets) and its
        headings."""
        self.db.execute("DELETE FROM headings WHERE doc = ?", (doc_id,))
        old = self.db.execute(
            "SELECT id, text FROM texts WHERE id IN (SELECT id FROM units WHERE doc = ?)",
            (doc_id,),
        ).fetchall()
        if not old:
            return
        forget = json.dumps([[rowid, grams(text)] for rowid, text in old], ensure_ascii=False)
        self.db.execute(
            "INSERT INTO grams(grams, rowid, g) SELECT 'delete', json_extract(value, '$[0]'),"
            " json_extract(value, '$[1]') FROM json_each(?)",
            (forget,),
        )
        self.db.execute(
            "DELETE FROM texts WHERE id IN (SELECT id FROM units WHERE doc = ?)", (doc_id,)
        )
        self.db.execute("DELETE FROM units WHERE doc = ?", (doc_id,))

    def replace(
        self,
        doc_id: str,
        units: Iterable[tuple[str, str]],
        headings: Iterable[tuple[str, str]] = (),
    ) -> None:
        """The document's units are exactly ``units`` ((unit id, text) pairs) afterwards, and
        its headings ``headings`` ((division id, title) pairs).

        One statement per table for the whole document, its rows passed as one JSON array:
        sqlite3 lets the GIL go around every statement, and the build's writer thread, waiting
        to get it back from the analysis each time, spent four times its work waiting when it
        wrote three statements a unit (100 documents: 11.4 s for 2.2 CPU-s)."""
        self.remove(doc_id)
        titled = [[division, title, fold(title)[0]] for division, title in headings]
        if titled:
            self.db.execute(
                "INSERT INTO headings(doc, division, title, folded) SELECT ?,"
                " json_extract(value, '$[0]'), json_extract(value, '$[1]'),"
                " json_extract(value, '$[2]') FROM json_each(?)",
                (doc_id, json.dumps(titled, ensure_ascii=False)),
            )
        rows = [[unit_id, text, grams(text)] for unit_id, text in units]
        if not rows:
            return
        (last,) = self.db.execute("SELECT coalesce(max(id), 0) FROM units").fetchone()
        data = json.dumps(rows, ensure_ascii=False)
        self.db.execute(
            "INSERT INTO units(id, doc, unit) SELECT ? + key, ?, json_extract(value, '$[0]')"
            " FROM json_each(?)",
            (last + 1, doc_id, data),
        )
        self.db.execute(
            "INSERT INTO texts(id, text) SELECT ? + key, json_extract(value, '$[1]')"
            " FROM json_each(?)",
            (last + 1, data),
        )
        self.db.execute(
            "INSERT INTO grams(rowid, g) SELECT ? + key, json_extract(value, '$[2]')"
            " FROM json_each(?)",
            (last + 1, data),
        )

    def close(self, commit: bool = True) -> None:
        """Commit (a failed build just closes: its whole generation is thrown away)."""
        if commit and self.db.in_transaction:
            self.db.execute("COMMIT")
        self.db.close()


def open_index(generation: Path | None) -> TextIndex | None:
    """The index of a store generation for reading, or None when it has none."""
    if generation is None or not (generation / FILE).is_file():
        return None
    return TextIndex(generation / FILE)


def carry_over(old: Path | None, new: Path) -> None:
    """Copy the previous generation's index into the new one, as the store's copy does."""
    if old is not None and (old / FILE).is_file():
        shutil.copyfile(old / FILE, new / FILE)


def _rows(store: Any, name: str, **bindings: Any) -> list[dict[str, Any]]:
    """A stored query on a writable pyoxigraph store (the generation being built)."""
    from pyoxigraph import Variable

    from policykg.graph.namespaces import PREFIXES
    from policykg.graph.sparql import load_query, solutions

    result = store.query(
        load_query(name),
        prefixes=PREFIXES,
        substitutions={Variable(k): v for k, v in bindings.items()},
        use_default_graph_as_union=True,
    )
    return solutions(result)


def stored_units(store: Any, doc_id: str) -> Iterator[tuple[str, str]]:
    """(unit id, text) of a document's units as the store holds them."""
    from policykg.graph.namespaces import doc_iri, graph_iri, short_id

    for r in _rows(store, "unit_texts", doc=doc_iri(doc_id), g=graph_iri(doc_id)):
        yield short_id(r["unit"].value), r["text"].value


def stored_headings(store: Any, doc_id: str) -> list[tuple[str, str]]:
    """(division id, title) of a document's headings as the store holds them."""
    from policykg.graph.namespaces import doc_iri, graph_iri, short_id

    rows = _rows(store, "division_titles", doc=doc_iri(doc_id), g=graph_iri(doc_id))
    return [(short_id(r["division"].value), r["title"].value) for r in rows]


def stored_texts(store: Any, doc_id: str) -> Any:
    """What the index takes of a document (``graph.sparql.Texts``), read from the store."""
    from policykg.graph.sparql import Texts

    return Texts(list(stored_units(store, doc_id)), stored_headings(store, doc_id))


@contextmanager
def writing(store: Any) -> Iterator[TextIndex]:
    """The index of the generation ``store`` is writing (``store.generation``), kept in step
    with it: documents written meanwhile are indexed by the writer, and at the end any document
    the store holds but the index lacks (a store built before the index existed, or changed by
    a SPARQL update) is added, any it no longer holds dropped."""
    path = store.generation / FILE
    headed = not path.is_file() or _has_headings(path)  # an index from before kept none
    index = TextIndex(path, writable=True)
    try:
        yield index
    except BaseException:
        index.close(commit=False)
        raise
    stored = {r["id"].value for r in _rows(store, "document_ids")}
    have = index.documents()
    for doc_id in sorted(have - stored):
        index.remove(doc_id)
    for doc_id in sorted(stored - have):
        index.replace(doc_id, *stored_texts(store, doc_id))
    if not headed:  # the headings of the documents it held before, which this build kept
        written = {d for (d,) in index.db.execute("SELECT DISTINCT doc FROM headings")}
        for doc_id in sorted((stored & have) - written):
            index.replace(doc_id, *stored_texts(store, doc_id))
    index.close()


def _has_headings(path: Path) -> bool:
    """Whether the index at ``path`` keeps headings (written since it learnt to)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'headings'").fetchone()
        return found is not None
    finally:
        db.close()
