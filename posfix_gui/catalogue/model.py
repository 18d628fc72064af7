"""Plain data types of the catalogue (no Qt, no SQL).

Immutable records as ``NamedTuple``s rather than frozen dataclasses: they are built at start-up, and
a frozen, slotted dataclass costs about 1 ms to define (its methods are generated and compiled at
import), a named tuple a tenth of that. Compared by value and hashable, as before.
"""

from __future__ import annotations

from typing import NamedTuple

ACTORS = ("cashier", "customer", "issuer", "acquirer", "technician", "provider")
RETRY_VALUES = ("yes", "later", "after_fix", "no")
KINDS = ("failure", "approved", "info")
STEP_LEVELS = ("basic", "advanced", "escalate")

ACTOR_NAMES = {
    "cashier": ("收银员", "Cashier"),
    "customer": ("顾客（持卡人）", "Customer (cardholder)"),
    "issuer": ("发卡行", "Card issuer"),
    "acquirer": ("收单机构或银行", "Acquirer or bank"),
    "technician": ("终端维修人员", "Terminal technician"),
    "provider": ("支付服务商", "Payment provider"),
}
RETRY_NAMES = {
    "yes": ("可以立即重试一次", "Retrying once now makes sense"),
    "later": ("稍后再试", "Retry later"),
    "after_fix": ("按步骤处理后再试", "Retry after following the steps"),
    "no": ("不要重试同一笔交易", "Do not retry the same transaction"),
}


class SearchResult(NamedTuple):
    """One search hit, best first in the list a search returns."""

    id: str
    scheme: str
    code: str
    title_zh: str
    title_en: str
    score: float
    matched: str = ""  # what matched: code, title, alias, pinyin, text, fuzzy

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "scheme": self.scheme,
            "code": self.code,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "score": round(self.score, 3),
            "matched": self.matched,
        }


class Step(NamedTuple):
    position: int  # 1-based
    text_zh: str
    text_en: str
    level: str  # basic | advanced | escalate


class Entry(NamedTuple):
    id: str
    scheme: str
    code: str
    title_zh: str
    title_en: str
    kind: str
    explain_zh: str
    explain_en: str
    act: tuple[str, ...]
    retry: str
    customer_zh: str
    customer_en: str
    note_zh: str
    note_en: str
    steps: tuple[Step, ...]
    categories: tuple[str, ...]
    aliases: tuple[str, ...]
    display: tuple[str, ...]
    see_also: tuple[str, ...]
    instance_of: str
    sources: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_zh

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "scheme": self.scheme,
            "code": self.code,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "kind": self.kind,
            "explain_zh": self.explain_zh,
            "explain_en": self.explain_en,
            "act": list(self.act),
            "retry": self.retry,
            "customer_zh": self.customer_zh,
            "customer_en": self.customer_en,
            "note_zh": self.note_zh,
            "note_en": self.note_en,
            "categories": list(self.categories),
            "aliases": list(self.aliases),
            "display": list(self.display),
            "see_also": list(self.see_also),
            "instance_of": self.instance_of,
            "sources": list(self.sources),
            "steps": [
                {"position": s.position, "level": s.level, "text_zh": s.text_zh, "text_en": s.text_en}
                for s in self.steps
            ],
        }


class Scheme(NamedTuple):
    id: str
    name_zh: str
    name_en: str
    order: int

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_zh


class Category(NamedTuple):
    id: str
    parent: str  # "" for top level
    title_zh: str
    title_en: str
    position: int
    entry_count: int = 0  # entries in this category and all below it

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_zh


class CatalogueInfo(NamedTuple):
    path: str
    catalogue_version: str
    schema_version: int
    content_hash: str
    built_at: str
    entries: int
    per_scheme: dict[str, int]
    per_category: dict[str, int]
