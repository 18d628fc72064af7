"""Frozen entry point of ``posfix``: the command line (posfix_gui.cli:main, like the pip script)."""

import sys

from posfix_gui.cli import main

if __name__ == "__main__":
    sys.exit(main())
