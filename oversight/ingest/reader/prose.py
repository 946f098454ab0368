"""Values stated in sentences: '综合评分为97分', '评价等级为“良”', '预算执行率为93.86%'."""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from oversight.ingest.reader import vocab
from oversight.ingest.reader.cells import Tok, Value

# Rates that are not budget execution, and counts that are not money: never read as either.
_NOT_RATE = re.compile(
    r"(?:到位率|拨付率|完成率|覆盖率|满意度|合格率|及时率|知晓率|使用率|达标率|目标值?)(?:为|是|:|达到|达)?$"
)


_TARGET = re.compile(r"确保|力争|争取|计划|预计|目标|要求|不低于|应达到")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    return {f: [re.compile(p) for p in ps] for f, ps in vocab.rules()["prose"].items()}


_ENDS = re.compile(r"[。；;:：！？!?」』”)）]$")
_STARTS = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)|[—-]\s*\d)"
)


def sentences(toks: list[Tok]) -> list[Tok]:
    """Lines of prose joined where a PDF broke them at the page width ('项目实际支出' / '400.12万元'):
    a long line that does not end a sentence runs on into the next, unless that one starts a heading.
    Short lines (table cells, labels) are never joined. Each joined text keeps its first line."""
    out: list[Tok] = []
    run: Tok | None = None
    for t in toks:
        if t.brk:
            run = None
            continue
        if run is not None and not _STARTS.match(t.text):
            run.text += t.text
        else:
            run = Tok(t.text, t.line)
            out.append(run)
        if len(t.text) < 15 or _ENDS.search(t.text) or len(t.line.cells) > 1:
            run = None
        elif _STARTS.match(t.text) and not re.search(r"[，。；,;]", t.text):
            run = None  # a heading ('一、某某平台运行维护项目') never runs on into its first sentence
    return out


_NUMBERED = re.compile(
    r"^(?:\d{1,2}[.、．]|[(（][\d一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,2}、)\s*"
    r"(?P<name>[^，,。；;：:]{4,60}?)[，,：:。]"
)
_PROJECT_WORD = re.compile(r"项目|工程|经费|建设|运维|服务|系统|平台|补贴|购置|采购|改造|维护|计划|资金|专项")
_STATED = ("score", "grade", "amount_wan", "budget_wan", "executed_wan", "execution_rate")


def numbered_projects(toks: list[Tok]) -> list[dict[str, Value]]:
    """Results written as numbered paragraphs, one project each: '1.霍山县雪亮工程建设项目，预算资金
    1865.4万元，评价得分87.5分，等级为良。' Each paragraph's values are its own project's."""
    out = []
    for s in sentences(toks):
        m = _NUMBERED.match(s.text)
        if not m or not _PROJECT_WORD.search(m.group("name")):
            continue
        said = prose_values([Tok(s.text[m.end() :], s.line)])
        if sum(f in said for f in _STATED) >= 2:
            out.append({"name": Value("name", m.group("name").strip(), s.line, "prose"), **said})
    return out if len(out) >= 2 else []


_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SCORE = re.compile(
    r"(?<=得分|评分|总分)(为|是|:|：)?([一二三四五六七八九]?十[一二三四五六七八九]?|一百)(?:点([零〇一二三四五六七八九]{1,2}))?分"
)


def _cn_number(text: str) -> int:
    """'九十二' → 92, '十五' → 15, '一百' → 100."""
    if text == "一百":
        return 100
    tens, _, ones = text.partition("十")
    return _CN_DIGIT.get(tens, 1) * 10 + _CN_DIGIT.get(ones, 0)


def cn_scores(text: str) -> str:
    """A score written in words ('得分为九十二分', '综合得分九十一点五分') → in digits."""

    def digits(m: re.Match[str]) -> str:
        frac = "".join(str(_CN_DIGIT[c]) for c in m.group(3)) if m.group(3) else ""
        return f"{m.group(1) or ''}{_cn_number(m.group(2))}{'.' + frac if frac else ''}分"

    return _CN_SCORE.sub(digits, text)


