"""Write ontology/region-names-en.ttl: English names of provinces, prefecture-level cities and
macro-regions, so that questions in English (Shandong, Jinan, Beijing-Tianjin-Hebei) find them.

Sources: the divisions of ontology/admin-divisions.ttl (generated, not edited here), their
names romanised with pypinyin (Hanyu Pinyin, the official romanisation: Jinan, Xi'an), and,
where English usage differs from Pinyin, the conventional names kept in CONVENTIONAL below
(Shaanxi, Inner Mongolia, Harbin, Urumqi; Wade-Giles for Taiwan's cities); pypinyin's reading
of a few polyphonic names is corrected in READINGS. Macro-regions keep the English names of
ontology/gazetteer.ttl; an ASCII-hyphen spelling is added to the en-dash ones.

The Pinyin name is always a label, the conventional one the preferred label when there is
one; "Jinan City", "Shandong Province" are alternative labels. A bare name that is also a
province's (吉林市 Jilin, 海南藏族自治州 Hainan) keeps only its qualified form (Jilin City).

    pip install pypinyin && python scripts/make_region_names_en.py
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from pyoxigraph import Literal, RdfFormat, parse
from pypinyin import lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent
DIVISIONS = ROOT / "ontology" / "admin-divisions.ttl"
GAZETTEER = ROOT / "ontology" / "gazetteer.ttl"
OUT = ROOT / "ontology" / "region-names-en.ttl"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PKG = "https://w3id.org/policykg/ontology#"
REGION = "https://w3id.org/policykg/id/region/"

# English names that are not the Pinyin of the Chinese name
CONVENTIONAL = {
    "内蒙古": "Inner Mongolia",
    "西藏": "Tibet",
    "陕西": "Shaanxi",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "哈尔滨": "Harbin",
    "呼和浩特": "Hohhot",
    "乌鲁木齐": "Urumqi",
    "拉萨": "Lhasa",
    "日喀则": "Shigatse",
    "喀什": "Kashgar",
    "和田": "Hotan",
    "克拉玛依": "Karamay",
    "吐鲁番": "Turpan",
    "阿勒泰": "Altay",
    "伊犁": "Ili",
    "巴音郭楞": "Bayingolin",
    "锡林郭勒": "Xilingol",
    "阿拉善": "Alxa",
    "兴安": "Hinggan",
    "呼伦贝尔": "Hulunbuir",
    "鄂尔多斯": "Ordos",
    "巴彦淖尔": "Bayannur",
    "乌兰察布": "Ulanqab",
    "林芝": "Nyingchi",
    "昌都": "Qamdo",
    "那曲": "Nagqu",
    "阿里": "Ngari",
    "果洛": "Golog",
    "台北": "Taipei",
    "新北": "New Taipei",
    "台中": "Taichung",
    "高雄": "Kaohsiung",
}
# pypinyin's reading of these names is not the place name's
READINGS = {
    "长治": "changzhi",
    "朝阳": "chaoyang",
    "漯河": "luohe",
    "昌都": "changdu",
    "锡林郭勒": "xilinguole",
    "阿勒泰": "aletai",
    "克孜勒苏": "kezilesu",
}
NATION = ("100000", "China", ("People's Republic of China", "PRC", "nationwide"))
_SUFFIX = {"省": "Province", "市": "City", "地区": "Prefecture", "盟": "League", "州": "Prefecture"}
_BASE = re.compile(r"(?:[\u4e00-\u9fff]+?族)*(?:自治州|自治区)$|特别行政区$|省$|市$|地区$|盟$")


def pinyin(name: str) -> str:
    """济南 → Jinan, 西安 → Xi'an, 六安 → Lu'an: syllables joined, an apostrophe before a, o, e."""
    if name in READINGS:
        syllables = [READINGS[name]]
    else:
        syllables = lazy_pinyin(name, v_to_u=True)
    out = syllables[0]
    for s in syllables[1:]:
        out += ("'" if s[0] in "aoe" else "") + s
    return out[0].upper() + out[1:]


def _divisions() -> dict[str, dict]:
    entries: dict[str, dict] = defaultdict(lambda: {"alt": []})
    with DIVISIONS.open("rb") as fh:
        for t in parse(fh, format=RdfFormat.TURTLE):
            rec = entries[t.subject.value]
            p, o = t.predicate.value, t.object
            if p == SKOS + "prefLabel":
                rec["pref"] = o.value
            elif p == SKOS + "altLabel":
                rec["alt"].append(o.value)
            elif p == PKG + "level":
                rec["level"] = o.value
    return entries


def _base(pref: str, alts: list[str]) -> str:
    """The name without its administrative suffix: the longest short form it starts with."""
    short = [a[:-1] if a.endswith("州") and not pref.startswith(a) else a for a in alts]
    prefixes = [a for a in short if pref.startswith(a) and len(a) >= 2]
    return max(prefixes, key=len) if prefixes else _BASE.sub("", pref)


def _suffix(pref: str) -> str:
    for zh, en in _SUFFIX.items():
        if pref.endswith(zh):
            return en
    return ""


def division_names() -> dict[str, tuple[str, list[str]]]:
    """IRI → (preferred English name, alternative names) for provinces and cities."""
    out: dict[str, tuple[str, list[str]]] = {}
    entries = _divisions()
    provinces = set()  # every province's preferred English name
    for rec in entries.values():
        if rec.get("level") == "province":
            base = _base(rec["pref"], rec["alt"])
            provinces.add(CONVENTIONAL.get(base) or pinyin(base))
    for iri, rec in sorted(entries.items()):
        level, pref = rec.get("level"), rec.get("pref", "")
        if level not in ("province", "city") or pref.startswith("省直辖"):
            continue
        base = _base(pref, rec["alt"])
        names = [CONVENTIONAL[base]] if base in CONVENTIONAL else []
        if not names or pinyin(base) not in provinces:  # 陕西 is Shaanxi, Shanxi is 山西
            names.append(pinyin(base))
        suffix = _suffix(pref)
        qualified = [f"{n} {suffix}" for n in names if suffix]
        if level == "city" and set(names) & provinces:
            names = []  # 吉林市 is Jilin City; Jilin is the province
        labels = names + qualified
        out[iri] = (labels[0], labels[1:])
    return out


def macro_region_names() -> dict[str, tuple[str, list[str]]]:
    """Gazetteer entries with an English name spelled with en dashes: the ASCII spelling."""
    out = {}
    with GAZETTEER.open("rb") as fh:
        for t in parse(fh, format=RdfFormat.TURTLE):
            o = t.object
            if t.predicate.value == SKOS + "prefLabel" and isinstance(o, Literal):
                if o.language == "en" and "–" in o.value:
                    out[t.subject.value] = ("", [o.value.replace("–", "-")])
    return out


def turtle() -> str:
    lines = [
        "# English names of provinces, prefecture-level cities and macro-regions, for questions",
        "# asked in English. Generated by scripts/make_region_names_en.py. Do not edit.",
        f"@prefix skos: <{SKOS}> .",
        f"@prefix region: <{REGION}> .",
        "",
    ]
    code, name, alts = NATION
    entries = {REGION + code: (name, list(alts))}
    entries.update(division_names())
    entries.update(macro_region_names())
    for iri, (pref, alts) in sorted(entries.items()):
        subject = f"region:{iri[len(REGION) :]}" if iri.startswith(REGION) else f"<{iri}>"
        props = []
        if pref:
            props.append(f"skos:prefLabel {_literal(pref)}")
        if alts:
            props.append("skos:altLabel " + " , ".join(_literal(a) for a in alts))
        lines.append(f"{subject} " + " ;\n    ".join(props) + " .")
    return "\n".join(lines) + "\n"


def _literal(text: str) -> str:
    return str(Literal(text, language="en"))


if __name__ == "__main__":
    OUT.write_text(turtle(), encoding="utf-8")
    print(f"Wrote {OUT}")
