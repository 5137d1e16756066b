"""Synthetic corpora of N policy documents assembled from the real texts of the bundled corpus/.

Why: the real corpus is seven files (~76k characters), too small to show how the build and the
queries grow. Rather than lorem ipsum, every synthetic document is made of real paragraphs of the
same family (laws and regulations, plans, guidelines) reshuffled between documents, with
structural numbering rewritten so that headings stay well formed, years and percentages varied,
and place names swapped for other real divisions of ``ontology/admin-divisions.ttl``. The
layout quirks that matter for extraction (lines wrapped mid-word, a boxed column whose title
comes after its items, full-width indentation) travel with the paragraphs.

Document ``i`` depends only on ``(seed, i)``, so the corpus of 10 documents is a prefix of the
corpus of 100: sizes are comparable. Lengths follow a log-normal law clipped to [2k, 80k]
characters (mean about ``--mean-chars``); 1000 documents at the default make about 20M chars.

    python bench/corpus.py --docs 100 --seed 7 --out bench/out/corpus
"""

from __future__ import annotations

import argparse
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, parse

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpus"
DIVISIONS = ROOT / "ontology" / "admin-divisions.ttl"
DEFAULT_OUT = ROOT / "bench" / "out" / "corpus"
MEAN_CHARS = 20_000

_ZH_DIGITS = "零一二三四五六七八九"
_ZH_NUM = "[零一二三四五六七八九十百]+"
_CHAPTER = re.compile(rf"^第{_ZH_NUM}章\s*(.*)$")
_SECTION = re.compile(rf"^第{_ZH_NUM}节\s*(.*)$")
_ARTICLE = re.compile(rf"^第{_ZH_NUM}条\s*(.*)$", re.S)
_PART = re.compile(rf"^\u3000*{_ZH_NUM}、(.*)$")
_MEASURE = re.compile(rf"^\u3000*（{_ZH_NUM}）(.*)$", re.S)
_BOX_TITLE = re.compile(r"^专栏\d+\s*(.*)$")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?=\s*年)")
_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(\s*[%％])")
_PAGE_MARK = re.compile(r"^(上接|下转).{1,3}版$")
SKOS = "http://www.w3.org/2004/02/skos/core#"
PKG = "https://w3id.org/policykg/ontology#"


