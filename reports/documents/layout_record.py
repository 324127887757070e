"""What a report document was drawn from besides its figures, embedded beside them.

A signed PDF carries its figures (``bao-cao.json``); what the pages *show* also depends on the
issuing unit's letterhead (place, symbol, signer, recipients), the annex of a scoring report,
the program that drew it and its font. With all of that embedded as ``trinh-bay.json`` too, a
reviewer holding the same program and font can draw the document again from the embedded
figures and compare the pages with the signed ones: a PDF whose drawn figures differ from the
data it carries is then found (``reports.exchange.drawn_figures``).

The record is the commune's claim like everything it sends: it only lets the reviewer redraw;
the figures drawn come from the data the reviewer checked.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Mapping
from typing import Any

import reports
from forms.definition import FormDefinition
from forms.periods import Period
from reports.documents.model import EvidenceRow, Issuer, ReportDocument, SignerBlock

LAYOUT_ATTACHMENT = "trinh-bay.json"
LAYOUT_FORMAT = "cchc-layout/1"


@functools.cache
def font_identity() -> str:
    """The document font in use: where it comes from and a digest of its four files (two PCs
    draw the same text alike only with the same font files)."""
    from reports.documents.fonts import FACES, register_fonts

    font = register_fonts()
    digest = hashlib.sha256()
    for face in FACES:
        digest.update(font.files[face].read_bytes())
    return f"{font.source}:{digest.hexdigest()[:20]}"


def layout_of(doc: ReportDocument) -> dict[str, Any]:
    """Everything but the figures that ``render_report`` reads from ``doc``."""
    return {
        "format": LAYOUT_FORMAT,
        "program": reports.__version__,
        "font": font_identity(),
        "issuer": {"body_parent": doc.issuer.body_parent, "body_name": doc.issuer.body_name,
                   "place": doc.issuer.place, "symbol": doc.issuer.symbol},
        "signer": {"authority": doc.signer.authority, "position": doc.signer.position, "name": doc.signer.name},
        "recipient": doc.recipient,
        "copies_to": list(doc.copies_to),
        "archive_units": list(doc.archive_units),
        "demo": doc.demo,
        "evidence": [{"criterion": e.criterion, "number": e.number, "date": e.date.isoformat() if e.date else None,
                      "title": e.title, "page": e.page} for e in doc.evidence],
        "explanations": [list(pair) for pair in doc.explanations],
    }


class LayoutUnreadable(ValueError):
    """The record is not one this program wrote."""


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise LayoutUnreadable("text")
    return value


def document_from(layout: Mapping[str, Any], definition: FormDefinition, values: Mapping[str, Any],
                  data: Mapping[str, Any]) -> ReportDocument:
    """The signed document as its sender drew it: ``values`` evaluated from the embedded
    ``data`` on ``definition``, the rest from ``layout`` (``LayoutUnreadable`` if malformed)."""
    try:
        issuer, signer = layout["issuer"], layout["signer"]
        evidence = tuple(
            EvidenceRow(_text(e["criterion"]), _text(e["number"]),
                        dt.date.fromisoformat(e["date"]) if e["date"] is not None else None,
                        _text(e["title"]), _text(e["page"]))
            for e in layout["evidence"]
        )
        explanations = tuple((_text(a), _text(b)) for a, b in layout["explanations"])
        issued = data.get("issued_on")
        return ReportDocument(
            definition=definition,
            values=values,
            period=Period.parse(data["period"]),
            issuer=Issuer(_text(issuer["body_parent"]), _text(issuer["body_name"]), _text(issuer["place"]),
                          _text(issuer["symbol"])),
            signer=SignerBlock(_text(signer["authority"]), _text(signer["position"]), _text(signer["name"])),
            recipient=_text(layout["recipient"]),
            number=data.get("doc_number"),
            issued_on=dt.date.fromisoformat(issued) if issued else None,
            copies_to=tuple(_text(x) for x in layout["copies_to"]),
            archive_units=tuple(_text(x) for x in layout["archive_units"]),
            draft=False,
            demo=bool(layout["demo"]),
            revision=int(data["revision"]),
            author_unit_code=_text(data["unit_code"]),
            unit_name=_text(data.get("unit_name") or ""),
            evidence=evidence,
            explanations=explanations,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise LayoutUnreadable(str(exc)) from exc
