"""Characters as a PDF's fonts name them, back to the ideographs a reader sees.

Chinese PDFs (Chromium's prints among them) often map a glyph to the Kangxi radical or the CJK
compatibility ideograph that shares its shape: ⽉ (U+2F49) for 月, ⼈ for 人. Unicode's NFKC folds
those two blocks onto the unified ideographs, but applied to a whole text it would also fold
full-width digits and punctuation, which the text keeps; so it is applied to those ranges only.
The CJK Radicals Supplement (⻓ for 长, ⻛ for 风) has no NFKC mapping: its equivalents come from
Unicode's EquivalentUnifiedIdeograph.txt (Unicode 14), written out below.
"""

from __future__ import annotations

import re
import unicodedata

# pairs: a CJK Radicals Supplement character, then its equivalent unified ideograph
_SUPPLEMENT = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑"
    "⺕彐⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔"
    "⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹"
    "⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸"
    "⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟"
    "⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀"
)
_EQUIVALENT = {_SUPPLEMENT[i]: _SUPPLEMENT[i + 1] for i in range(0, len(_SUPPLEMENT), 2)}
# Where a mainland (GB) font draws a radical as the simplified character and maps both code
# points to that one glyph, the PDF's ⼾ is the 户 a reader sees, not NFKC's 戶: Noto Sans and
# Serif CJK SC share a glyph between U+2F3E and U+6237 (checked with fontTools on their cmaps),
# so Chromium prints 户口簿 as ⼾口簿.
_MAINLAND = {"\u2f3e": "户"}
# Kangxi radicals, CJK compatibility ideographs (and their supplement), the radicals supplement,
# and the angle brackets 〈〉 whose canonical forms are the CJK ones (U+2329, U+232A)
_LOOK_ALIKES = re.compile(
    "[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f\u2329\u232a]"
)


def normalise_glyphs(text: str) -> str:
    """``text`` with look-alike radicals and compatibility ideographs as unified ideographs;
    the same length when each maps to one character (they all do)."""
    if _LOOK_ALIKES.search(text) is None:
        return text
    return _LOOK_ALIKES.sub(_unified, text)


def _unified(m: re.Match[str]) -> str:
    c = m.group()
    folded = _MAINLAND.get(c) or _EQUIVALENT.get(c) or unicodedata.normalize("NFKC", c)
    return folded if len(folded) == 1 else c
