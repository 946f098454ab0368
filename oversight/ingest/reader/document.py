"""Facts a document states once: its kind, title, evaluated year, publishing unit, and prose values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from oversight.ingest.reader import vocab
from oversight.ingest.reader.cells import Tok

_BRACKET_YEAR = re.compile(r"[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]")
_DATE = re.compile(r"(?:19|20)\d{2}\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)")
_INDEX = re.compile(r"[A-Za-z0-9]+[-/](?:19|20)\d{2,}[-/]?\d*|(?:19|20)\d{4,}")
_YEAR_DU = re.compile(r"((?:19|20)\d{2})\s*年度")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_META = re.compile(
    r"^(?:索\s*引\s*号|发布机构|发文机关|发文单位|发布日期|发文日期|成文日期|主题分类|信息分类|来源|时间|公开方式|效力状态|文号|生效时间)"
)
_ORG_END = re.compile(
    r"(?:人民政府|政府|委员会|管理局|局|委|办公室|办|中心|街道|镇|乡|公司|学校|医院|院|所|站|队|处|署|馆|部|厅)$"
)


@dataclass
class DocFacts:
    kind: str = "unknown"
    kind_votes: dict[str, int] = field(default_factory=dict)
    title: str | None = None
    title_line: int | None = None
    year: int | None = None
    year_note: str | None = None
    unit: str | None = None
    object_name: str | None = None  # what the title says is evaluated
    whole_unit: bool = False


def _scrub_years(text: str) -> str:
    text = _BRACKET_YEAR.sub(" ", text)
    text = _DATE.sub(" ", text)
    return _INDEX.sub(" ", text)


@lru_cache(maxsize=1)
def _title_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    spec = vocab.rules()["title"]
    words = "|".join(re.escape(w) for w in spec["words"])
    ends = "|".join(re.escape(w) for w in spec["suffixes"])
    return re.compile(words), re.compile(f"(?:{ends})$")


_ITEM = re.compile(r"^\d{1,2}[.、．](?!\d)")  # a numbered item of a list ('1.项目支出绩效自评表'), not a title
_FOOTER = re.compile(r"^(?:相关(?:链接|文章|信息|阅读|新闻|推荐)|上一篇|下一篇|【?打印本页|【?关闭窗口)")
_LINK = re.compile(r"^(?:[·•●▪◆■□>»]|上一篇|下一篇|相关(?:文章|信息|链接|阅读)|附件\d*[:：])")  # links to other pages


def find_title(toks: list[Tok]) -> Tok | None:
    """The line that titles the document: title words and endings, a year, no sentence punctuation."""
    words, ends = _title_res()
    best, best_score = None, 0.0
    seen: dict[str, int] = {}
    for t in toks[:60]:
        seen[t.text] = seen.get(t.text, 0) + 1
    for n, t in enumerate(toks[:60]):
        if n and _FOOTER.match(t.text):
            break  # the links to other pages below the text: their titles are not this page's
        text = re.sub(r"^(?:名\s*称|标\s*题|附件\s*\d*)\s*[:：]?\s*", "", t.text)
        if t.brk or not 6 <= len(text) <= 90 or _META.match(t.text) or _LINK.match(text) or _ITEM.match(text):
            continue
        s = 0.0
        if words.search(text):
            s += 3
        if ends.search(re.sub(r"[(（](?:摘要|全文|简本|节选|公示稿)[)）]$", "", text)):
            s += 2
        if _YEAR_DU.search(text):
            s += 1.5
        if "项目" in text or "支出" in text:
            s += 1
        if "。" in text or "," in text or "，" in text:
            s -= 4
        if seen.get(t.text, 0) > 1:
            s += 0.5
        s -= n * 0.02
        if s > best_score:
            best, best_score = Tok(text, t.line), s
    return best if best_score >= 3 else None


def heading(toks: list[Tok]) -> str | None:
    """The first line that reads as a page's heading (not a breadcrumb, not metadata), whatever it names."""
    crumb = next((n for n, t in enumerate(toks[:12]) if re.search(r"\s[>＞»]\s", t.text)), None)
    for t in toks[crumb + 1 if crumb is not None else 0 : 12]:  # the site's name sits above its breadcrumb
        plain = not t.brk and ">" not in t.text and not re.search(r"[。，,；;]", t.text)
        if plain and 6 <= len(t.text) <= 90 and not _META.match(t.text):
            return t.text
    return None


def kind_of(title: str | None, body: str, head: str | None = None) -> tuple[str, dict[str, int]]:
    """The kind by weighted words. A page titled as another kind of publication (a budget disclosure,
    a procurement notice) is `unknown` with that reason, unless its title says 绩效.
    `head`: the page's first heading, used when no performance title was found."""
    votes: dict[str, int] = {}
    for kind, spec in vocab.rules()["kinds"].items():
        n = 0
        for w, weight in spec["words"].items():
            n += weight * min(body.count(w), 3)
            if title and w in title:
                n += 3 * weight
        votes[kind] = n
    best = max(votes, key=lambda k: votes[k])
    named = head or title  # the page's own heading first: a related link lower down may name another page
    rules = vocab.rules()["not_performance"]
    both = " ".join(x for x in (head, title) if x)  # the heading may be the site's name, the title the page's
    if any(w in both for w in rules["target_titles"]) and not re.search(r"评价|自评|监控|跟踪", both):
        return "unknown", {**votes, "not_performance": 1, "not_performance_reason": -1}
    own = head or title  # a blank form attached to a notice has a result-like title of its own
    if own and re.search(rules["policy_title"], own) and not re.search(rules["result_title"], own):
        return "unknown", {**votes, "not_performance": 1, "not_performance_reason": -2}
    if own and re.search(rules["event_title"], own) and not re.search(rules["result_title"], own):
        return "unknown", {**votes, "not_performance": 1, "not_performance_reason": -3}
    if named and "绩效" not in named:
        for n, (words, _) in enumerate(vocab.rules()["not_performance"]["titles"]):
            if any(w in named for w in words) and not (n == 0 and self_evaluated_whole(body)):
                return "unknown", {**votes, "not_performance": 1, "not_performance_reason": n}
    other = sum(body.count(w) for w in vocab.rules()["not_performance"]["words"])
    if other >= 5 and other > 2 * body.count("绩效"):
        return "unknown", {**votes, "not_performance": other}  # a procurement notice: its 得分 is a bid's
    return (best if votes[best] >= 3 else "unknown"), votes


