"""Questions in Chinese or English, read into the same filters as ``measures``.

No language model and no guessing: a question is read by finding the vocabulary's own labels in
it (pollutants, places, bodies, all from the store, English names included), the titles of the
documents in the store (《土壤污染防治法》, 土壤污染防治法中, and in English "the soil law" through
the title words of ``ontology/title-words.ttl``), and a few closed patterns for time (2018年前,
before 2018, 2017年以后, after 2017) and roles (牵头, lead). Several pollutants or places in one
question are alternatives (any of them); different kinds of thing all apply. Chinese words left
over once the question's own words (哪些, 规定, 关于 …) are set aside are searched for in the
text (罚款, 农用地). What is not understood is reported, and a question with nothing understood
is refused with the list of what can be asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import combinations
from typing import Any

from policykg.errors import LookupFailed
from policykg.graph.headings import cn_number
from policykg.graph.measures import (
    _ADMIN_SUFFIX,
    Filters,
    _labels,
    level_word_before,
    names_party,
    resolve,
)
from policykg.graph.namespaces import concept_iri, short_id
from policykg.graph.sparql import Backend, remembered, run

_BEFORE = (
    re.compile(r"(\d{4})\s*年?\s*(?:年底|底)?\s*(?:前|以前|之前)"),
    re.compile(r"\b(?:before|by|until|no later than|up to)\s+(?:the end of\s+)?(\d{4})\b", re.I),
)
_AFTER = (
    re.compile(r"(\d{4})\s*年?\s*(?:后|以后|之后|起)"),
    re.compile(r"\b(?:after|from|since)\s+(\d{4})\b", re.I),
)
# a month or a day as the bound of a deadline (2019年6月底前, 2019年6月30日前, 2019年6月起, by June
# 2019, before 2019-06-30): the month's last day before, its first after, as the deadlines of
# the text are read (extract/deadlines.py gives 2019年6月前 as 2019-06-30)
_MONTHS_EN = (
    "january february march april may june july august september october november december"
).split()
_MONTH_ZH = (
    r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?\s*(?:底|末)?\s*"
)
_MONTH_EN = (
    r"(?:the end of\s+)?(?:(?P<d>\d{1,2})\s+)?(?P<mn>" + "|".join(_MONTHS_EN) + r")\s+(?P<y>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}(?:-\d{2})?)\b"
)
_BEFORE_DAY = (
    re.compile(_MONTH_ZH + r"(?:前|以前|之前)"),
    re.compile(r"\b(?:before|by|until|no later than|up to)\s+(?:" + _MONTH_EN + ")", re.I),
)
_AFTER_DAY = (
    re.compile(_MONTH_ZH + r"(?:后|以后|之后|起)"),
    re.compile(r"\b(?:after|from|since)\s+(?:" + _MONTH_EN + ")", re.I),
)
# 参与, but not 公众参与 (public participation): a topic of the laws, not a body's role
_TAKE_PART_ZH = r"(?<!公众)(?<!社会)(?<!群众)(?<!公民)参与"
_ROLES = (
    ("lead", re.compile(r"牵头|主导|\blead(?:s|ing)?\b|\bled by\b", re.I)),
    (
        "participant",
        re.compile(
            _TAKE_PART_ZH + r"|配合|\bparticipat\w*\b|\bsupport\w*\b|\btak(?:e|es|ing)\s+part\b",
            re.I,
        ),
    ),
    (
        "responsible",
        re.compile(
            # 负责实施: the verb says what being responsible is, it is no word of the text
            r"负责(?:组织)?(?:实施|执行|落实)?|职责|义务|\bin charge\b|\bduties\b|\bobligations?\b"
            # 企业的责任, 主体责任; not 法律责任 (liability: a word of the text) nor 责任单位 (a label)
            r"|(?<!法律)(?:主体)?责任(?!单位|人|制|追究|者)"
            # 由谁管理, 谁来监管: who manages or supervises is who is responsible
            r"|(?<=谁)来?(?:监督管理|管理|监管|监督|实施|执行|落实)"
            # 地方各级人民政府要落实哪些任务, who carries out: the tasks a body carries out
            r"|(?:要|需要|须|应当|应)?落实(?=哪些|什么)|\bcarr(?:y|ies|ying)\s+out\b"
            r"|\bresponsible\b(?:\s+for\s+(?:implementing|implementation|carrying\s+out)\b)?"
            r"|\b(?:enforc|supervis|handl)(?:e|es|ed|ing)\b|\boversee(?:s|ing)?\b",
            re.I,
        ),
    ),
)
# "which measures target cadmium" uses the verb: only the noun (targets, goals) asks for targets
# (a lone "target" is the noun where what follows cannot be its object: "did the PM2.5 target
# tighten", "the target for 2020", a question's end)
# how much a quantity is to change, which only a target says: 二氧化硫排放要下降多少, PM2.5浓度
# 降低到多少, how much should SO2 emissions fall, by how much will forest cover rise
_HOW_MUCH = re.compile(
    r"(?:要|应|应当|需要|须|将)?(?:下降|降低|减少|削减|减排|提高|提升|增加|上升|增长|达到|控制在|控制到)"
    r"(?:到|至)?(?:多少|几成|百分之几|几个百分点)"
    # the verb of change is needed: "how much is the fine" asks no target
    r"|\b(?:by\s+)?how\s+(?:much|far)\b(?:\s+\S+){0,6}?\s+(?:fall|drop|decrease|decline|cut|"
    r"reduced?|shrink|rise|increase|grow|improve)s?\b",
    re.I,
)
_TARGETS = re.compile(
    r"(?:量化|定量|数量|减排|削减|下降|降低|改善)?(?:目标|指标)|\btargets\b|\bgoals?\b|\bquantitative target\b|\btarget(?=\s*(?:$|[?？,.;:!]"
    r"|(?:for|of|in|on|at|by|set|to|value|values|year|years|is|was|were|be|been|became|become"
    r"|rose|rise|rises|fell|fall|falls|tighten\w*|loosen\w*|chang\w*|increas\w*|decreas\w*"
    r"|between|over|across)\b))|" + _HOW_MUCH.pattern,
    re.I,
)
# an article, chapter or section asked for by its number, as a law prints it or in English
_NUMBERED = re.compile(
    r"第\s*(?P<zh>[一二三四五六七八九十百零〇]+|[0-9]+)\s*(?P<mark>条(?!例)|章|节)"
    r"|\b(?P<word>article|art\.|chapter|section)\s*(?P<en>[0-9]+)\b",
    re.I,
)
_NUMBERED_KIND = {
    "条": "article", "章": "chapter", "节": "section",
    "article": "article", "art.": "article", "chapter": "chapter", "section": "section",
}  # fmt: skip


def _numbered_part(m: re.Match[str]) -> tuple[str, str]:
    """(article, chapter or section; its number as written: 二十 or 20) of a ``_NUMBERED`` match."""
    kind = _NUMBERED_KIND[(m.group("mark") or m.group("word")).lower()]
    return kind, m.group("zh") or m.group("en")


# what a named document is, not what its units say (土壤法的发布机关, 大气法什么时候施行, who
# issued the soil law, when did the air law take effect, its history): its ``docs`` entry
_ACT_WORDS_ZH = "发布|施行|生效|实施|通过|印发|公布|修订|修正|修改|颁布|出台|制定|批准"
_DOCUMENT_FACTS = re.compile(
    r"(?:发布|制定|颁布|发文|印发|公布|批准|通过)(?:机关|单位|部门|主体)|发文字号|文号|"
    rf"(?:{_ACT_WORDS_ZH})(?:日期|时间)|(?:何时|什么时候|哪一?年|哪天|哪一天)(?:开始)?(?:{_ACT_WORDS_ZH})|"
    # where it applies; 适用范围 is the text's own article (本法适用于…), its units answer
    r"适用(?:的)?(?:地域|区域|地区)|管辖(?:地域|区域)|沿革|"
    r"(?:修改|修订|修正)(?:历程|情况|记录|过几次|了几次)|历次(?:修改|修订|修正)|"
    # who made it, not who carries it out (谁实施, 谁负责: its units' bodies)
    r"(?:由)?谁(?:来)?(?:发布|制定|颁布|印发|通过|批准|公布|出台)|"
    r"\b(?:issuers?|issuing (?:body|bodies|authority|authorities)"
    r"|who (?:issued|made|passed|adopted|enacted|approved|promulgated|published)"
    r"|jurisdiction|history|document number|effective date|date of (?:issue|effect|entry into force)"
    r"|where does (?:it|the \w+(?: \w+)*) apply"
    r"|how (?:many times|often) (?:was|has|have|were|is)\b.*\b(?:amended|revised|changed))\b"
    r"|\bwhen\b.*\b(?:issued|passed|adopted|enacted|published|promulgated|amended|revised"
    r"|effective|take effect|took effect|come into force|came into force|enter(?:ed)? into force)\b",
    re.I,
)
# deadlines within a span of years (2017年至2019年, between 2017 and 2019, 2017-2019) or in one
# year (2017年要完成, 2017年计划完成, 2025年建成, due in 2017): both bounds of the deadline filter
_DUE_SPAN = (
    re.compile(r"(?<!\d)(\d{4})\s*年?\s*(?:至|到|—|–|-|~|～)\s*(\d{4})\s*年?(?!\d)(?![^《]*》)"),
    re.compile(
        r"\b(?:between\s+(\d{4})\s+and|from\s+(\d{4})\s+(?:to|until|through))\s+(\d{4})\b", re.I
    ),
)
_DUE_IN = (
    re.compile(
        r"(?<!\d)(\d{4})\s*年\s*(?:内|当年|年内|年底|底)?\s*"
        r"(?:要|需要|需|须|必须|应当|应|计划|规划|预计|力争|争取)?\s*"  # 2017年计划完成
        r"(?=完成|实现|达到|达标|到期|落实|办结|建成)"
    ),
    re.compile(
        r"\b(?:due|completed?|finished|achieved|done|met|fulfilled)\s+(?:in|during|within)\s+(\d{4})\b",
        re.I,
    ),
)
# binding (约束性) or expected (预期性) targets, as plans class their indicators
_BINDING = re.compile(
    r"约束性|\b(?:binding|mandatory|obligatory)\b"
    r"|(?P<expected>预期性|\b(?:expected|anticipatory|indicative)\b)",
    re.I,
)
# how a question about targets asks whether they changed (是否收紧, 两个规划之间有何变化): words
# of the question, not of the text; "between plans" in English is read the same way
_TARGET_CHANGE = re.compile(
    r"有(?:何|什么|哪些|没有)?变化|发生(?:了)?变化|变化|变动|调整|收紧|放宽|放松|加严|从严|"
    r"提高|降低|提升|下调|上调|对比|比较|相比|之间|前后|历次|历年|先后|两个|两版|几个|各个|"
    r"是否|有没有|是不是"
)
_DEADLINES = re.compile(r"期限|时限|\bdeadlines?\b|\btime[ -]limits?\b", re.I)
# which policy instruments the units use (蓝天保卫战计划使用了哪些政策工具, which instruments
# does the blue-sky plan use, what supply-side instruments are used)
_INSTRUMENTS_ASKED = re.compile(
    r"(?:哪些|什么|何种|哪类|哪种|哪几类|哪几种)(?:类型的|类)?(?:政策)?工具|政策工具|工具类型|"
    r"\b(?:instruments?|(?:policy\s+)?tools?)\b",
    re.I,
)
# a body that issued documents (国务院印发的文件, issued by the State Council) is asked about as
# their issuer, not as a body the units name
_ISSUE_VERBS_ZH = "发布|印发|颁布|出台|下发|发文"
_ISSUED = re.compile(
    # 通过, 批准, 制定 before 的 (人大常委会通过的条例) or closing the question (由人大常委会
    # 通过): elsewhere 通过 is "by means of"
    _ISSUE_VERBS_ZH
    + r"|(?:通过|批准|制定)(?=的|\s*[？?。.!！]?\s*$)|\bissu(?:e|es|ed|ing)\b|\bpublish(?:es|ed)?\b"
    r"|\bpromulgat\w*|\benact(?:s|ed)?\b|\bpass(?:es|ed)?\b|\badopt(?:s|ed)?\b|\bdecree[sd]?\b"
    # amended or revised: an act of the document's history, which the year then dates
    r"|修订|修正(?!案)|修改|\bamend(?:s|ed)?\b|\brevise[ds]?\b",
    re.I,
)
# The acts of a document's history a verb of the question names (graph.measures.ACTS): 修正
# (amended) and 修订 (revised) are two acts in Chinese law, while English (and 修改) uses
# "amended" and "revised" for either; 通过, passed. Other verbs of issuing date the document.
_ACT_VERBS = (
    (re.compile(r"修正(?!案)"), ("amended",)),
    (re.compile(r"修订"), ("revised",)),
    (
        re.compile(r"修改|\bamend(?:s|ed|ments?)?\b|\brevis(?:e|es|ed|ions?)\b", re.I),
        ("amended", "revised"),
    ),
    (
        re.compile(r"通过|\bpass(?:es|ed)?\b|\badopt(?:s|ed)?\b|\benact(?:s|ed)?\b", re.I),
        ("passed",),
    ),
    (re.compile(r"批准|\bapproved?\b", re.I), ("approved",)),
)
# a year that dates documents to itself (2018年修正的法律, 哪些法律在2018年修订, laws revised in
# 2015, regulations that took effect in 2020): a verb of issuing, of an act or of taking effect
# right after it, and no 前 or 后 (``_DATED_ZH`` reads those)
_IN_YEAR_ZH = r"(?:[在于]\s*)?(?<!\d)(\d{4})\s*年\s*(?:内|中|期间|当年)?\s*(?:被|经|所)?\s*(?=%s)"
_IN_YEAR_EN = re.compile(
    r"\b(?:(?P<verb>(?:issue[ds]?|pass(?:e[ds])?|adopt(?:ed|s)?|enact(?:ed|s)?|publish(?:e[ds])?"
    r"|promulgate[ds]?|made|amend(?:ed|s)?|revise[ds]?)\s+)"
    r"|(?P<effect>(?:took|take|takes|came|come|comes|entered|enter|enters)\s+"
    r"(?:effect|into\s+force)\s+))(?:in|during)\s+(?P<year>\d{4})\b",
    re.I,
)
# an act asked about without a year (哪些法律修订过, which laws have been amended)
_ACTED = re.compile(
    r"(?:(?<=被)|(?<=经)|(?<=经过)|(?<=\bbeen )|(?<=\bwas )|(?<=\bwere )|(?<=\bgot ))"
    r"(?:修订|修正|修改|amended|revised)"
    r"|(?:修订|修正|修改)(?=过)"
    r"|(?:amended|revised)(?=\s+(?:laws?|regulations?|rules|acts|documents?)\b)",
    re.I,
)
# a year that dates documents rather than deadlines: 2015年以后的条例, 2018年前发布的文件,
# regulations passed after 2015; the Chinese needs a genre word or an issuing verb after it
_DATED_ZH = r"(?:[在于]\s*)?(\d{4})\s*年?\s*(以前|之前|前|以后|之后|后|以来|起)\s*的?\s*(?=%s)"
_DATED_EN = re.compile(
    r"\b(?:(?P<noun>laws?|regulations?|rules|plans?|documents?|guidelines?|notices?)\s+)?"
    r"(?:(?P<verb>(?:issue[ds]?|pass(?:e[ds])?|adopt(?:ed|s)?|enact(?:ed|s)?|publish(?:e[ds])?"
    # a verb of an act (passed, amended, revised) dates that act of the history (``_ACT_VERBS``)
    r"|promulgate[ds]?|made|amend(?:ed|s)?|revise[ds]?)\s+)"
    r"|(?P<effect>(?:took|take|takes|came|come|comes|entered|enter|enters)\s+"
    r"(?:effect|into\s+force)\s+|(?:in\s+force|effective)\s+))?"
    r"(?P<dir>before|after|since|until|from)\s+(?P<year>\d{4})\b",
    re.I,
)
# a year that names documents by their date, before the noun: the 2016 plan, 2018 laws, a plan
# of 2016; 2016年规划, 2016年的条例 (``_take_dated`` adds the genre words): dated in that year
# (not 计划 or 规划 as a verb: 2017年计划完成, 2025年规划建成)
_OF_YEAR_ZH = (
    r"(?<![\d.])(\d{4})\s*年\s*(?:的|版|版的)?\s*"
    r"(?=(?:%s)(?!完成|实现|建成|达到|开展|推进|实施|建设|新增|淘汰))"
)
_DOC_NOUN_EN = r"laws?|regulations?|rules|plans?|documents?|guidelines?|notices?|opinions?"
_OF_YEAR_EN = re.compile(
    rf"\b(?P<year>\d{{4}})\s+(?=(?:five-year\s+|action\s+)?(?:{_DOC_NOUN_EN})\b)"
    rf"|\b(?P<noun>{_DOC_NOUN_EN})\s+(?:of|from)\s+(?P<year2>\d{{4}})\b",
    re.I,
)
# in force at a time (rules in force in 2010, 2010年有效的条例) or now (现行有效, currently in
# force): graph.validity reads when each document was
_IN_FORCE_EN = re.compile(
    r"\b(?:(?:in\s+force|in\s+effect|effective|valid|applicable)\s+(?:in|on|during|as\s+of|at)"
    r"\s+(?P<when>\d{4}-\d{2}-\d{2}|\d{4})\b"
    r"|(?P<now>currently\s+(?:in\s+force|in\s+effect|effective|valid|applicable)"
    r"|(?:still\s+)?in\s+(?:force|effect)\s+(?:today|now)|now\s+in\s+force|still\s+in\s+force"
    # bare: rules in force, which laws are in force in Shandong (not: in force since 2015)
    r"|in\s+force\b(?!\s+(?:in|on|during|as\s+of|at|before|after|since|until|from)\s+\d)))",
    re.I,
)
_IN_FORCE_ZH = re.compile(
    r"在?(?P<when>\d{4})\s*年(?:\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?)?"
    r"\s*(?:时|的时候|当时)?\s*(?:仍然|依然|仍|尚|还)?\s*(?:有效|施行中|在施行|生效中|在用)"
    r"|(?P<now>现行有效|目前有效|现在有效|当前有效|仍然有效|仍有效|(?:正|仍|还|尚)在(?:施行|实施)"
    r"|现行(?=的?(?:%s)))"
)
# 施行, 生效: the year is when the documents took effect, not when they were passed
_EFFECT_ZH = ("施行", "生效", "实施")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?![\d.%])\s*年?")
# "lead" is the verb after who, a body or a modal (which bodies lead…, who should lead…)
_VERB_ROLES = re.compile(
    r"\b(?:leads|leading|led by)\b"
    r"|(?:(?<=\bwho )|(?<=bodies )|(?<=departments )|(?<=authorities )|(?<=agencies )"
    r"|(?<=should )|(?<=must )|(?<=shall )|(?<=will )|(?<=\bto ))lead\b",
    re.I,
)
# a question about who acts, with no body named: the units' bodies are the answer
_WHO = re.compile(
    r"\bwho\b|\bwhich (?:bod(?:y|ies)|authorit(?:y|ies)|departments?|agenc(?:y|ies))\b"
    r"|谁|哪些部门|哪个部门|哪些机构|哪个机构|哪些单位|哪些主体",
    re.I,
)
# a place whose own documents are asked for: 山东省有哪些法规, 济南的规定, 青岛市条例, Jinan's
# rules, regulations of Shandong, what does Shandong have (a document noun, not 措施: 湖南有哪些
# 措施 asks for the units that name Hunan too)
_DOCUMENT_KINDS_ZH = "法规|法律|条例|规章|规定|办法|文件|政策|规划|计划|方案|意见|通知|决定"
_OWNED_AFTER = re.compile(
    r"(?:的|有哪些|有什么|都有哪些|(?:出台|制定|颁布|发布|印发)(?:了|过)?(?:哪些|的)?)?"
    rf"(?:现行(?:有效)?的?)?(?:地方性?)?(?:{_DOCUMENT_KINDS_ZH})"
    r"|(?:'s|’s)?\s+(?:own\s+|local\s+)?"
    r"(?:rules|regulations|laws|legislation|documents|plans|policies|ordinances)\b",
    re.I,
)
# "what does Shandong have": the place is the subject of the asking verb, not of a clause
# (which measures in Shandong have deadlines)
_HAS_BEFORE = re.compile(r"\b(?:does|do|did)\s+(?:the\s+)?$", re.I)
_HAS_AFTER = re.compile(r"\s+(?:have|has|had)\b", re.I)
_OWNED_BEFORE = re.compile(
    r"\b(?:rules|regulations|laws|legislation|documents|plans|policies|ordinances)\s+"
    r"(?:of|from|for)\s+(?:the\s+)?$",
    re.I,
)
# "issued by Guangdong": by the place itself, not by a body named after it (issued by the
# Shandong Provincial People's Congress Standing Committee)
_ISSUED_BY_BEFORE = re.compile(
    r"\b(?:issued|passed|adopted|enacted|made|published)\s+(?:by|in)\s+(?:the\s+)?$", re.I
)
_ISSUED_BY_AFTER = re.compile(
    r"\s*(?:$|[?？.。,，;；]|\s(?:in|on|after|before|since|from|about|that|which|with)\b)", re.I
)
# rules that apply (bind) in a place: its own, and those of the province and the nation over it
_APPLIES = re.compile(r"适用(?:于)?|\bappl(?:y|ies)\s+(?:in|to)\b|\bapplicable\s+(?:in|to)\b", re.I)
# The question's own words, set aside before the rest is searched for in the text: asking
# (哪些, which), what is asked for (条款, 规定, measures), and linking words (关于, 对, of).
_ASKING = re.compile(
    r"哪些部门|哪个部门|哪些机构|哪个机构|哪些单位|哪些主体|由谁|是谁|谁|有哪些|有什么|哪些|哪几条|哪条|哪个|哪几部|哪一部|哪部|哪份|什么|怎么说|怎么讲|怎么|怎样|如何|是否|有何|说了|讲了|是多少|多少|要达到|达到|"
    r"要完成|需要完成|须完成|完成|要实现|需要实现|须实现|提出了|提出|设定了|设定|"
    r"请问|请列出|列出|所有|相关|各级|"
    r"条款|条文|规定|措施|重点任务|工作任务|任务|事项|要求|内容|方面|文件|政策|提到|提及|涉及|针对|关于|对于|以及|"
    r"目标|指标|期限|时限|牵头|主导|配合|负责|政策工具|工具|使用|运用|采用|采取|属于|类型|"
    + _TAKE_PART_ZH
)
_PARTICLES = "的了对中里有由在和与及或是从吗呢呀被将把向给为"
_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]+")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
# the level word English puts after a place in a body's name (Shandong Provincial People's
# Congress), dropped with the place when the name is looked for around it
# (and before a department's: the provincial environmental protection department), each with the
# Chinese level word it stands for
_EN_LEVELS = {"provincial": "省", "municipal": "市", "city": "市", "prefectural": "市",
              "county": "县", "district": "区", "township": "乡"}  # fmt: skip
_EN_LEVEL_WORD = re.compile(rf"\b(?:{'|'.join(_EN_LEVELS)})(?:-level)?\b", re.I)
_EN_LEVEL = re.compile(rf"\s+{_EN_LEVEL_WORD.pattern}", re.I)
_EN_LEVEL_BEFORE = re.compile(rf"\b(?P<level>{'|'.join(_EN_LEVELS)})(?:-level)?\s+$")
_ENGLISH_ASKING = set(
    """which what where who whose how do does did is are was were be there any all some the a an
    of in on at for to from about with by under and or that this these those me show list give tell find
    article articles measure measures task tasks rule rules provision provisions clause clauses section
    sections unit units paragraph paragraphs text texts regulate regulates regulated regulating
    mention mentions mentioned mentioning name names named naming refer refers referring
    say says said govern governs apply applies concern
    concerns concerning address addresses cover covers require requires required requirement
    requirements
    target targets goal goals deadline deadlines lead leads led leading responsible charge
    participate participates participating support supports body bodies place places pollutant
    pollutants document documents its their it they them plan's law's use uses used using
    employ employs rely relies on instrument instruments tool tools policy policies type kind
    plan plans law laws regulation regulations between over time across tighten tightened
    tightening loosen loosened change changed changes set sets work works offer offers provide
    provides contain contains include includes impose imposes due must shall should can may
    deal deals dealing involve involves involved involving regarding relate relates related
    relating have has had been protect protects protecting done complete completed due
    finished achieved reduction reductions reduce reduced cut cuts decrease decreases promote
    promotes promoted promoting against own area areas region regions""".split()
)

CAN_ANSWER = """I can answer questions about measures that name
  - a pollutant or pollutant class (镉, 重金属, PM2.5, cadmium, heavy metals),
  - a place (湖南, 长江经济带, 430000, Hunan, Jinan, Beijing-Tianjin-Hebei), or that belong to a
    document governing it (济南市对扬尘有哪些规定); a place's own documents (山东省有哪些法规,
    Jinan's rules) are those it governs,
  - a body and its role (生态环境部牵头, led by the Ministry of Ecology and Environment),
  - a deadline (2018年前, before 2018, 2017年以后, after 2017, due in 2017, 2017年至2019年,
    between 2017 and 2019, 2019年6月底前, by June 2019), or when documents were issued
    (2015年以后的条例, 2016年发布的文件, documents issued in 2016), passed, amended or revised
    (2018年修正的法律, laws revised in 2015, which laws have been amended), took effect
    (2020年以后施行的条例, regulations that took effect in 2020) or were in force
    (2010年有效的条例, 现行有效的法规, rules in force in 2010, currently in force),
  - targets (what targets mention PM2.5, 两个规划的PM2.5目标有何变化),
  - a policy instrument or its category (资金投入, 示范推广, 供给型, public funding,
    supply-side), or which instruments are used (蓝天保卫战计划使用了哪些政策工具),
  - a document (《土壤污染防治法》, 土壤污染防治法中, the soil law, the blue-sky plan), or a
    kind of document (哪些条例, which laws, plans), or who issued it (国务院印发的文件,
    issued by the State Council, adopted by the Shandong People's Congress Standing Committee),
  - what a named document is: its number, dates, jurisdiction, issuers and history
    (土壤法什么时候施行, 山东土壤条例的发布机关, who issued the blue-sky plan, the history of
    the water law),
  - who acts: the bodies of the units are the answer (谁负责, 哪些部门牵头, who is responsible),
    and what a body carries out (地方各级人民政府要落实哪些任务, which tasks do local governments
    carry out), with the bodies an earlier task note names for every task (以下均需…落实),
  - any Chinese word of the text (哪些条款规定了罚款), or an English word of the glossary
    ontology/text-words-en.ttl (fines, penalties, permits, monitoring), or any combination.
Examples: "which measures target cadmium before 2018", "2018年前针对镉的措施有哪些",
"湖南有哪些措施", "which articles regulate cooking fumes in Shandong", "哪些措施由生态环境部牵头"."""


@dataclass
class Reading:
    filters: Filters
    understood: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # words read as neither vocabulary nor text
    # or "targets", "deadlines", "actors", "instruments", "fines", "documents", "comparison",
    # "document"
    wants: str = "measures"
    role: str | None = None  # with wants "actors": only bodies in this role answer
    year: int | None = None  # with wants "targets": only targets for this year answer
    binding: bool | None = None  # with wants "targets": only binding (约束性) or expected ones
    every_document: bool = False  # "list all documents": each one, a bare header's too
    # only the units of these numbered parts: (article|chapter|section, 二十 of 第二十条 or 20)
    numbered: list[tuple[str, str]] = field(default_factory=list)
    indicators: frozenset[str] | None = None  # with wants "targets": only targets on these
    compared: tuple[str, str] | None = None  # "compare A and B": the two documents' ids
    highest: bool = False  # with wants "fines": the units with the highest fine first
    alone: list[tuple[str, int]] = field(default_factory=list)  # no answer: each filter alone

    def describe(self) -> str:
        return "; ".join(self.understood)


def _label_index(backend: Backend) -> list[tuple[str, str, str]]:
    """(lower-cased label, concept id, scheme) sorted longest first; an English label in the
    plural also in the singular (heavy metals, heavy metal), and a government's without the
    "people's" few questions spell out (county governments); read once per store generation
    (a notebook's questions after the first skip the labels query)."""
    return remembered(backend, "label index", lambda: _read_label_index(backend))


def _read_label_index(backend: Backend) -> list[tuple[str, str, str]]:
    out = set()
    for r in run(backend, "labels"):
        concept = short_id(r["concept"].value)
        label = r["label"].value.strip()
        # one-character labels are element names (镉, 汞); for places they are abbreviations
        if len(label) < 2 and (label.isascii() or not concept.startswith("pollutant/")):
            continue
        scheme = concept.split("/", 1)[0]
        forms = {label.lower()}
        if label.isascii():
            forms |= _word_orders(label.lower())
            # "county governments" for county-level people's governments
            plain = {re.sub(r"\bpeople['’]s ", "", f) for f in forms}
            forms |= plain | {f.replace("-level ", " ") for f in plain}
        forms |= {_other_spelling(f) for f in forms if f.isascii()}
        if scheme == "actor":
            forms |= _remit_nouns(forms)
        for form in forms:
            out.add((form, concept, scheme))
            if form.isascii() and (one := _singular(form)) != form:
                out.add((one, concept, scheme))
    return sorted(out, key=lambda t: (-len(t[0]), t[0], t[1]))


# how English names a remit's bodies: the agriculture department, finance bureaus, the
# natural resources authority, as well as the vocabulary's "… authorities"
_REMIT_NOUNS = ("departments", "bureaus", "authorities", "agencies")


def _remit_nouns(forms: set[str]) -> set[str]:
    """The English names of a remit's bodies besides its label: "agriculture and rural affairs
    authorities" is also the agriculture and rural affairs department (and bureau, agency), and
    by the first of its remits, the agriculture department."""
    out = set()
    for form in forms:
        head = form.removesuffix(" authorities")
        if head == form or not form.isascii():
            continue
        for h in {head, head.split(" and ")[0]}:
            out |= {f"{h} {noun}" for noun in _REMIT_NOUNS}
    return out


def _name_words(index: list[tuple[str, str, str]]) -> frozenset[str]:
    """The Chinese names of places and pollutants (two characters or more) of a label index:
    the words a document's name says it by, which a shortened name may not leave out."""
    return frozenset(
        label
        for label, _, scheme in index
        if scheme in ("region", "pollutant") and len(label) >= 2 and not label.isascii()
    )


def _indicator_index(backend: Backend) -> list[tuple[str, str, str]]:
    """(lower-cased label, indicator id, "indicator") of every indicator label, read only in a
    question about targets: elsewhere 空气质量 or water quality are words of the text."""
    from policykg.graph.namespaces import ONTOLOGY_GRAPH

    rows = run(backend, "indicator_labels", g=ONTOLOGY_GRAPH)
    return [
        (r["label"].value.strip().lower(), short_id(r["concept"].value), "indicator") for r in rows
    ]


# -ise/-isation against -ize/-ization (organisations, organizations; desulfurization): always
# before -ation; before -e, -ed, -es, -ing only after l or n (specialised, organise), since the
# other -ise words mostly have no -ize form (noise, revised, enterprise, exercise)
_ISE = re.compile(r"(?<=[a-z])i([sz])(?=ations?\b)|(?<=[ln])i([sz])(?=(?:e|ed|es|ing)\b)")


def _other_spelling(label: str) -> str:
    """The label in the other English spelling of its -ise/-ize words, or as it is."""
    return _ISE.sub(lambda m: "iz" if (m.group(1) or m.group(2)) == "s" else "is", label)


_OF = re.compile(r"^(.+?) of (?:(?:a|an|the) )?(.+)$")


def _word_orders(label: str) -> set[str]:
    """The other ways English says "X of a Y": X of the Y, X of Y, and Y X (the standing
    committee of a people's congress: the people's congress standing committee)."""
    m = _OF.match(label)
    if m is None:
        return set()
    head, tail = m.groups()
    return {f"{head} of the {tail}", f"{head} of {tail}", f"{tail} {head}"}


def _singular(label: str) -> str:
    """The label with its last word in the singular (authorities → authority, gases → gas,
    fumes → fume), for the regular plurals only: a wrong stem is a word nobody asks for."""
    head, _, word = label.rpartition(" ")
    if len(word) < 4 or not word.isalpha() or not word.endswith("s") or word.endswith("ss"):
        return label
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "zes", "ches", "shes", "gases")):
        word = word[:-2]
    else:
        word = word[:-1]
    return f"{head} {word}" if head else word


