"""`python -m desktop` (what `make run` starts)."""

import sys

from desktop.app import main

sys.exit(main())