def prose_values(toks: list[Tok]) -> dict[str, Value]:
    """The first statement of each field, by pattern order, then document order."""
    out: dict[str, Value] = {}
    lines = [Tok(cn_scores(t.text), t.line) for t in sentences(toks)]
    for f, patterns in _patterns().items():
        for pat in patterns:
            for t in lines:
                m = pat.search(t.text)
                if not m:
                    continue
                if f == "execution_rate" and (
                    _NOT_RATE.search(t.text[max(0, m.start() - 12) : m.start()])
                    or _TARGET.search(t.text[max(0, m.start() - 16) : m.start()])
                    or t.text[m.end() : m.end() + 2] in ("以上", "左右")
                ):
                    continue  # another rate, or a target ('确保年底前预算执行率达到95%以上')
                raw = m.group("v") + (m.group("u") if "u" in pat.groupindex and m.group("u") else "")
                out[f] = Value(f, raw, t.line, "prose")
                break
            if f in out:
                break
    return out


_ITEMS = {
    "score": re.compile(r"\d{1,3}(?:\.\d{1,2})?(?=分)"),
    "grade": re.compile(r"优秀|良好|中等|较差|优|良|中|差"),
    "execution_rate": re.compile(r"\d{1,3}(?:\.\d+)?%"),
    "amount_wan": re.compile(r"\d[\d,]*(?:\.\d+)?(?:亿元|万元|元|万)"),
    "department": re.compile(r"[^、，,和及与]+"),
}


def respectively(toks: list[Tok]) -> dict[str, tuple[list[str], Tok]]:
    """'得分分别为93.4分、91分、81.5分' → {'score': (['93.4', '91', '81.5'], where)}."""
    out: dict[str, tuple[list[str], Tok]] = {}
    for f, pattern in vocab.rules()["respectively"].items():
        pat = re.compile(pattern)
        for t in toks:
            if not t.brk and (m := pat.search(t.text)):
                listed = re.split(r"[,，]?\s*(?:合计|共计|总计)", m.group("v"))[0]  # a total is not a project's
                listed = re.split(r"[,，][^,，、]{0,12}分别为", listed)[0]  # the next list in the sentence
                out[f] = (_ITEMS[f].findall(listed), t)
                break
    return out


_QUOTED = re.compile(r"[“\"]([^”\"]{2,40})[”\"]")


def named_in_order(toks: list[Tok], count: int = 0) -> list[tuple[str, Tok]]:
    """Projects named in one sentence: '对…“A”、…“B”、…“C”3个项目…开展了评价', or the subject of a
    '分别为' sentence: 'A项目、B项目和C项目的评价得分分别为…' (as many names as the list has values)."""
    for t in toks:
        m = re.search(r"([^。；;]*?)的?(?:评价|自评|考评)?(?:得分|评分|等级|结果)分别为", t.text)
        if count and m:
            names = [n.strip() for n in re.split(r"[、，,]|和|及|与", m.group(1)) if n.strip()]
            if len(names) == count and all(len(n) >= 4 for n in names):
                return [(n, t) for n in names]
    for t in toks:
        if t.brk or not re.search(r"[\d一二三四五六七八九十两]个项目", t.text):
            continue
        sentence = next(x for x in re.split(r"[。；;]", t.text) if re.search(r"个项目", x))
        names = _QUOTED.findall(sentence)
        if len(names) >= 2:
            return [(n, t) for n in names]
    for t in toks:
        # '选取A、B、C3个项目开展了重点评价': names listed without quotes, as many as the count says
        for m in re.finditer(r"([^，,：:。；;]*?)等?(?<!\d)([2-9]|[二三四五六七八九两])个项目", t.text):
            if not count:
                break
            listed = re.sub(r"^.*?(?:选取|选择|抽取|确定|包括|对|将)", "", m.group(1))
            names = [n.strip() for n in re.split(r"[、]|和|及|与", listed) if n.strip()]
            if len(names) == count == _count(m.group(2)) and all(
                4 <= len(n) <= 40 and not n.endswith("的") for n in names
            ):
                return [(n, t) for n in names]
    return []


