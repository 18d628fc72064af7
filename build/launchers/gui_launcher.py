"""Frozen entry point of ``posfix-gui``: the desktop app (posfix_gui.app:main, like the pip script)."""

import sys

from posfix_gui.app import main

if __name__ == "__main__":
    sys.exit(main())
