"""`python -m kiosk.cli`: the same command line as the `hiremate` script."""

import sys

from kiosk.cli.main import main

sys.exit(main())
