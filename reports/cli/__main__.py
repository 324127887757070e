"""``python -m reports.cli``: the same as the ``cchc`` script."""

import sys

from reports.cli.main import main

sys.exit(main())
