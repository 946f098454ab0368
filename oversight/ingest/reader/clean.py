"""Text as published → text a reader can match: one form for traditional, spaced, OCR'd and pinyin'd copies.

The lake keeps the source lines as published; only the reader sees the cleaned text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from oversight.ingest.reader.vocab import rules

# Characters that occur only in traditional text; one of them is enough to convert the line.
_TRADITIONAL = re.compile(
    "[項預評價財績與國經處準實際執資機關審計總體態應開發專單數據稱點節號結費質運遞連團層術決額萬這來對時會過還後說區縣鎮門條務書員問題網維護監頻優異於]"
)
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\s*[(（]\s*[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}\s*[)）]")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff（）()：:、])[ \t\u3000\xa0]+(?=[\u4e00-\u9fff（）()])")


_MARKDOWN = re.compile(r"\*\*|__|^\s*(?:#{1,6}|>)\s+")


@lru_cache(maxsize=1)
def _converter():  # OpenCC loads its dictionaries once per process
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _ocr() -> list[tuple[str, str]]:
    return sorted(((a, b) for a, b in rules()["ocr"]["pairs"]), key=lambda p: -len(p[0]))


def is_traditional(text: str) -> bool:
    """Decided once per document: a traditional page also has lines whose characters are the same in
    both scripts, and converting them does no harm, while a simplified page is never converted."""
    return len(_TRADITIONAL.findall(text[:20000])) >= 3


def clean(text: str, traditional: bool = False) -> str:
    """NFKC, simplified (for a document written in traditional characters), no pinyin glosses, no
    letter spacing between CJK, OCR confusions repaired."""
    t = unicodedata.normalize("NFKC", text)
    t = _MARKDOWN.sub("", t.replace("<p>", ""))  # a paragraph break inside a table cell
    if traditional:
        t = _converter().convert(t)
    t = _PINYIN.sub("", t)
    t = _CJK_GAP.sub("", t)
    for wrong, right in _ocr():
        if wrong in t:
            t = t.replace(wrong, right)
    return t.strip()


_ZH_PUNCT = {"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"}
_HALF_BY_CJK = re.compile(r"(?<=[\u4e00-\u9fff）])[(),:;]|[(),:;](?=[\u4e00-\u9fff（])")


def zh_punct(text: str) -> str:
    """Stored text keeps Chinese punctuation full-width: NFKC (for matching) made it ASCII."""
    return _HALF_BY_CJK.sub(lambda m: _ZH_PUNCT[m.group(0)], text)
