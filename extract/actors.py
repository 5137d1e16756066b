"""Actors: the state bodies a policy text names, and the role the text gives each of them.

Chinese names a body by stacking parts (level + remit + head) and lets a list of remits share
one head (农业农村、林业草原等主管部门), so matching runs in three layers:

1. vocabulary labels (ontology/actors.ttl), leftmost-longest on characters, so that
   县级以上地方人民政府生态环境主管部门 is one actor and not 人民政府 + 生态环境主管部门;
2. remit groups: a level (国务院, 县级以上人民政府, 省级 ...) in front of remits that share a
   head; each remit becomes its own actor, since each is a separate addressee of the duty;
3. a general pattern for bodies outside the vocabulary (自贸试验区管理机构, 山东省人民政府),
   held to jieba word boundaries and an anchor, because 东部, 局部, 干部, 部署 end like bodies.

A remit named by its pre-reform wording (环境保护行政主管部门, pkg:formerLabel in the vocabulary)
is the current body's remit and keeps the wording as ``former_name``. Labels never start with
the preposition or verb in front of them: 由市水行政主管部门 is the 水行政主管部门 at the city
level (市, a bare level word, counts only after such a word or punctuation).

Roles come from the words around each list of actors: the State Council's task notes
（A牵头，B、C等参与） and （A、B按职责分工负责）, 会同 (lead + participant), 由 and clause
subjects (responsible); anything else is "mentioned".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from copy import copy
from dataclasses import dataclass, replace
from functools import cache
from itertools import chain, islice, pairwise
from operator import attrgetter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from policykg.extract.admin_divisions import is_municipality
from policykg.extract.layout import IDEOGRAPHS
from policykg.extract.numbers import uncited
from policykg.extract.prefilter import longest_first, starting_with
from policykg.extract.regions import governing
from policykg.extract.spans import add_spans, doc_text, token_bounds
from policykg.extract.tokenizer import dictionary_tags, is_word

# Heads that close a remit in running text ("生态环境" + "主管部门", "海事" + "管理机构").
_HEADS = ("监督管理部门", "主管部门", "管理部门", "主管机构", "管理机构", "执法机构", "部门")
# What a label loses to give its remit: 市场监督管理部门 -> 市场监督管理, because lists share
# only the generic part (市场监督管理、生态环境等部门).
_STEM_HEADS = ("主管部门", "主管机构", "部门", "机构")
# Heads specific enough to name a body after an unknown remit (供水主管部门, 海事管理机构).
_STRONG_HEADS = frozenset(_HEADS) - {"部门"}
# Stems of the "relevant departments" labels are not remits.
_NOT_STEMS = frozenset({"有关", "其他有关", "相关", "各有关", "其他", "有关主管", "其他有关主管"})

# Between two actors of one list; 等 closes a list with the kind its items are of (工会、妇联等
# 社会团体, 气象主管机构等有关部门), which shares their part in the clause.
_CONJ = re.compile(
    r"(?:、|和|与|及|以及|及其|或者|或|、以及|等)?(?:其他|其)?(?:(?:相关|有关)的?)?"
    r"(?:[地县]级(?:及以上)?)?"  # 地级及以上城市人民政府和县级城市政府: the second's level
)
_REMIT_CONJ = frozenset({"、", "和", "及", "与", "以及"})
_JOINS = ("和", "及", "、", "与")  # one character between two bodies of a list
# A list of departments by their remits, closed by the head they share: 经济信息、城乡建设、交通、
# 外经贸、移民、林业、园林等部门. Every item is a department, known to the vocabulary or not.
_LIST_CLOSE = r"等(?:有关|相关)?部门"
_DEPARTMENT_LIST = re.compile(
    rf"((?:[\u4e00-\u9fff]{{2,8}}、){{2,}}[\u4e00-\u9fff]{{2,8}}){_LIST_CLOSE}"
)

# Character pairs that close a label into a different word: 财政部署 is not 财政部.
_RUN_ON = frozenset(
    {"部署", "部分", "部位", "部件", "部落", "局面", "局势", "局限", "委托", "委派"}
)

# Nouns that a short 政府 (政府, 地方政府, 省政府) qualifies rather than stands for a body with:
# 政府投资项目, 政府采购, 政府信息公开, 政府指导价 (人民政府 + 投资 is a government investing).
_QUALIFIED = (
    "投资", "采购", "信息", "指导价", "定价", "购买", "补贴", "性", "引导", "规章", "债务", "网站",
    "资金", "预算", "公报", "数据",
)  # fmt: skip

# Jieba pieces that cannot be part of a body's name (the left edge of an unknown name).
_STOP = frozenset(
    "由 向 对 经 与 和 及 或 或者 以及 及其 并 应当 应 会同 报 报请 的 在 其 其他 该 本 各 有关 相关 同 "
    "同级 本级 上级 下级 确定 指定 委托 督促 组织 按照 依照 根据 配合 协调 加强 支持 鼓励 要求 接受 "
    "负责 不同 通知 告知 征求 等 以上 以下 所在地 当地 设立 建立 提请 请 将 把 为 是 所属 承担 批准 "
    "各自 会同 有权 没有 作出 依法 设区 职责 省级 市级 县级 地方 各级 跨 牵头 参与 "
    "规定 安排 以 从 不得 担任 报送 送交 提交 交由 移送 通报 "
    # what a law does to a body, in front of its name: 选举业主委员会, 移交评标委员会
    "选举 产生 成立 组建 更换 撤销 增补 任免 召开 听取 抽取 询问 给予 作为 参选 预留 公开 认为 "
    "派出 进入 超过 采用 征得 协助 指导 处理 办理 完成 决定 认定 实行 执行 简称 所在 需要 印发 "
    "移交 交回 转交 原 到 指 提出 落实 连同 设置 下设 取得".split()
)
# Suffixes of body names outside the vocabulary. Strong ones need only a stem in front.
_STRONG_SUFFIXES = ("委员会", "办公室", "领导小组", "总局", "管理局", "检察院", "法院")
# 办 is an office's short name (国务院法制办, 省扶贫办, 市文明办: X办公室), anchored as the weak
# ones are: by 国务院, a place or a level word in front
_WEAK_SUFFIXES = (
    "人民政府",
    "政府",
    "分局",
    "分署",
    "机关",
    "海关",
    "局",
    "厅",
    "委",
    "署",
    "部",
    "办",
)
# Suffixes of bodies and organisations that count only as the subject of a duty (行政执法监督机构
# 履行…, 市医疗保障经办机构会同…, 行业协会应当…): 中心 and 组织 name other things too (市中心).
_SUBJECT_SUFFIXES = ("机构", "中心", "协会", "组织")
_SUFFIX_ENDS = re.compile(
    f"[{''.join(sorted({s[-1] for s in _STRONG_SUFFIXES + _WEAK_SUFFIXES + _SUBJECT_SUFFIXES}))}]"
)
# a body's own offices, named after it (市人民政府办公厅, 常务委员会办公厅)
_OFFICES = ("办公厅", "办公室", "秘书处", "研究室")
# what follows an office's short name (扶贫办牵头, 省扶贫办、省财政厅), not the object of 办
# (市政府办医主体: the bodies that run hospitals)
_OFFICE_AFTER = re.compile(
    r"$|[^\u3400-\u9fff]|[等和及与同对在将的]|牵头|负责|会同|应|要|按|配合|参与|协助|依|根据|组织|统筹"
    r"|指导|联合|作为|印发|制定|发布"
)
# what a clause's subject is followed by when it carries a duty or power
_DUTY_AFTER = re.compile(r"等?(?:应当|应|负责|可以|会同|有权|不得|须|必须|依法|履行|按照|依照)")
# Words that end like a body but are not one (cf. _RUN_ON for the other side).
_NOT_BODIES = frozenset(
    "内部 局部 全部 干部 东部 西部 南部 北部 中部 外部 底部 顶部 头部 腹部 根部 上部 下部 前部 后部 "
    "俱乐部 大局 格局 布局 当局 结局 全局 开局 时局 政局 残局 大厅 客厅 餐厅 展厅 门厅 部署 "
    "总部 本部 支部 各部 该部 本局 该局 各局 "
    # doing, not an office: 举办, 交办, 挂牌督办, 一网通办, 喜事简办
    "举办 开办 创办 兴办 主办 承办 协办 合办 试办 筹办 申办 停办 经办 代办 包办 帮办 督办 交办 转办 "
    "批办 分办 会办 查办 惩办 法办 补办 照办 通办 网办 简办 自办 民办 公办 即办 快办 首办 领办 待办 "
    "好办 难办 怎么办 本办 该办".split()
)
# ... nor is a longer word ending in one of them (空间布局, 领导干部, 政务服务大厅); 支部 and 总部 end
# real bodies (党支部), so they count only as whole words
_NOT_BODY_TAILS = tuple(sorted(_NOT_BODIES - {"俱乐部", "总部", "本部", "支部"}))
_DISTRIBUTIVES = frozenset("各级 各类 各种 各项 各地 各方 各个 各省 各市 各县 各区".split())
_ANCHORS = ("中华人民共和国", "国务院", "国家", "中国", "中央", "全国", "最高")
# a level's Party committee, whose departments are bodies as a government's are: 市委宣传部,
# 省委组织部, 县委政法委 (not 市委员会: a committee's own name)
_PARTY_COMMITTEE = re.compile(r"[省市县区州旗乡镇]委(?!员)")  # (in a name's first characters)
_PLACE_END = ("省", "市", "县", "自治区", "自治州", "区", "州", "盟", "旗", "乡", "镇")
_NOT_PLACES = frozenset(
    "各省 本省 全省 该省 外省 城市 本市 全市 各市 该市 超市 上市 本县 全县 各县 该县 地区 园区 城区 "
    "社区 山区 景区 辖区 市区 郊区 本区 全区 各区 新区 开发区 试验区 自贸区 保护区 示范区 功能区 "
    "重点区 限制区 禁止区 控制区 县区 市县 乡镇 城镇 村镇 集镇 各乡 本乡".split()
)
_LEVEL_CHARS = ("省", "市", "县", "区", "乡", "镇", "自治")
_BODY_LAST = frozenset("局厅委部办院会署府处室所站队")  # a body's last character: 和 after
# one joins two bodies (人民政府和社区居民委员会), inside a name it joins two remits (工业和信息化局)
_BARE_LEVEL = frozenset("省市县区乡镇")  # level words made only of these need a clear left edge
# Single-character words after which a bare level word stands on its own: 由市, 向省, 经县.
_LEAD = frozenset(w for w in _STOP if len(w) == 1)
# Prepositions and verbs that jieba glues to the word after them (由市, 对本, 报原, 向区), and
# what they get glued to: a bare level word or a determiner.
_PREPOSITIONS = frozenset("由向对经在从报将把为同到")
_GLUED = _BARE_LEVEL | frozenset("本原该各")
# the characters of a run of levels that jieba may glue to 各: 各县区, 各县市, 各市 / 州
_LEVEL_RUN = _BARE_LEVEL | frozenset("州")

# A level with the other kinds of place at that level in brackets: 县（市、区）, 乡（镇）, 村（居）,
# 省（自治区、直辖市）. Bodies are read with the brackets left out (县人民政府, 乡镇人民政府 is
# 乡人民政府, 村民委员会) and keep every original character of their name.
_LEVEL_WORD = r"(?:自治区|自治州|自治县|直辖市|街道|特区|新区|[省市县区乡镇州村居旗盟])"
_ALTERNATIVES = re.compile(
    rf"(?<=[省市县区乡镇州村居旗盟])[（(]{_LEVEL_WORD}(?:[、，,]{_LEVEL_WORD})*[）)]"
)

# The kinds of body whose label after a place or level word names that place's body: 上海市能源局,
# 市公安局, 市人民代表大会常务委员会 (not the national one, nor every one)
_BODY_TYPES = frozenset(("StateBody", "Legislature", "Judiciary"))

# Roles in the State Council's task notes, e.g. （环境保护部牵头，发展改革委等参与）.
_NOTE_ROLES = (
    ("lead", re.compile(r"(?:负责)?牵头(?:负责)?")),
    ("participant", re.compile(r"(?:按职责分工)?(?:参与|配合|参加|协助|协同)(?:落实)?")),
    (
        "responsible",
        re.compile(r"(?:按职责分工|按职责|分别|共同|按照职责分工)?(?:负责(?:落实|实施)?|落实)"),
    ),
)
_NOTE = re.compile(r"（([^（）]*)）")
# what may open a note's clause before its bodies: 以下均需地方各级人民政府落实, 由省财政厅负责;
# 各地区 names the local governments, no one body (各地区、各有关部门按职责分工负责)
_NOTE_HEAD = re.compile(r"(以下(?:各项任务)?)?(?:均|都)?(?:需要|需|须|由)?(?:各地区|各地)?、?")
_NOTE_CLAUSE = re.compile(r"[^，；。,;]+")
_LEAD_AFTER = re.compile(r"等?[，,]?(?:应当|应|可以|要|须|并|负责)?会同")
# the bodies a body acts with, named after 会同 (会同同级有关部门); the bodies it organises for a
# task take part in it too (应当组织环境保护等部门，对…进行调查评估), unless no task follows: a body
# organised with none is set up (组织调查委员会，由…; 组织工会的权利)
_WITH = r"(?:所在地|当地|同级|本级|其他有关|各有关|有关|其他|相关|各)?$"
_PART_BEFORE = re.compile(r"会同" + _WITH)
_ORGANISED_BEFORE = re.compile(r"组织" + _WITH)
_NO_TASK_AFTER = re.compile(r"[，,]由|[的之或。；;]|$")
_LEAD_TAIL = re.compile(r"等?牵头")
_PART_TAIL = re.compile(r"等?(?:参与|配合|参加|协助)")
_CLAUSE_START = re.compile(
    r"(?:^|[。；：！？\n，,;:!?）]|第[零〇一二三四五六七八九十百千]+[条章节])[\s\u3000]*"
    r"(?:本(?:省|市|县|区|自治区|自治州|自治县))?"  # 本市各级人民政府: the area's own bodies
    r"(?:由|并由|应由|应当由|各|并|同时|另|其中|有关|各有关|对此)?"
    r"(?:各类|各种|(?:[\u4e00-\u9fff、]{1,8}等)?相关|其他|其他有关|其他相关)?"  # 相关行业协会应当…,
    # 各类食品行业协会应当…, 医药等相关行业协会依法制定…
    # 地级及以上城市人民政府, 县级城市人民政府 (the body 城市人民政府): which cities' bodies
    r"(?:[地县]级(?:及?以上)?(?:城市)?)?"
    r"(?:设区的)?(?:[省市县区乡镇][、和])*"  # 市、区人民政府: levels sharing the body's name
    r"[“\"‘「]?$"  # a body named in quotes: “一府两院”应当…
)
_AGENT_BEFORE = re.compile(r"(?:由|并由|应由|应当由|可以由|均由|统一由)(?:有关|相关)?$")
# the labels of an action plan's task lists: 牵头单位：A；配合单位：B、C；责任单位：D
_LABEL_END = r"[：:]\s*(?:各有关|各|有关)?$"  # 责任单位：各设区市人民政府
# between two lists of bodies under one label: a comma (市发展改革委，各区县人民政府)
_LABEL_GOES_ON = re.compile(r"[，,]\s*(?:各有关|各|有关)?")
_LABELLED_ROLES = (
    ("lead", re.compile(r"(?:牵头|主责|主办)(?:单位|部门)" + _LABEL_END)),
    ("participant", re.compile(r"(?:配合|参与|协办|协助)(?:单位|部门)" + _LABEL_END)),
    ("responsible", re.compile(r"(?:责任|负责|实施|落实)(?:单位|部门|主体)" + _LABEL_END)),
)
_DUTY_HOLDER = starting_with(
    "其负具有承依县地本人",
    r"(?:其他)?(?:(?:负有|具有|有|承担)(?:(?!部门|负有)[\u4e00-\u9fff]){2,24}?"
    r"(?:监督管理|管理|监管|监督)职责|依照本法规定行使监督管理权)的(?:部门|机构)"
    r"|(?:县级以上地方|县级以上|地方|本级)?人民政府确定的监督管理部门",
)
# A branch of a named body: 中国人民银行上海总部, 海关总署广东分署.
_BRANCH = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:总部|分行|分署|分局|中心支行|支行|营业管理部|派出机构)"
)
_MODAL_AFTER_COMMA = re.compile(
    r"，(?:应当|应|有权|可以|要|须|必须|负责|分别|依法|在各自|按照|依照|依据|根据)"
)
# Parties that share the bodies' clause as its subject: 公安、民政等部门和单位应当…, 人民法院、
# 仲裁机构及有关部门在…, 各级人民政府及其有关部门和社会团体、企业、事业等单位应当…
_PARTY = r"(?:其他)?(?:有关|相关)?(?:[\u4e00-\u9fff]{0,6}?(?:单位|组织|机构|团体|企业)|个人)"
_CO_SUBJECT = re.compile(rf"(?:(?:和|及|以及|与|、|或者|或){_PARTY})+")
# ... and between two bodies of one list: 人民法院、仲裁机构及有关部门
_LIST_PARTY = re.compile(
    rf"(?:、|和|及|以及|与|或者|或){_PARTY}(?:、|和|及|以及|与|或者|或)(?:其他)?"
)
# What a body's name qualifies when it is not the subject: its staff and officers (工作人员,
# 副市长, 秘书长), its offices and rules (办公厅, 议事规则), its departments (组成部门). Its
# meeting (业主大会会议选举…, 常委会会议审议…) is the body acting.
_OF_BODY = re.compile(
    r"等?(?:主要|代理)?(?:工作人员|组成人员|人员|成员|负责人(?!民)|委员(?!会)|主席|副主席|书记"
    r"|主任|副主任|(?:副)?(?:省|市|县|区|乡|镇|秘书|局|院|检察|庭|厅|部|处|科|会|所|站|队)长"
    r"|办公厅|办公室|议事规则|组成部门|所属部门|工作机构|派出机构|职能部门|各?分院)"
)
# A list item that states a condition (（三）业主大会成立后，未能选举产生业主委员会的；): its bodies
# are what the condition is about, not who must act.
_ITEM = re.compile(r"[（(][一二三四五六七八九十]+$")
_DEFINES = re.compile(r"包括|是指|系指|指的是")
# The level and first remit of a department named after two (市住房保障和 / 房地产管理部门), and
# what may stand right before its level
_JOINT_REMIT = re.compile(r"([省市县区])([\u4e00-\u9fff]{2,4})和$")
_BEFORE_LEVEL = frozenset("由同本与及和或的向经")
# A duty shared with the bodies after 与: A，与B、C等有关部门，按照职责分工共同做好… (each acts)
_JOINT_AFTER = re.compile(r"[，,]?[^。；]{0,12}?共同")
_JOINTLY_WITH = re.compile(r"[，,]?与[^。；，,]{1,60}" + _JOINT_AFTER.pattern)
_CLOSING_QUOTES = frozenset('”"’」')
_NOT_PREDICATE = frozenset("的之所、，。；：,;:（）() \u3000\n和与及或")


def _is_han(text: str) -> bool:
    return IDEOGRAPHS.fullmatch(text) is not None


def _suffix(word: str, suffixes: tuple[str, ...]) -> str | None:
    """The first of ``suffixes`` that ``word`` ends with; most words end with none, which one
    ``endswith`` call settles."""
    if not word.endswith(suffixes):
        return None
    return next(x for x in suffixes if word.endswith(x))


@dataclass
class Actor:
    """One actor mention: exact characters ``[start, end)`` and what they denote."""

    start: int
    end: int
    concept: str | None
    label: str
    label_en: str | None
    role: str = "mentioned"
    method: str = "vocabulary"
    level: str | None = None
    broader: str | None = None
    former_name: str | None = None  # the pre-reform wording the text uses (环境保护主管部门)
    standing: bool = False  # named for every task after its own: 以下均需…落实，不再列出

    def attrs(self) -> dict[str, Any]:
        out = {
            "concept": self.concept,
            "label": self.label,
            "label_en": self.label_en,
            "role": self.role,
            "method": self.method,
            "level": self.level,
            "broader": self.broader,
        }
        if self.former_name:
            out["former_name"] = self.former_name
        if self.standing:
            out["standing"] = True
        return out


@dataclass
class _Atom:
    """A piece found on the first passes: a label, a remit stem, a level word or a head."""

    start: int
    end: int
    kind: str  # "label" | "stem" | "level" | "head"
    concept: str | None = None


class _Words:
    """Jieba word boundaries, for the left and right edges of names outside the vocabulary."""

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        """``starts`` and ``ends`` are the words' offsets in text order: the Doc's own columns
        (``token_bounds``), with no tuple or set built per word."""
        self.text = text
        self.starts = starts
        self.ends = ends

    @classmethod
    def of(cls, text: str, tokens: list[tuple[int, int]] | None) -> _Words:
        """The words of ``tokens`` in any order, or one word per character without them."""
        spans = sorted(tokens) if tokens is not None else [(i, i + 1) for i in range(len(text))]
        return cls(text, [s for s, _ in spans], [e for _, e in spans])

    def at(self, pos: int) -> tuple[int, int] | None:
        """The word that holds character ``pos``."""
        k = bisect_right(self.starts, pos) - 1
        if k >= 0 and self.starts[k] <= pos < self.ends[k]:
            return self.starts[k], self.ends[k]
        return None

    def begins(self, pos: int) -> bool:
        """Whether a word starts at ``pos``."""
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and self.starts[k] == pos

    def before(self, pos: int) -> tuple[int, int] | None:
        """The part of the word holding character ``pos - 1`` that lies before ``pos``."""
        word = self.at(pos - 1) if pos > 0 else None
        return (word[0], pos) if word else None

    def ending_in(self, last: re.Pattern[str]) -> Iterator[tuple[int, int]]:
        """The words whose last character matches ``last``, in text order; a regex finds the
        few candidates faster than a walk over every word."""
        for m in last.finditer(self.text):
            word = self.at(m.start())
            if word is not None and word[1] == m.end():
                yield word

    def splits(self, pos: int) -> bool:
        """Whether ``pos`` falls inside a word rather than between two."""
        word = self.at(pos)
        return word is not None and word[0] < pos


class ActorRecognizer:
    """Finds actor mentions and their roles; writes them to ``doc.spans[spans_key]``."""

    def __init__(
        self, spans_key: str, terms: Iterable[Mapping[str, Any]], name: str = "policykg_actors"
    ) -> None:
        self.key = spans_key
        self.name = name
        self.records: dict[str, Mapping[str, Any]] = {}
        self.labels: dict[str, str] = {}  # surface form -> concept id
        self.stems: dict[str, str] = {}  # remit stem -> concept id
        self.level_words: dict[str, str] = {}  # 省级 -> level concept id
        self.levels: set[str] = set()  # concepts that can stand in front of a remit
        self.division_levels: dict[str, str] = {}  # a division's level -> its governments'
        self.remits: set[str] = set()  # concepts named by a remit, with no level of their own
        self.former: set[str] = set()  # pre-reform wordings, and the remit stems made from them
        self.social: set[str] = set()  # social organisations: kinds a longer name may end in
        self._wider: dict[str, frozenset[str]] = {}  # concept -> its broader ones, as asked
        for term in sorted(terms, key=lambda t: t["id"]):
            cid = term["id"]
            self.records[cid] = term
            types = set(term.get("types", ()))
            props = term.get("props", {})
            forms = [f for f in chain([term["pref"].get("zh")], term["alt"], term["hidden"]) if f]
            for form in forms:
                if self.labels.setdefault(form, cid) != cid:
                    raise ValueError(f"label {form!r} names both {self.labels[form]} and {cid}")
            for word in props.get("levelWord", ()):
                self.level_words[word] = cid
            for stem in props.get("listStem", ()):  # 公安 of 公安、民政等部门
                self.stems.setdefault(stem, cid)
            for form in props.get("formerLabel", ()):
                stem = _strip_head(form)
                self.former.update(f for f in (form, stem, stem and stem + "行政") if f)
            if "SocialOrganisation" in types:
                self.social.add(cid)
            if "GovernmentLevel" in types:
                self.levels.add(cid)
                for level in props.get("divisionLevel", ()):  # province -> 省级人民政府
                    self.division_levels[level] = cid
            if "Regulator" in types and not props.get("level"):
                self.remits.add(cid)
                for form in forms:
                    stem = _strip_head(form)
                    if stem and stem not in _NOT_STEMS:
                        self.stems.setdefault(stem, cid)
                        if not stem.endswith("行政"):
                            self.stems.setdefault(stem + "行政", cid)
        self._former_prefix = longest_first(self.former)
        self._label_forms = _Forms(self.labels)
        pieces = {**dict.fromkeys(_HEADS, "head"), **dict.fromkeys(self.level_words, "level")}
        pieces.update(dict.fromkeys(self.stems, "stem"))
        self._piece_forms = _Forms(pieces)
        self._municipal: ActorRecognizer | None = None

    def wider(self, concept: str) -> frozenset[str]:
        """Every concept ``concept`` is a kind of (``skos:broader``, followed up), worked out
        once per concept: the short names of a document ask it again in every unit."""
        if concept not in self._wider:
            out: set[str] = set()
            todo = list(self.records.get(concept, {}).get("broader", ()))
            while todo:
                c = todo.pop()
                if c not in out:
                    out.add(c)
                    todo.extend(self.records.get(c, {}).get("broader", ()))
            self._wider[concept] = frozenset(out)
        return self._wider[concept]

    def for_municipality(self) -> ActorRecognizer:
        """This recognizer for the text of a province-level city (北京市, 重庆市), whose own
        市 is a province's level: its 市人民政府 and 市财政局 are provincial-level bodies."""
        if self._municipal is None:
            city, province = self.level_words.get("市"), self.division_levels.get("province")
            if city is None or province is None:
                return self

            def raised(form: str, cid: str) -> str:
                return province if cid == city and form.startswith("市") else cid

            variant = copy(self)
            variant.level_words = {w: raised(w, c) for w, c in self.level_words.items()}
            variant.labels = {f: raised(f, c) for f, c in self.labels.items()}
            variant._label_forms = _Forms(variant.labels)
            self._municipal = variant
        return self._municipal

    # -- spaCy -----------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        """Record every actor in ``doc``. RETURNS (Doc): the same doc."""
        text = doc_text(doc)
        starts, ends = token_bounds(doc)  # tokens come in text order
        finder = self.for_municipality() if is_municipality(governing(doc)) else self
        actors = finder._find(text, _Words(text, starts, ends))
        short = doc.user_data.get(_SHORT_FORMS)
        if short is not None:
            doc.user_data[_KNOWN_BEFORE] = len(short)
            actors = _short_forms(text, actors, short, self.wider)
        actors = uncited(actors, text)
        facts = [
            (a.start, a.end, a.concept or "", {"source": self.name, **a.attrs()}) for a in actors
        ]
        add_spans(doc, self.key, "actor", facts)
        return doc

    # -- matching --------------------------------------------------------------------------

    def find(self, text: str, tokens: list[tuple[int, int]] | None = None) -> list[Actor]:
        """Actors in ``text`` with roles; ``tokens`` are jieba (start, end) pairs, if known."""
        return self._find(text, _Words.of(text, tokens))

    def _find(self, text: str, words: _Words) -> list[Actor]:
        cut = (
            [m.span() for m in _ALTERNATIVES.finditer(text)] if "（" in text or "(" in text else []
        )
        if cut:  # a label that holds the brackets (各省（区、市）) is read as written
            labels = self._labels_in(text)
            cut = [(a, b) for a, b in cut if not any(x.start < b and a < x.end for x in labels)]
        if not cut:
            return self._find_in(text, words)
        # read without the bracketed alternatives, then map back to the original characters
        dropped = bytearray(len(text) + 1)
        for a, b in cut:
            dropped[a:b] = b"\x01" * (b - a)
        origin = [i for i in range(len(text)) if not dropped[i]]  # reduced index -> original
        before = [0] * (len(text) + 1)  # original index -> reduced index
        for i in range(len(text)):
            before[i + 1] = before[i] + (not dropped[i])
        spans = [(before[s], before[e]) for s, e in zip(words.starts, words.ends, strict=True)]
        spans = [(s, e) for s, e in spans if e > s]
        reduced = "".join(text[i] for i in origin)
        found = self._find_in(
            reduced, _Words(reduced, [s for s, _ in spans], [e for _, e in spans])
        )
        actors = [replace(a, start=origin[a.start], end=origin[a.end - 1] + 1) for a in found]
        actors.extend(self._alternative_bodies(text, cut, actors))
        return sorted(actors, key=lambda a: (a.start, a.end))

    def _alternative_bodies(
        self, text: str, cut: list[tuple[int, int]], actors: list[Actor]
    ) -> list[Actor]:
        """村（居）民委员会 names the villagers' committees and the residents': a body whose name
        opens with a level character and its bracketed alternatives is also each body an
        alternative names, with the same characters, when that is a kind of body of the
        vocabulary (not a government level: 县（市、区）人民政府 is one level's)."""
        plain = self.levels | self.remits
        out = []
        for a in actors:
            if a.concept is None or a.concept in plain:
                continue
            for s, e in cut:
                if s != a.start + 1:
                    continue
                for alt in re.split(r"[、，,]", text[s + 1 : e - 1]):
                    cid = self.labels.get(alt + text[e : a.end])
                    if cid is not None and cid != a.concept and cid not in plain:
                        pref = self.records[cid]["pref"]
                        label = pref.get("zh", alt + text[e : a.end])
                        out.append(replace(a, concept=cid, label=label, label_en=pref.get("en")))
        return out

    def _find_in(self, text: str, words: _Words) -> list[Actor]:
        # a label both of whose edges fall inside jieba's words is inside other words: 工会 of
        # 职工 / 会议 (one edge may: 高级人民法院 holds 人民法院, 由市 the 市 of 市人民政府)
        atoms = [
            a for a in self._labels_in(text) if not (words.splits(a.start) and words.splits(a.end))
        ]
        if self._may_group(text, atoms):
            atoms = sorted(atoms + self._pieces_in(text, atoms), key=lambda a: a.start)
            atoms = self._unknown_items(text, atoms)
        actors = self._with_duty_holders(text, self._assemble(text, atoms, words))
        actors = self._with_branches(text, actors)
        actors = self._joint_remits(text, actors)
        named = self._unknown_bodies(text, words, actors)
        # a social organisation's mention gives way to the name it ends
        kinds = {(a.end, a.broader) for a in named if a.broader}
        actors = [a for a in actors if (a.end, a.concept) not in kinds] + named
        actors.extend(self._listed_levels(text, actors))
        actors.sort(key=lambda a: (a.start, a.end))
        _assign_roles(text, actors)
        return actors

    def _listed_levels(self, text: str, actors: list[Actor]) -> list[Actor]:
        """The bodies of the other levels a list of levels names with one name: 市、区人民政府 is
        the city's government and the districts'; 省、市有关部门 the province's and the city's.

        Each level listed before a body's own level word gets a body of its own, whose mention
        runs from that level's character to the end of the shared name (市 … 人民政府 in
        市、区人民政府), resolved at that level as the body after the list is at its own."""
        out: list[Actor] = []
        for a in actors:
            lead = self._lead(text, a)
            if lead is None:
                continue
            pos = a.start
            while pos >= 2 and text[pos - 1] in "、和":  # 市和区、县教育行政部门
                word = self._level_word_before(text, pos - 1)
                if word is None:
                    break
                pos -= len(word) + 1
                if self.level_words[word] != self.level_words[lead]:  # 区、县: one level
                    out.append(self._at_level(a, lead, word, pos))
        return out

    def _lead(self, text: str, a: Actor) -> str | None:
        """The level word (市, 县级) that opens ``a`` and gives it its level: 区 of 区人民政府,
        市 of 市有关部门, 县 of a body outside the vocabulary (县精神文明建设委员会办公室), but not
        the start of a longer word (市场监督管理部门, 区域)."""
        for n in (3, 2, 1):
            word = text[a.start : a.start + n]
            if word not in self.level_words or not _bare_level(word):
                continue
            cid = self.level_words[word]
            if a.concept == cid or (a.concept in self.remits and a.level == cid):
                return word
            if n == 1 and a.concept in self.levels:  # 市、县人民政府 after 省、: a list itself
                return word
            if a.concept is None and a.label.startswith(word):
                return None if n == 1 and _opens_word(text[a.start : a.start + 2]) else word
        return None

    def _level_word_before(self, text: str, end: int) -> str | None:
        """The level word of a list ending at ``end`` (市 in 市、区), standing on its own."""
        for n in (3, 2, 1):
            word = text[max(0, end - n) : end]
            if len(word) == n and word in self.level_words and _opens_name(text, end - n):
                if word[0] in _BARE_LEVEL and _bare_level(word):
                    return word
        return None

    def _at_level(self, a: Actor, lead: str, word: str, start: int) -> Actor:
        """``a``, named by ``lead`` + the rest of its name, as the body of level ``word``."""
        level_id = self.level_words[word]
        if a.concept == self.level_words[lead] or a.concept in self.levels:
            rec = self.records[level_id]  # 区人民政府: the level's own government
            label = rec["pref"].get("zh", word + a.label)
            return Actor(start, a.end, level_id, label, rec["pref"].get("en"), method=a.method)
        if a.concept is not None:  # a remit at the level of ``lead``
            other = self._remit_actor(start, a.end, a.concept, word, level_id)
            other.former_name = a.former_name
            return other
        label = word + a.label[len(lead) :]  # a body outside the vocabulary
        return Actor(start, a.end, None, label, None, method="pattern", broader=a.broader)

    def _joint_remits(self, text: str, actors: list[Actor]) -> list[Actor]:
        """A department named after two remits joined by 和, its level first (市住房保障和房地产
        管理部门), is the body of the remit read last at that level, the whole name its mention:
        read alone, 房地产管理部门 lost its level and, no longer at the clause's start, its role."""
        out = []
        for a in actors:
            if a.concept in self.remits and a.level is None and text[a.start - 1 : a.start] == "和":
                m = _JOINT_REMIT.search(text, max(0, a.start - 6), a.start)
                level = m and self.level_words.get(m.group(1))
                if (
                    m
                    and level
                    and not _opens_word(text[m.start() : m.start() + 2])  # 市场, 区域
                    and (
                        not _is_han(text[m.start() - 1 : m.start()])
                        or text[m.start() - 1] in _BEFORE_LEVEL
                        or _clause_before(text, m.start()) is not None  # 第八条市…
                    )
                    and not any(m.start() < b.end and b.start < a.start for b in actors)
                ):  # fmt: skip
                    joint = self._remit_actor(m.start(), a.end, a.concept, m.group(1), level)
                    joint.former_name = a.former_name
                    a = joint
            out.append(a)
        return out

    @staticmethod
    def _with_duty_holders(text: str, actors: list[Actor]) -> list[Actor]:
        """Laws name bodies by duty: 负有大气环境保护监督管理职责的部门 is one actor."""
        for m in _DUTY_HOLDER.finditer(text):
            actors = [a for a in actors if a.end <= m.start() or a.start >= m.end()]
            actors.append(Actor(m.start(), m.end(), None, m.group(), None, method="pattern"))
        return actors

    def _with_branches(self, text: str, actors: list[Actor]) -> list[Actor]:
        """A branch named after its parent body is a body of its own, narrower than the parent."""
        out = []
        for n, a in enumerate(actors):
            m = _BRANCH.match(text, a.end)
            nxt = actors[n + 1].start if n + 1 < len(actors) else len(text)
            types = self.records[a.concept].get("types", ()) if a.concept else ()
            if m and m.end() <= nxt and "StateBody" in types:
                a = Actor(a.start, m.end(), None, text[a.start : m.end()], None,
                          method="pattern", broader=a.concept)  # fmt: skip
            out.append(a)
        return out

    def _labels_in(self, text: str) -> list[_Atom]:
        atoms = []
        for start, end, cid in self._label_forms.scan(text):
            if text[end - 1 : end + 1] in _RUN_ON:
                continue
            if (
                text.startswith(_QUALIFIED, end)
                and text.endswith("政府", start, end)
                and not text.endswith("人民政府", start, end)
            ):
                continue  # 政府投资项目, 政府采购, 政府指导价: 政府 qualifies a noun, names no body
            atoms.append(_Atom(start, end, "label", cid))
        return atoms

    def _may_group(self, text: str, labels: list[_Atom]) -> bool:
        """Whether pieces can make an actor here: a remit group and an unknown remit each need
        a head or a remit label to close them, and most texts have neither."""
        return any(head in text for head in _HEADS) or any(a.concept in self.remits for a in labels)

    def _pieces_in(self, text: str, labels: list[_Atom]) -> list[_Atom]:
        """Stems, level words and heads in the text the labels left uncovered."""
        out: list[_Atom] = []
        edges = [0, *chain.from_iterable((a.start, a.end) for a in labels), len(text)]
        for gap_start, gap_end in zip(edges[::2], edges[1::2], strict=True):
            for start, end, kind in self._piece_forms.scan(text, gap_start, gap_end):
                cid = self.stems.get(text[start:end]) if kind == "stem" else None
                if kind == "level":
                    cid = self.level_words[text[start:end]]
                out.append(_Atom(start, end, kind, cid))
        return out

    def _unknown_items(self, text: str, atoms: list[_Atom]) -> list[_Atom]:
        """``atoms`` with each item of a department list read as one stem: a stem of no concept
        for an item the vocabulary does not know (外经贸, 移民; 国土房管, not the 房管 inside it),
        so that the list is read whole. The first item's left edge is not marked (会同教育、…):
        it is a known stem that ends it, or what follows a level word inside it (市 + 经济信息)."""
        dropped: set[int] = set()
        added: list[_Atom] = []
        for m in _DEPARTMENT_LIST.finditer(text):
            pos = m.start(1)
            for n, item in enumerate(m.group(1).split("、")):
                start, end = pos, pos + len(item)
                pos = end + 1
                inner = [a for a in atoms if a.start < end and start < a.end]
                if n == 0:
                    if inner and inner[-1].end == end and inner[-1].kind == "stem":
                        continue  # 会同 + 教育: the stem that ends it
                    level = next((a for a in reversed(inner) if a.kind == "level"), None)
                    if level is None:
                        continue
                    start = level.end  # 市 + 经济信息
                    inner = [a for a in inner if a.start >= start]
                # 民政, or 海洋和城市管理: the stems read it (not 国土房管, nor 文化广电旅游体育)
                known = (
                    bool(inner)
                    and all(a.kind == "stem" for a in inner)
                    and (inner[0].start, inner[-1].end) == (start, end)
                    and all(text[x.end : y.start] in _REMIT_CONJ for x, y in pairwise(inner))
                )
                if start >= end or known or any(a.kind == "label" for a in inner):
                    continue
                dropped.update(id(a) for a in inner)
                added.append(_Atom(start, end, "stem", None))
        if not added:
            return atoms
        kept = [a for a in atoms if id(a) not in dropped]
        return sorted(kept + added, key=lambda a: a.start)

    def _assemble(self, text: str, atoms: list[_Atom], words: _Words) -> list[Actor]:
        """Labels as they are, with levels and shared heads folded into remit groups."""
        actors: list[Actor] = []
        i = 0
        while i < len(atoms):
            used, group = self._remit_group(text, atoms, i)
            if group:
                actors.extend(group)
                i += used
                continue
            atom = atoms[i]
            if atom.kind == "label":
                actors.append(self._placed(text, atom, words))
            elif atom.kind == "head" and words.begins(atom.start):
                actor = self._unknown_remit(text, atoms, i, words)
                if actor:
                    actors.append(actor)
            i += 1
        return actors

    def _remit_group(self, text: str, atoms: list[_Atom], i: int) -> tuple[int, list[Actor]]:
        """``[level] stem (、stem)* [等] head`` or ``[level] (stem、)* remit-label``; else (0, [])."""
        level: _Atom | None = None
        j = i
        first = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        if (
            nxt is not None
            and nxt.start == first.end
            and (first.kind == "level" or (first.kind == "label" and first.concept in self.levels))
            and (nxt.kind == "stem" or (nxt.kind == "label" and nxt.concept in self.remits))
        ):
            if first.kind == "level" and not _stands_alone(text, first):
                return 0, []  # 城市 is no level word 市: the remit is read on its own
            level, j = first, i + 1
            word = self._level_word_before(text, first.start) if first.kind == "label" else None
            if word and not self.labels.get(text[first.start - len(word) : first.end]):
                # 区 + 人民政府 + 信访工作机构: the district's office (市和区 … lists it)
                level = _Atom(first.start - len(word), first.start, "level", self.level_words[word])
        stems: list[_Atom] = []
        while j < len(atoms):
            atom = atoms[j]
            if atom.kind == "label" and atom.concept in self.remits and (stems or level):
                items = [(s.start, s.end, s.concept) for s in stems]
                items.append((atom.start, atom.end, atom.concept))
                return j - i + 1, self._split_group(text, level, items)
            after = atoms[j + 1] if j + 1 < len(atoms) else None
            if atom.kind != "stem" or after is None:
                return 0, []
            gap = text[atom.end : after.start]
            stems.append(atom)
            closes = after.kind == "head" and gap in ("", "等")
            # 交通运输、水行政等有关部门: the list names the departments, 有关部门 closes it
            closes = closes or (
                after.kind == "label" and after.concept in self.remits and gap == "等"
            )
            if closes:
                items = [(s.start, s.end, s.concept) for s in stems[:-1]]
                items.append((atom.start, after.end, atom.concept))
                return j - i + 2, self._split_group(text, level, items)
            if gap not in _REMIT_CONJ:
                return 0, []
            j += 1
        return 0, []

    def _split_group(
        self, text: str, level: _Atom | None, items: list[tuple[int, int, str | None]]
    ) -> list[Actor]:
        """One actor per remit; the level's characters go to the first, the level to all."""
        level_text = text[level.start : level.end] if level else ""
        level_id = level.concept if level else None
        out = []
        for n, (start, end, cid) in enumerate(items):
            if n == 0 and level:
                start = level.start
            remit = text[start + len(level_text) if n == 0 and level else start : end]
            if cid is None:  # 外经贸 in 外经贸、移民等部门: a department outside the vocabulary
                name = re.sub(_LIST_CLOSE + "$", "", remit) + "部门"
                out.append(Actor(start, end, None, level_text + name, None, method="pattern",
                                 level=level_id))  # fmt: skip
                continue
            actor = self._remit_actor(start, end, cid, level_text, level_id)
            actor.former_name = self._former(remit)
            out.append(actor)
        return out

    def _former(self, remit: str) -> str | None:
        """The pre-reform wording ``remit`` uses: itself (环境保护行政主管部门), or the stem it
        starts with (国土资源 in 国土资源等有关部门); None for today's wording."""
        m = self._former_prefix.match(remit)  # the longest wording ``remit`` starts with
        return m.group() if m else None

    def _remit_actor(
        self, start: int, end: int, cid: str, level_text: str, level_id: str | None
    ) -> Actor:
        """A remit at an optional level, resolved to the most specific concept there is.

        国务院 + 生态环境 is 国务院生态环境主管部门, a concept of its own; 省级 + 生态环境 has none,
        so it stays 生态环境主管部门 and records the level beside it.
        """
        remit = self.records[cid]
        pref = remit["pref"].get("zh", "")
        en = remit["pref"].get("en")
        if not level_id:
            return Actor(start, end, cid, pref, en, method="remit")
        specific = self.labels.get(level_text + pref)
        if specific:
            rec = self.records[specific]
            label = rec["pref"].get("zh", level_text + pref)
            return Actor(start, end, specific, label, rec["pref"].get("en"), method="remit")
        level_en = self.records[level_id]["pref"].get("en")
        if en and level_en:  # "... of the State Council", "... of local people's governments"
            en = f"{en} of {'the ' if level_en[0].isupper() else ''}{level_en}"
        label_en = en
        return Actor(start, end, cid, level_text + pref, label_en, method="remit", level=level_id)

    def _placed(self, text: str, atom: _Atom, words: _Words) -> Actor:
        """A label hit, widened to a place name in front (山东省人民政府, 上海市生态环境局)."""
        rec = self.records[atom.concept or ""]
        surface = text[atom.start : atom.end]
        actor = Actor(atom.start, atom.end, atom.concept, rec["pref"].get("zh", surface),
                      rec["pref"].get("en"), former_name=self._former(surface))  # fmt: skip
        generic = atom.concept in self.levels or atom.concept in self.remits
        # 发展改革委 after a place or level is that place's body of the remit the NDRC holds
        remit = next(iter(rec["props"].get("remit", ())), None)
        body = not generic and (remit or not _BODY_TYPES.isdisjoint(rec.get("types", ())))
        level = _level_before(text, atom.start, words) if generic or body else None
        if body and level is None and atom.start and text[atom.start - 1] in _BARE_LEVEL:
            pos = atom.start - 1  # 第五条 / 市公安局: jieba keeps it one word (not 本市 / 国家机关)
            if words.begins(pos) and words.splits(atom.start) and _opens_name(text, pos):
                level = pos
        if level is not None and body and text[level : atom.start] in self.level_words:
            place = level  # 由市 / 发展改革委: the city's, without the 由
        elif level is not None:  # 由镇 / 人民政府, 向区 / 人民政府: that level's, without the 由
            place = level
        else:
            place = _place_before(text, atom.start, surface, words)
        if place is None:
            return actor
        level_id = self.level_words.get(text[place : atom.start])
        if level_id and (generic or remit):  # 区 + 人民政府, 市 + 生态环境局: that level's body
            if atom.concept in self.remits or remit:
                at_level = self._remit_actor(
                    place, atom.end, remit or atom.concept or "", text[place : atom.start], level_id
                )
                at_level.former_name = actor.former_name
                return at_level
            rec = self.records[level_id]
            return Actor(place, atom.end, level_id, rec["pref"].get("zh", surface),
                         rec["pref"].get("en"))  # fmt: skip
        # 上海市能源局 is not the national 能源局, nor 山东省发展改革委 the national commission: a
        # body of their remit; 自治县公安部门 is that county's, one of the 公安机关
        national = rec["props"].get("subOrganizationOf")
        if generic or body:
            # a national ministry's part is no kind of it; a congress's committee is generic
            kind = not national or "Legislature" in rec.get("types", ())
            broader = remit or (atom.concept if kind else None)
            if atom.concept in self.levels:  # 重庆市 / 人民政府: a province-level city's
                broader = self._division_level(text[place : atom.end]) or broader
            return Actor(place, atom.end, None, text[place : atom.end], None, method="pattern",
                         broader=broader)  # fmt: skip
        return actor

    def _division_level(self, name: str) -> str | None:
        """The government level of the division a government's name opens with: 重庆市人民政府
        and 北京市人民政府 are provincial-level (their cities are province-level divisions),
        义乌市人民政府 a county-level city's; None when the name opens with no division."""
        from policykg.extract.admin_divisions import leading_division

        found = leading_division(name)
        return self.division_levels.get(found[0].level) if found else None

    def _unknown_remit(self, text: str, atoms: list[_Atom], i: int, words: _Words) -> Actor | None:
        """A strong head after a remit not in the vocabulary: 海事管理机构, 环境执法机构."""
        head = atoms[i]
        if text[head.start : head.end] not in _STRONG_HEADS:
            return None
        start = _name_start(text, head.start, words, max_pieces=5, max_chars=12)
        if start is None:
            return None
        level = atoms[i - 1] if i > 0 else None
        bare = level is not None and _bare_level(text[level.start : level.end])
        if level and bare and not _opens_name(text, level.start):
            level = None  # 乡 of 城乡 / 基层 / …主管部门 is no township; 第五条 / 省 … is a level
        if level and level.end == start and (level.kind == "level" or level.concept in self.levels):
            lvl = level.concept
            return Actor(level.start, head.end, None, text[level.start : head.end], None,
                         method="pattern", level=lvl)  # fmt: skip
        return Actor(start, head.end, None, text[start : head.end], None, method="pattern")

    def _unknown_bodies(self, text: str, words: _Words, known: list[Actor]) -> list[Actor]:
        """Named bodies outside the vocabulary: 自贸试验区管理委员会, 海南省自由贸易港工作委员会办公室.
        A social organisation of the vocabulary that ends such a name is its kind (物业服务行业协会
        应当…: a body of its own, ``broader`` 行业协会); the caller drops the kind's mention."""
        heads = {a.end: a for a in known if a.concept in self.social}
        taken = [(a.start, a.end) for a in known]
        out: list[Actor] = []
        for s, e in words.ending_in(_SUFFIX_ENDS):
            head = heads.get(e)
            if head is not None:  # 行业 / 协会: the word is the kind's whole name
                s = min(s, head.start)
            word = text[s:e]
            strong = _suffix(word, _STRONG_SUFFIXES)
            suffix = strong or _suffix(word, _WEAK_SUFFIXES)
            subject = None if suffix else _suffix(word, _SUBJECT_SUFFIXES)
            suffix = suffix or subject
            if suffix is None or word in _NOT_BODIES or word.endswith(_NOT_BODY_TAILS):
                continue
            if suffix == "办":  # jieba's 国务院扶贫办: the State Council's office, 扶贫办
                s = max([s, *(b for a, b in taken if a == s and b < e)])
            if any(a < e and s < b for a, b in taken if head is None or a < head.start):
                continue
            if strong and out and out[-1].end == s:  # 工作委员会 + 办公室: one body
                prev = out.pop()
                taken.remove((prev.start, prev.end))
                start: int | None = prev.start
            else:
                start = _name_start(text, s, words, max_pieces=6, max_chars=16)
            level = _level_start(text, s, e, words)
            if level is not None and any(level < b and a < s for a, b in taken):
                level = None  # a body stands between: 乡人民政府和社区居民委员会
            if level is not None:  # the nearest level word opens the name (市 / 工业 / 和 /
                start = level  # 信息化 / 局, where the walk over pieces stops at 和)
            start = s if start is None else start
            start = max([start, *(b for a, b in taken if a < s and b > start)])
            name = text[start:e]
            # an office or agency of the body right before it: 市人民政府 / 办公厅, 人民政府 /
            # 法制工作机构 (named after it, as one body's part)
            parent = min(
                (a for a in (*known, *out) if a.end == start), key=attrgetter("start"), default=None
            )
            # ... or its office by a short name: 国务院 / 扶贫办; a Party committee's departments
            # are its own: 市委 / 宣传部
            office = parent is not None and (
                name.startswith(_OFFICES)
                or suffix == "办"
                or _PARTY_COMMITTEE.fullmatch(text, parent.start, parent.end) is not None
            )
            if len(name) <= len(suffix) and not office:
                continue
            if suffix == "办" and (  # jieba cut 一网 / 通 / 办; 市政府办 / 医主体 runs hospitals
                name.endswith(_NOT_BODY_TAILS) or not _OFFICE_AFTER.match(text, e)
            ):
                continue
            anchored = (
                name.startswith(_ANCHORS)
                or _PARTY_COMMITTEE.match(name) is not None
                or _is_place(_first_piece(start, words))
                or name[: -len(suffix)] in self.stems
                or start == level
            )
            if subject:  # only as a clause's subject (or agent) with a duty after it
                if parent is None and text[start - 1 : start] == "和":
                    # 公共管理和服务机构: two remits joined in one name, when it opens a clause
                    wider = _name_start(text, start - 1, words, max_pieces=3, max_chars=8)
                    if (
                        wider is not None
                        and not any(a < start and wider < b for a, b in taken)
                        and _clause_before(text, wider)
                    ):
                        start, name = wider, text[wider:e]
                stem = name[: -len(suffix)]
                after_body = text[start - 1 : start] in _JOINS and any(
                    b == start - 1 for _, b in taken
                )
                # at a clause's start, after 由, or listed after a body (医疗保障部门和医疗保障
                # 经办机构应当…)
                opens = (
                    _clause_before(text, start) is not None
                    or _AGENT_BEFORE.search(text, max(0, start - 4), start) is not None
                    or after_body
                )
                # a name that ends in a social organisation is one in a list of bodies, duty or
                # not: 人民团体和养老服务行业协会、…、志愿服务组织等社会组织
                listed = head is not None and (
                    after_body or (text[e : e + 1] in _JOINS and any(a == e + 1 for a, _ in taken))
                )
                anchored = (
                    ((opens or parent is not None) and _DUTY_AFTER.match(text, e) is not None)
                    or listed
                ) and not all(c in _BARE_LEVEL for c in stem)  # 市中心 is the city centre
            elif office:
                anchored = True
            if head is not None and (start >= head.start or not subject):
                continue  # the kind alone (行业协会), or a name of another suffix around it
            if strong or anchored:
                label = text[parent.start : e] if parent is not None else name
                kind = head.concept if head is not None else None
                out.append(Actor(start, e, None, label, None, method="pattern", broader=kind))
                taken.append((start, e))
        return out


