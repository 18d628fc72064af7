"""``posfix history ...`` sub-commands (no Qt). The main CLI hooks them in with::

    from posfix_gui.history.cli import add_history_parser
    add_history_parser(subparsers)      # subparsers = parser.add_subparsers(dest="command")
    ...
    args = parser.parse_args(argv)
    return args.func(args)               # every history sub-command sets ``func``

Commands:
- ``posfix history export --csv FILE [--from DATE] [--to DATE]``: UTF-8 CSV with BOM;
- ``posfix history stats [--json] [--from DATE] [--to DATE]``: the JSON includes ``count``.
Exit codes: 0 ok, 2 bad arguments, 3 history off or the export failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from posfix_gui.history.errors import HistoryError
from posfix_gui.history.store import HistoryStore, IncidentFilter, Stats


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def add_history_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``history`` with ``export`` and ``stats`` to an argparse sub-parsers object."""
    hist = subparsers.add_parser("history", help="incident history: export and statistics")
    hist.add_argument("--data-dir", type=Path, default=None,
                      help="data folder holding history.sqlite (default: the user data folder)")
    sub = hist.add_subparsers(dest="history_command", metavar="{export,stats}")
    sub.required = True

    exp = sub.add_parser("export", help="write incidents to a CSV file (UTF-8 with BOM, opens in Excel)")
    exp.add_argument("--csv", dest="csv", type=Path, required=True, metavar="FILE")
    _add_range(exp)
    exp.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the CSV headers")
    exp.set_defaults(func=cmd_export)

    st = sub.add_parser("stats", help="statistics of the incidents")
    st.add_argument("--json", action="store_true", help="print JSON (includes count)")
    _add_range(st)
    st.set_defaults(func=cmd_stats)
    return hist


def _add_range(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", type=_date, default=None, metavar="DATE",
                   help="first day, YYYY-MM-DD (inclusive)")
    p.add_argument("--to", dest="date_to", type=_date, default=None, metavar="DATE",
                   help="last day, YYYY-MM-DD (inclusive)")


def _filter(args: argparse.Namespace) -> IncidentFilter:
    return IncidentFilter(date_from=args.date_from, date_to=args.date_to)


def _open(args: argparse.Namespace) -> HistoryStore:
    return HistoryStore.open(getattr(args, "data_dir", None))


def _bad_range(args: argparse.Namespace) -> bool:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        print(f"error: --from {args.date_from} is after --to {args.date_to}", file=sys.stderr)
        return True
    return False


def cmd_export(args: argparse.Namespace) -> int:
    if _bad_range(args):
        return 2
    try:
        with _open(args) as store:
            n = store.export_csv(args.csv, _filter(args), lang=args.lang)
    except HistoryError as err:
        print(f"error: {err}", file=sys.stderr)
        return 3
    print(f"exported {n} incidents to {args.csv}")
    return 0


def format_stats(stats: Stats) -> str:
    med = "-" if stats.median_fix_seconds is None else f"{stats.median_fix_seconds:.0f} s"
    lines = [
        f"incidents            {stats.count}",
        f"fixed at the counter {stats.fixed} ({stats.fixed_rate:.0%})",
        f"escalated            {stats.escalated} ({stats.escalation_rate:.0%})",
        f"abandoned            {stats.abandoned}",
        f"in progress          {stats.in_progress}",
        f"median time to fix   {med}",
    ]
    if stats.top_codes:
        lines.append("top codes:")
        lines += [f"  {c.count:>7}  {c.entry_id}  {c.title_zh} / {c.title_en}" for c in stats.top_codes]
    return "\n".join(lines)


def cmd_stats(args: argparse.Namespace) -> int:
    if _bad_range(args):
        return 2
    try:
        with _open(args) as store:
            stats = store.stats(_filter(args))
    except HistoryError as err:
        if args.json:
            print(json.dumps({"error": str(err)}, ensure_ascii=False))
        else:
            print(f"error: {err}", file=sys.stderr)
        return 3
    if args.json:
        print(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_stats(stats))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m posfix_gui.history.cli history stats``) for tests and scripts."""
    parser = argparse.ArgumentParser(prog="posfix")
    add_history_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
