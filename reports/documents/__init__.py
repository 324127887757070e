"""Report documents: the Decree 30/2020 PDF of a report, ready for the chairman to sign.

The names load on first use (PEP 562), so that importing one light module of this package
(``model``, ``issuing``) does not import reportlab.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reports.documents.model import Issuer, RenderedDocument, ReportDocument, SignerBlock
    from reports.documents.render import render_report

_WHERE = {
    "Issuer": "model",
    "RenderedDocument": "model",
    "ReportDocument": "model",
    "SignerBlock": "model",
    "render_report": "render",
}

__all__ = ["Issuer", "RenderedDocument", "ReportDocument", "SignerBlock", "render_report"]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