# -- helpers ----------------------------------------------------------------------------------


def _strip_head(form: str) -> str | None:
    for head in _STEM_HEADS:
        if form.endswith(head) and len(form) > len(head):
            return form[: -len(head)]
    return None


class _Forms:
    """Surface forms to find leftmost-longest, each mapped to a value."""

    def __init__(self, forms: Mapping[str, Any]) -> None:
        self.forms = forms
        self.pattern = longest_first(forms)

    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Any]]:
        """Leftmost-longest matches in ``text[start:end]``, as (start, end, value) in ``text``."""
        matches = self.pattern.finditer(text, start, len(text) if end is None else end)
        return [(m.start(), m.end(), self.forms[m.group()]) for m in matches]


def _name_start(text: str, pos: int, words: _Words, max_pieces: int, max_chars: int) -> int | None:
    """Walk left from ``pos`` over jieba pieces that can belong to a name; None if none can.

    A name never reaches back over an article's number (第三十二条物业管理委员会), over a
    word of _STOP (选举 / 业主 / 委员会 is a verb and its object) or over a word jieba's
    dictionary tags as a preposition, conjunction, pronoun, numeral, measure word, time or
    locality (通过 / 常务 / 委员会). Verbs in general stay: a name may hold one (房屋 / 使用 /
    安全 / 管理部门, 认证 / 认可 / 监督管理部门)."""
    floor = max(0, pos - max_chars - 8)
    for m in _NUMBERING.finditer(text, floor, pos):
        floor = m.end()
    start = pos
    edge = _edge_words()
    for _ in range(max_pieces):
        piece = words.before(start)
        if piece is None or piece[0] < floor:
            break
        word = text[piece[0] : piece[1]]
        if len(word) == 2 and word[0] == "各" and word not in _DISTRIBUTIVES:
            start = piece[0] + 1  # jieba glues 各 to the name: 各自/贸/试验区 is 各 + 自贸试验区
            break
        if not _is_han(word) or word in _STOP or pos - piece[0] > max_chars:
            break
        if _glued(word):
            start = piece[0] + 1  # jieba glues 由 to 市: 由市 / 水行政 / 主管部门
            break
        if any(word.startswith(w) and len(word) <= len(w) + 1 for w in ("的", "和", "与", "及")):
            break
        if word in edge:
            break
        start = piece[0]
    return start if start < pos else None


