"""Reading the catalogue database and searching it (no Qt).

Search ranks in tiers, best first: exact code; code inside a sentence ("应答码51"); code prefix;
whole query equal to a title, alias or pinyin; a title/alias that starts with or contains the query;
titles and aliases contained in the query (coverage of the query counts); explanation and step text;
and only when those find little, a rapidfuzz typo fallback. Among equal scores the preferred scheme
comes first, then the scheme order, then the code: the order is stable.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from posfix_gui.catalogue.model import CatalogueInfo, Category, Entry, Scheme, SearchResult, Step
from posfix_gui.catalogue.normalize import (
    char_phrase,
    clean_query,
    code_keys,
    confusable_variants,
    fts_phrase,
    has_cjk,
    query_code_tokens,
    strip_fillers,
    substrings,
)
from posfix_gui.catalogue.schema import (
    SCHEMA_VERSION,
    TERM_ALIAS,
    TERM_DISPLAY,
    TERM_PINYIN,
    TERM_TITLE,
)
from posfix_gui.thread_connections import ThreadConnections

_NO_SCHEME = Scheme("", "", "", 99)


SMALL_CACHE_KIB = 128  # SQLite page cache per connection (KiB) for a small catalogue; see _connect
SMALL_CATALOGUE_BYTES = 32 * 1024 * 1024


class CatalogueError(Exception):
    """The catalogue cannot be used; ``str()`` is one sentence a person can act on."""


class CatalogueMissing(CatalogueError):
    pass


class CatalogueCorrupt(CatalogueError):
    pass


class CatalogueVersionError(CatalogueError):
    pass


# Scores of the ranking tiers.
S_CODE_EXACT = 1000.0
S_CODE_IN_SENTENCE = 950.0
S_TERM_EXACT = {TERM_TITLE: 900.0, TERM_ALIAS: 890.0, TERM_DISPLAY: 880.0, TERM_PINYIN: 870.0}
S_CODE_PREFIX = 700.0
S_CODE_TYPO = 640.0
S_STARTS = 600.0
S_CONTAINS = 500.0
S_COVER_BASE, S_COVER_SPAN = 300.0, 380.0
S_BODY = 200.0
S_FUZZY_MAX = 190.0
S_WORDS_BASE, S_WORDS_SPAN = 120.0, 170.0  # shared 2-character pieces (请使用芯片卡 ~ 请插IC卡（芯片卡…）)
WORDS_MIN_SHARE = 0.4
KIND_PENALTY = {TERM_TITLE: 0.0, TERM_ALIAS: 10.0, TERM_DISPLAY: 15.0, TERM_PINYIN: 20.0}
PREFERRED_BONUS = 12.0  # more than the title/alias difference, less than a whole tier
SCHEME_WORD_BONUS = 60.0
# Vendor schemes (order >= 10) are instances of brand-neutral entries: for text queries the
# brand-neutral entry comes first unless the user prefers that brand.
VENDOR_ORDER = 10
VENDOR_TEXT_PENALTY = 25.0

MAX_CANDIDATES = 400
FUZZY_CUTOFF = 72.0
FUZZY_FULL_SCAN = 30_000  # up to this many titles and aliases the typo search looks at all of them
FUZZY_SAMPLE = 3_000


class Catalogue:
    """A read-only catalogue database. Thread-safe: each thread gets its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conns = ThreadConnections()  # one per thread: the GUI thread and the search thread
        self._lock = threading.Lock()
        self._fuzzy_choices: list[tuple[str, str]] | None = None
        # the file never changes while open (immutable=1): the category tree and the summary are read once
        self._categories: list[Category] | None = None
        self._info: CatalogueInfo | None = None
        self._closed = False
        if not self.path.exists():
            raise CatalogueMissing(
                f"The code catalogue {self.path} is missing; reinstall POSfix or rebuild it "
                "with `posfix catalogue build`."
            )
        if self.path.is_dir():
            raise CatalogueMissing(f"The code catalogue path {self.path} is a folder, not a catalogue file.")
        try:
            self._small = self.path.stat().st_size <= SMALL_CATALOGUE_BYTES
        except OSError:
            self._small = False
        conn = self._conn()
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            schemes = conn.execute("SELECT id, name_zh, name_en, position FROM schemes ORDER BY position, id")
            self._schemes = {r[0]: Scheme(r[0], r[1], r[2], r[3]) for r in schemes}
            self._scheme_terms = dict(conn.execute("SELECT term, scheme FROM scheme_terms").fetchall())
        except sqlite3.DatabaseError as exc:
            self.close()
            raise CatalogueCorrupt(
                f"The code catalogue {self.path} is damaged or not a POSfix catalogue ({exc}); "
                "reinstall POSfix to restore it."
            ) from exc
        if version != SCHEMA_VERSION or meta.get("schema_version") != str(SCHEMA_VERSION):
            self.close()
            raise CatalogueVersionError(
                f"The code catalogue {self.path} has format version {version}, but this POSfix needs "
                f"version {SCHEMA_VERSION}; install the catalogue that came with this version of POSfix."
            )
        self.meta = meta
        self._instance_of: dict[str, str] = dict(
            conn.execute("SELECT id, instance_of FROM entries WHERE instance_of != ''").fetchall()
        )
        self._scheme_rank = {sid: i for i, sid in enumerate(self._schemes)}

    # -- connections -------------------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        if self._closed:
            raise CatalogueError("The code catalogue has been closed.")
        return self._conns.get(self._connect)

    @property
    def connection_count(self) -> int:
        """Open connections (one per thread that has read the catalogue)."""
        return len(self._conns)

    def _connect(self) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
        try:
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise CatalogueCorrupt(f"The code catalogue {self.path} cannot be opened ({exc}).") from exc
        try:
            # The file is immutable and the OS caches it anyway: for a catalogue up to 32 MB (the
            # shipped one is 5 MB) SQLite's own page cache (2 MB by default, per connection, and
            # the app has two) mostly duplicates it. 128 KiB instead of 512 KiB saved 0.5 MB of the
            # app's peak with no change in per-keystroke p99 (shipped and 7,000-entry, 30 MB
            # catalogues). A big one keeps the default: 512 KiB doubled the p99 of per-keystroke
            # search on a 100,000-entry catalogue (11 -> 24 ms).
            if self._small:
                conn.execute(f"PRAGMA cache_size = -{SMALL_CACHE_KIB}")
        except sqlite3.DatabaseError as exc:  # reading the header fails on a file that is no database
            conn.close()
            raise CatalogueCorrupt(
                f"The code catalogue {self.path} is damaged or not a POSfix catalogue ({exc}); "
                "reinstall POSfix to restore it."
            ) from exc
        return conn

    def close(self) -> None:
        self._closed = True
        self._conns.close_all()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- metadata ----------------------------------------------------------------------------
    def schemes(self) -> list[Scheme]:
        return list(self._schemes.values())

    def scheme(self, scheme_id: str) -> Scheme:
        return self._schemes.get(scheme_id) or Scheme(scheme_id, scheme_id, scheme_id, 99)

    def categories(self) -> list[Category]:
        """All categories in tree order, with the number of distinct entries at or below each."""
        if self._categories is None:
            self._categories = self._read_categories()
        return list(self._categories)

    def _read_categories(self) -> list[Category]:
        conn = self._conn()
        rows = conn.execute("SELECT id, parent, title_zh, title_en, position FROM categories ORDER BY position")
        cats = [tuple(r) for r in rows]
        children: dict[str, list[str]] = {}
        for cid, parent, *_ in cats:
            children.setdefault(parent, []).append(cid)
        direct: dict[str, set[str]] = {}
        for entry_id, cat in conn.execute("SELECT entry_id, category_id FROM entry_categories"):
            direct.setdefault(cat, set()).add(entry_id)

        def below(cid: str) -> set[str]:
            out = set(direct.get(cid, set()))
            for child in children.get(cid, []):
                out |= below(child)
            return out

        return [Category(cid, parent, zh, en, pos, len(below(cid))) for cid, parent, zh, en, pos in cats]

    def entries_in_category(self, category_id: str) -> list[SearchResult]:
        rows = self._conn().execute(
            "SELECT e.id, e.scheme, e.code, e.title_zh, e.title_en FROM entry_categories c "
            "JOIN entries e ON e.id = c.entry_id WHERE c.category_id = ?",
            (category_id,),
        ).fetchall()
        rows.sort(key=lambda r: (self._scheme_rank.get(r[1], 99), _code_sort_key(r[2]), r[0]))
        return [SearchResult(r[0], r[1], r[2], r[3], r[4], 0.0, "category") for r in rows]

    def entry_ids_in_category(self, category_id: str) -> set[str]:
        """Entries at or below a category (for history filters)."""
        cats = {c.id: c.parent for c in self.categories()}
        wanted = {category_id}
        changed = True
        while changed:
            changed = False
            for cid, parent in cats.items():
                if parent in wanted and cid not in wanted:
                    wanted.add(cid)
                    changed = True
        marks = ",".join("?" * len(wanted))
        rows = self._conn().execute(
            f"SELECT entry_id FROM entry_categories WHERE category_id IN ({marks})", tuple(wanted)
        )
        return {r[0] for r in rows}

    def info(self) -> CatalogueInfo:
        """Version, hash and counts (read once; the dicts are copies the caller may change)."""
        if self._info is None:
            self._info = self._read_info()
        info = self._info
        return info._replace(per_scheme=dict(info.per_scheme), per_category=dict(info.per_category))

    def _read_info(self) -> CatalogueInfo:
        conn = self._conn()
        per_scheme = dict(conn.execute("SELECT scheme, count(*) FROM entries GROUP BY scheme ORDER BY scheme"))
        per_category = {c.id: c.entry_count for c in self.categories()}
        total = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        return CatalogueInfo(
            path=str(self.path),
            catalogue_version=self.meta.get("catalogue_version", ""),
            schema_version=int(self.meta.get("schema_version", "0")),
            content_hash=self.meta.get("content_hash", ""),
            built_at=self.meta.get("built_at", ""),
            entries=total,
            per_scheme=per_scheme,
            per_category=per_category,
        )

    def entry_count(self) -> int:
        return self._conn().execute("SELECT count(*) FROM entries").fetchone()[0]

    # -- entries -----------------------------------------------------------------------------
    def get(self, entry_id: str) -> Entry | None:
        conn = self._conn()
        row = conn.execute(
            "SELECT id, scheme, code, title_zh, title_en, kind, explain_zh, explain_en, act, retry, "
            "customer_zh, customer_en, note_zh, note_en, aliases, display, instance_of, sources "
            "FROM entries WHERE id = ?",
            (entry_id,),
        ).fetchone()
        if row is None:
            return None
        steps = tuple(
            Step(p, zh, en, level)
            for p, zh, en, level in conn.execute(
                "SELECT position, text_zh, text_en, level FROM steps WHERE entry_id = ? ORDER BY position",
                (entry_id,),
            )
        )
        cats = tuple(
            r[0]
            for r in conn.execute(
                "SELECT c.category_id FROM entry_categories c JOIN categories k ON k.id = c.category_id "
                "WHERE c.entry_id = ? ORDER BY k.position",
                (entry_id,),
            )
        )
        see = tuple(
            r[0]
            for r in conn.execute(
                "SELECT target_id FROM see_also WHERE entry_id = ? ORDER BY position", (entry_id,)
            )
        )
        return Entry(
            id=row[0], scheme=row[1], code=row[2], title_zh=row[3], title_en=row[4], kind=row[5],
            explain_zh=row[6], explain_en=row[7], act=tuple(json.loads(row[8] or "[]")), retry=row[9],
            customer_zh=row[10], customer_en=row[11], note_zh=row[12], note_en=row[13], steps=steps,
            categories=cats, aliases=tuple(json.loads(row[14] or "[]")),
            display=tuple(json.loads(row[15] or "[]")), see_also=see, instance_of=row[16],
            sources=tuple(json.loads(row[17] or "[]")),
        )

    def instances_of(self, entry_id: str) -> list[SearchResult]:
        """Vendor entries that are instances of a brand-neutral entry."""
        rows = self._conn().execute(
            "SELECT id, scheme, code, title_zh, title_en FROM entries WHERE instance_of = ?", (entry_id,)
        ).fetchall()
        rows.sort(key=lambda r: (self._scheme_rank.get(r[1], 99), _code_sort_key(r[2])))
        return [SearchResult(r[0], r[1], r[2], r[3], r[4], 0.0, "instance") for r in rows]

    def summaries(self, entry_ids: Iterable[str]) -> list[SearchResult]:
        ids = list(dict.fromkeys(entry_ids))
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self._conn().execute(
            f"SELECT id, scheme, code, title_zh, title_en FROM entries WHERE id IN ({marks})", ids
        ).fetchall()
        by_id = {r[0]: r for r in rows}
        return [SearchResult(*by_id[i], 0.0, "") for i in ids if i in by_id]  # type: ignore[misc]

    # -- search ------------------------------------------------------------------------------
    def search(self, query: object, limit: int = 20, preferred_scheme: str | None = None) -> list[SearchResult]:
        """Results best first. Never raises on any query string."""
        try:
            limit = max(0, min(int(limit), 500))
        except (TypeError, ValueError):
            limit = 20
        q = clean_query(query)
        if not q or limit == 0:
            return []
        try:
            return self._search(q, limit, preferred_scheme)
        except sqlite3.OperationalError:
            # An index that could not take the query (should not happen: every query is quoted);
            # fall back to the typo search rather than failing the keystroke.
            fuzzy = {entry_id: (score, "fuzzy") for entry_id, score in self._fuzzy(q).items()}
            return self._rank(fuzzy, limit, preferred_scheme, set())

    def _search(self, q: str, limit: int, preferred: str | None) -> list[SearchResult]:
        conn = self._conn()
        hits: dict[str, tuple[float, str]] = {}

        def add(entry_id: str, score: float, how: str) -> None:
            old = hits.get(entry_id)
            if old is None or score > old[0]:
                hits[entry_id] = (score, how)

        scheme_words = self._scheme_words(q)
        variants = [q]
        core = strip_fillers(q)
        for word in scheme_words:
            core = core.replace(word, " ").strip()
        core = strip_fillers(" ".join(core.split()))
        if core and core != q:
            variants.append(core)

        self._match_codes(conn, q, core, add)
        for text in variants:
            self._match_terms(conn, text, add)
            if len(text) >= 3:
                self._match_body(conn, text, add)
        strong = sum(1 for s, _ in hits.values() if s >= S_COVER_BASE)
        best = max((s for s, _ in hits.values()), default=0.0)
        if strong < 3 and best < S_STARTS and len(q) >= 2:
            for entry_id, score in self._fuzzy(core or q).items():
                add(entry_id, score, "fuzzy")
            if has_cjk(core or q) and len(core or q) >= 3:
                for entry_id, score in self._shared_pieces(core or q).items():
                    add(entry_id, score, "words")
        scheme_hint = {self._scheme_terms[w] for w in scheme_words}
        return self._rank(hits, limit, preferred, scheme_hint)

    def _scheme_words(self, q: str) -> list[str]:
        return [t for t in self._scheme_terms if t in q and len(t) >= 2 and t != q]

    def _match_codes(self, conn: sqlite3.Connection, q: str, core: str, add) -> None:  # noqa: ANN001
        tokens = query_code_tokens(q)
        if core != q:
            tokens += [t for t in query_code_tokens(core) if t not in tokens]
        if not tokens:
            return
        whole = {q.upper().replace(" ", ""), core.upper().replace(" ", "")}
        exact: dict[str, float] = {}
        for token in tokens:
            score = S_CODE_EXACT if token in whole else S_CODE_IN_SENTENCE
            for key in code_keys(token):
                exact[key] = max(exact.get(key, 0.0), score)
            for typo in confusable_variants(token):
                for key in code_keys(typo):
                    exact.setdefault(key, S_CODE_TYPO)
        if exact:
            marks = ",".join("?" * len(exact))
            for key, entry_id in conn.execute(
                f"SELECT key, entry_id FROM codes WHERE key IN ({marks})", tuple(exact)
            ):
                add(entry_id, exact[key], "code")
        # While a code is being typed ("5" of "51"), codes that start with it.
        if len(tokens) == 1 and tokens[0] in whole and len(tokens[0]) <= 12:
            token = tokens[0]
            for key, entry_id in conn.execute(
                "SELECT key, entry_id FROM codes WHERE key > ? AND key < ? LIMIT ?",
                (token, token + "\U0010ffff", MAX_CANDIDATES),
            ):
                add(entry_id, S_CODE_PREFIX - 10.0 * min(len(key) - len(token), 9), "code")

    def _match_terms(self, conn: sqlite3.Connection, q: str, add) -> None:  # noqa: ANN001
        # 1. The whole query is a title, alias, shown text or pinyin.
        for entry_id, kind in conn.execute("SELECT entry_id, kind FROM terms WHERE term = ?", (q,)):
            add(entry_id, S_TERM_EXACT.get(kind, 860.0), kind)
        # 2. Titles and aliases that start with or contain the query.
        rows: Sequence[tuple[str, str, str]]
        if len(q) >= 3:
            rows = conn.execute(
                "SELECT t.term, t.entry_id, t.kind FROM terms_fts f JOIN terms t ON t.id = f.rowid "
                "WHERE terms_fts MATCH ? LIMIT ?",
                (fts_phrase(q), MAX_CANDIDATES * 2),
            ).fetchall()
        else:
            rows = conn.execute(
                "SELECT term, entry_id, kind FROM terms WHERE term > ? AND term < ? LIMIT ?",
                (q, q + "\U0010ffff", MAX_CANDIDATES),
            ).fetchall()
            phrase = char_phrase(q)
            if phrase:
                rows = list(rows) + conn.execute(
                    "SELECT t.term, t.entry_id, t.kind FROM terms_chars c JOIN terms t ON t.id = c.rowid "
                    "WHERE terms_chars MATCH ? LIMIT ?",
                    (fts_phrase(phrase), MAX_CANDIDATES),
                ).fetchall()
        for term, entry_id, kind in rows:
            if q not in term:
                continue  # the character index matched across a gap; keep real substrings only
            ratio = len(q) / max(len(term), 1)
            base = S_STARTS if term.startswith(q) else S_CONTAINS
            add(entry_id, base + 90.0 * ratio - KIND_PENALTY.get(kind, 20.0), kind)
        # 3. Titles and aliases inside the query ("打印机没纸了" contains 没纸 and 打印机).
        if len(q) >= 3 and len(q) <= 60:
            pieces = substrings(q, 2, 24)
            pieces = {p for p in pieces if has_cjk(p) or len(p) >= 3}
            if pieces:
                cover: dict[str, list[tuple[str, str]]] = {}
                marks = ",".join("?" * len(pieces))
                for term, entry_id, kind in conn.execute(
                    f"SELECT term, entry_id, kind FROM terms WHERE term IN ({marks})", tuple(pieces)
                ):
                    if term != q:
                        cover.setdefault(entry_id, []).append((term, kind))
                for entry_id, found in cover.items():
                    covered = _coverage(q, [t for t, _ in found])
                    best_kind = min((KIND_PENALTY.get(k, 20.0) for _, k in found))
                    add(entry_id, S_COVER_BASE + S_COVER_SPAN * covered - best_kind, "contains")

    def _match_body(self, conn: sqlite3.Connection, q: str, add) -> None:  # noqa: ANN001
        for (entry_id,) in conn.execute(
            "SELECT e.id FROM entries_fts f JOIN entries e ON e.rowid = f.rowid "
            "WHERE entries_fts MATCH ? LIMIT ?",
            (fts_phrase(q), MAX_CANDIDATES),
        ):
            add(entry_id, S_BODY, "text")

    def _fuzzy(self, q: str) -> dict[str, float]:
        """Typo fallback over titles and aliases (rapidfuzz)."""
        if len(q) < 2:
            return {}
        from rapidfuzz import fuzz, process

        choices = self._fuzzy_candidates(q)
        if not choices:
            return {}
        terms = [t for t, _ in choices]
        scorer = fuzz.ratio if (has_cjk(q) or len(q) <= 6) else fuzz.WRatio
        out: dict[str, float] = {}
        for _term, score, index in process.extract(
            q, terms, scorer=scorer, limit=30, score_cutoff=FUZZY_CUTOFF
        ):
            entry_id = choices[index][1]
            value = S_FUZZY_MAX * score / 100.0
            if value > out.get(entry_id, 0.0):
                out[entry_id] = value
        return out

    def _shared_pieces(self, q: str) -> dict[str, float]:
        """Chinese phrased differently: score titles and aliases by the share of the query's
        2-character pieces they contain (a cheap stand-in for word segmentation)."""
        pieces = {q[i : i + 2] for i in range(len(q) - 1)}
        pieces = {p for p in pieces if has_cjk(p) and not any(ch.isspace() for ch in p)}
        if len(pieces) < 2:
            return {}
        match = " OR ".join(fts_phrase(char_phrase(p)) for p in sorted(pieces))
        rows = self._conn().execute(
            "SELECT t.term, t.entry_id FROM terms_chars c JOIN terms t ON t.id = c.rowid "
            "WHERE terms_chars MATCH ? LIMIT ?",
            (match, FUZZY_SAMPLE),
        ).fetchall()
        out: dict[str, float] = {}
        for term, entry_id in rows:
            share = sum(1 for p in pieces if p in term) / len(pieces)
            if share >= WORDS_MIN_SHARE:
                score = S_WORDS_BASE + S_WORDS_SPAN * share
                if score > out.get(entry_id, 0.0):
                    out[entry_id] = score
        return out

    def _fuzzy_candidates(self, q: str) -> list[tuple[str, str]]:
        """All titles and aliases of a small catalogue; in a large one, only those sharing a
        2-character (Chinese) or 3-character (other) piece with the query, found through the indexes."""
        conn = self._conn()
        with self._lock:
            if self._fuzzy_choices is None:
                count = conn.execute(
                    "SELECT count(*) FROM terms WHERE kind IN (?, ?)", (TERM_TITLE, TERM_ALIAS)
                ).fetchone()[0]
                self._fuzzy_choices = (
                    conn.execute(
                        "SELECT term, entry_id FROM terms WHERE kind IN (?, ?) AND length(term) >= 2",
                        (TERM_TITLE, TERM_ALIAS),
                    ).fetchall()
                    if count <= FUZZY_FULL_SCAN
                    else []
                )
            if self._fuzzy_choices:
                return self._fuzzy_choices
        if has_cjk(q):
            grams = {char_phrase(q[i : i + 2]) for i in range(len(q) - 1)}
            table = "terms_chars"
        else:
            grams = {q[i : i + 3] for i in range(len(q) - 2) if " " not in q[i : i + 3]}
            table = "terms_fts"
        grams = {g for g in grams if g.strip()}
        if not grams:
            return []
        match = " OR ".join(fts_phrase(g) for g in sorted(grams)[:12])
        return conn.execute(
            f"SELECT t.term, t.entry_id FROM {table} f JOIN terms t ON t.id = f.rowid "
            f"WHERE {table} MATCH ? AND t.kind IN (?, ?) LIMIT ?",
            (match, TERM_TITLE, TERM_ALIAS, FUZZY_SAMPLE),
        ).fetchall()

    def _rank(
        self, hits: dict[str, tuple[float, str]], limit: int, preferred: str | None, scheme_hint: set[str]
    ) -> list[SearchResult]:
        if not hits:
            return []
        norm = dict(hits)
        # A vendor entry found by text lifts the brand-neutral entry it is an instance of to its own
        # score; the vendor penalty below then puts the brand-neutral entry (with the shared steps)
        # first: 缺纸 finds PAX "2 缺纸" and lists the general 打印机缺纸 above it.
        for entry_id, (score, how) in list(norm.items()):
            parent = self._instance_of.get(entry_id)
            if parent and how != "code" and (parent not in norm or norm[parent][0] < score):
                norm[parent] = (score, how)
        for entry_id, (score, how) in list(norm.items()):
            scheme = entry_id.split(":", 1)[0]
            if scheme in scheme_hint:
                score += SCHEME_WORD_BONUS
            elif scheme == preferred:
                score += PREFERRED_BONUS
            elif how != "code" and self._schemes.get(scheme, _NO_SCHEME).order >= VENDOR_ORDER:
                score -= VENDOR_TEXT_PENALTY
            norm[entry_id] = (score, how)
        ordered = sorted(
            norm.items(),
            key=lambda kv: (
                -kv[1][0],
                0 if kv[0].split(":", 1)[0] == preferred else 1,
                self._scheme_rank.get(kv[0].split(":", 1)[0], 99),
                _code_sort_key(kv[0].split(":", 1)[1]),
                kv[0],
            ),
        )[:limit]
        by_id = {r.id: r for r in self.summaries(k for k, _ in ordered)}
        return [
            SearchResult(r.id, r.scheme, r.code, r.title_zh, r.title_en, score, how)
            for entry_id, (score, how) in ordered
            if (r := by_id.get(entry_id)) is not None
        ]


def _coverage(q: str, terms: list[str]) -> float:
    """Share of the query's characters covered by the given terms."""
    marked = [False] * len(q)
    for term in terms:
        start = q.find(term)
        while start != -1:
            for i in range(start, start + len(term)):
                marked[i] = True
            start = q.find(term, start + 1)
    meaningful = [i for i, ch in enumerate(q) if not ch.isspace()]
    if not meaningful:
        return 0.0
    return sum(1 for i in meaningful if marked[i]) / len(meaningful)


def _code_sort_key(code: str) -> tuple[int, str]:
    """Numbers in numeric order, then everything else alphabetically."""
    try:
        return (0, f"{int(code, 0) if code.lower().startswith('0x') else int(code):+012d}")
    except ValueError:
        return (1, code)
