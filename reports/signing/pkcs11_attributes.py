"""python-pkcs11's attribute mapper, taught CKA_ALLOWED_MECHANISMS (a CK_MECHANISM_TYPE array).

python-pkcs11 0.10 has no handler for that attribute: reading it raises NotImplementedError
and writing it crashes the process. We need to read it to pick a mechanism the key allows
(``reports.signing.mechanisms``); sessions opened with ``attribute_mapper()`` can.
"""

from __future__ import annotations

import contextlib
from struct import Struct
from typing import Any

from pkcs11 import Attribute, Mechanism
from pkcs11.attributes import AttributeMapper

__all__ = ["attribute_mapper"]

_ULONG = Struct("L")  # CK_ULONG is a C unsigned long: 8 bytes on Linux x64, 4 on Windows x64


def _pack(mechanisms: Any) -> bytes:
    return b"".join(_ULONG.pack(int(m)) for m in mechanisms)


def _unpack(raw: bytes) -> list[Any]:
    out: list[Any] = []
    for (value,) in _ULONG.iter_unpack(bytes(raw)[: len(raw) - len(raw) % _ULONG.size]):
        item: Any = value
        with contextlib.suppress(ValueError):  # a vendor-defined mechanism stays a number
            item = Mechanism(value)
        out.append(item)
    return out


def attribute_mapper() -> AttributeMapper:
    mapper = AttributeMapper()
    mapper.register_handler(Attribute.ALLOWED_MECHANISMS, _pack, _unpack)
    return mapper
