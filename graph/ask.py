"""Questions in Chinese or English, read into the same filters as ``measures``.

No language model and no guessing: a question is read by finding the vocabulary's own labels in
it (pollutants, places, bodies, all from the store) and a few closed patterns for time
(2018年前, before 2018, 2017年以后, after 2017) and roles (牵头, lead). What is not understood is
reported, and a question with nothing understood is refused with the list of what can be asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.graph.measures import Filters
from policykg.graph.namespaces import short_id
from policykg.graph.sparql import Backend, run

_BEFORE = (
    re.compile(r"(\d{4})\s*年?\s*(?:年底|底)?\s*(?:前|以前|之前)"),
    re.compile(r"\b(?:before|by|until|no later than|up to)\s+(?:the end of\s+)?(\d{4})\b", re.I),
)
_AFTER = (
    re.compile(r"(\d{4})\s*年?\s*(?:后|以后|之后|起)"),
    re.compile(r"\b(?:after|from|since)\s+(\d{4})\b", re.I),
)
_ROLES = (
    ("lead", re.compile(r"牵头|主导|\blead(?:s|ing)?\b|\bled by\b", re.I)),
    ("participant", re.compile(r"参与|配合|\bparticipat\w*\b|\bsupport\w*\b", re.I)),
    ("responsible", re.compile(r"负责|\bresponsible\b|\bin charge\b", re.I)),
)
# "which measures target cadmium" uses the verb: only the noun (targets, goals) asks for targets
_TARGETS = re.compile(r"目标|指标|\btargets\b|\bgoals?\b|\bquantitative target\b", re.I)
_DEADLINES = re.compile(r"期限|时限|\bdeadlines?\b", re.I)

CAN_ANSWER = """I can answer questions about measures that name
  - a pollutant or pollutant class (镉, 重金属, PM2.5, cadmium, heavy metals),
  - a place (湖南, 长江经济带, 430000, Hunan),
  - a body and its role (生态环境部牵头, led by the Ministry of Ecology and Environment),
  - a deadline (2018年前, before 2018, 2017年以后, after 2017),
  - targets (what targets mention PM2.5), or any combination of these.
Examples: "which measures target cadmium before 2018", "2018年前针对镉的措施有哪些",
"湖南有哪些措施", "what targets mention PM2.5", "哪些措施由生态环境部牵头"."""


@dataclass
class Reading:
    filters: Filters
    understood: list[str] = field(default_factory=list)
    wants: str = "measures"  # or "targets", "deadlines", "actors"

    def describe(self) -> str:
        return "; ".join(self.understood)


def _label_index(backend: Backend) -> list[tuple[str, str, str]]:
    """(lower-cased label, concept id, scheme) sorted longest first."""
    out = []
    for r in run(backend, "labels"):
        concept = short_id(r["concept"].value)
        label = r["label"].value.strip()
        # one-character labels are element names (镉, 汞); for places they are abbreviations
        if len(label) < 2 and (label.isascii() or not concept.startswith("pollutant/")):
            continue
        out.append((label.lower(), concept, concept.split("/", 1)[0]))
    out.sort(key=lambda t: (-len(t[0]), t[0], t[1]))
    return out


def _find_labels(question: str, index: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    """Concept ids per scheme whose labels occur in the question, longest match first."""
    q = question.lower()
    taken = [False] * len(q)
    found: dict[str, list[str]] = {}
    for label, concept, scheme in index:
        start = 0
        while True:
            i = q.find(label, start)
            if i < 0:
                break
            j = i + len(label)
            ascii_word = label.isascii()
            bounded = not ascii_word or (
                (i == 0 or not q[i - 1].isalnum()) and (j == len(q) or not q[j].isalnum())
            )
            if bounded and not any(taken[i:j]):
                taken[i:j] = [True] * (j - i)
                found.setdefault(scheme, [])
                if concept not in found[scheme]:
                    found[scheme].append(concept)
            start = i + 1
    return found


def _take_year(text: str, patterns: tuple[re.Pattern[str], ...]) -> tuple[str | None, str]:
    """The year the first matching pattern names, and the text without that phrase."""
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            return m.group(1), text[: m.start()] + " " + text[m.end() :]
    return None, text


def read_question(backend: Backend, question: str) -> Reading:
    """The filters a question asks for; ``understood`` is empty when nothing was recognised."""
    f = Filters()
    r = Reading(f)
    text = question.strip()
    f.before, text = _take_year(text, _BEFORE)
    if f.before:
        r.understood.append(f"deadline by {f.before}-12-31")
    f.after, text = _take_year(text, _AFTER)
    if f.after:
        r.understood.append(f"deadline from {f.after}-01-01")
    found = _find_labels(text, _label_index(backend))
    if found.get("pollutant"):
        f.pollutant = found["pollutant"][0]
        r.understood.append(f"pollutant {f.pollutant.split('/', 1)[1]} (and its hierarchy)")
    if found.get("region"):
        f.region = found["region"][0]
        r.understood.append(f"place {f.region.split('/', 1)[1]} (and places inside it)")
    if found.get("actor"):
        f.actor = found["actor"][0]
        r.understood.append(f"body {f.actor.split('/', 1)[1]}")
        for role, pattern in _ROLES:
            if pattern.search(text):
                f.role = role
                r.understood.append(f"role {role}")
                break
    if _TARGETS.search(text):
        r.wants = "targets"
        r.understood.append("units with quantitative targets")
    elif _DEADLINES.search(text) and not (f.before or f.after):
        r.wants = "deadlines"
        r.understood.append("units with deadlines")
    return r


def answer(backend: Backend, question: str) -> tuple[Reading, list[dict], str]:
    """How ``question`` reads, the ``measures`` items that answer it, and the SPARQL that
    found them (bound values as comments); ``PolicyKGError`` with what can be asked when
    nothing in it was understood."""
    from policykg.errors import PolicyKGError
    from policykg.graph.measures import items
    from policykg.graph.sparql import Tracing

    traced = Tracing(backend)
    reading = read_question(traced, question)
    if not reading.understood:
        raise PolicyKGError(f"I could not read {question!r}.\n{CAN_ANSWER}")
    traced.log.clear()
    rows = items(traced, reading.filters)
    if reading.wants in ("targets", "deadlines"):
        rows = [r for r in rows if r[reading.wants]]
    return reading, rows, traced.render()