def _occurrences(q: str, label: str, taken: list[bool]) -> list[tuple[int, int]]:
    """Free places of ``label`` in ``q``; ASCII labels only as whole words, or in the plural
    (laws for law)."""
    out = []
    start = 0
    while (i := q.find(label, start)) >= 0:
        j = i + len(label)
        if label.isascii() and not _bounded(q, i, j):
            j = _plural_end(q, i, j)
        if j > i and not any(taken[i:j]):
            out.append((i, j))
        start = i + 1
    return out


def _find_labels(
    backend: Backend,
    question: str,
    index: list[tuple[str, str, str]],
    taken: list[bool] | None = None,
) -> dict[str, list[str]]:
    """Concept ids per scheme whose labels occur in the question, leftmost-longest (湖南和广西
    is 湖南 and 广西, not 南和县); the characters they cover are marked in ``taken``."""
    found: dict[str, list[str]] = {}
    for _, _, concepts in _label_spans(question, index, taken):
        for concept, scheme in _outermost(backend, concepts):
            if concept not in found.setdefault(scheme, []):
                found[scheme].append(concept)
    return found


def _is_division(region: str) -> bool:
    """Whether a region id is an administrative division's (region/370100), not a macro-region's
    or a river's (region/beijing-tianjin-hebei)."""
    return region.removeprefix("region/").isdigit()


