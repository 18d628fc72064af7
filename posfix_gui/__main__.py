"""`python -m posfix_gui` starts the desktop app (`python -m posfix_gui.cli` is the CLI)."""

from posfix_gui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
