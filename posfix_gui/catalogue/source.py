"""Reading and validating the human-editable catalogue sources (TOML, no Qt).

``load_sources(folder)`` returns a :class:`Sources` with every entry resolved (steps reused through
``steps_from``, inherited customer sentences) or raises :class:`SourceError` listing every problem
with its file and entry, so an editor can fix them all in one go.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posfix_gui.catalogue.model import ACTORS, KINDS, RETRY_VALUES, STEP_LEVELS

META_FILES = {"schemes.toml", "categories.toml", "pinyin.toml"}

ENTRY_KEYS = {
    "code", "title_zh", "title_en", "kind", "explain_zh", "explain_en", "act", "retry",
    "customer_zh", "customer_en", "categories", "aliases", "display", "see_also", "note_zh", "note_en",
    "sources", "code_aliases", "pinyin", "instance_of", "steps_from", "step",
}
REQUIRED_TEXT = ("title_zh", "title_en", "explain_zh", "explain_en")
STEP_KEYS = {"level", "zh", "en"}
LIST_KEYS = ("act", "categories", "aliases", "display", "see_also", "sources", "code_aliases", "pinyin")
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|待补充|待定|待完善|占位", re.IGNORECASE)


class SourceError(Exception):
    """The sources are invalid; ``problems`` lists every one as "file: entry: what"."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        head = f"{len(problems)} problem(s) in the catalogue sources:"
        super().__init__("\n".join([head, *("  - " + p for p in problems)]))


@dataclass
class SchemeSource:
    id: str
    name_zh: str
    name_en: str
    order: int
    aliases: list[str] = field(default_factory=list)


@dataclass
class CategorySource:
    id: str
    parent: str
    title_zh: str
    title_en: str
    position: int


@dataclass
class StepSource:
    level: str
    zh: str
    en: str