def _outermost(backend: Backend, concepts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The concepts one name reads as, less the divisions inside another of them (the graph's
    pkg:within): 长沙 names 长沙市 and 长沙县 within it, and means the city, as the region
    component reads it."""
    divisions = [c for c, scheme in concepts if scheme == "region" and _is_division(c)]
    if len(divisions) < 2:
        return concepts
    inner = {  # a division's places_inside are the places within it (it covers none)
        p
        for c in divisions
        for p in (
            short_id(r["place"].value)
            for r in run(backend, "places_inside", concept=concept_iri(c))
        )
        if p != c
    }
    return [(c, scheme) for c, scheme in concepts if c not in inner]


# what follows a river's name to say its basin (the Yangtze River basin, 长江 is 长江流域 too)
_BASIN_AFTER = re.compile(r"\s+(?:river\s+)?(?:basins?|watersheds?|catchments?)\b")
# what follows a pollutant's name to say its pollution (镉污染, 重金属污染防治, lead pollution):
# part of the pollutant's phrase, not words to search the text for
_POLLUTION_AFTER = re.compile(r"污染(?:防治|治理)?|防治|治理|\s+(?:pollution|contamination)\b")


def _label_spans(
    question: str, index: list[tuple[str, str, str]], taken: list[bool] | None = None
) -> list[tuple[int, int, list[tuple[str, str]]]]:
    """(start, end, its (concept, scheme) pairs) of each label ``_find_labels`` reads."""
    q = question.lower()
    taken = taken if taken is not None else [False] * len(q)
    by_label: dict[str, list[tuple[str, str]]] = {}
    for label, concept, scheme in index:
        by_label.setdefault(label, []).append((concept, scheme))
    lengths = sorted({len(label) for label in by_label}, reverse=True)
    spans = []
    i = 0
    while i < len(q):
        for n in lengths:
            if i + n > len(q):
                continue
            label = q[i : i + n]
            if label not in by_label or any(taken[i : i + n]):
                continue
            end = i + n
            if label.isascii() and not _bounded(q, i, end):
                end = _plural_end(q, i, end)  # odours for odour, a plural the labels lack
                if end < 0:
                    continue
            taken[i:end] = [True] * (end - i)
            spans.append((i, end, by_label[label]))
            if any(s == "pollutant" for _, s in by_label[label]):
                if m := _POLLUTION_AFTER.match(q, end):  # 镉污染: the pollutant's phrase
                    taken[end : m.end()] = [True] * (m.end() - end)
            elif any(s == "region" for _, s in by_label[label]):
                if m := _BASIN_AFTER.match(q, end):  # the Yangtze River basin: the river's
                    taken[end : m.end()] = [True] * (m.end() - end)
            i = end - 1
            break
        i += 1
    return spans


def _owning_places(
    backend: Backend, text: str, index: list[tuple[str, str, str]], read: list[bool]
) -> list[str]:
    """The places the question asks for the documents of (山东省有哪些法规, Jinan's rules): a
    place's name followed by a document noun, or in English after "regulations of"."""
    out: list[str] = []
    for start, end, concepts in _label_spans(text, index, list(read)):
        issued_by = _ISSUED_BY_BEFORE.search(text, 0, start) and _ISSUED_BY_AFTER.match(text, end)
        has = _HAS_BEFORE.search(text, 0, start) and _HAS_AFTER.match(text, end)
        if (
            _OWNED_AFTER.match(text, end)
            or _OWNED_BEFORE.search(text, 0, start)
            or issued_by
            or has
        ):
            out.extend(
                c
                for c, scheme in _outermost(backend, concepts)
                if scheme == "region" and c not in out
            )
    return out


def _across_places(
    text: str, index: list[tuple[str, str, str]], taken: list[bool]
) -> tuple[list[str], list[int]]:
    """Bodies whose English name has a place inside: the Standing Committee of the Shandong
    People's Congress, the Shandong Provincial People's Congress Standing Committee. Their
    labels are looked for once more in the question without its places (and the level word
    after one); a name found only across a place is marked in ``taken`` (but for the place,
    which stays to be read). RETURNS its concepts, and where the level words after places are
    (Provincial: part of the body's name when there is one)."""
    places = [False] * len(text)
    _label_spans(text, [t for t in index if t[2] == "region"], places)
    kept: list[int] = []  # positions of the question the shorter text keeps
    levels: list[int] = []
    i = 0
    while i < len(text):
        if not places[i]:
            kept.append(i)
            i += 1
            continue
        while i < len(text) and places[i]:
            i += 1
        if m := _EN_LEVEL.match(text, i):
            levels.extend(range(m.start(), m.end()))
            i = m.end()
        if i < len(text) and text[i] == " ":
            i += 1
    short = "".join(text[k] for k in kept)
    out: list[str] = []
    actors = [t for t in index if t[2] == "actor"]
    for start, end, concepts in _label_spans(short, actors, [False] * len(short)):
        first, last = kept[start], kept[end - 1]
        if last - first == end - 1 - start:  # no place inside: read as it stands
            continue
        for k in range(first, last + 1):
            taken[k] = taken[k] or not places[k]
        out.extend(c for c, _ in concepts if c not in out)
    return out, levels


def _plural_end(q: str, i: int, j: int) -> int:
    """Where the word q[i:j] ends with a plural "s" or "es" after it, or -1."""
    if q[j - 1].isalpha():
        for suffix in ("s", "es"):
            if q.startswith(suffix, j) and _bounded(q, i, j + len(suffix)):
                return j + len(suffix)
    return -1


def _bounded(q: str, i: int, j: int) -> bool:
    """Whether q[i:j] is a whole word (for ASCII labels: cadmium, not cadmiums); Chinese
    around it is a boundary (PM2.5目标是多少)."""
    return (i == 0 or not _latin(q[i - 1])) and (j == len(q) or not _latin(q[j]))


def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _take_due(text: str, f: Filters, r: Reading) -> str:
    """Read deadlines within a span of years (2017年至2019年, between 2017 and 2019) or in one
    year (2017年要完成, due in 2017; not a target's year: 2020年要实现哪些目标) into both bounds
    of ``after`` and ``before``; the text without it."""
    for m in (p.search(text) for p in _DUE_SPAN):
        if m is not None:
            lo, hi = sorted(y for y in m.groups() if y)
            f.after, f.before = lo, hi
            r.understood.append(f"deadline from {lo}-01-01 by {hi}-12-31")
            return text[: m.start()] + " " + text[m.end() :]
    if _TARGETS.search(text):
        return text
    for m in (p.search(text) for p in _DUE_IN):
        if m is not None:
            f.after = f.before = m.group(1)
            r.understood.append(f"deadline in {f.after}")
            return text[: m.start()] + " " + text[m.end() :]
    return text


def _take_day(
    text: str, patterns: tuple[re.Pattern[str], ...], last: bool
) -> tuple[str | None, str]:
    """The ISO date a month or a day the first matching pattern names stands for (the month's
    last day when ``last``, else its first), and the text without that phrase."""
    import calendar

    for pattern in patterns:
        m = pattern.search(text)
        if m is None:
            continue
        g = m.groupdict()
        if g.get("iso"):
            parts = [int(p) for p in g["iso"].split("-")]
            year, month, day = (*parts, None) if len(parts) == 2 else parts
        else:
            year = int(g["y"])
            month = int(g["m"]) if g.get("m") else _MONTHS_EN.index(g["mn"].lower()) + 1
            day = int(g["d"]) if g.get("d") else None
        if not 1 <= month <= 12:
            continue
        if day is None:
            day = calendar.monthrange(year, month)[1] if last else 1
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            continue
        return f"{year:04d}-{month:02d}-{day:02d}", text[: m.start()] + " " + text[m.end() :]
    return None, text


def _take_year(text: str, patterns: tuple[re.Pattern[str], ...]) -> tuple[str | None, str]:
    """The year the first matching pattern names, and the text without that phrase."""
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            return m.group(1), text[: m.start()] + " " + text[m.end() :]
    return None, text


@cache
def _genre_labels() -> tuple[str, ...]:
    """The Chinese labels of every genre word, longest first, as the date readers' cues."""
    return tuple(sorted({w for _, labels in _genre_terms() for w in labels}, key=len, reverse=True))


def _document_words_zh() -> str:
    """The genre words and 文件, escaped for an alternation: what a year may date."""
    return "|".join(map(re.escape, [*_genre_labels(), "文件"]))


@cache
def _of_year_zh() -> re.Pattern[str]:
    return re.compile(_OF_YEAR_ZH % _document_words_zh())


@cache
def _in_force_zh() -> re.Pattern[str]:
    return re.compile(
        _IN_FORCE_ZH.pattern % "|".join(map(re.escape, [*_genre_labels(), "文件", "法规"]))
    )


def _take_in_force(text: str, f: Filters, r: Reading) -> str:
    """Read a time the documents were in force at (in force in 2010, 2010年6月有效, 现行有效
    的条例: today) into ``in_force``; the text without it (a genre word stays for the genre)."""
    m = _in_force_zh().search(text) or _IN_FORCE_EN.search(text)
    if m is None:
        return text
    if m.group("now"):
        f.in_force = "today"
    else:
        f.in_force = m.group("when")
        if m.groupdict().get("month"):  # a month alone is read as its first day
            try:
                day = date(int(m.group("when")), int(m.group("month")), int(m.group("day") or 1))
                f.in_force = day.isoformat()
            except ValueError:  # 2010年13月: the year is what is left of it
                pass
    at = "" if f.in_force == "today" else "on " if "-" in f.in_force else "in "
    r.understood.append(f"documents in force {at}{f.in_force}")
    return text[: m.start()] + " " + text[m.end() :]


# a time limit's length: 三十日内, 15个工作日内, 24小时内, 一年内 (not 2020年内), within 30 days
_WITHIN = re.compile(
    r"(?<![0-9０-９〇零])(?P<zh>(?:[0-9]+|[一二两三四五六七八九十百]+)\s*(?:个工作日|日|天|小时|个月|周)"
    r"|(?:[0-9]{1,2}|[一二两三四五六七八九十]+)\s*年)(?:以内|之内|内)"
    r"|\bwithin\s+(?P<en>\d+\s*(?:working\s+days?|days?|hours?|weeks?|months?|years?))\b",
    re.I,
)


def _take_within(text: str, f: Filters, r: Reading) -> str:
    """Read a time limit's length (三十日内, within 30 days) into ``within``: the units with a
    limit of that length; the text without it."""
    from policykg.graph.measures import duration

    m = _WITHIN.search(text)
    if m is None:
        return text
    f.within = (m.group("zh") or m.group("en")).strip()
    r.understood.append(f"time limits of {f.within} ({duration(f.within)})")
    return text[: m.start()] + " " + text[m.end() :]


_FINE_WORD = r"(?:罚款|罚金)"
# a fine's amount a question asks for: 罚款超过一万元, 罚款在10万元以上, 一万元以上的罚款, 最高罚款
# 一百万元, fines above 10,000 yuan, fines of more than 1 million yuan
_ZH_SUM = r"(?:[0-9][0-9,]*(?:\.[0-9]+)?\s*[万亿]?|[〇零一二两三四五六七八九十百千万亿]+)"
_MORE_ZH = r"(?:超过|高于|大于|多于|不低于|不少于|达到|逾|在)?"
_FINE_ASKED = re.compile(
    rf"(?:最高)?{_FINE_WORD}(?:数额|金额)?(?:最高)?{_MORE_ZH}\s*(?P<a>{_ZH_SUM})\s*元?(?:及?以上)?"
    rf"|{_MORE_ZH}\s*(?P<b>{_ZH_SUM})\s*元?\s*(?:及?以上)?的?{_FINE_WORD}"
    r"|\b(?:fines?|penalt(?:y|ies))\s+(?:of\s+)?(?:above|over|exceeding|(?:of\s+)?at\s+least"
    r"|(?:more|greater|higher)\s+than)\s+(?P<c>(?:rmb|cny|¥)?\s*\d[\d,]*(?:\.\d+)?"
    r"\s*(?:thousand|k|million|m)?(?:\s*(?:yuan|rmb|cny))?)\b",
    re.I,
)


@cache
def _fined_party_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The patterns of whom a fine is for, from the glossary's parties fined (个人, 单位,
    直接负责的主管人员; individuals, organisations): 对个人的罚款, 对单位罚款最高, fines on
    individuals; and each English label's Chinese. A body's name (对施工单位的罚款) is no
    party: the clause names it as the one that broke the rule, which the actors read."""
    from policykg.graph.vocabularies import load_terms

    terms = [t for t in load_terms("text-words-en.ttl") if "text-word/fined-party" in t["broader"]]
    zh = sorted((_chinese_labels(t)[0] for t in terms), key=len, reverse=True)
    en = {label.lower(): _chinese_labels(t)[0] for t in terms for label in _english_labels(t)}
    words = "|".join(map(re.escape, zh))
    return (
        re.compile(
            rf"对(?P<party>{words})的?"
            rf"(?=(?:最高|最多|最大)?的?{_FINE_WORD})"
        ),
        re.compile(
            r"\b(?:fines?|fined|penalt(?:y|ies))\s+(?P<on>(?:imposed\s+)?(?:on|for|against)\s+"
            rf"(?P<en>{'|'.join(map(re.escape, sorted(en, key=len, reverse=True)))}))\b",
            re.I,
        ),
        en,
    )


def _take_fine_party(text: str, f: Filters, r: Reading) -> str:
    """Read whom a fine is for (对个人的罚款, fines on individuals) into ``fine_party``: the
    units with a fine for that party; the text without it (the fine's word stays, for the
    amount or the question that follows)."""
    zh, en, chinese = _fined_party_patterns()
    if m := zh.search(text):
        f.fine_party, span = m.group("party"), m.span()
    elif m := en.search(text):
        f.fine_party, span = chinese[m.group("en").lower()], m.span("on")
    else:
        return text
    r.understood.append(f"fines for {f.fine_party}")
    return text[: span[0]] + " " + text[span[1] :]


def _take_fine(text: str, f: Filters, r: Reading) -> str:
    """Read a fine's amount (罚款超过一万元, fines above 10,000 yuan) into ``fine_at_least``:
    the units with a fine that can reach it; the text without it. A number with no mark of
    money (罚款超过三次) is no amount."""
    from policykg.graph.measures import amount

    for m in _FINE_ASKED.finditer(text):
        sum_ = m.group("a") or m.group("b") or m.group("c")
        money = "元" in m.group(0) or "万" in sum_ or "亿" in sum_ or m.group("c")
        if not money:
            continue
        try:
            least = amount(sum_)
        except LookupFailed:
            continue
        f.fine_at_least = sum_.strip()
        r.understood.append(f"fines that can reach {least:,.0f} yuan or more")
        return text[: m.start()] + " " + text[m.end() :]
    return text


# a question for the fines' amounts (最高罚款是多少, 罚款数额, what is the highest fine, how
# much is the fine): each unit's fines answer, the highest first when that is asked
_FINES_ASKED = re.compile(
    rf"(?P<top>最高|最多|最大)?的?{_FINE_WORD}的?(?:数额|金额|额度|幅度|标准)?(?P<top2>最高|最多)?"
    r"(?:是|为|有|可达|能达到)?(?:多少|几何|多高)钱?"
    rf"|(?P<top3>最高|最大)的?{_FINE_WORD}(?:数额|金额|额度)?"
    rf"|{_FINE_WORD}的?(?:数额|金额|额度)?(?P<top5>最高|最多|最大)"
    rf"|{_FINE_WORD}的?(?:数额|金额|额度|幅度)|罚多少钱?"
    r"|\b(?P<top4>highest|largest|maximum|biggest|heaviest|top)\s+(?:fines?|penalt(?:y|ies))\b"
    r"|\bhow\s+(?:much|high|large|big)\s+(?:is|are)\s+the\s+(?:fines?|penalt(?:y|ies))\b"
    r"|\b(?:fine|penalty)\s+amounts?\b|\bamounts?\s+of\s+(?:the\s+)?(?:fines?|penalties)\b"
    r"|\b(?:what|which)\s+fines\b",
    re.I,
)


_DATING_VERBS_ZH = (_ISSUE_VERBS_ZH, "通过|制定|修订|修正|修改|批准", *_EFFECT_ZH)


@cache
def _dated_zh() -> re.Pattern[str]:
    """A year and 以前/以后 before an act or a genre word: built once, from the vocabulary."""
    return re.compile(_DATED_ZH % "|".join([*_DATING_VERBS_ZH, _document_words_zh()]))


def _take_dated(text: str, f: Filters, r: Reading) -> str:
    """Read a year that dates the documents (2015年以后的条例, laws passed before 2010, 2016年
    发布的文件) into ``dated_after``/``dated_before``, or says when they took effect (2020年以后
    施行, took effect in 2020) into ``effective_after``/``effective_before``; a verb of an act
    (修正, revised, passed) sets ``act``, whose date the year then bounds. The text without it."""
    if m := _dated_zh().search(text):
        side = "before" if m.group(2) in ("以前", "之前", "前") else "after"
        effect = next((w for w in _EFFECT_ZH if text.startswith(w, m.end())), "")
        rest = text[: m.start()] + " " + text[m.end() + len(effect) :]
        return _dated(f, r, m.group(1), side, bool(effect), _acts(text[m.end() :]), rest)
    if m := re.search(_IN_YEAR_ZH % "|".join(_DATING_VERBS_ZH), text):
        effect = next((w for w in _EFFECT_ZH if text.startswith(w, m.end())), "")
        rest = text[: m.start()] + " " + text[m.end() + len(effect) :]
        return _dated(f, r, m.group(1), "in", bool(effect), _acts(text[m.end() :]), rest)
    for m in _DATED_EN.finditer(text):  # "before 2018" alone is a deadline
        if m.group("noun") or m.group("verb") or m.group("effect"):
            side = "after" if m.group("dir").lower() in ("after", "since", "from") else "before"
            # the genre word stays for the genre ("regulations" passed after 2015)
            keep = m.end("noun") if m.group("noun") else m.start()
            rest = text[:keep] + " " + text[m.end() :]
            acts = _acts(m.group("verb") or "")
            return _dated(f, r, m.group("year"), side, bool(m.group("effect")), acts, rest)
    if m := _IN_YEAR_EN.search(text):
        rest = text[: m.start()] + " " + text[m.end() :]
        acts = _acts(m.group("verb") or "")
        return _dated(f, r, m.group("year"), "in", bool(m.group("effect")), acts, rest)
    if m := _of_year_zh().search(text):  # 2016年规划: the plan of 2016
        return _dated(
            f, r, m.group(1), "in", False, None, text[: m.start()] + " " + text[m.end() :]
        )
    if m := _OF_YEAR_EN.search(text):  # the 2016 plan, plans of 2016 (the noun stays: genre)
        if m.group("noun"):
            rest = text[: m.end("noun")] + " " + text[m.end() :]
        else:
            rest = text[: m.start()] + " " + text[m.end() :]
        return _dated(f, r, m.group("year") or m.group("year2"), "in", False, None, rest)
    if (m := _ACTED.search(text)) and _DOCUMENT_NOUNS.search(text):
        f.act = _acts(m.group())  # the verb alone: what comes before it is looked behind
        r.understood.append(f"documents {' or '.join(f.act)} (an act of their history)")
        start = m.start() - next(
            (len(w) for w in ("经过", "经", "被") if text.endswith(w, 0, m.start())), 0
        )
        end = m.end() + text.startswith("过", m.end())  # 修订过
        return text[:start] + " " + text[end:]
    return text


def _acts(verb: str) -> tuple[str, ...] | None:
    """The acts of a history the verb that opens ``verb`` names (修正的法律: amended), if any."""
    for pattern, acts in _ACT_VERBS:
        if pattern.match(verb.lstrip()):
            return acts
    return None


def _dated(
    f: Filters,
    r: Reading,
    year: str,
    side: str,
    effect: bool,
    acts: tuple[str, ...] | None,
    rest: str,
) -> str:
    """Set the filters the year reads into (``side``: before, after or in it); an act's date
    when ``acts`` are named; the question without it."""
    kind = "effective" if effect else "dated"
    if side in ("after", "in"):
        setattr(f, f"{kind}_after", year)
    if side in ("before", "in"):
        setattr(f, f"{kind}_before", year)
    bound = {"after": f"from {year}-01-01", "before": f"by {year}-12-31", "in": f"in {year}"}
    if acts and not effect:
        f.act = acts
        r.understood.append(
            f"documents {' or '.join(acts)} {bound[side]} (an act of their history)"
        )
    else:
        what = "that took effect" if effect else "dated"
        r.understood.append(f"documents {what} {bound[side]}")
    return rest


# --- documents named in the question ---------------------------------------------------------

_QUOTED_TITLE = re.compile(r"《([^》]+)》")
# the year of a document number in other brackets: 国发[2016]31号, 国发(2016)31号
_NUMBER_YEAR = re.compile(
    r"(?<=[\u4e00-\u9fff])[\[［(（【]\s*((?:19|20)\d{2})\s*[\]］)）】](?=\s*\d{1,5}\s*号)"
)
# "compare A and B", A与B有何不同: what ``policykg compare`` answers, when two documents are named
_COMPARE = re.compile(
    r"\b(?:compare|comparing|comparison|differences?|differ|versus|vs)\b"
    r"|比较|对比|对照|区别|差别|差异|异同|不同之处|有何不同|有什么不同",
    re.I,
)
_NOTICE = re.compile(r"关于印发(.+?)的通知$")
_NATIONAL = "中华人民共和国"
_SEZ = "经济特区"  # 深圳经济特区…条例: the rules a special economic zone's congress makes


def _names(document: dict[str, Any]) -> list[str]:
    """How a document's title is spoken of: whole, without 中华人民共和国, the plan a notice
    prints, and with the short name of the place it governs (上海信访条例 for 上海市信访条例; a
    special economic zone's rules without 经济特区: 深圳社会信用条例); and its number."""
    title = document["title"]
    out = [title, title.removeprefix(_NATIONAL)]
    if number := document.get("number"):  # 国发〔2016〕31号, 济南市人民政府令第268号
        out.append(number)
        out.append(number.replace("人民政府令", "政府令"))  # 济南市政府令第268号, as often said
    if m := _NOTICE.search(title):
        out.append(m.group(1).strip('“”"《》'))
    place = (document.get("jurisdiction") or {}).get("label") or ""
    short = _ADMIN_SUFFIX.sub("", place)
    for opening in (place, short + _SEZ):
        if short and short != place and title.startswith(opening):
            out.append(short + title[len(opening) :])
    return [n for n in dict.fromkeys(out) if len(n) >= 4]


def _title_words() -> list[dict[str, Any]]:
    from policykg.graph.vocabularies import load_terms

    return list(load_terms("title-words.ttl"))


def _has_word(title: str, zh: list[str], genre: bool) -> bool:
    """Whether ``title`` holds one of the Chinese words; a one-character genre word (法) only
    at the end of the title (办法, 法规 are not laws)."""
    for w in zh:
        if len(w) == 1 and genre:
            if title.rstrip("）)").endswith(w) and not title.endswith(("办法", "方法")):
                return True
        elif w in title:
            return True
    return False


def _english_document(
    question: str, documents: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], str]:
    """Documents an English phrase names by its title words ("the soil law" is the document
    whose title holds 土壤 and ends with 法), and the question without those words. Needs a
    genre word in the singular (regulations are a kind) and at least one topic word. When no
    title holds every topic word, the most of them that some title holds name it, and the
    others stay in the question ("the 13th five-year plan" of "what does the 13th five-year
    plan say about soil")."""
    q = question.lower()
    taken = [False] * len(q)
    topics: list[tuple[dict[str, Any], list[tuple[int, int]]]] = []
    genres: list[tuple[dict[str, Any], list[tuple[int, int]]]] = []
    for label, term in _english_words(_title_words()):
        spans = _occurrences(q, label, taken)
        genre = "GenreWord" in term["types"]
        if genre:  # "which regulations mention water" asks of a kind, naming no document
            singular = {w.lower() for w in _english_labels(term)}
            spans = [(i, j) for i, j in spans if not _plural(q[i:j], singular)]
        for i, j in spans:
            taken[i:j] = [True] * (j - i)
        if spans:
            (genres if genre else topics).append((term, spans))
    if not topics or not genres:
        return [], question
    for size in range(len(topics), 0, -1):
        for chosen in combinations(topics, size):
            found = [
                d
                for d in documents
                if all(_has_word(d["title"], _chinese_labels(t), False) for t, _ in chosen)
                and any(_has_word(d["title"], _chinese_labels(g), True) for g, _ in genres)
            ]
            if found:
                used = [False] * len(q)
                genre_spans = [s for _, spans in genres for s in spans]
                named = list(genre_spans)
                for _, spans in chosen:  # the water law … drinking water: the nearest names it
                    named.append(
                        min(spans, key=lambda s: min(abs(s[0] - g[0]) for g in genre_spans))
                    )
                for i, j in named:
                    used[i:j] = [True] * (j - i)
                rest = "".join(" " if t else c for c, t in zip(question, used, strict=True))
                return found, rest
    return [], question


def _plural(word: str, labels: set[str]) -> bool:
    """Whether an English ``word`` is the plural of one of ``labels`` (laws, regulations)."""
    return word.endswith("s") and (word[:-1] in labels or word[:-2] in labels)


# "which measures": the word for what ask lists, not the genre 办法 (implementing measures is)
_UNIT_WORDS = {"measure", "measures"}
_DETERMINER = re.compile(r"\b(?:the|which|what|all|any|these|those|its|their|each|every)\s+$")


def _genre_words(text: str, taken: list[bool]) -> list[dict[str, Any]]:
    """Genre words the question uses for a kind of document rather than one document
    ("which laws", 哪些条例 is handled with the text words): English labels in the plural or
    after a determiner, so that "bodies act on dust" names no law. Their characters are
    marked in ``taken``."""
    q = text.lower()
    found = []
    genres = [t for t in _title_words() if "GenreWord" in t["types"]]
    for label, term in _english_words(genres):
        if label in _UNIT_WORDS:
            continue
        for i, j in _occurrences(q, label, taken):
            if " " not in label and j == i + len(label) and not _DETERMINER.search(q[:i]):
                continue
            taken[i:j] = [True] * (j - i)
            if term not in found:
                found.append(term)
    return found


@cache
def _genre_terms() -> tuple[tuple[dict[str, Any], tuple[str, ...]], ...]:
    """Each genre word of the title words with its Chinese labels, longest first."""
    return tuple(
        (t, tuple(sorted(_chinese_labels(t), key=len, reverse=True)))
        for t in _title_words()
        if "GenreWord" in t["types"]
    )


def _genre_of_word(word: str) -> dict[str, Any] | None:
    """The genre word a Chinese text word is (条例, 规划), if it is one."""
    return next((t for t, labels in _genre_terms() if word in labels), None)


def _genre_in_front(word: str) -> tuple[dict[str, Any] | None, str]:
    """The genre word a Chinese text word is, or opens before a particle (条例, 条例对罚款
    after 的), and the text word left after it (罚款), if two characters or more."""
    if term := _genre_of_word(word):
        return term, ""
    for t, labels in _genre_terms():
        for label in labels:
            # a particle after it (条例对罚款), or it opens a word of its own (规划许可)
            if word.startswith(label) and word[len(label) : len(label) + 1] in tuple(_PARTICLES):
                rest = word[len(label) :].strip(_PARTICLES)
                return t, rest if len(rest) >= 2 else ""
    return None, word


def _searched_words(text: str, taken: list[bool]) -> list[str]:
    """The Chinese of the English words a question uses that name no concept, to be looked for
    in the text: the title topics it uses without naming a document ("soil pollution in
    Shandong": 土壤污染; one-character Chinese such as 水 would find too much and is left out)
    and the glossary of ``ontology/text-words-en.ttl`` (fines: 罚款, penalties: 罚), the longest
    English label of either first ("good air days" before "air"). Marked in ``taken``."""
    from policykg.graph.vocabularies import load_terms

    topics = [
        t
        for t in _title_words()
        if "GenreWord" not in t["types"] and len(t["pref"].get("zh", "")) >= 2
    ]
    return _searched_as(text, taken, [*topics, *load_terms("text-words-en.ttl")])


def _glossary_phrases(text: str) -> list[tuple[int, int]]:
    """Where the glossary's phrases of several English words stand in ``text``."""
    from policykg.graph.vocabularies import load_terms

    q = text.lower()
    nowhere = [False] * len(q)
    return [
        span
        for label, _ in _english_words(load_terms("text-words-en.ttl"))
        if " " in label
        for span in _occurrences(q, label, nowhere)
    ]


def _within(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether ``span`` lies inside one of ``spans``."""
    return any(i <= span[0] and span[1] <= j for i, j in spans)


def _searched_as(text: str, taken: list[bool], terms: list[dict[str, Any]]) -> list[str]:
    """The preferred Chinese labels of ``terms`` whose English labels occur free in ``text``,
    longest label first; their characters are marked in ``taken``."""
    q = text.lower()
    out = []
    for label, term in _english_words(terms):
        zh = term["pref"].get("zh", "")
        if not zh:
            continue
        for i, j in _occurrences(q, label, taken):
            taken[i:j] = [True] * (j - i)
            if zh not in out:
                out.append(zh)
    return out


def _english_words(terms: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """(lower-cased English label, term) of every English label of ``terms``, longest first,
    so that "water pollution" is read before "water"."""
    pairs = ((label.lower(), t) for t in terms for label in _english_labels(t))
    return sorted(pairs, key=lambda x: -len(x[0]))


def _english_labels(term: dict[str, Any]) -> list[str]:
    english = [term["pref"]["en"]] if "en" in term["pref"] else []
    return english + [a for a in term["alt"] if a.isascii()]


def _chinese_labels(term: dict[str, Any]) -> list[str]:
    return [term["pref"].get("zh", ""), *(a for a in term["alt"] if not a.isascii())]


def _find_document(
    text: str, documents: list[dict[str, Any]], words: frozenset[str] = frozenset()
) -> tuple[dict[str, Any] | None, str]:
    """The document the question names, and the question without the name; ``words`` are the
    places and pollutants a shortened name may not leave out (see ``_shortened_name``)."""
    titled = [d for d in documents if d.get("title")]
    if m := _QUOTED_TITLE.search(text):
        name = m.group(1).strip()
        hits = [d for d in titled if name in _names(d) or name in d["title"]]
        if not hits:
            raise LookupFailed("document", name)
        return min(hits, key=lambda d: len(d["title"])), text[: m.start()] + " " + text[m.end() :]
    spoken = sorted(((n, d) for d in titled for n in _names(d)), key=lambda x: -len(x[0]))
    for name, d in spoken:
        if (i := text.find(name)) >= 0:
            return d, text[:i] + " " + text[i + len(name) :]
    if shortened := _shortened_name(text, spoken, words):
        d, i, j = shortened
        return d, text[:i] + " " + text[j:]
    english, rest = _english_document(text, titled)
    if english:
        return min(english, key=lambda d: len(d["title"])), rest
    return None, text


# what makes a genre word a kind rather than a name: 哪些条例, 各地的规划
_KIND_BEFORE = re.compile(r"(?:哪些|哪个|哪几个|哪部|各|所有|有关|相关|其他|的)\s*$")


def _cut_at(before: str, after: str) -> int:
    """Where ``after``, ``before`` with a name cut out, first differs from it."""
    return next(
        (i for i, (x, y) in enumerate(zip(before, after, strict=False)) if x != y), len(after)
    )


def _shortened_name(
    text: str, spoken: list[tuple[str, dict[str, Any]]], words: frozenset[str] = frozenset()
) -> tuple[dict[str, Any], int, int] | None:
    """The document a shortened name in ``text`` stands for, and where the name stands: the
    question's characters before a genre word are the name's, in its order, with words left out
    (大气法 for 大气污染防治法, 蓝天保卫战计划 for 打赢蓝天保卫战三年行动计划, 山东土壤条例),
    opening with two of its characters together, and one document alone so named (上海市条例
    names none: every Shanghai regulation is one). A place or pollutant of ``words`` right
    before the name that its title lacks says the question names another document: 济南市扬尘
    污染防治条例 is not the Shandong soil regulation (污染防治条例)."""
    named: dict[tuple[int, int], dict[str, dict[str, Any]]] = {}  # span -> documents by id
    longest = max(map(len, words), default=0)

    def ending(k: int) -> set[str]:
        """The words of ``words`` that end at ``k``: a lookup per length, not a scan of all."""
        return {text[j:k] for j in range(max(0, k - longest), k - 1)} & words

    for genre in _genre_labels():
        for m in re.finditer(re.escape(genre), text):
            found = []  # (where the name starts, the document, whether it is its name)
            for name, d in spoken:
                if not name.endswith(genre) or name.endswith(("办法", "方法")) != (genre == "办法"):
                    continue  # 法 ends laws, not 办法
                i = _subsequence_start(text, m.start(), name[: -len(genre)])
                if i is None:
                    continue
                kind = _KIND_BEFORE.search(text, 0, i)
                if kind and not (  # 深圳的绿色建筑条例: the place its title names, and 的
                    kind.group().strip() == "的"
                    and any(w in d["title"] for w in ending(kind.start()))
                ):
                    continue
                # 济南市扬尘 / 污染防治条例: a place or pollutant the title lacks
                own = not any(w not in d["title"] for w in ending(i))
                found.append((i, d, own))
            # ... and a shorter name inside that one's (边防治安管理条例 in 扬尘污染防治条例)
            other = min((i for i, _, own in found if not own), default=len(text))
            for i, d, own in found:
                if own and i <= other:
                    named.setdefault((i, m.end()), {})[d["id"]] = d
    if not named:
        return None
    (i, j), docs = max(named.items(), key=lambda kv: (kv[0][1] - kv[0][0], -kv[0][0]))
    return (next(iter(docs.values())), i, j) if len(docs) == 1 else None


def _subsequence_start(text: str, k: int, name: str) -> int | None:
    """Where the longest run of ``text`` ending at ``k`` that reads as ``name`` with
    characters left out starts, when it opens with two characters ``name`` holds together."""
    i, at = k, len(name)
    while i > 0:
        found = name.rfind(text[i - 1], 0, at)
        if found < 0:
            break
        i, at = i - 1, found
    while k - i >= 2 and text[i : i + 2] not in name:
        i += 1  # the opening two characters must stand together in the name
    return i if k - i >= 2 else None


# --- what is left: text words ----------------------------------------------------------------


def _text_words(text: str, taken: list[bool]) -> list[str]:
    """Chinese words no vocabulary took, once the question's own words are set aside."""
    free = "".join(" " if t else c for c, t in zip(text, taken, strict=True))
    free = _ASKING.sub(" ", free)
    words = []
    for run_ in _CJK.findall(free):
        for piece in run_.split("的"):
            piece = _unparticled(piece)
            if len(piece) >= 2:
                words.extend(_known_parts(piece))
    return list(dict.fromkeys(words))


def _unparticled(piece: str) -> str:
    """``piece`` without the particles at its ends (对罚款, 罚款吗), but for a known word's own
    character (与 of 公众参与, public participation)."""
    known = _known_words()
    if not any(piece.startswith(w) for w in known):
        piece = piece.lstrip(_PARTICLES)
    if not any(piece.endswith(w) for w in known):
        piece = piece.rstrip(_PARTICLES)
    return piece


def _known_parts(piece: str) -> list[str]:
    """``piece`` cut into words the glossaries know (招标投标监督: 招标投标 and 监督, each looked
    for on its own) when it is made of nothing else; else whole (排污许可证: 证 alone would find
    anything; 规划许可: 规划 alone would be read as plans)."""
    parts, rest = _cut(piece)
    return [piece] if any(rest) else parts


def _cut(piece: str) -> tuple[list[str], list[str]]:
    """The glossary words of ``piece`` from left to right, longest first, and the runs of
    characters between them (empty strings where two words meet)."""
    parts: list[str] = []
    rest, i = [""], 0
    while i < len(piece):
        word = next((w for w in _known_words() if piece.startswith(w, i)), None)
        if word is None:
            rest[-1] += piece[i]
            i += 1
        else:
            parts.append(word)
            rest.append("")
            i += len(word)
    return parts, rest


@cache
def _known_words() -> tuple[str, ...]:
    """The Chinese words of the title words and the English glossary, longest first, but
    the genre words (a genre is read from a whole word only)."""
    from policykg.graph.vocabularies import load_terms

    terms = [*load_terms("title-words.ttl"), *load_terms("text-words-en.ttl")]
    genres = {w for _, labels in _genre_terms() for w in labels}
    words = {t["pref"].get("zh", "") for t in terms} - genres  # 规划 of 规划许可 is no plan
    words |= set(_zh_wordings())  # 欺诈骗保: 欺诈 and 骗保, wordings of 骗
    return tuple(sorted((w for w in words if len(w) >= 2), key=lambda w: (-len(w), w)))


@cache
def _zh_wordings() -> dict[str, str]:
    """Chinese wordings the glossary gives beside its preferred label (处罚, 惩罚 → 罚)."""
    from policykg.graph.vocabularies import load_terms

    return {
        alt: term["pref"]["zh"]
        for term in load_terms("text-words-en.ttl")
        if term["pref"].get("zh")
        for alt in _chinese_labels(term)[1:]
    }


def _held_or_known(backend: Backend, words: list[str], r: Reading) -> list[str]:
    """Chinese text words as asked when some unit holds them; a phrase that none holds
    (通过罚款处罚, 罚款金额最高) gives the known words inside it (罚款) and says what is left
    (通过, 金额最高) was not understood: the query side has no segmenter to cut it. A word of
    four that none holds and that holds no known word is its two halves, when units hold them
    (运输车辆 of 运输渣土…的车辆)."""
    from policykg.graph.measures import _by_text

    out: list[str] = []
    for word in words:
        if len(word) < 3 or not _CJK.fullmatch(word) or _by_text(backend, (word,)):
            out.append(word)
            continue
        parts, rest = _cut(word)
        halves = _halves(word)
        if not parts and len(word) == 4 and all(_by_text(backend, (h,)) for h in halves):
            out.extend(h for h in halves if h not in out)  # 运输车辆: 运输…的车辆
            continue
        if not parts:
            out.append(word)
            continue
        wordings = _zh_wordings()  # a wording found inside is searched as its preferred word
        out.extend(dict.fromkeys(w for w in (wordings.get(p, p) for p in parts) if w not in out))
        r.unknown.extend(piece for piece in rest if len(piece) >= 2)
    # every word must be held: one inside another (罚 of 罚款) asks nothing more
    return [w for w in out if not any(w != o and w in o for o in out)]


def _halves(word: str) -> tuple[str, str]:
    """A four-character word as its two words of two (运输车辆: 运输, 车辆), as most such words
    are made; for one no unit holds whole, when units hold both halves."""
    return word[:2], word[2:]


def _places_government(backend: Backend, found: dict[str, list[str]]) -> str | None:
    """The name of the government of the one place ``found`` holds (济南市人民政府), when the
    body found with it is a government or the governments of a level (the Jinan municipal
    government); the place and the body are then read, as the issuer."""
    places, bodies = found.get("region") or [], found.get("actor") or []
    if len(places) != 1 or not bodies or not _is_division(places[0]):
        return None  # a division has a government; 京津冀 and 长江 have none
    if not run(backend, "government_level", concept=concept_iri(bodies[0])):
        return None
    iri = concept_iri(places[0]).value
    label = _labels(backend, {iri}).get(iri)
    if not label or label == iri:
        return None
    del found["region"], found["actor"]
    return f"{label}人民政府"


def _english_leftovers(text: str, taken: list[bool]) -> list[str]:
    """English words nothing took, but the question's own words and possessives (the 's of
    Jinan's, once Jinan was read as a place)."""
    free = "".join(" " if t else c for c, t in zip(text, taken, strict=True))
    return [
        m.group()
        for m in _ENGLISH_WORD.finditer(free)
        if m.group().lower() not in _ENGLISH_ASKING
        and not m.group().lower().endswith(("'s", "’s"))
        and not (m.group().lower() == "s" and free[m.start() - 1 : m.start()] in ("'", "’"))
    ]


def _either(ids: list[str], backend: Backend) -> str:
    """``镉 (cadmium) or 铅 (lead) (any of them)``: each concept's label and id."""
    labels = _labels(backend, {concept_iri(i).value for i in ids})
    names = [
        labels[concept_iri(i).value]
        + ("" if i.split("/", 1)[1].startswith("x-") else f" ({i.split('/', 1)[1]})")
        for i in ids  # a body outside the vocabulary has a made-up id: its name says it all
    ]
    return " or ".join(names) + (" (any of them)" if len(names) > 1 else "")


def _at_level(
    backend: Backend, text: str, index: list[tuple[str, str, str]], actor: str
) -> tuple[str, str | None, str]:
    """The body ``actor``'s label names after a level word in the question, as ``--actor``
    reads it (市发展改革委 is the development and reform authority at the city's level, not the
    NDRC): its concept id, the name with the level word to filter by (None without one), and
    the level word (市 of 各市发展改革委, 市州 of 各市州人民政府)."""
    q = text.lower()
    for label, concept, _ in index:
        if concept != actor or (i := q.find(label)) < 0:
            continue
        # the longest label found is the name asked: 住房城乡建设主管部门 holds 建设主管部门
        # after 乡, which is no level here
        start = level_word_before(q, i) if i > 0 else None
        if start is not None and not any(q[start : i + len(label)] == w for w, _, _ in index):
            name = text[start : i + len(label)]  # 市发展改革委, not the label 乡镇人民政府
            hits = resolve(backend, "actor", name)
            if len(hits) == 1:
                return short_id(hits[0].value), name, text[start:i].lstrip("本各")
        elif label.isascii() and (en := _EN_LEVEL_BEFORE.search(q, 0, i)):
            # the provincial environmental protection department: 省 before a Chinese name of it
            word = _EN_LEVELS[en.group("level")]
            names = [w for w, c, _ in index if c == actor and not w.isascii()][:3]
            for name in (word + zh for zh in names):
                hits = resolve(backend, "actor", name)
                if len(hits) == 1:
                    return short_id(hits[0].value), name, word
        break
    return actor, None, ""


def read_question(backend: Backend, question: str) -> Reading:
    """The filters a question asks for; ``understood`` is empty when nothing was recognised."""
    from policykg.graph.measures import documents

    f = Filters()
    r = Reading(f)
    text = _NUMBER_YEAR.sub(r"〔\1〕", question.strip())  # 国发[2016]31号 as the store writes it
    text = _take_in_force(text, f, r)
    text = _take_dated(text, f, r)
    text = _take_within(text, f, r)
    text = _take_fine_party(text, f, r)
    text = _take_fine(text, f, r)
    text = _take_due(text, f, r)
    for bound, days, years, last in (
        ("before", _BEFORE_DAY, _BEFORE, True),
        ("after", _AFTER_DAY, _AFTER, False),
    ):
        if getattr(f, bound):  # a span of years set both
            continue
        value, text = _take_day(text, days, last)  # a month or a day, else a year
        shown = value
        if value is None:
            value, text = _take_year(text, years)
            shown = value and f"{value}-{'12-31' if last else '01-01'}"
        if value:
            setattr(f, bound, value)
            r.understood.append(f"deadline {'by' if last else 'from'} {shown}")
    listing = documents(backend)
    index = _label_index(backend)
    names = _name_words(index)
    doc, named = _find_document(text, listing, names)
    if doc is not None and _COMPARE.search(text):
        others = [d for d in listing if d["id"] != doc["id"]]
        other, rest = _find_document(named, others, names)
        at = _cut_at(named, rest)
        if other is None:  # "the air law and the water law": the first took both genre words
            other, rest = _find_document(text, others, names)
            at = _cut_at(text, rest)
        if other is not None:
            # in the order the question names them: the second name found may stand first
            first, second = (other, doc) if at < _cut_at(text, named) else (doc, other)
            r.compared, r.wants = (first["id"], second["id"]), "comparison"
            r.understood.append(f"compare 《{first['title']}》 and 《{second['title']}》")
            return r
    text = named
    if doc is not None:
        f.doc = doc["id"]
        r.understood.append(f"document 《{doc['title']}》")
        if _DOCUMENT_FACTS.search(named) and not _NUMBERED.search(named):
            r.wants, r.every_document = "document", True  # its entry answers, not its units
            r.understood.append("what it is: number, dates, jurisdiction, issuers and history")
            return r
    if _TARGETS.search(text) or _BINDING.search(text):  # 森林覆盖率目标: the indicator's targets
        index = sorted([*index, *_indicator_index(backend)], key=lambda t: (-len(t[0]), t[0], t[1]))
    taken = [False] * len(text)
    for m in _NUMBERED.finditer(text):  # 第二十条, article 20, 第二章: that part, no text word
        kind, numeral = _numbered_part(m)
        r.numbered.append((kind, numeral))
        if kind == "article":
            f.kind = ("article",)
        r.understood.append(f"{kind} {m.group('en') or m.group().replace(' ', '')}")
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    _take(taken, _VERB_ROLES, text)  # "who leads": the role; the metal is "lead" alone
    read = list(taken)  # before any label
    found = _find_labels(backend, text, index, taken)
    if found.get("actor"):  # "does the ministry lead": the role, not the metal (lead, 铅)
        roles = [m for _, p in _ROLES for m in p.finditer(text) if m.group().isascii()]
        if roles:
            taken = [False] * len(text)
            for m in roles:
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            read = list(taken)
            found = _find_labels(backend, text, index, taken)
    if found.get("region") and _ENGLISH_WORD.search(text):
        across, levels = _across_places(text, index, read)
        if across:
            taken = read
            found = _find_labels(backend, text, index, taken)
            found["actor"] = [*across, *(a for a in found.get("actor", ()) if a not in across)]
        if found.get("actor"):
            for k in levels:
                taken[k] = True
    if found.get("pollutant"):
        ids = found["pollutant"]
        f.pollutant = ids[0] if len(ids) == 1 else tuple(ids)
        r.understood.append(f"pollutant {_either(ids, backend)}, with its kinds and groups")
    issued = bool(_ISSUED.search(question))  # "adopt after 2020": the year took the verb
    # "what did the Jinan government issue": that place's government issued them, whatever
    # place their units name (济南市人民政府发布的 reads so in Chinese, one name)
    roles = any(p.search(text) for _, p in _ROLES)
    government = _places_government(backend, found) if issued and not roles else None
    owned = _owning_places(backend, text, index, read) if found.get("region") else []
    if owned and owned == found["region"]:
        # 山东省有哪些法规, Jinan's rules: the documents it governs (Taizhou: 台州 or 泰州)
        f.jurisdiction = owned[0] if len(owned) == 1 else tuple(owned)
        r.understood.append(
            f"place {_either(owned, backend)}: documents governing it or a place inside it"
        )
    elif found.get("region") and len(found["region"]) == 1 and _APPLIES.search(text):
        f.applies_in = found["region"][0]  # which rules apply in Qingdao: Shandong's too
        r.understood.append(
            f"place {_either(found['region'], backend)}: units naming a place inside it or of"
            " a document that applies there, the province's and the nation's included"
        )
        _take(taken, _APPLIES, text)
    elif found.get("region"):
        ids = found["region"]
        f.region = ids[0] if len(ids) == 1 else tuple(ids)
        r.understood.append(
            f"place {_either(ids, backend)}: units naming a place inside it"
            " or of a document that applies there"
        )
    if government:
        f.issuer = government
        r.understood.append(f"documents issued by {government}")
        _take(taken, _ISSUED, text)
    elif issued and found.get("actor") and not roles:
        issuer = found.pop("actor")[0]
        r.understood.append(f"documents issued by {_either([issuer], backend)}")
        if issuer.split("/", 1)[1].startswith("x-"):  # a body outside the vocabulary (省人大
            iri = concept_iri(issuer).value  # 常委会): its name, which graph.issuers reads
            issuer = _labels(backend, {iri}).get(iri, issuer)
        f.issuer = issuer
        _take(taken, _ISSUED, text)
    elif issued and (
        f.dated_after or f.dated_before or f.effective_after or f.effective_before or f.act
    ):
        _take(taken, _ISSUED, text)  # 2015年以后发布的条例: the verb dates, it is no text
    elif issued and found.get("region"):
        _take(taken, _ISSUED, text)  # regulations issued by Guangdong: the place's, no text
    if found.get("actor"):
        actor, name, word = _at_level(backend, text, index, found["actor"][0])
        f.actor = name or actor  # the name keeps its level: 省生态环境厅 is not 市生态环境局
        level = f", at the level {word} names" if name else ""
        if name and (at := text.find(name)) >= 0:  # its level word (各市) is read too
            taken[at : at + len(name)] = [True] * len(name)
        elif name:  # in English (the provincial …), the level word before the name
            for m in _EN_LEVEL_WORD.finditer(text):
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
        r.understood.append(f"body {_either([actor], backend)}{level}")
        for role, pattern in _ROLES:
            if pattern.search(text):
                f.role = role
                r.understood.append(f"role {role}")
                break
    if found.get("instrument"):
        ids = found["instrument"]
        f.instrument = ids[0] if len(ids) == 1 else tuple(ids)
        r.understood.append(
            f"policy instrument {_either(ids, backend)}: units with words that are evidence of it"
        )
    phrases = _glossary_phrases(text)  # "public participation": a topic, not the role
    if asked := _FINES_ASKED.search(text):
        r.wants = "fines"  # each unit's fines, by amount
        r.highest = any(asked.group(g) for g in ("top", "top2", "top3", "top4", "top5"))
        r.understood.append(
            "units with fines stating an amount" + (", the highest first" if r.highest else "")
        )
        f.has = (*f.has, "fines")
        _take(taken, _FINES_ASKED, text)
    elif _TARGETS.search(text) or _BINDING.search(text):
        r.wants = "targets"
        r.understood.append("units with quantitative targets")
        _take(taken, _HOW_MUCH, text)  # 要下降多少, how much … fall: what a target says
        f.has = (*f.has, "targets")  # only their records are read
        if found.get("indicator"):
            from policykg.graph.targets import indicator_ids

            ids = found["indicator"]  # a group (大气环境质量) stands for the indicators under it
            r.indicators = frozenset(i for c in ids for i in indicator_ids(backend, c))
            r.understood.append(f"targets on the indicator {_either(ids, backend)}")
        if kind := _BINDING.search(text):  # 约束性指标, which targets are binding
            r.binding = kind.group("expected") is None
            r.understood.append("binding targets" if r.binding else "expected targets")
            _take(taken, _BINDING, text)
        for m in _YEAR.finditer(text):  # "targets for 2020", 2020年的目标: the target year
            if not any(taken[m.start() : m.end()]):
                r.year = int(m.group(1))
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                r.understood.append(f"targets for {r.year}")
                break
        _take(taken, _TARGET_CHANGE, text)
    elif _INSTRUMENTS_ASKED.search(text):
        r.wants = "instruments"  # each unit's instruments, and how often each is used
        if not f.instrument:
            f.has = (*f.has, "instruments")
            r.understood.append("units using policy instruments")
        _take(taken, _INSTRUMENTS_ASKED, text)
    elif _DEADLINES.search(text) and not (f.before or f.after):
        r.wants = "deadlines"
        r.understood.append("units with deadlines")
        for m in _YEAR.finditer(text):  # "deadlines for 2020", 2020年的期限: due in that year
            if not any(taken[m.start() : m.end()]):
                f.after = f.before = m.group(1)
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                r.understood[-1] = f"units with deadlines in {f.after}"
                break
        else:
            f.has = (*f.has, "deadlines")
    elif not f.actor:  # "who is responsible for …", 哪些部门负责: the bodies are the answer
        verbs = {m.span() for m in _VERB_ROLES.finditer(text)}
        roles = [
            role
            for role, pattern in _ROLES
            for m in pattern.finditer(text)
            # "lead" read as the metal is no role; "leads" was set aside as one
            if (m.span() in verbs or not any(taken[m.start() : m.end()]))
            and not _within(m.span(), phrases)
        ]
        if roles or _WHO.search(text):
            r.wants, r.role = "actors", (roles[0] if roles else None)
            if r.role:  # the units where some body plays it
                f.role = r.role
            else:
                f.has = (*f.has, "actors")
            r.understood.append(f"units naming bodies{f' ({r.role})' if r.role else ''}")
    for pattern in (_TARGETS, _DEADLINES, _WHO):
        _take(taken, pattern, text)
    for _, pattern in _ROLES:  # a role word inside a glossary phrase is left for the phrase
        for m in pattern.finditer(text):
            if not _within(m.span(), phrases):
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    genres: list[dict[str, Any]] = []
    if doc is None:  # "which laws": a kind of document, not one
        genres = _genre_words(text, taken)
    topics = _searched_words(text, taken)  # soil, fines: 土壤, 罚款
    words = []
    for w in _text_words(text, taken):
        term, w = _genre_in_front(w)  # 哪些条例规定了罚款, 条例对罚款: regulations, not 条例
        if term is not None and term not in genres:
            genres.append(term)
        if w and w not in topics:
            words.append(w)
    wordings = _zh_wordings()  # 处罚 is searched as 罚: the articles write 处…罚款
    words = list(dict.fromkeys(wordings.get(w, w) for w in words))
    words = [*topics, *_held_or_known(backend, words, r)]
    if genres:
        ids = sorted({g for t in genres for g in t["props"].get("genre", [])})
        f.genre = ids[0] if len(ids) == 1 else tuple(ids)
        r.understood.append(f"documents of genre {' or '.join(ids)}")
    if words:
        f.text = tuple(words)
        both = " (all of them)" if len(words) > 1 else ""
        r.understood.append(f"text containing {' and '.join(words)}{both}")
    r.unknown = [*r.unknown, *_english_leftovers(text, taken)]
    if r.wants == "measures" and _asks_for_documents(question, f):
        r.wants = "documents"
    if not r.understood and _asks_for_every_document(question):
        r.wants, r.every_document = "documents", True
        r.understood.append("every document")
        r.unknown = []
    if len(r.understood) > 1:
        r.understood.append("all of these must hold")
    if r.understood and r.unknown:
        r.understood.append(f"not understood: {', '.join(r.unknown)}")
    return r


# a question that asks for documents (哪些文件, 国务院印发的文件, which laws, regulations issued
# by …) and no unit word (条款, 措施, articles, measures)
_DOCUMENTS_ZH = "文件|法规|法律|条例|规划|计划|方案|政策|办法|意见|通知|决定"
_DOCUMENTS_EN = (
    r"documents?|laws?|regulations?|rules|plans?|polic(?:y|ies)|guidelines?|notices?|acts"
)
_DOCUMENT_NOUNS = re.compile(rf"{_DOCUMENTS_ZH}|\b(?:{_DOCUMENTS_EN})\b", re.I)
_UNIT_NOUNS = re.compile(
    r"条款|条文|哪条|哪几条|措施|任务|内容|段落|"
    r"\b(?:articles?|measures?|provisions?|clauses?|units?|tasks?|paragraphs?|sections?|say|says)\b",
    re.I,
)


# documents asked for outright: 哪些文件…, 哪部法律…, which regulations …, what plans …
_WHICH_DOCUMENTS = re.compile(
    r"(?:哪些|哪几|哪一?[个部份项])(?:个|部|份|项)?(?:地方性|地方|省级|市级|国家级?|部门|行政)?"
    rf"(?:{_DOCUMENTS_ZH}|规章)"
    r"|\b(?:which|what)\s+(?:(?:local|national|provincial|municipal|city)\s+)?"
    rf"(?:{_DOCUMENTS_EN})\b",
    re.I,
)


def _asks_for_documents(question: str, f: Filters) -> bool:
    """Whether the question asks which documents (which documents were issued by the State
    Council, 哪些法规由省人大常委会通过, rules in force in 2010, 山东省有哪些法规): it names
    documents and no unit, and either filters only what documents are (issuer, genre, dates,
    in force, the place governed or named), or asks for documents outright, whatever their
    units say (哪些文件提到了排污许可, which regulations mention dust: each document with its
    units counted)."""
    if f.doc or _UNIT_NOUNS.search(question):
        return False
    on_documents = f.issuer or f.genre or f.dated_after or f.dated_before
    on_documents = on_documents or f.effective_after or f.effective_before or f.in_force
    on_documents = on_documents or f.act  # which laws were amended in 2018
    on_documents = on_documents or f.applies_in  # which rules apply in Qingdao
    on_documents = on_documents or f.jurisdiction  # 山东省有哪些法规, Shandong's regulations
    on_documents = on_documents or f.region  # 山东省有哪些法规, which documents mention Hunan
    on_units = f.pollutant or f.actor or f.instrument or f.text or f.before or f.after
    on_units = on_units or f.fine_at_least or f.fine_party
    if on_units:
        return bool(_WHICH_DOCUMENTS.search(question))
    return bool(on_documents and _DOCUMENT_NOUNS.search(question))


# "list all documents", "how many documents are there", 有哪些文件: the store's documents
_EVERY_DOCUMENT_NOUN = re.compile(r"\bdocuments?\b|文件|文档", re.I)
_EVERY_DOCUMENT_FILLER = re.compile(
    r"\b(?:list|show|me|all|the|which|what|are|is|there|how|many|in|this|store|graph|corpus"
    r"|loaded|do|you|have|of)\b|有哪些|哪些|所有|全部|列出|显示|多少|一共|共有|都有|有|个|份|的|都"
    r"|请|[？?。.!！,，\s]",
    re.I,
)


def named_article(backend: Backend, text: str) -> tuple[str, str] | None:
    """(document id, article number as written) when ``text`` names a document and one of its
    articles (土壤污染防治法第二十条, article 20 of the soil law), as a question would."""
    from policykg.graph.measures import documents

    doc, rest = _find_document(text, documents(backend))
    m = _NUMBERED.search(rest)
    if doc is None or m is None:
        return None
    kind, numeral = _numbered_part(m)
    return (doc["id"], numeral) if kind == "article" else None


def is_numbered(numeral: str, number: int) -> bool:
    """Whether ``numeral`` (二十 or 20, as a question writes it) is ``number``."""
    return numeral in (str(number), cn_number(number))


def _asks_for_every_document(question: str) -> bool:
    """Whether the question only asks which documents there are, naming none of them: the
    answer lists each one, with how many units it has (none, for one that is only its header)."""
    rest = _EVERY_DOCUMENT_NOUN.sub(" ", question)
    return rest != question and not _EVERY_DOCUMENT_FILLER.sub("", rest)


def _take(taken: list[bool], pattern: re.Pattern[str], text: str) -> None:
    """Mark the characters of every match of ``pattern`` as read."""
    for m in pattern.finditer(text):
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())


def answers_target(
    indicator: str | None,
    binding: bool | None,
    indicators: frozenset[str] | None,
    asked_binding: bool | None,
) -> bool:
    """Whether a target on ``indicator``, ``binding`` or not, answers a question about targets:
    it is on one of the ``indicators`` asked about (when some were) and binding or expected as
    asked (when that was)."""
    if indicators and indicator not in indicators:
        return False
    return asked_binding is None or binding is asked_binding


def answers_who(actor_role: str | None, asked: str | None) -> bool:
    """Whether a body in ``actor_role`` answers "who": in the role asked, or in any role but a
    bare mention when none was asked."""
    return actor_role == asked if asked else actor_role != "mentioned"


def answer(backend: Backend, question: str) -> tuple[Reading, list[dict], str]:
    """How ``question`` reads, the ``measures`` items that answer it (for "list all
    documents", the documents' listing rows), and the SPARQL that found them (bound values as
    comments); ``PolicyKGError`` with what can be asked when nothing in it was understood."""
    from policykg.errors import PolicyKGError
    from policykg.graph.measures import items
    from policykg.graph.sparql import Tracing

    traced = Tracing(backend)
    reading = read_question(traced, question)
    if not reading.understood:
        raise PolicyKGError(f"I could not read {question!r}.\n{CAN_ANSWER}")
    traced.log.clear()
    if reading.compared:  # what the two documents share and where they differ
        from policykg.graph.compare import compare

        return reading, [compare(traced, *reading.compared)], traced.render()
    if reading.every_document:  # the documents' listing answers: no unit's record is read
        from policykg.graph.measures import documents

        rows = documents(traced)
        if reading.wants == "document":  # what one document is: its entry alone
            rows = [d for d in rows if d["id"] == reading.filters.doc]
        return reading, rows, traced.render()
    # what the question asks for (units with targets, bodies in a role) only narrows the units
    # read; the reading says it, so the reasons do not repeat it on every row
    own = {"has"} | ({"role"} if not reading.filters.actor else set())
    try:
        rows = [_without(r, own) for r in items(traced, reading.filters) if _answers(r, reading)]
    except LookupFailed as e:
        if e.kind != "issuer":
            raise
        # a body the question names that issued none of these documents: no unit, said so
        rows = []
        reading.understood.append("no document here was issued by that body")
    sparql = traced.render()
    if reading.highest:  # the highest fine in yuan first (for the party asked about)
        rows.sort(key=lambda r: -_highest(r, reading.filters.fine_party))
    if not rows:
        reading.alone = _alone(backend, reading.filters)
    elif reading.filters.act:  # which acts of each document's history answered (revised 2015)
        rows = _with_acts(backend, reading.filters, rows)
    return reading, rows, sparql


def _highest(item: dict[str, Any], party: str | None) -> float:
    """The most a unit's fines (for ``party``) can be in yuan: a fine's cap, else its floor (a
    floor with no cap reaches at least that); -1 for a multiple of a base, or none."""
    fined = (f for f in item.get("fines") or () if names_party(f.get("party"), party))
    sums = (f.get("maximum", f.get("minimum")) for f in fined)
    return max((float(v) for v in sums if v is not None), default=-1.0)


def _with_acts(backend: Backend, f: Filters, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with the acts of their document's history that the question asked for in
    ``matched`` (amended 2018-10-26): the document's own date may be a later act's."""
    from policykg.graph.measures import acts_of, documents

    acts = acts_of(documents(backend), f)
    return [
        {**r, "matched": {**(r.get("matched") or {}), "act": acts.get(r["source"]["document"], [])}}
        for r in rows
    ]


def _without(item: dict[str, Any], reasons: set[str]) -> dict[str, Any]:
    """``item`` without the ``reasons`` named in what it matched."""
    why = {k: v for k, v in (item.get("matched") or {}).items() if k not in reasons}
    out = {k: v for k, v in item.items() if k != "matched"}
    return {**out, "matched": why} if why else out


def _answers(item: dict[str, Any], reading: Reading) -> bool:
    """Whether a unit that passed the filters answers what the question wants."""
    for kind, numeral in reading.numbered:  # the article itself, or the chapter above it
        places = [(item.get("kind"), item.get("number"))]
        if kind != "article":
            places = [(p.get("type"), p.get("number")) for p in item.get("parents") or ()]
        if not any(k == kind and n is not None and is_numbered(numeral, n) for k, n in places):
            return False
    if reading.wants == "actors":  # its own bodies, and those an earlier note names for it
        bodies = [*item["actors"], *item.get("standing_duties", ())]
        return any(answers_who(a.get("role"), reading.role) for a in bodies)
    if reading.wants in ("targets", "deadlines") and not item[reading.wants]:
        return False
    targets = [
        t
        for t in item["targets"]
        if answers_target(
            (t.get("indicator") or {}).get("id"),
            t.get("binding"),
            reading.indicators,
            reading.binding,
        )
    ]
    if (reading.indicators or reading.binding is not None) and not targets:
        return False
    return reading.year is None or any(t.get("year") == reading.year for t in targets)


def _alone(backend: Backend, f: Filters) -> list[tuple[str, int]]:
    """When filters that must all hold leave nothing: how many units each one keeps on its
    own, so that the reader sees which part of the question the documents do not meet."""
    from dataclasses import fields

    from policykg.graph.measures import documents, iter_records

    given = [
        (x.name, getattr(f, x.name))
        for x in fields(f)
        if x.name not in ("role", "exact", "overlapping", "kind") and getattr(f, x.name)
    ]
    if len(given) < 2:
        return []
    out = []
    for name, value in given:
        one = Filters(**{name: value})
        if name == "actor":
            one.role = f.role
        if name == "actor" and "/" not in value:  # a body named with its level: 市发展改革委
            shown = value
        elif name in ("pollutant", "region", "jurisdiction", "actor", "instrument") or (
            name == "issuer" and "/" in value
        ):  # concept ids: their labels
            iris = [concept_iri(v).value for v in _values(value)]
            labels = _labels(backend, set(iris))
            shown = " or ".join(labels[i] for i in iris)
        elif name == "doc":
            titles = {d["id"]: d.get("title") for d in documents(backend)}
            shown = f"《{titles.get(value) or value}》"
        else:
            shown = " ".join(str(v) for v in _values(value))
        try:
            count = sum(1 for _ in iter_records(backend, one))
        except LookupFailed:  # an issuer of no document
            count = 0
        out.append((f"{name.replace('_', ' ')} {shown}", count))
    return out


def _values(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, tuple) else (value,)