_WHOLE_SELF = re.compile(r"(?:部门|机关|单位)整体支出[^。]{0,30}(?:绩效)?自评|(?:部门|机关|单位)整体支出绩效自评")


def self_evaluated_whole(body: str) -> bool:
    """A 部门决算 that reports its unit's own 整体支出 self-evaluation (its score and grade) is one."""
    return bool(_WHOLE_SELF.search(body)) and bool(re.search(r"自评(?:得分|总分|分)|自评等[级次]", body))


def year_of(title: str | None, texts: list[str]) -> tuple[int | None, str | None]:
    """The evaluated year: 'N年度' in the title, then in the form; a bare 'N年' (not a date) last."""
    t = _scrub_years(title or "")
    body = [_scrub_years(x) for x in texts]
    candidates: list[tuple[int, str]] = []
    if m := _YEAR_DU.search(t):
        candidates.append((int(m.group(1)), "标题"))
    for x in body:
        for m in _YEAR_DU.finditer(x):
            candidates.append((int(m.group(1)), "正文"))
    if not candidates and (m := _YEAR.search(t)):
        candidates.append((int(m.group(1)), "标题"))
    if not candidates:
        for x in body:
            if m := _YEAR.search(x):
                candidates.append((int(m.group(1)), "正文"))
                break
    if not candidates:
        return None, None
    year = candidates[0][0]
    others = sorted({y for y, _ in candidates if y != year})
    note = None
    if others:
        note = f"评价年度取{year}年（{candidates[0][1]}），文中另有{'、'.join(map(str, others))}年度字样"
    return year, note


def unit_of(title: str | None, toks: list[Tok]) -> str | None:
    """The publishing unit: the organisation before the year in the title, else the page's 发布机构
    (its 来源 last: often a short name such as 区城运中心)."""
    if title and (m := re.match(r"^(.{2,30}?)(?:关于)?(?:19|20)\d{2}\s*年", title)) and _ORG_END.search(m.group(1)):
        return m.group(1)
    found: dict[str, str] = {}
    for n, t in enumerate(toks[:40]):
        m = re.match(r"^(发布机构|发文机关|发文单位|发布单位|来源)\s*[:：]\s*([^\s:：]{2,30})?", t.text)
        if not m:
            continue
        name = m.group(2) or (toks[n + 1].text if n + 1 < len(toks) else "")
        if _ORG_END.search(name) and len(name) <= 30:
            half = len(name) // 2
            if len(name) % 2 == 0 and name[:half] == name[half:]:
                name = name[:half]  # '东方市公安局东方市公安局': the page template doubled it
            found.setdefault("来源" if m.group(1) == "来源" else "机构", name)
    return found.get("机构") or found.get("来源")


def object_of(
    title: str | None, unit: str | None, year: int | None, whole_body: bool = False
) -> tuple[str | None, bool]:
    """What the title says was evaluated: '东方市公安局2023年度X项目绩效自评报告' → 'X项目'.
    `whole_body`: the text reports the unit's own 整体支出 self-evaluation (a 部门决算's section)."""
    if not title:
        return None, False
    whole = next((w for w in vocab.rules()["whole_unit"]["words"] if w in title), None) or whole_body
    m = re.search(r"(?:19|20)\d{2}\s*年(?:度|\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月|上半年|前三季度)?", title)
    before, t = (title[: m.start()], title[m.end() :]) if m else ("", title)
    if unit and t.startswith(unit):
        t = t[len(unit) :]
    t = _strip_suffixes(t)
    t = re.sub(r"^(?:财政|部门|单位)?(?:重点|专项)?(?=绩效|$)", "", t) if len(t) <= 6 else t
    if before and not _ORG_END.search(before) and (len(t) < 2 or re.fullmatch(r"(?:财政|部门)?(?:重点)?", t)):
        t = before  # '崇明区…三期项目2022年度财政重点绩效评价报告': the project comes before the year
    if whole:
        core = "机关整体支出" if "机关" in title else "部门整体支出"
        named = re.sub(r"(?:19|20)\d{2}.*$", "", title)  # the evaluated unit, before the year
        who = named if _ORG_END.search(named) else (unit or named)
        return f"{who}{year or ''}{'年度' if year else ''}{core}", True
    if len(t) < 2:
        return None, False
    return t, False


def _strip_suffixes(t: str) -> str:
    t = re.sub(r"[(（](?:摘要|全文|修改|修订|公示稿|简本|节选)[)）]$", "", t)
    for suffix in sorted(vocab.rules()["title"]["suffixes"], key=len, reverse=True):
        if t.endswith(suffix):
            t = t[: -len(suffix)]
    t = re.sub(
        r"(?:支出)?(?:绩效)?(?:运行|目标)?(?:监控|跟踪|评价|自评)(?:工作)?(?:情况|结果)?的?(?:报告|说明|公告|通报|公示|公开|表)$",
        "",
        t,
    )
    return re.sub(r"(?:重点绩效|绩效|支出)$", "", t).strip(" :：-—")