@dataclass
class EntrySource:
    file: str
    scheme: str
    code: str
    data: dict[str, Any]
    steps: list[StepSource]
    position: int  # order of appearance, for stable listings

    @property
    def id(self) -> str:
        return f"{self.scheme}:{self.code}"

    def text(self, key: str) -> str:
        value = self.data.get(key, "")
        return value.strip() if isinstance(value, str) else ""

    def items(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        return [v.strip() for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


@dataclass
class Sources:
    version: str
    schemes: list[SchemeSource]
    categories: list[CategorySource]
    entries: list[EntrySource]
    pinyin_phrases: dict[str, str]


def _load_toml(path: Path, problems: list[str]) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path.name}: not valid TOML: {exc}")
    except OSError as exc:
        problems.append(f"{path.name}: cannot be read: {exc.strerror or exc}")
    return None


def load_sources(folder: Path) -> Sources:
    """Load, validate and resolve every source file in ``folder``."""
    problems: list[str] = []
    if not folder.is_dir():
        raise SourceError([f"{folder}: the catalogue source folder does not exist"])

    schemes = _load_schemes(folder / "schemes.toml", problems)
    categories = _load_categories(folder / "categories.toml", problems)
    pinyin = _load_pinyin(folder / "pinyin.toml", problems)
    version_doc = _load_toml(folder / "catalogue.toml", problems) if (folder / "catalogue.toml").exists() else {}
    version = str((version_doc or {}).get("version", "0"))

    scheme_ids = {s.id for s in schemes}
    category_ids = {c.id for c in categories}
    entries: list[EntrySource] = []
    position = 0
    for path in sorted(folder.glob("*.toml")):
        if path.name in META_FILES or path.name == "catalogue.toml":
            continue
        doc = _load_toml(path, problems)
        if doc is None:
            continue
        extra = set(doc) - {"scheme", "entry"}
        if extra:
            problems.append(f"{path.name}: unknown top-level key(s): {', '.join(sorted(extra))}")
        scheme = doc.get("scheme")
        if not isinstance(scheme, str) or scheme not in scheme_ids:
            problems.append(f"{path.name}: `scheme = ...` must name a scheme from schemes.toml (got {scheme!r})")
            continue
        raw_entries = doc.get("entry", [])
        if not isinstance(raw_entries, list):
            problems.append(f"{path.name}: `entry` must be an array of tables ([[entry]])")
            continue
        for index, raw in enumerate(raw_entries, start=1):
            position += 1
            entry = _read_entry(path.name, scheme, index, raw, position, problems)
            if entry is not None:
                entries.append(entry)

    _check_entries(entries, category_ids, problems)
    if problems:
        raise SourceError(problems)
    _resolve(entries)
    _check_resolved(entries, problems)
    if problems:
        raise SourceError(problems)
    return Sources(version, schemes, categories, entries, pinyin)


def _load_schemes(path: Path, problems: list[str]) -> list[SchemeSource]:
    doc = _load_toml(path, problems) or {}
    out: list[SchemeSource] = []
    for raw in doc.get("scheme", []):
        try:
            out.append(
                SchemeSource(
                    id=str(raw["id"]), name_zh=str(raw["name_zh"]), name_en=str(raw["name_en"]),
                    order=int(raw.get("order", 99)), aliases=[str(a) for a in raw.get("aliases", [])],
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"{path.name}: scheme {raw!r} is incomplete ({exc})")
    if not out:
        problems.append(f"{path.name}: no schemes defined")
    return out


def _load_categories(path: Path, problems: list[str]) -> list[CategorySource]:
    doc = _load_toml(path, problems) or {}
    out: list[CategorySource] = []
    for pos, raw in enumerate(doc.get("category", []), start=1):
        try:
            out.append(
                CategorySource(
                    id=str(raw["id"]), parent=str(raw.get("parent", "")),
                    title_zh=str(raw["title_zh"]), title_en=str(raw["title_en"]), position=pos,
                )
            )
        except (KeyError, TypeError) as exc:
            problems.append(f"{path.name}: category {raw!r} is incomplete ({exc})")
    ids = [c.id for c in out]
    for c in out:
        if ids.count(c.id) > 1:
            problems.append(f"{path.name}: category {c.id!r} is defined twice")
        if c.parent and c.parent not in ids:
            problems.append(f"{path.name}: category {c.id!r} has unknown parent {c.parent!r}")
    return out


def _load_pinyin(path: Path, problems: list[str]) -> dict[str, str]:
    if not path.exists():
        return {}
    doc = _load_toml(path, problems) or {}
    phrases = doc.get("phrases", {})
    return {str(k): str(v) for k, v in phrases.items()}


def _read_entry(
    file: str, scheme: str, index: int, raw: Any, position: int, problems: list[str]
) -> EntrySource | None:
    if not isinstance(raw, dict):
        problems.append(f"{file}: entry #{index} is not a table")
        return None
    code = raw.get("code")
    if not isinstance(code, str) or not code.strip():
        problems.append(f"{file}: entry #{index} has no `code`")
        return None
    code = code.strip()
    where = f"{file}: {scheme}:{code}"
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        problems.append(f"{where}: unknown key(s): {', '.join(sorted(unknown))}")
    for key in LIST_KEYS:
        if key in raw and not (isinstance(raw[key], list) and all(isinstance(v, str) for v in raw[key])):
            problems.append(f"{where}: `{key}` must be a list of strings")
    steps: list[StepSource] = []
    for n, step in enumerate(raw.get("step", []), start=1):
        if not isinstance(step, dict):
            problems.append(f"{where}: step {n} is not a table")
            continue
        bad = set(step) - STEP_KEYS
        if bad:
            problems.append(f"{where}: step {n} has unknown key(s): {', '.join(sorted(bad))}")
        level = step.get("level", "")
        if level not in STEP_LEVELS:
            problems.append(f"{where}: step {n} level must be one of {', '.join(STEP_LEVELS)} (got {level!r})")
        zh, en = str(step.get("zh", "")).strip(), str(step.get("en", "")).strip()
        if not zh or not en:
            problems.append(f"{where}: step {n} is missing its {'zh' if not zh else 'en'} text")
        steps.append(StepSource(str(level), zh, en))
    return EntrySource(file, scheme, code, raw, steps, position)


def _check_entries(entries: list[EntrySource], category_ids: set[str], problems: list[str]) -> None:
    seen: dict[str, str] = {}
    ids = {e.id for e in entries}
    for e in entries:
        where = f"{e.file}: {e.id}"
        if e.id in seen:
            problems.append(f"{where}: duplicate id (also in {seen[e.id]})")
        seen.setdefault(e.id, e.file)
        for key in REQUIRED_TEXT:
            if not e.text(key):
                problems.append(f"{where}: missing `{key}`")
        kind = e.data.get("kind", "failure")
        if kind not in KINDS:
            problems.append(f"{where}: kind must be one of {', '.join(KINDS)} (got {kind!r})")
        retry = e.data.get("retry")
        if retry is not None and retry not in RETRY_VALUES:
            problems.append(f"{where}: retry must be one of {', '.join(RETRY_VALUES)} (got {retry!r})")
        for actor in e.items("act"):
            if actor not in ACTORS:
                problems.append(f"{where}: unknown actor {actor!r} (use {', '.join(ACTORS)})")
        cats = e.items("categories")
        if not cats:
            problems.append(f"{where}: needs at least one category")
        for cat in cats:
            if cat not in category_ids:
                problems.append(f"{where}: unknown category {cat!r}")
        for key in ("see_also",):
            for target in e.items(key):
                if target not in ids:
                    problems.append(f"{where}: see_also target {target!r} does not exist")
        for key in ("instance_of", "steps_from"):
            target = e.text(key)
            if target and target not in ids:
                problems.append(f"{where}: {key} target {target!r} does not exist")
        if e.text("steps_from") and e.steps:
            problems.append(f"{where}: has both `steps_from` and its own steps; keep one")
        if bool(e.text("customer_zh")) != bool(e.text("customer_en")):
            problems.append(f"{where}: customer sentence needs both zh and en")
        if bool(e.text("note_zh")) != bool(e.text("note_en")):
            problems.append(f"{where}: note needs both zh and en")
        _check_order(e.steps, where, problems)


def _check_order(steps: list[StepSource], where: str, problems: list[str]) -> None:
    rank = {level: i for i, level in enumerate(STEP_LEVELS)}
    last = 0
    for n, step in enumerate(steps, start=1):
        r = rank.get(step.level, last)
        if r < last:
            problems.append(
                f"{where}: steps out of order: step {n} is {step.level!r} after a "
                f"{STEP_LEVELS[last]!r} step (basic -> advanced -> escalate)"
            )
        last = max(last, r)


def _resolve(entries: list[EntrySource]) -> None:
    """Fill steps and inherited fields from ``steps_from`` (one level of indirection is enough,
    chains are followed)."""
    by_id = {e.id: e for e in entries}
    inherited = ("act", "retry", "customer_zh", "customer_en")
    for e in entries:
        source_id, hops = e.text("steps_from"), 0
        while source_id and hops < 10:
            src = by_id[source_id]
            if not e.steps and src.steps:
                e.steps = list(src.steps)
            for key in inherited:
                if key not in e.data or e.data.get(key) in ("", []):
                    if key in src.data:
                        e.data[key] = src.data[key]
            source_id, hops = src.text("steps_from"), hops + 1


def _check_resolved(entries: list[EntrySource], problems: list[str]) -> None:
    for e in entries:
        where = f"{e.file}: {e.id}"
        kind = e.data.get("kind", "failure")
        if not e.items("act"):
            problems.append(f"{where}: missing `act` (who must act)")
        if "retry" not in e.data:
            problems.append(f"{where}: missing `retry`")
        if kind == "failure":
            if len(e.steps) < 3:
                problems.append(f"{where}: a failure needs at least 3 steps (has {len(e.steps)})")
            elif e.steps[-1].level != "escalate":
                problems.append(f"{where}: the last step of a failure must be an `escalate` step")
            if not e.text("customer_zh") or not e.text("customer_en"):
                problems.append(f"{where}: a failure needs a customer sentence in zh and en")
        titles = {e.text("title_zh").lower(), e.text("title_en").lower()}
        texts = [e.text(k) for k in ("title_zh", "title_en", "explain_zh", "explain_en",
                                     "customer_zh", "customer_en", "note_zh", "note_en")]
        texts += [s.zh for s in e.steps] + [s.en for s in e.steps]
        for t in texts:
            if PLACEHOLDER.search(t):
                problems.append(f"{where}: placeholder text: {t[:40]!r}")
        for n, s in enumerate(e.steps, start=1):
            if s.zh.strip("。.").lower() in titles or s.en.strip("。.").lower() in titles:
                problems.append(f"{where}: step {n} only repeats the title")
