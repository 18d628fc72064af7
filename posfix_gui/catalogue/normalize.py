"""Text and code normalisation shared by the catalogue builder and the search (no Qt).

Both sides must agree byte for byte, so every rule lives here once.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_CHARS = 200  # a 10 kB paste is cut to this before any work

_WS = r"\s+"
_CODE_TOKEN = r"-?[0-9A-Z][0-9A-Z._]*"
_HEX = r"0X([0-9A-F]+)"
_INT = r"(-?)(\d+)"
_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
# Pattern strings, not compiled at import: the app imports this module before its window is shown,
# and compiling these five cost ~4 ms there. The re module compiles each at its first use (the first
# search) and keeps it in its own cache.

# Words around a code or symptom that say nothing about it ("应答码51", "返回码A0怎么办", "error 51").
_LEADING_FILLERS = (
    "pos机显示", "pos显示", "终端显示", "刷卡显示", "屏幕显示", "机器显示", "提示", "显示", "出现", "报错",
    "应答码", "错误码", "返回码", "响应码", "错误代码", "故障码", "代码",
    "error code", "error", "code", "err", "pos",
)
_TRAILING_FILLERS = (
    "是什么意思", "什么意思", "是什么", "怎么回事", "怎么处理", "如何处理", "怎么解决", "怎么办", "咋办",
    "怎么弄", "了", "啊", "吗", "呢", "呀", "？", "?", "!", "！", "。", ".",
)


def strip_controls(text: str) -> str:
    """Drop control, format, surrogate and private-use characters; keep ordinary text."""
    return "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)


def fold(text: str) -> str:
    """NFKC (full-width -> half-width), lower case, single spaces, trimmed."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(_WS, " ", text).strip().lower()


def clean_query(query: object) -> str:
    """What the search works on: any object in, a short folded string out (never raises)."""
    if not isinstance(query, str):
        query = "" if query is None else str(query)
    query = query[: MAX_QUERY_CHARS * 4]
    try:
        query = strip_controls(query)
    except (TypeError, ValueError):  # pragma: no cover - defensive
        return ""
    # Lone surrogates cannot be encoded; replace them.
    query = query.encode("utf-8", "replace").decode("utf-8")
    return fold(query)[:MAX_QUERY_CHARS]


def strip_fillers(text: str) -> str:
    """Remove the words people wrap a code or symptom in ("应答码51怎么办" -> "51")."""
    prev = None
    while prev != text:
        prev = text
        for word in _LEADING_FILLERS:
            if text.startswith(word) and len(text) > len(word):
                text = text[len(word):].lstrip(" :：-")
        for word in _TRAILING_FILLERS:
            if text.endswith(word) and len(text) > len(word):
                text = text[: -len(word)].rstrip(" ,，")
    return text.strip()


def has_cjk(text: str) -> bool:
    return bool(re.search(_CJK, text))


def code_keys(code: str) -> set[str]:
    """Every key under which a code is found: 0x0002 -> {0X0002, 0X2}; 0020000 -> {0020000, 20000}."""
    c = unicodedata.normalize("NFKC", code).upper().strip()
    compact = re.sub(_WS, "", c)
    keys = {compact}
    m = re.fullmatch(_HEX, compact)
    if m:
        digits = m.group(1).lstrip("0") or "0"
        keys.add("0X" + digits)
        if any(ch.isalpha() for ch in digits):  # 0xF0 is also typed F0
            keys.add(digits)
    m = re.fullmatch(_INT, compact)
    if m:
        keys.add(m.group(1) + str(int(m.group(2))))
    return {k for k in keys if k}


_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def query_code_tokens(query: str) -> list[str]:
    """Code-like tokens of a cleaned query, in order, without duplicates."""
    upper = query.upper()
    tokens = re.findall(_CODE_TOKEN, upper)
    compact = re.sub(_WS, "", upper)
    if compact and compact not in tokens and " " in upper and len(compact) <= 40:
        tokens.append(compact)  # "bad mac" -> BADMAC, "prn 2" -> PRN2
    seen: list[str] = []
    for t in tokens:
        t = t.rstrip("._")
        if t and t not in seen and t != "-":
            seen.append(t)
    return seen


def confusable_variants(token: str) -> set[str]:
    """Typos of short codes: letter O for zero, I or l for one (AO -> A0)."""
    if len(token) > 4:
        return set()
    variant = token.translate(_CONFUSABLE)
    return {variant} if variant != token else set()


def substrings(text: str, min_len: int = 2, max_len: int = 24) -> set[str]:
    """All substrings of text between min_len and max_len characters (text is short)."""
    out: set[str] = set()
    n = len(text)
    for i in range(n):
        for j in range(i + min_len, min(n, i + max_len) + 1):
            piece = text[i:j]
            if piece.strip() == piece:
                out.add(piece)
    return out


def char_phrase(text: str) -> str:
    """Characters separated by spaces, for the character-level index ("余额" -> "余 额")."""
    return " ".join(ch for ch in text if not ch.isspace())


def fts_phrase(text: str) -> str:
    """An FTS5 string literal matching text as a phrase; quotes are doubled, so no syntax leaks."""
    return '"' + text.replace('"', '""') + '"'