# Dictionary tags (jieba's ICTCLAS set) of words that end a name on its left: preposition,
# conjunction, pronoun, numeral, measure word, time, locality.
_EDGE_TAGS = frozenset("p c r m q t f".split())
# An article's, chapter's or section's number, which opens a unit's text: 第三十二条.
_NUMBERING = re.compile(r"第[零〇一二三四五六七八九十百千两0-9]+[条章节款]")


@cache
def _edge_words() -> frozenset[str]:
    """The words jieba's dictionary tags with one of _EDGE_TAGS (17,000)."""
    return frozenset(w for w, tag in dictionary_tags().items() if tag in _EDGE_TAGS)


def _first_piece(start: int, words: _Words) -> str:
    word = words.at(start)
    return words.text[start : word[1]] if word else ""


def _is_place(word: str) -> bool:
    """A word shaped like a place name; 由市, 向省 are a preposition glued to a level word, 市和区
    two level words."""
    return (
        len(word) >= 2
        and word.endswith(_PLACE_END)
        and word not in _NOT_PLACES
        and word[:-1] not in _LEAD
        and not any(c in word for c in "和与及、")
    )


def _level_before(text: str, start: int, words: _Words) -> int | None:
    """Start of a bare level word that jieba glued to a preposition or to 各 in front of
    ``start`` (由镇 / 人民政府, 向区 / 人民政府), levels in a run included (各县区 / 人民政府,
    各市 / 州 / 人民政府: the cities and prefectures)."""
    pos = start
    for _ in range(3):
        piece = words.before(pos)
        if piece is None:
            return None
        word = text[piece[0] : piece[1]]
        if (_glued(word) or word[0] == "各") and all(c in _LEVEL_RUN for c in word[1:]):
            return piece[0] + 1 if len(word) > 1 else None
        if not all(c in _LEVEL_RUN for c in word):
            return None
        pos = piece[0]
    return None


