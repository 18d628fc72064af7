"""Build ``db/codes.sqlite`` from the TOML sources with sqlite-utils (no Qt).

The build is deterministic: the same sources give the same content hash (and the same bytes).
It writes to a temporary file beside the target and renames it into place only when everything
succeeded, so a failed build leaves the old database untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from posfix_gui.catalogue.normalize import char_phrase, code_keys, fold, has_cjk
from posfix_gui.catalogue.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    TERM_ALIAS,
    TERM_DISPLAY,
    TERM_PINYIN,
    TERM_TITLE,
)
from posfix_gui.catalogue.source import EntrySource, Sources, load_sources


class BuildError(Exception):
    """The database could not be written; the message says why in one sentence."""


def content_hash(sources: Sources) -> str:
    """SHA-256 over a canonical JSON of everything that goes into the database."""
    doc = {
        "schema": SCHEMA_VERSION,
        "version": sources.version,
        "schemes": [vars(s) for s in sources.schemes],
        "categories": [vars(c) for c in sources.categories],
        "pinyin": sources.pinyin_phrases,
        "entries": [
            {"id": e.id, "data": {k: v for k, v in e.data.items() if k != "step"},
             "steps": [vars(s) for s in e.steps]}
            for e in sorted(sources.entries, key=lambda e: e.id)
        ],
    }
    blob = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class PinyinMaker:
    """Full pinyin and initials for Chinese text, with the corrections from ``pinyin.toml``.

    pypinyin is a build-time dependency only; the app never imports it.
    """

    def __init__(self, phrases: dict[str, str]) -> None:
        try:
            import pypinyin
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise BuildError(
                "pypinyin is needed to build the catalogue: pip install pypinyin"
            ) from exc
        self._pypinyin = pypinyin
        if phrases:
            pypinyin.load_phrases_dict(
                {k: [[syl] for syl in v.split()] for k, v in phrases.items()}, style="tone"
            )

    def readings(self, text: str) -> tuple[str, str]:
        """("yuebuzu", "yebz") for 余额不足; non-Chinese runs are kept as they are."""
        parts = self._pypinyin.lazy_pinyin(text, style=self._pypinyin.Style.NORMAL, errors="default")
        full, initials = [], []
        for part in parts:
            part = fold(part).replace(" ", "")
            if not part:
                continue
            full.append(part)
            initials.append(part[0] if part.isascii() and part.isalpha() and len(parts) > 1 else part)
        return "".join(full), "".join(initials)


def _entry_terms(e: EntrySource, pinyin: PinyinMaker) -> Iterator[tuple[str, str]]:
    """(term, kind) pairs under which an entry is found by text."""
    yield fold(e.text("title_zh")), TERM_TITLE
    yield fold(e.text("title_en")), TERM_TITLE
    for alias in e.items("aliases"):
        yield fold(alias), TERM_ALIAS
    for shown in e.items("display"):
        yield fold(shown), TERM_DISPLAY
    for zh in [e.text("title_zh"), *e.items("aliases"), *e.items("display")]:
        if has_cjk(zh):
            full, initials = pinyin.readings(zh)
            yield full, TERM_PINYIN
            if len(initials) >= 2:
                yield initials, TERM_PINYIN
    for extra in e.items("pinyin"):
        yield fold(extra).replace(" ", ""), TERM_PINYIN


def _body(e: EntrySource) -> str:
    parts = [e.text(k) for k in ("explain_zh", "explain_en", "note_zh", "note_en", "customer_zh", "customer_en")]
    parts += [s.zh for s in e.steps] + [s.en for s in e.steps]
    return fold(" ".join(p for p in parts if p))


def _dedupe(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    order = {TERM_TITLE: 0, TERM_ALIAS: 1, TERM_DISPLAY: 2, TERM_PINYIN: 3}
    best: dict[str, str] = {}
    for term, kind in pairs:
        if not term:
            continue
        if term not in best or order[kind] < order[best[term]]:
            best[term] = kind
    return sorted(best.items())


def write_database(sources: Sources, target: Path) -> str:
    """Write the database for ``sources`` to ``target`` atomically; return the content hash."""
    digest = content_hash(sources)
    pinyin = PinyinMaker(sources.pinyin_phrases)
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"Cannot create the folder {target.parent}: {exc.strerror or exc}.") from exc
    tmp = target.with_name(target.name + ".building")
    for stale in (tmp, tmp.with_name(tmp.name + "-journal")):
        if stale.exists():
            stale.unlink()
    try:
        _write(sources, tmp, digest, pinyin)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        if tmp.exists():
            tmp.unlink()
        raise BuildError(f"Cannot write the catalogue database {target}: {exc}.") from exc
    return digest


def _write(sources: Sources, path: Path, digest: str, pinyin: PinyinMaker) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA page_size=4096")
        db = sqlite_utils.Database(conn, execute_plugins=False)
        _fill(db, sources, digest, pinyin)
        conn.commit()
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute("VACUUM")
        conn.commit()
    finally:
        conn.close()


def _fill(db: sqlite_utils.Database, sources: Sources, digest: str, pinyin: PinyinMaker) -> None:
    db["meta"].insert_all(
        [
            {"key": "catalogue_version", "value": sources.version},
            {"key": "content_hash", "value": digest},
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
        ],
        pk="key",
    )
    db["schemes"].insert_all(
        ({"id": s.id, "name_zh": s.name_zh, "name_en": s.name_en, "position": s.order}
         for s in sorted(sources.schemes, key=lambda s: (s.order, s.id))),
        pk="id",
    )
    scheme_terms = sorted({(fold(a), s.id) for s in sources.schemes for a in [*s.aliases, s.name_zh, s.name_en]})
    db["scheme_terms"].insert_all(
        [{"term": t, "scheme": sid} for t, sid in scheme_terms], columns={"term": str, "scheme": str}
    )
    db["categories"].insert_all(
        ({"id": c.id, "parent": c.parent, "title_zh": c.title_zh, "title_en": c.title_en,
          "position": c.position} for c in sources.categories),
        pk="id",
    )
    entries = sorted(sources.entries, key=lambda e: e.id)
    db["entries"].insert_all(
        (_entry_row(e) for e in entries),
        pk="id",
        columns=_ENTRY_COLUMNS,
    )
    db["steps"].insert_all(
        ({"entry_id": e.id, "position": n, "level": s.level, "text_zh": s.zh, "text_en": s.en}
         for e in entries for n, s in enumerate(e.steps, start=1)),
        pk=("entry_id", "position"),
        columns={"entry_id": str, "position": int, "level": str, "text_zh": str, "text_en": str},
    )
    db["entry_categories"].insert_all(
        ({"entry_id": e.id, "category_id": c} for e in entries for c in dict.fromkeys(e.items("categories"))),
        pk=("entry_id", "category_id"),
    )
    db["see_also"].insert_all(
        ({"entry_id": e.id, "target_id": t, "position": n}
         for e in entries for n, t in enumerate(dict.fromkeys(e.items("see_also")), start=1)),
        pk=("entry_id", "target_id"),
        columns={"entry_id": str, "target_id": str, "position": int},
    )
    db["codes"].insert_all(
        ({"key": k, "entry_id": e.id}
         for e in entries for k in sorted(set().union(*(code_keys(c) for c in [e.code, *e.items("code_aliases")])))),
        pk=("key", "entry_id"),
    )
    terms = []
    for e in entries:
        for term, kind in _dedupe(_entry_terms(e, pinyin)):
            terms.append({"id": len(terms) + 1, "term": term, "entry_id": e.id, "kind": kind})
    db["terms"].insert_all(terms, pk="id", columns={"id": int, "term": str, "entry_id": str, "kind": str})
    db["terms"].create_index(["term"])
    db["terms"].create_index(["entry_id"])
    db["codes"].create_index(["entry_id"])
    db["entry_categories"].create_index(["category_id"])
    # Full-text indexes. Trigram for queries of 3+ characters (substring match); a character-level
    # index (every character its own token, queried as a phrase) for 1-2 character queries, which
    # trigram cannot match.
    db["terms"].enable_fts(["term"], tokenize="trigram")
    db["entries"].enable_fts(["body"], tokenize="trigram")
    db.execute("CREATE VIRTUAL TABLE terms_chars USING fts5(chars, content='', tokenize='unicode61')")
    db.conn.executemany(
        "INSERT INTO terms_chars(rowid, chars) VALUES (?, ?)",
        [(t["id"], char_phrase(t["term"])) for t in terms if t["kind"] != TERM_PINYIN],
    )
    for table in ("terms_fts", "entries_fts", "terms_chars"):
        db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


_ENTRY_COLUMNS: dict[str, Any] = {
    "id": str, "scheme": str, "code": str, "title_zh": str, "title_en": str, "kind": str,
    "explain_zh": str, "explain_en": str, "act": str, "retry": str, "customer_zh": str, "customer_en": str,
    "note_zh": str, "note_en": str, "instance_of": str, "steps_from": str, "aliases": str, "display": str,
    "sources": str, "body": str, "position": int,
}


def _entry_row(e: EntrySource) -> dict[str, Any]:
    return {
        "id": e.id,
        "scheme": e.scheme,
        "code": e.code,
        "title_zh": e.text("title_zh"),
        "title_en": e.text("title_en"),
        "kind": e.data.get("kind", "failure"),
        "explain_zh": e.text("explain_zh"),
        "explain_en": e.text("explain_en"),
        "act": json.dumps(e.items("act"), ensure_ascii=False),
        "retry": e.data.get("retry", ""),
        "customer_zh": e.text("customer_zh"),
        "customer_en": e.text("customer_en"),
        "note_zh": e.text("note_zh"),
        "note_en": e.text("note_en"),
        "instance_of": e.text("instance_of"),
        "steps_from": e.text("steps_from"),
        "aliases": json.dumps(e.items("aliases"), ensure_ascii=False),
        "display": json.dumps(e.items("display"), ensure_ascii=False),
        "sources": json.dumps(e.items("sources"), ensure_ascii=False),
        "body": _body(e),
        "position": e.position,
    }


def build(source_dir: Path, target: Path) -> tuple[Sources, str]:
    """Validate the sources and (re)write the database. Raises SourceError or BuildError."""
    sources = load_sources(source_dir)
    digest = write_database(sources, target)
    return sources, digest


def check(source_dir: Path) -> tuple[Sources, str]:
    """Validate the sources without writing anything; return them and their content hash."""
    sources = load_sources(source_dir)
    return sources, content_hash(sources)
