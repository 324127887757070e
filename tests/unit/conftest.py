"""Fixtures shared by the unit tests (a fixture is found by name in a conftest's namespace)."""

from tests.unit.signing_support import ca, pair, pdf, signer  # noqa: F401 - a test PDF, keys and a loaded .p12 signer
from tests.unit.store_support import clock, db, store  # noqa: F401 - the report store on a real SQLite file