def _bare_level(word: str) -> bool:
    """Whether ``word`` is made of bare level characters, with 级 (市, 区县, 市级), or a run of
    them with 州 (市州: the cities and prefectures)."""
    return all(c in _BARE_LEVEL or c == "级" for c in word) or (
        len(word) > 1 and all(c in _LEVEL_RUN for c in word)
    )


def _opens_word(pair: str) -> bool:
    """Whether a level character and the next make one of jieba's words (市场, 区域, 省份)."""
    return is_word(pair)


def _glued(word: str) -> bool:
    """Whether a jieba word is a preposition glued to a level word or determiner (由市, 对本)."""
    return len(word) >= 2 and word[0] in _PREPOSITIONS and all(c in _GLUED for c in word[1:])


def _stands_alone(text: str, level: _Atom) -> bool:
    """Whether a level word such as 市 or 区县 is one, not the end of 城市 or 社区县 (第五条市
    交通行政管理部门: after an article's number it opens the name)."""
    if not all(c in _BARE_LEVEL for c in text[level.start : level.end]):
        return True
    return _opens_name(text, level.start)


def _place_before(text: str, start: int, surface: str, words: _Words) -> int | None:
    """Start of a place name right before a label (None if there is none)."""
    piece = words.before(start)
    if piece is None:
        return None
    word = text[piece[0] : piece[1]]
    if not _is_han(word) or word in _STOP or word in _NOT_PLACES:
        return None
    if len(word) == 2 and word[1] in _BARE_LEVEL and _opens_name(text, piece[0] + 1):
        return piece[0] + 1  # 第五十五 / 条市 / 物业主管部门: the level after the number
    mid_token = words.splits(start)
    if mid_token and surface.startswith(_LEVEL_CHARS) and len(word) >= 2:
        if _PREPOSITIONS.isdisjoint(text[piece[0] : start]):
            return piece[0]  # 山东 + 省人民政府 (one jieba token)
        return None  # 风貌区由 / 市人民政府: jieba's 区由市 holds the 由 that opens the name
    if _is_place(word):
        return piece[0]  # 上海市 + 生态环境局
    if word in _BARE_LEVEL and (_opens_name(text, piece[0]) or _own_word(piece, words)):
        return piece[0]  # 市 + 发展改革委: the city's commission; 或者 / 市 / 房屋管理部门
    if len(word) == 3 and word[0] in _BARE_LEVEL and word[1] in "和与及" and word[2] in _BARE_LEVEL:
        return piece[0] + 2  # 市和区 + 人民政府: jieba's one word for a list of two levels
    return None


