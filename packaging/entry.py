"""Frozen-app entry point: the same `hiremate` command line as the console script."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