def _count(text: str) -> int:
    return int(text) if text.isdigit() else "一两三四五六七八九".index(text.replace("二", "两")) + 1


_MENTION = re.compile(
    r"(?P<name>[^，,。；;：:、“”]{0,30}?[“\"][^”\"]{2,20}[”\"][^，,。；;：:、]{0,30}?(?:项目|工程)|"
    r"[^，,。；;：:、“”\"]{4,40}?(?:项目|工程))(?:的)?(?:评价|综合|绩效评价)?得分(?:为)?(?P<score>\d{1,3}(?:\.\d{1,2})?)分"
)
_CLAUSE = re.compile(
    r"(?:^|[；;：:]|结果为|分别是)(?P<name>[^，,。；;：:、]{4,40}?(?:项目|工程|计划|经费|资金)(?:项目)?)(?P<rest>[^；;。]*?(?:得分|评分)[^；;。]*)"
)


def clause_projects(text_toks: list[Tok]) -> list[dict[str, Value]]:
    """'评价结果为：A项目预算资金486.00万元，评价得分78.5分，等级为“中”；B项目…': one clause each,
    the project's name first, its values in the rest of the clause."""
    out = []
    for t in text_toks:
        for m in _CLAUSE.finditer(t.text):
            said = prose_values([Tok(m.group("rest"), t.line)])
            if "score" in said:
                out.append({"name": Value("name", m.group("name"), t.line, "prose"), **said})
    return out if len(out) >= 2 else []


_SUBJECT = re.compile(r"^.*(?:实施的|负责的|组织的|牵头的|领域[，,]?|方面[，,]?)")


def mentioned_projects(toks: list[Tok]) -> list[dict[str, Value]]:
    """Projects named in running prose, each with its score: '区城运中心实施的“一网统管”平台二期项目得分
    94.5分，评价等级为“优”。该项目2023年预算资金2,180万元…'. What follows a mention, up to the next,
    is that project's."""
    text_toks = sentences(toks)
    found: list[tuple[int, int, re.Match[str]]] = []
    for n, t in enumerate(text_toks):
        found += [(n, m.start(), m) for m in _MENTION.finditer(t.text)]
    if len(found) < 2:
        return clause_projects(text_toks)
    out = []
    for k, (n, _start, m) in enumerate(found):
        nxt = found[k + 1] if k + 1 < len(found) else None
        t = text_toks[n]
        if nxt and nxt[0] == n:
            segment = t.text[m.end() : nxt[1]]
        else:
            segment = t.text[m.end() :]
        name = _SUBJECT.sub("", m.group("name")).strip()
        said = prose_values([Tok(segment, t.line)])
        said.pop("score", None)
        out.append(
            {
                "name": Value("name", name, t.line, "prose"),
                "score": Value("score", m.group("score"), t.line, "prose"),
                **said,
            }
        )
    return out


_WAN = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万元?")


def wan_numbers(toks: list[Tok]) -> frozenset[Decimal]:
    """Every number the text writes in 万元: evidence for a table whose header says 元."""
    out = set()
    for t in toks:
        for m in _WAN.finditer(t.text):
            with contextlib.suppress(InvalidOperation):
                out.add(Decimal(m.group(1).replace(",", "")))
    return frozenset(out)


# 'A为优秀', 'A级:优', 'A级(优,90分及以上)', 'A(优秀)'
_LETTER = re.compile(
    r"(?<![A-Za-z])([A-E])(?:级|等)?(?:为|:|表示|对应|即|\()[“\"]?(优秀|良好|中等|合格|较差|不合格|优|良|中|差)(?![\u4e00-\u9fff]{2})"
)


def letter_grades(toks: list[Tok]) -> dict[str, str]:
    """A page's own legend for letter grades: 'A为优秀…，B为良好…' → {'A': '优秀', 'B': '良好'}.
    Without one a letter is no grade (nothing is assumed)."""
    out: dict[str, str] = {}
    for t in toks:
        for m in _LETTER.finditer(t.text):
            out.setdefault(m.group(1), m.group(2))
    return out