def _own_word(piece: tuple[int, int], words: _Words) -> bool:
    """Whether jieba cut a one-character word after a word of two or more: 或者 / 市, 征求 / 市
    (城市, 社区, 全市 stay whole words, so a level character cut off on its own is one)."""
    before = words.before(piece[0])
    return piece[1] - piece[0] == 1 and before is not None and before[1] - before[0] >= 2


def _alone(text: str, pos: int) -> bool:
    """Whether the level word at ``pos`` opens a name rather than ends a word (城市, 社区)."""
    return pos == 0 or not _is_han(text[pos - 1]) or text[pos - 1] in _LEAD


def _opens_name(text: str, pos: int) -> bool:
    """``_alone``, or right after an article's number (第五条市和区、县教育行政部门)."""
    return _alone(text, pos) or any(
        m.end() == pos for m in _NUMBERING.finditer(text, max(0, pos - 12), pos)
    )


def _level_start(text: str, start: int, end: int, words: _Words) -> int | None:
    """Start of a bare level word that opens the body name ending at ``end`` whose last word
    starts at ``start``: 市 in 市交通运输局, 省 in 省工业和信息化厅, 市 in 市自然资源和规划局
    (和 inside a name, not between two bodies); None if no level word opens it."""
    if text[start] in _BARE_LEVEL and end - start >= 3 and _alone(text, start):
        return start  # jieba keeps 市公安局 as one word
    pos = start
    for _ in range(5):
        piece = words.before(pos)
        if piece is None or end - piece[0] > 16:
            return None
        word = text[piece[0] : piece[1]]
        if word in _BARE_LEVEL and _opens_name(text, piece[0]):
            return piece[0] if end - pos >= 2 else None
        if _glued(word) and len(word) == 2 and word[1] in _BARE_LEVEL:
            return piece[0] + 1  # 由市 / 交通运输局
        if len(word) >= 2 and word[-1] in _BARE_LEVEL and word[-2] in "和与及":
            return piece[1] - 1  # 局和市 / 交通运输 / 局: jieba glued the level word to 和
        if word == "和" and piece[0] > 0 and text[piece[0] - 1] not in _BODY_LAST:
            pos = piece[0]
            continue
        if not _is_han(word) or word in _STOP or word in _edge_words():
            return None
        pos = piece[0]
    return None


