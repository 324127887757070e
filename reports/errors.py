"""Expected errors: the environment's or the user's fault, shown as a plain message.

Each kind of expected error is a subclass with a stable ``code`` and two message templates
(Vietnamese first, English), formatted with the parameters it was raised with. The CLI prints
``message(lang)`` and exits with ``exit_code``; the desktop shows it in a message box. Any
other exception is a bug and goes to the crash handler.
"""

from __future__ import annotations

from typing import Any, ClassVar


class CchcError(Exception):
    code: ClassVar[str] = "error"
    vi: ClassVar[str] = "Đã xảy ra lỗi: {detail}"
    en: ClassVar[str] = "An error occurred: {detail}"
    exit_code: ClassVar[int] = 2  # 1 = the data is invalid, 2 = usage or environment

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "vi") -> str:
        template = self.en if lang == "en" else self.vi
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template


class UsageError(CchcError):
    code = "usage"
    vi = "{detail}"
    en = "{detail_en}"


class DataInvalidError(CchcError):
    """The report's data breaks rules; ``problems`` lists every one (already worded)."""

    code = "data.invalid"
    vi = "Dữ liệu chưa hợp lệ:\n{problems}"
    en = "The data is not valid:\n{problems_en}"
    exit_code = 1
