"""Two pure functions of pyHanko and asn1crypto replaced by faster equivalents, for the
reviewer's import (thousands of signed PDFs in a run).

Measured on the import of 1,000 signed monthly reports, a third of each signature check went
into two places that compute the same answer again and again:

* ``read_hex_string_from_stream``: pyHanko reads a hex string one byte at a time through
  its tokeniser, and the signature's ``/Contents`` is a hex string of some 16,000 digits. The
  replacement reads up to the closing ``>`` at once; it takes over only a string of hex digits
  and whitespace (no comment, no stray character, not cut short), and hands anything else
  to pyHanko's own reader from the same position, so every odd case behaves exactly as before;
* certificate names compared: asn1crypto compares two names (RFC 5280: each attribute
  prepared by RFC 4518's string preparation) several times per signature — the signer's
  issuer against the signing-certificate attribute, the certificates against each other
  while building the path — and remembers nothing beyond the parsed object. Both the
  preparation of a string (``NameTypeAndValue._ldap_string_prep``) and the equality of two
  names (``Name.__eq__``, by their DER encodings) are functions of their input alone, so
  their results are remembered by that input (bounded caches; an input that is refused
  raises again every time, as nothing is cached for it). The same signer's names recur in
  every PDF it signed: this is the "certificate seen before" within a run, at the one place
  where remembering cannot change what is checked — the signature's own integrity (digest,
  signature value, coverage, changes after signing) is still computed for every PDF.

``install()`` is idempotent; ``reports.signing.verify`` calls it on import.
"""

from __future__ import annotations

import binascii
import functools
import os
from typing import Any

_WHITESPACE = b" \n\r\t\f\x00"  # pyHanko's PDF_WHITESPACE
_HEX_OR_WHITESPACE = b"0123456789abcdefABCDEF" + _WHITESPACE
_CHUNK = 32 * 1024
_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils import generic

    original_hex = generic.read_hex_string_from_stream
    original_prep = asn1_x509.NameTypeAndValue._ldap_string_prep

    def read_hex_string_from_stream(stream: Any) -> Any:
        digits = _clean_hex(stream)
        if digits is None:
            return original_hex(stream)
        if len(digits) % 2:
            digits += b"0"  # as pyHanko does: an odd last digit is followed by 0
        return generic.pdf_string(binascii.unhexlify(digits))

    @functools.lru_cache(maxsize=4096)
    def prepared(string: str) -> str:
        return str(original_prep(None, string))

    def ldap_string_prep(self: Any, string: str) -> str:
        return prepared(string)

    @functools.lru_cache(maxsize=4096)
    def names_equal(one: bytes, other: bytes) -> bool:
        # What Name.__eq__ compares: the RDN sequences (a Name may come tagged, its sequence not).
        return bool(asn1_x509.RDNSequence.load(one) == asn1_x509.RDNSequence.load(other))

    def name_eq(self: Any, other: object) -> bool:
        if not isinstance(other, asn1_x509.Name):
            return False
        return names_equal(self.chosen.dump(), other.chosen.dump())

    generic.read_hex_string_from_stream = read_hex_string_from_stream
    asn1_x509.NameTypeAndValue._ldap_string_prep = ldap_string_prep  # type: ignore[method-assign]
    asn1_x509.Name.__eq__ = name_eq  # type: ignore[method-assign,assignment]
    _installed = True


def _clean_hex(stream: Any) -> bytes | None:
    """The digits of the hex string starting at ``stream``'s position (its ``<``), the stream
    left just after the closing ``>``; or None, with the stream back where it was, when the
    string holds anything but hex digits and whitespace, or does not end."""
    start = stream.tell()
    stream.read(1)  # the "<"
    parts = []
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            stream.seek(start)
            return None
        end = chunk.find(b">")
        if end >= 0:
            parts.append(chunk[:end])
            stream.seek(end + 1 - len(chunk), os.SEEK_CUR)
            break
        parts.append(chunk)
    text = b"".join(parts)
    if text.translate(None, _HEX_OR_WHITESPACE):  # something else in it
        stream.seek(start)
        return None
    return text.translate(None, _WHITESPACE)
