"""The ``posfix`` command line: search and show codes, build and check the catalogue."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from posfix_gui import __version__


def display_width(text: str) -> int:
    """Terminal columns a string takes: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """Cut or pad ``text`` to exactly ``width`` terminal columns."""
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width:
            if out and width >= 1:
                while used + 1 > width and out:
                    used -= display_width(out.pop())
                out.append("…")
                used += 1
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (width - used)


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=None) + "\n")


def _open(args: argparse.Namespace):  # noqa: ANN202
    from posfix_gui.catalogue import open_catalogue

    return open_catalogue(getattr(args, "catalogue", None))


def cmd_search(args: argparse.Namespace) -> int:
    cat = _open(args)
    with cat:
        results = cat.search(args.query, limit=args.limit, preferred_scheme=args.scheme)
        if args.json:
            _print_json([r.to_dict() for r in results])
            return 0
        if not results:
            print("没有找到 / no match. 试试输入终端上显示的代码或文字。")
            return 0
        names = {s.id: s.name_zh for s in cat.schemes()}
        print(f"{pad('代码 code', 12)} {pad('类别 scheme', 18)} {pad('含义', 30)} meaning")
        for r in results:
            print(f"{pad(r.code, 12)} {pad(names.get(r.scheme, r.scheme), 18)} {pad(r.title_zh, 30)} {r.title_en}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    cat = _open(args)
    with cat:
        entry = cat.get(args.id)
        if entry is None:
            hits = cat.search(args.id, limit=1)
            entry = cat.get(hits[0].id) if hits and hits[0].score >= 1000 else None
        if entry is None:
            print(f"posfix: no entry {args.id!r}; try `posfix search {args.id}`.", file=sys.stderr)
            return 1
        if args.json:
            _print_json(entry.to_dict())
            return 0
        from posfix_gui.catalogue import ACTOR_NAMES, RETRY_NAMES

        scheme = cat.scheme(entry.scheme)
        print(f"{entry.code}  {scheme.name_zh} / {scheme.name_en}")
        print(f"{entry.title_zh} / {entry.title_en}\n")
        print(entry.explain_zh)
        print(entry.explain_en + "\n")
        print("谁来处理 Who acts: " + "、".join(ACTOR_NAMES.get(a, (a, a))[0] for a in entry.act))
        zh, en = RETRY_NAMES.get(entry.retry, (entry.retry, entry.retry))
        print(f"重试 Retry: {zh} / {en}")
        if entry.customer_zh:
            print(f"\n对顾客说：{entry.customer_zh}\nSay: {entry.customer_en}")
        if entry.note_zh:
            print(f"\n注意：{entry.note_zh}\nNote: {entry.note_en}")
        if entry.steps:
            print("\n处理步骤 Steps:")
            for s in entry.steps:
                print(f" {s.position}. {s.text_zh}\n    {s.text_en}")
        if entry.see_also:
            print("\n另见 See also: " + ", ".join(entry.see_also))
    return 0


def cmd_catalogue(args: argparse.Namespace) -> int:
    from posfix_gui import paths
    from posfix_gui.catalogue.build import BuildError, build, check
    from posfix_gui.catalogue.source import SourceError

    sources_dir = Path(args.sources) if args.sources else paths.catalogue_sources_dir()
    if args.action in ("build", "check"):
        try:
            if args.action == "build":
                target = Path(args.output) if args.output else paths.catalogue_path()
                sources, digest = build(sources_dir, target)
                msg = {"action": "build", "path": str(target), "entries": len(sources.entries),
                       "content_hash": digest, "catalogue_version": sources.version}
            else:
                sources, digest = check(sources_dir)
                msg = {"action": "check", "entries": len(sources.entries), "content_hash": digest,
                       "catalogue_version": sources.version}
        except SourceError as exc:
            if args.json:
                _print_json({"error": "invalid sources", "problems": exc.problems})
            else:
                print(f"posfix: {exc}", file=sys.stderr)
                print("The existing catalogue database was left unchanged.", file=sys.stderr)
            return 2
        except BuildError as exc:
            print(f"posfix: {exc}", file=sys.stderr)
            return 2
        if args.json:
            _print_json(msg)
        else:
            print(f"{args.action}: {msg['entries']} entries, content hash {digest[:16]}…"
                  + (f" -> {msg['path']}" if "path" in msg else ""))
        return 0
    # info
    cat = _open(args)
    with cat:
        info = cat.info()
        cats = {c.id: c for c in cat.categories()}
        schemes = {s.id: s for s in cat.schemes()}
    if args.json:
        _print_json({
            "path": info.path, "catalogue_version": info.catalogue_version,
            "schema_version": info.schema_version, "content_hash": info.content_hash,
            "entries": info.entries, "per_scheme": info.per_scheme, "per_category": info.per_category,
        })
        return 0
    print(f"{info.path}\nversion {info.catalogue_version}, schema {info.schema_version}, "
          f"{info.entries} entries, hash {info.content_hash[:16]}…\n")
    for sid, n in sorted(info.per_scheme.items(), key=lambda kv: schemes[kv[0]].order if kv[0] in schemes else 99):
        name = schemes[sid].name_zh if sid in schemes else sid
        print(f"  {pad(sid, 12)} {pad(name, 22)} {n:5d}")
    print()
    for cid, n in info.per_category.items():
        c = cats[cid]
        indent = "  " if not c.parent else "      "
        print(f"{indent}{pad(c.title_zh, 26 if not c.parent else 22)} {pad(cid, 20)} {n:5d}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="posfix", description="POSfix: look up payment-terminal error codes.")
    p.add_argument("--version", action="version", version=f"posfix {__version__}")
    p.add_argument("--catalogue", help="catalogue database (default: $POSFIX_CATALOGUE or the bundled one)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("search", help="search codes and symptoms")
    s.add_argument("query")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--scheme", help="preferred scheme id (unionpay, iso8583, pax, ...)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("show", help="show one entry by id (unionpay:51) or code")
    s.add_argument("id")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_show)

    s = sub.add_parser("catalogue", help="build, check or describe the catalogue")
    s.add_argument("action", choices=["build", "check", "info"])
    s.add_argument("--sources", help="source folder (default resources/catalogue)")
    s.add_argument("--output", help="database to write (default db/codes.sqlite)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_catalogue)

    try:
        from posfix_gui.history.cli import add_history_parser
    except ImportError:
        pass
    else:
        add_history_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from posfix_gui.catalogue import CatalogueError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CatalogueError as exc:
        print(f"posfix: {exc}", file=sys.stderr)
        return 3
    except BrokenPipeError:  # `posfix search 5 | head`
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
