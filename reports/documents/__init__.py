"""Report documents: the Decree 30/2020 PDF of a report, ready for the chairman to sign."""

from reports.documents.model import Issuer, RenderedDocument, ReportDocument, SignerBlock
from reports.documents.render import render_report

__all__ = ["Issuer", "RenderedDocument", "ReportDocument", "SignerBlock", "render_report"]
