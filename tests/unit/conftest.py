"""Fixtures shared by the unit tests (a fixture is found by name in a conftest's namespace)."""

from tests.unit.signing_support import ca, pair, pdf, signer  # noqa: F401 - a test PDF, keys and a loaded .p12 signer
from tests.unit.store_support import clock, db, store  # noqa: F401 - the report store on a real SQLite file
from tests.unit.sync_world import reviewer, tan_phu, world  # noqa: F401 - a reviewer bound to two communes, as copies
