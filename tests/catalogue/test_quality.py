"""Quality gate over the whole shipped catalogue (sources and built database)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from posfix_gui.catalogue import Catalogue
from posfix_gui.catalogue.source import PLACEHOLDER, Sources, load_sources
from tests.conftest import REPO, SOURCES

REFERENCE = REPO.parent / "shared" / "reference" / "pos_codes_facts.md"
VENDORS = ("pax", "newland", "landi", "telpo", "ingenico")


@pytest.fixture(scope="module")
def sources() -> Sources:
    return load_sources(SOURCES)  # raises on duplicates, broken references, bad order …


def by_id(sources: Sources) -> dict:
    return {e.id: e for e in sources.entries}


def test_minimum_counts_per_scheme(sources: Sources) -> None:
    count: dict[str, int] = {}
    for e in sources.entries:
        count[e.scheme] = count.get(e.scheme, 0) + 1
    assert count.get("iso8583", 0) >= 60
    assert count.get("terminal", 0) >= 40
    assert sum(count.get(v, 0) for v in VENDORS) >= 80
    assert count.get("wechatpay", 0) >= 20
    assert count.get("alipay", 0) >= 25


UNIONPAY_TABLE = (
    "00 01 02 03 04 05 06 07 09 10 11 12 13 14 15 16 17 19 20 21 22 23 25 30 31 33 34 35 36 37 38 39 40 41 42 "
    "43 44 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 75 77 79 90 91 92 93 94 95 96 97 98 99 "
    "A0 A1 A2 A3 A4 A5 A6 A7"
).split()
GENERIC = ["0x0000", "0x0001", "0x0002", "0x0003", "0x0004", "0x0005", "1000", "0020000"]


def test_unionpay_table_is_complete(sources: Sources) -> None:
    ids = by_id(sources)
    missing = [c for c in UNIONPAY_TABLE if f"unionpay:{c}" not in ids]
    assert not missing


def test_article_codes_present(sources: Sources) -> None:
    ids = by_id(sources)
    assert [c for c in GENERIC if f"generic:{c}" not in ids] == []
    assert "telpo" in ids["generic:1000"].text("note_en").lower()


TERMINAL_TOPICS = (
    "PAPER_OUT PAPER_JAM PRINTER_OVERHEAT PRINTER_COVER_OPEN PRINTER_FAULT SWIPE_FAILED IC_READ_FAILED "
    "INSERT_CHIP CTLS_MULTIPLE_CARDS NETWORK_DOWN WIFI_FAILED SIM_MISSING SIM_NO_SERVICE ETHERNET_UNPLUGGED "
    "DIALUP_LINE NOT_SIGNED_IN SIGNIN_FAILED MAC_KEY_ERROR PIN_KEY_ERROR MASTER_KEY_ERROR "
    "PARAM_DOWNLOAD_REQUIRED IC_PARAMS_MISSING SETTLEMENT_REQUIRED REVERSAL_PENDING SETTLEMENT_FAILED "
    "BATTERY_LOW BLACK_SCREEN BATTERY_FAULT WRONG_DATETIME TAMPER_LOCK"
).split()


def test_terminal_topics_present(sources: Sources) -> None:
    ids = by_id(sources)
    assert [t for t in TERMINAL_TOPICS if f"terminal:{t}" not in ids] == []


def test_every_failure_is_complete(sources: Sources) -> None:
    bad = []
    for e in sources.entries:
        if e.data.get("kind", "failure") != "failure":
            continue
        if len(e.steps) < 3 or e.steps[-1].level != "escalate":
            bad.append(f"{e.id}: steps")
        if not (e.text("customer_zh") and e.text("customer_en")):
            bad.append(f"{e.id}: customer sentence")
        if not e.items("act") or "retry" not in e.data:
            bad.append(f"{e.id}: act/retry")
    assert not bad


def test_no_placeholder_or_empty_text(sources: Sources) -> None:
    bad = []
    for e in sources.entries:
        texts = [e.text(k) for k in ("title_zh", "title_en", "explain_zh", "explain_en")]
        texts += [s.zh for s in e.steps] + [s.en for s in e.steps]
        if any(not t or PLACEHOLDER.search(t) for t in texts):
            bad.append(e.id)
        titles = {e.text("title_zh"), e.text("title_en").lower()}
        if any(s.zh.rstrip("。") in titles or s.en.rstrip(".").lower() in titles for s in e.steps):
            bad.append(f"{e.id}: step repeats title")
    assert not bad


def test_escalation_step_says_whom_and_what(sources: Sources) -> None:
    whom = re.compile(r"联系|拨打|致电|找|报给|告诉|请.*(行|商|客服|店长)|call|contact|tell", re.IGNORECASE)
    bad = [
        e.id for e in sources.entries
        if e.steps and e.steps[-1].level == "escalate"
        and not (whom.search(e.steps[-1].zh) or whom.search(e.steps[-1].en) or "无需" in e.steps[-1].zh)
    ]
    assert not bad


def test_categories_reachable_and_not_empty(catalogue: Catalogue) -> None:
    cats = {c.id: c for c in catalogue.categories()}
    for c in cats.values():
        seen, node = set(), c
        while node.parent:
            assert node.parent in cats and node.parent not in seen
            seen.add(node.parent)
            node = cats[node.parent]
        assert c.entry_count > 0, f"category {c.id} is empty"


def test_every_entry_has_a_category_and_aliases(sources: Sources) -> None:
    assert [e.id for e in sources.entries if not e.items("categories")] == []
    few = [e.id for e in sources.entries if not e.items("aliases") and e.data.get("kind", "failure") == "failure"]
    assert len(few) <= len(sources.entries) // 10, few


def test_see_also_links_for_the_same_meaning(catalogue: Catalogue) -> None:
    group = {"unionpay:51", "iso8583:51", "wechatpay:NOTENOUGH", "alipay:ACQ.BUYER_BALANCE_NOT_ENOUGH"}
    for entry_id in group:
        entry = catalogue.get(entry_id)
        assert entry is not None
        assert set(entry.see_also) & group, entry_id
    for code in GENERIC:
        entry = catalogue.get(f"generic:{code}")
        assert entry is not None and entry.see_also, code


def test_vendor_entries_reference_instead_of_copy(sources: Sources) -> None:
    ids = by_id(sources)
    vendor = [e for e in sources.entries if e.scheme in VENDORS]
    linked = [e for e in vendor if e.text("instance_of")]
    assert len(linked) >= len(vendor) // 2
    copied = []
    for e in linked:
        parent = ids[e.text("instance_of")]
        own = "steps_from" not in e.data
        if own and [s.zh for s in e.steps] == [s.zh for s in parent.steps]:
            copied.append(e.id)
    assert not copied, f"copy the reference, not the steps: {copied}"
    assert sum(1 for e in linked if e.text("steps_from")) >= len(linked) // 2


# Meanings from ../shared/reference/pos_codes_facts.md: (id, words one of the titles must contain).
MEANINGS = [
    ("unionpay:00", ["承兑", "成功", "approved"]), ("unionpay:01", ["查发卡行", "refer"]),
    ("unionpay:03", ["无效商户", "invalid merchant"]), ("unionpay:04", ["没收", "pick"]),
    ("unionpay:05", ["不予承兑", "honor"]), ("unionpay:12", ["无效交易", "invalid transaction"]),
    ("unionpay:13", ["无效金额", "invalid amount"]), ("unionpay:14", ["无效卡号", "invalid card"]),
    ("unionpay:15", ["无此发卡行", "no such issuer"]), ("unionpay:30", ["格式错", "format"]),
    ("unionpay:33", ["过期", "expired"]), ("unionpay:38", ["pin", "密码"]),
    ("unionpay:41", ["丢失", "挂失", "lost"]), ("unionpay:43", ["被窃", "stolen"]),
    ("unionpay:51", ["余额不足", "资金不足", "insufficient"]), ("unionpay:54", ["过期", "expired"]),
    ("unionpay:55", ["密码", "pin"]), ("unionpay:57", ["持卡人", "cardholder"]),
    ("unionpay:58", ["终端", "terminal"]), ("unionpay:61", ["金额", "amount"]),
    ("unionpay:68", ["太迟", "late"]), ("unionpay:75", ["pin", "密码"]), ("unionpay:77", ["签到", "sign"]),
    ("unionpay:90", ["日期切换", "日切", "cut"]), ("unionpay:94", ["重复", "duplicate"]),
    ("unionpay:96", ["系统", "malfunction"]), ("unionpay:97", ["终端号", "terminal"]),
    ("unionpay:98", ["发卡行应答", "issuer"]), ("unionpay:99", ["pin格式", "pin format"]),
    ("unionpay:A0", ["mac"]), ("unionpay:A7", ["安全", "security"]),
    ("iso8583:05", ["honor", "不予承兑"]), ("iso8583:51", ["insufficient", "资金不足", "余额不足"]),
    ("iso8583:55", ["pin", "密码"]), ("iso8583:96", ["malfunction", "系统"]),
    ("wechatpay:USERPAYING", ["支付中", "paying"]), ("wechatpay:NOTENOUGH", ["余额不足", "insufficient"]),
    ("wechatpay:AUTHCODEEXPIRE", ["过期", "expire"]), ("wechatpay:ORDERPAID", ["已支付", "paid"]),
    ("alipay:ACQ.BUYER_BALANCE_NOT_ENOUGH", ["余额不足", "insufficient"]),
    ("alipay:ACQ.TRADE_HAS_SUCCESS", ["已被支付", "already paid"]),
    ("alipay:ACQ.PAYMENT_AUTH_CODE_INVALID", ["授权码无效", "invalid"]),
    ("pax:2", ["缺纸", "paper"]), ("landi:0xF0", ["缺纸", "paper"]), ("landi:0xEE", ["卡纸", "jam"]),
    ("newland:-201", ["sim"]), ("telpo:1000", ["未知的交易类型", "unknown transaction"]),
    ("telpo:-103", ["ic", "chip"]),
]


@pytest.mark.parametrize(("entry_id", "words"), MEANINGS)
def test_meanings_match_reference(catalogue: Catalogue, entry_id: str, words: list[str]) -> None:
    entry = catalogue.get(entry_id)
    assert entry is not None, entry_id
    titles = f"{entry.title_zh} {entry.title_en}".lower()
    assert any(w.lower() in titles for w in words), f"{entry_id}: {titles}"


def _reference_codes(text: str) -> tuple[set[str], list[tuple[int, int]]]:
    tokens = set(re.findall(r"[A-Za-z0-9_.]+", text))
    # "ACQ.MERCHANT_AGREEMENT_NOT_EXIST / _INVALID" names ACQ.MERCHANT_AGREEMENT_INVALID too.
    for full, suffix in re.findall(r"([A-Z][A-Z0-9_.]+) / (_[A-Z_]+)", text):
        tokens |= {full.rsplit("_", i)[0] + suffix for i in range(1, 4)}
    ranges = [
        (int(a), int(b))
        for a, b in re.findall(r"(-?\d+)\s*(?:–|-|…|\.\.\.)\s*(-?\d+)", text)
    ]
    return tokens, ranges


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/reference is not beside the checkout")
def test_no_invented_codes(sources: Sources) -> None:
    """Every code outside the brand-neutral `terminal` scheme appears in the reference."""
    tokens, ranges = _reference_codes(REFERENCE.read_text(encoding="utf-8"))
    tokens |= {"-" + t for t in tokens if t.isdigit()}
    tokens |= {t.upper() for t in tokens}  # "Blue screen" in the reference, BLUE SCREEN on the terminal

    def known(code: str) -> bool:
        parts = re.findall(r"-?[A-Za-z0-9_.]+", code.upper())
        for part in parts:
            if part in tokens or part.lstrip("-") in tokens and part.startswith("-") is False:
                continue
            if re.fullmatch(r"-?\d+", part):
                n = int(part)
                if any(min(a, b) <= n <= max(a, b) for a, b in ranges) or part in tokens:
                    continue
            return False
        return True

    invented = [e.id for e in sources.entries if e.scheme not in ("terminal", "generic") and not known(e.code)]
    assert not invented


ISSUE_QUERIES = [
    ("打印机没纸了", "terminal:PAPER_OUT"), ("小票打不出来", "terminal:PAPER_OUT"),
    ("IC卡读不出来", "terminal:IC_READ_FAILED"), ("用户支付中", "wechatpay:USERPAYING"),
    ("付款码过期", "wechatpay:AUTHCODEEXPIRE"), ("支付宝余额不足", "alipay:ACQ.BUYER_BALANCE_NOT_ENOUGH"),
    ("paper jam", "terminal:PAPER_JAM"), ("没纸", "terminal:PAPER_OUT"), ("连不上网", "terminal:NETWORK_DOWN"),
    ("wrong PIN", "unionpay:55"), ("out of paper", "terminal:PAPER_OUT"), ("卡纸", "terminal:PAPER_JAM"),
    ("USERPAYING", "wechatpay:USERPAYING"), ("ACQ.TRADE_HAS_SUCCESS", "alipay:ACQ.TRADE_HAS_SUCCESS"),
    ("没签到", "terminal:NOT_SIGNED_IN"), ("电量低", "terminal:BATTERY_LOW"), ("黑屏", "terminal:BLACK_SCREEN"),
    ("没有SIM卡", "terminal:SIM_MISSING"), ("冲正", "terminal:REVERSAL_PENDING"),
    ("0xF0", "landi:0xF0"), ("-5", "pax:-5"), ("PRN 2", "newland:PRN 2"), ("日切", "unionpay:90"),
    ("微信余额不足", "wechatpay:NOTENOUGH"), ("吞卡", "unionpay:04"), ("MAC错", "unionpay:A0"),
    ("pick up card", "iso8583:04"), ("expired card", "unionpay:54"),
]


@pytest.mark.parametrize(("query", "expected"), ISSUE_QUERIES)
def test_symptoms_find_the_right_entry(catalogue: Catalogue, query: str, expected: str) -> None:
    top = [r.id for r in catalogue.search(query, limit=3)]
    assert expected in top, f"{query!r} -> {top}"


def test_reference_path_is_the_shared_folder() -> None:
    assert isinstance(REFERENCE, Path)