# -- short forms ------------------------------------------------------------------------------

_SHORT_FORMS = "policykg.short_forms"  # doc.user_data key: a document's defined short names
# A law's own short name for a body: 市和区、县人民代表大会常务委员会（以下简称常务委员会）
# a short aside after a body's name, the bodies it also means: 各县、区人民政府(管委会)负责落实
_ASIDE = re.compile(r"[（(][\u4e00-\u9fff、]{1,10}[）)]")
_DEFINED = re.compile(r"[（(]以下(?:简称|称)[“\"]?([\u4e00-\u9fff]{2,16})[”\"]?[）)]")


_KNOWN_BEFORE = "policykg.short_forms_known"  # doc.user_data key: how many came before it


def shared_short_forms(doc: Doc, forms: dict[str, Actor]) -> Doc:
    """``doc``, given the dict in which its document's units keep the short names they define
    for bodies (one dict for all the units of a document, which the component sees in order)."""
    doc.user_data[_SHORT_FORMS] = forms
    return doc


def known_forms(doc: Doc) -> int:
    """How many of its document's short names were known when the component read ``doc``: the
    first ones of the shared dict, which keeps the order they were learnt in."""
    return int(doc.user_data.get(_KNOWN_BEFORE, 0))


def read_again(text: str, forms: dict[str, Actor], known: int) -> dict[str, Actor] | None:
    """The short names to read ``text`` with again once its whole document has been read, or
    None when a first reading was right. An agency read as a duty's subject is that body
    wherever its document names it, before the unit that taught it too (广州市慈善促进条例: 鼓励
    设立慈善组织 in 第九条, read once 第二十一条 said 慈善组织接受捐赠，应当…); a name the text
    defines (以下简称) holds only after its definition, as the text says."""
    later = [
        name
        for name, body in islice(forms.items(), known, None)
        if body.method == "pattern" and name == body.label and name in text
    ]
    if not later:
        return None
    return dict(islice(forms.items(), known)) | {name: forms[name] for name in later}