def zh_number(n: int) -> str:
    """Chinese numerals as headings write them: 十二, 一百零八, 一百一十."""
    if n < 10:
        return _ZH_DIGITS[n]
    if n < 20:
        return "十" + (_ZH_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _ZH_DIGITS[n // 10] + "十" + (_ZH_DIGITS[n % 10] if n % 10 else "")
    head, rest = _ZH_DIGITS[n // 100] + "百", n % 100
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _ZH_DIGITS[rest]
    return head + _ZH_DIGITS[rest // 10] + "十" + (_ZH_DIGITS[rest % 10] if rest % 10 else "")


@dataclass
class Pool:
    """Real material by family, cut into pieces that can be renumbered and recombined."""

    law_headers: list[str] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # body after 第X条, may span paragraphs
    plan_headers: list[str] = field(default_factory=list)
    plan_chapters: list[str] = field(default_factory=list)
    plan_sections: list[str] = field(default_factory=list)
    plan_paragraphs: list[str] = field(default_factory=list)  # wrapped lines kept
    boxes: list[tuple[str, str]] = field(default_factory=list)  # (items, title) title last
    guide_headers: list[str] = field(default_factory=list)
    guide_parts: list[str] = field(default_factory=list)
    guide_measures: list[str] = field(default_factory=list)  # body after （X）
    guide_trailers: list[str] = field(default_factory=list)


def _blocks(text: str) -> list[str]:
    """Blank-line separated blocks, inner line breaks kept."""
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]


def _read_law(text: str, pool: Pool) -> None:
    blocks = _blocks(text)
    first = next(i for i, b in enumerate(blocks) if _CHAPTER.match(b))
    pool.law_headers.append("\n\n".join(blocks[:first]))
    current: list[str] | None = None
    for b in blocks[first:]:
        if m := _CHAPTER.match(b):
            pool.chapters.append(m.group(1).strip())
            current = None
        elif m := _SECTION.match(b):
            pool.sections.append(m.group(1).strip())
            current = None
        elif m := _ARTICLE.match(b):
            current = [m.group(1)]
            pool.articles.append("")
        elif current is not None:  # （一）… items and further paragraphs of the article
            current.append(b)
        if current is not None:
            pool.articles[-1] = "\n\n".join(current)


def _paragraphs(lines: list[str]) -> list[str]:
    """Wrapped lines grouped into whole paragraphs: a paragraph ends with 。 or ；."""
    out: list[str] = []
    buf: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        buf.append(line)
        if line.rstrip().endswith(("。", "；", "：")):
            out.append("\n".join(buf))
            buf = []
    if buf:
        out.append("\n".join(buf))
    return out


def _read_plan(text: str, pool: Pool) -> None:
    lines = text.split("\n")
    body: list[str] = []
    box: list[str] = []
    in_box = False
    for line in lines:
        s = line.strip()
        if _PAGE_MARK.match(s):
            continue
        if m := _CHAPTER.match(s):
            pool.plan_chapters.append(m.group(1).strip())
        elif m := _SECTION.match(s):
            pool.plan_sections.append(m.group(1).strip())
        elif _MEASURE.match(s) and not body:
            in_box = True  # the boxed column starts with its items, its title comes last
            box.append(s)
        elif in_box and (m := _BOX_TITLE.match(s)):
            pool.boxes.append(("\n\n".join(x for x in box if x), m.group(1).strip()))
            box, in_box = [], False
        elif in_box:
            box.append(s)
        elif s:
            body.append(line)
            if s.endswith(("。", "；")):
                pool.plan_paragraphs.extend(_paragraphs(body))
                body = []
    pool.plan_paragraphs.extend(_paragraphs(body))


def _read_short_plan(text: str, pool: Pool) -> None:
    lines = [x for x in text.split("\n") if x.strip()]
    pool.plan_headers.append(lines[0])
    pool.plan_paragraphs.extend(lines[1:])


def _read_guideline(text: str, pool: Pool) -> None:
    lines = [x for x in text.split("\n") if x.strip()]
    first = next(i for i, x in enumerate(lines) if _PART.match(x))
    last = next(i for i, x in enumerate(lines) if x.startswith("【文号】"))
    pool.guide_headers.append("\n".join(lines[:first]))
    pool.guide_trailers.append("\n".join(lines[last - 2 :]))
    measure: list[str] | None = None
    for line in lines[first : last - 2]:
        if m := _PART.match(line):
            pool.guide_parts.append(m.group(1).strip())
            measure = None
        elif m := _MEASURE.match(line):
            measure = [m.group(1)]
            pool.guide_measures.append("")
        elif measure is not None:
            measure.append(line)
        if measure is not None:
            pool.guide_measures[-1] = "\n".join(measure)


def read_pool(source: Path = SOURCE) -> Pool:
    """Every family's pieces from the real corpus (file names say which family a file is)."""
    pool = Pool()
    for path in sorted(source.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        if path.name.startswith(("law-", "regulation-")):
            _read_law(text, pool)
        elif path.name.startswith("guideline-"):
            _read_guideline(text, pool)
        elif re.search(rf"^第{_ZH_NUM}节", text, re.M):
            _read_plan(text, pool)
        else:
            _read_short_plan(text, pool)
    pool.plan_paragraphs = [p for p in pool.plan_paragraphs if len(p) > 20]
    return pool


@dataclass
class Places:
    """Real division names by level and form, to swap a place for another of the same kind."""

    by_key: dict[tuple[str, str], list[str]]  # (level, "full"|"short") -> names
    key_of: dict[str, tuple[str, str]]
    pattern: re.Pattern[str]


def read_places(path: Path = DIVISIONS) -> Places:
    """Full names (湖南省, 衡阳市, 平阳县) and short names of provinces and prefectures (湖南, 衡阳).

    County short names are left out: many are ordinary words (城区, 新区).
    """
    level: dict[str, str] = {}
    labels: dict[str, list[tuple[str, str]]] = {}
    with path.open("rb") as fh:
        for t in parse(fh, format=RdfFormat.TURTLE):
            s = t.subject.value
            if t.predicate == NamedNode(PKG + "level"):
                level[s] = t.object.value
            elif t.predicate == NamedNode(SKOS + "prefLabel"):
                labels.setdefault(s, []).append(("full", t.object.value))
            elif t.predicate == NamedNode(SKOS + "altLabel"):
                labels.setdefault(s, []).append(("short", t.object.value))
    by_key: dict[tuple[str, str], list[str]] = {}
    key_of: dict[str, tuple[str, str]] = {}
    for s, names in labels.items():
        lv = level.get(s)
        for form, name in names:
            if lv is None or name in key_of:
                continue
            if form == "short" and (lv == "county" or len(name) < 2):
                continue
            if form == "full" and len(name) < 3:
                continue
            key_of[name] = (lv, form)
            by_key.setdefault((lv, form), []).append(name)
    for names in by_key.values():
        names.sort()
    alternation = "|".join(re.escape(n) for n in sorted(key_of, key=lambda n: (-len(n), n)))
    return Places(by_key, key_of, re.compile(alternation))


class Variation:
    """One document's consistent rewrites: a year shift, and a map from place to place."""

    def __init__(self, rng: random.Random, places: Places) -> None:
        self.rng = rng
        self.places = places
        self.shift = rng.randint(-4, 4)
        self.swap_rate = rng.uniform(0.5, 0.9)
        self.mapping: dict[str, str] = {}

    def _place(self, m: re.Match[str]) -> str:
        name = m.group(0)
        if name not in self.mapping:
            choices = self.places.by_key[self.places.key_of[name]]
            keep = self.rng.random() > self.swap_rate
            self.mapping[name] = name if keep else self.rng.choice(choices)
        return self.mapping[name]

    def _percent(self, m: re.Match[str]) -> str:
        value, tail = m.group(1), m.group(2)
        decimals = len(value.split(".")[1]) if "." in value else 0
        new = float(value) * self.rng.uniform(0.6, 1.4)
        if float(value) <= 100:
            new = min(new, 100.0)
        return f"{new:.{decimals}f}{tail}"

    def __call__(self, text: str) -> str:
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + self.shift), text)
        text = _PERCENT.sub(self._percent, text)
        return self.places.pattern.sub(self._place, text)


def _target_chars(rng: random.Random, mean: int) -> int:
    sigma = 0.8
    mu = math.log(mean) - sigma**2 / 2
    return int(min(80_000, max(2_000, rng.lognormvariate(mu, sigma))))


def _law(rng: random.Random, pool: Pool, target: int) -> str:
    out = [rng.choice(pool.law_headers)]
    size, chapter, article = len(out[0]), 0, 0
    while size < target:
        chapter += 1
        out.append(f"第{zh_number(chapter)}章 {rng.choice(pool.chapters)}")
        n_sections = rng.choice((0, 0, 0, 2, 3, 4))
        for section in range(1, max(n_sections, 1) + 1):
            if n_sections:
                out.append(f"第{zh_number(section)}节 {rng.choice(pool.sections)}")
            for _ in range(rng.randint(3, 12)):
                article += 1
                body = f"第{zh_number(article)}条 {rng.choice(pool.articles)}"
                out.append(body)
                size += len(body)
    out.append(f"第{zh_number(chapter + 1)}章 附则")
    out.append(f"第{zh_number(article + 1)}条 本法自{rng.randint(2000, 2024)}年1月1日起施行。")
    return "\n\n".join(out) + "\n"


def _plan(rng: random.Random, pool: Pool, target: int) -> str:
    out = [rng.choice(pool.plan_headers)] if rng.random() < 0.5 else []
    size, box = 0, 0
    chapter = rng.randint(1, 5)
    while size < target:
        out.append(f"第{zh_number(chapter)}章 {rng.choice(pool.plan_chapters)}")
        for section in range(1, rng.randint(2, 7)):
            out.append(f"第{zh_number(section)}节 {rng.choice(pool.plan_sections)}")
            for _ in range(rng.randint(2, 6)):
                para = rng.choice(pool.plan_paragraphs)
                out.append(para)
                size += len(para)
            if pool.boxes and rng.random() < 0.15:
                box += 1
                items, title = rng.choice(pool.boxes)
                out.extend((items, f"专栏{box} {title}"))
                size += len(items)
        chapter += 1
    return "\n\n".join(out) + "\n"


def _guideline(rng: random.Random, pool: Pool, target: int) -> str:
    out = [rng.choice(pool.guide_headers)]
    size, part, measure = len(out[0]), 0, 0
    while size < target:
        part += 1
        out.append(f"\u3000\u3000{zh_number(part)}、{rng.choice(pool.guide_parts)}")
        for _ in range(rng.randint(2, 5)):
            measure += 1
            body = f"\u3000\u3000（{zh_number(measure)}）{rng.choice(pool.guide_measures)}"
            out.append(body)
            size += len(body)
    out.append(rng.choice(pool.guide_trailers))
    return "\n".join(out) + "\n"


FAMILIES = ((_law, 0.6), (_plan, 0.25), (_guideline, 0.15))


def document(i: int, seed: int, pool: Pool, places: Places, mean: int = MEAN_CHARS) -> str:
    """Synthetic document number ``i``: a function of ``(seed, i)`` only."""
    rng = random.Random(f"policykg-bench/{seed}/{i}")
    make = rng.choices([f for f, _ in FAMILIES], weights=[w for _, w in FAMILIES])[0]
    return Variation(rng, places)(make(rng, pool, _target_chars(rng, mean)))


def generate(
    n: int, seed: int = 7, out: Path = DEFAULT_OUT, mean: int = MEAN_CHARS
) -> tuple[Path, int]:
    """Write documents 0..n-1 into ``out/s{seed}-n{n}/`` (reused when complete); (folder, chars)."""
    folder = out / f"s{seed}-m{mean}-n{n}"
    done = folder / ".complete"
    if done.is_file():
        return folder, int(done.read_text())
    folder.mkdir(parents=True, exist_ok=True)
    pool, places = read_pool(), read_places()
    chars = 0
    for i, text in enumerate(_documents(n, seed, pool, places, mean)):
        (folder / f"synth-{i:05d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    done.write_text(str(chars))
    return folder, chars


def _documents(n: int, seed: int, pool: Pool, places: Places, mean: int) -> Iterator[str]:
    for i in range(n):
        yield document(i, seed, pool, places, mean)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[1, 10, 100, 1000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mean-chars", type=int, default=MEAN_CHARS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    for n in args.docs:
        folder, chars = generate(n, args.seed, args.out, args.mean_chars)
        print(f"{folder}: {n} documents, {chars:,} characters")


if __name__ == "__main__":
    main()
