"""`python -m desktop` (what `make run` starts)."""

import sys

from desktop.app import main

# Guarded: the reviewer's import spawns worker processes, which import this module again
# (as __mp_main__) and must not open a window.
if __name__ == "__main__":
    sys.exit(main())