def _short_forms(
    text: str,
    actors: list[Actor],
    forms: dict[str, Actor],
    wider: Callable[[str], frozenset[str]] = lambda concept: frozenset(),
) -> list[Actor]:
    """``actors`` with the names the document gave bodies read as those bodies. A short name
    it defined stands for the body it was defined for: after 北京市人民代表大会常务委员会（以下简称
    市人大常委会）, 市人大常委会 is that committee, not a committee of some city. A definition is
    learnt from the body that ends right before its bracket (the whole name where levels are
    listed in it: 市和区、县人民代表大会常务委员会), unless a list of bodies ends there (人民政府、
    人民法院和人民检察院（以下简称“一府两院”）) or the short name holds more than was read
    (人大专门委员会 after 人民代表大会 / 专门委员会). The short name replaces what was read of it
    only where no concept was (a pattern body), or a wider one (``wider``: a body's broader
    concepts): 食品小作坊（以下称小作坊） makes 小作坊 the food workshops, not any small workshop."""
    for m in _DEFINED.finditer(text):
        group = next((g for g in _lists(text, actors) if g[-1].end == m.start()), None)
        name = m.group(1)
        # one name with levels listed in it (市和区、县人民代表大会常务委员会) is one body; a list
        # of several is none
        if group is None or len({a.end for a in group}) > 1 or name in forms:
            continue
        if text[group[0].start : group[0].end] in name:
            continue
        forms[name] = group[0]
    # an agency read once as a duty's subject is that body wherever the text names it again
    # (one sense per document): 行政执法监督机构 also after 由, in a list or as an object
    for a in actors:
        if a.method == "pattern" and a.label.endswith(_SUBJECT_SUFFIXES):
            forms.setdefault(a.label, a)
    if not forms:
        return actors
    added: list[Actor] = []
    for name, body in sorted(forms.items(), key=lambda item: -len(item[0])):  # longest first
        # what was read of the name may be the body's kind (行业协会 of 物业服务行业协会)
        kinds: frozenset[str] = wider(body.concept) if body.concept else frozenset()
        if body.concept is None and body.broader:
            kinds = wider(body.broader) | {body.broader}
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            read = [a for a in actors if a.start < end and at < a.end]
            fits = all(
                at <= a.start and a.end <= end and (a.concept is None or a.concept in kinds)
                for a in read
            )
            fits = fits and not any(a.start < end and at < a.end for a in added)
            # not where it was read already (the mention that taught it)
            if fits and not any((a.start, a.end, a.label) == (at, end, body.label) for a in read):
                method = "short form" if name != body.label else body.method
                added.append(replace(body, start=at, end=end, method=method, former_name=None))
            at = text.find(name, end)
    if not added:
        return actors
    spans = [(a.start, a.end) for a in added]
    kept = [a for a in actors if not any(s <= a.start and a.end <= e for s, e in spans)]
    out = sorted(kept + added, key=lambda a: (a.start, a.end))
    # the new mentions take their roles from the clause; the others keep theirs, which were
    # read without the bracketed alternatives (县（市）) a second reading here would see, unless
    # one was only mentioned for want of the new one beside it in its list (城乡建设行政主管部门
    # 及其建设工程安全监督管理机构应当…)
    roles = [a.role for a in kept]
    _assign_roles(text, out)
    new = {id(a) for a in added}
    joined = {id(a) for g in _lists(text, out) if any(id(x) in new for x in g) for a in g}
    for a, role in zip(kept, roles, strict=True):
        if role != "mentioned" or id(a) not in joined:
            a.role = role
    return out


# -- roles ------------------------------------------------------------------------------------


def _lists(text: str, actors: list[Actor]) -> list[list[Actor]]:
    """Actors joined by 、/和/及 ... into the lists a clause names together."""
    groups: list[list[Actor]] = []
    for a in actors:
        if groups and a.end == groups[-1][-1].end:  # 市、区人民政府 and 区人民政府: one name
            groups[-1].append(a)
        elif groups and (
            # adjacent bodies are a body and its part (市人民政府 / 办公厅), not a list; overlapping
            # readings of one name stay together
            (
                _CONJ.fullmatch(between := text[groups[-1][-1].end : a.start])
                and (between or a.start < groups[-1][-1].end)
            )
            or _LIST_PARTY.fullmatch(between)
        ):
            groups[-1].append(a)
        else:
            groups.append([a])
    return groups


def _clause_before(text: str, pos: int) -> re.Match[str] | None:
    """The opening of the clause whose subject would start at ``pos`` (an article's number, a
    stop, 本市, 由 …), if ``pos`` is where a subject stands."""
    return _CLAUSE_START.search(text, max(0, pos - 40), pos)


# A clause a body opens that ends in 的 before what another body does, or what befalls the body:
# 施工单位未采取扬尘污染防治措施的，由住房城乡建设部门责令改正 (or …的，处一万元以上罚款, …的，
# 责令限期改正). The body is the condition's topic, not who acts. The condition is one clause, or
# several when they say what rule it broke (建设单位违反本条例第十条规定，拒不履行…义务的，由…);
# a duty of the body's own on the way (施工单位应当…，未…的，由…) keeps it the subject.
_CONDITION_OF_ACT = re.compile(
    r"(?P<clause>[^。；;！!？?：:\n，,]{0,80}?|(?=[^。；;！!？?：:\n]{0,80}?违反)[^。；;！!？?：:\n]{0,80}?)"
    r"的[，,](?:由|处(?!理)|并处|责令|给予|予以|没收|吊销|依法(?:给予|予以|追究|处(?!理)|责令|由))"
)
_DUTY = re.compile(r"应当|应该|必须|负责|负有|有权")


def _condition_of_act(text: str, end: int) -> bool:
    """Whether the clause after a body ending at ``end`` is the condition of what another body
    does, or of a penalty on it (see ``_CONDITION_OF_ACT``)."""
    m = _CONDITION_OF_ACT.match(text, end)
    return m is not None and not _DUTY.search(m.group("clause"))


def _condition_item(text: str, opening: int, end: int) -> bool:
    """Whether the clause opening at ``opening`` is a list item (（三）…) that ends in 的: a
    condition of the article's rule, whose bodies are its topic."""
    if text[opening : opening + 1] not in "）)":
        return False
    if not _ITEM.search(text, max(0, opening - 8), opening):  # （三 right before its ）
        return False
    close = min((i for i in (text.find("；", end), text.find("。", end)) if i >= 0), default=-1)
    return close > 0 and text[close - 1] == "的"


# What a notice's addressee line (主送机关) holds besides the bodies it is sent to: 各省、自治区、
# 直辖市人民政府，国务院各部委、各直属机构：; a province's or city's departments by their kinds
# (省政府各厅委、各直属机构, 市政府各委、办、局, 省直各单位)
_ADDRESSEE_FILLER = re.compile(
    r"(?:[，,、和及\s]|各|有关|直属机构|直属单位|部委|部门|单位|委办局|委办厅局|厅委|厅局|[委办局厅]"
    r"|[省市县]直|[省市县区乡镇](?=[、，,]))*[：:]\s*"  # 各区、县人民政府: a level listed
)


def _addressed(text: str, actors: list[Actor]) -> bool:
    """Whether ``text`` is an addressee line: bodies and the words that join them up to a colon
    that ends it, no act; its bodies are only named (国务院 of 国务院各部委 is no subject)."""
    if not actors or not text.rstrip().endswith(("：", ":")):
        return False
    rest, at = [], 0
    for a in actors:
        rest.append(text[at : a.start])
        at = max(at, a.end)
    rest.append(text[at:])
    return _ADDRESSEE_FILLER.fullmatch("".join(rest)) is not None


def _assign_roles(text: str, actors: list[Actor]) -> None:
    """Set each actor's role in place: task notes first, then 会同/牵头, then subjects."""
    if _addressed(text, actors):
        for a in actors:
            a.role = "mentioned"
        return
    decided: set[int] = set()
    for note in _NOTE.finditer(text):
        for clause in _NOTE_CLAUSE.finditer(note.group(1)):
            c_start = note.start(1) + clause.start()
            c_end = note.start(1) + clause.end()
            inside = [a for a in actors if c_start <= a.start and a.end <= c_end]
            if not inside:
                continue
            head = _NOTE_HEAD.fullmatch(text[c_start : inside[0].start].strip())
            if not head:
                continue
            if not all(_CONJ.fullmatch(text[x.end : y.start]) for x, y in pairwise(inside)):
                continue
            tail = text[inside[-1].end : c_end].strip()
            tail = tail[1:] if tail.startswith("等") else tail
            role = next((r for r, rx in _NOTE_ROLES if rx.fullmatch(tail)), None)
            if role:
                parts = {b.start for b in inside}
                for a in inside:  # 市人民政府 / 办公厅牵头: the office leads, not its body
                    a.role = "mentioned" if a.end in parts else role
                    # 以下均需…落实: every later task too (not the body whose office acts)
                    a.standing = head.group(1) is not None and a.role != "mentioned"
                    decided.add(id(a))
    opening = {a.start for a in actors}
    # a body's part is placed where its body is: 市人民政府 / 办公厅 at a clause's start
    owner: dict[int, int] = {}
    for a in actors:
        owner[a.end] = min(a.start, owner.get(a.end, a.start))
    joint_end = -1  # where the bodies a subject shares its duty with (与…共同) end
    listed = (-1, "")  # where the last group under a label (责任单位：…) ends, and its role
    for group in _lists(text, actors):
        if any(id(a) in decided for a in group):
            continue
        if group[0].start < joint_end and _JOINT_AFTER.match(text, group[-1].end):
            for a in group:
                a.role = "responsible"
            continue
        start = group[0].start
        while start in owner and owner[start] < start:
            start = owner[start]
        after = text[group[-1].end : group[-1].end + 12]
        before = text[max(0, start - 12) : start]
        role = "mentioned"
        labelled = next((r for r, rx in _LABELLED_ROLES if rx.search(before)), None)
        if not labelled and _LABEL_GOES_ON.fullmatch(text, listed[0], start):
            labelled = listed[1]  # 责任单位：市生态环境局、市发展改革委，各区县人民政府
        if group[-1].end in opening:
            role = "mentioned"  # 省人民政府 / 负有…职责的部门, 市人民政府 / 办公厅: whose part acts
        elif labelled and not (
            labelled == "responsible" and (_LEAD_TAIL.match(after) or _PART_TAIL.match(after))
        ):  # 责任单位：A牵头，B参与: the word after the body says more than the label
            role = labelled
        elif _LEAD_AFTER.match(after) or _LEAD_TAIL.match(after):
            role = "lead"
        elif _PART_BEFORE.search(before) or _PART_TAIL.match(after):
            role = "participant"
        elif _ORGANISED_BEFORE.search(before) and not _NO_TASK_AFTER.match(after):
            role = "participant"
        elif _AGENT_BEFORE.search(before):
            role = "responsible"
        elif (
            (clause := _clause_before(text, start))
            and not _OF_BODY.match(after)
            and not _condition_item(text, clause.start(), group[-1].end)
            and not _condition_of_act(text, group[-1].end)
        ):
            window = text[group[-1].end : group[-1].end + 80]
            tail = window[1:] if window[:1] in _CLOSING_QUOTES else window
            tail = tail[1:] if tail.startswith("等") else tail
            tail = tail[m.end() :] if (m := _CO_SUBJECT.match(tail)) else tail
            tail = tail[m.end() :] if (m := _DEFINED.match(tail)) else tail  # （以下简称…）
            tail = tail[m.end() :] if (m := _ASIDE.match(tail)) else tail  # 区人民政府(管委会)
            nxt = tail[:1]
            if _DEFINES.match(tail):
                role = "mentioned"  # 其他有关行政监督部门包括…: what the name covers, no duty
            elif (nxt and nxt not in _NOT_PREDICATE and _is_han(nxt)) or _MODAL_AFTER_COMMA.match(
                tail
            ):
                role = "responsible"
            elif joint := _JOINTLY_WITH.match(tail):
                role = "responsible"
                # the tail is what is left of the window once its openings are dropped
                joint_end = group[-1].end + len(window) - len(tail) + joint.end()
        if labelled:
            listed = (group[-1].end, labelled)
        for a in group:
            a.role = role


@Language.factory(
    "policykg_actors",
    assigns=["doc.spans"],
    default_config={"spans_key": "actors", "terms": []},
)
def make_actor_recognizer(
    nlp: Language, name: str, spans_key: str, terms: list[dict[str, Any]]
) -> ActorRecognizer:
    """The ``policykg_actors`` component; ``terms`` are the records of ``actors.ttl``."""
    return ActorRecognizer(spans_key, terms, name)
