"""Why a file could not be read. The pipeline turns these into E001–E004 findings."""

from __future__ import annotations


class InputError(Exception):
    """A problem with an input file (never with perfcli itself).

    ``code`` is the catalogue code (E001 unreadable, E002 encrypted, E003 not a checked file type,
    E004 resource limit) and ``detail`` a short Chinese reason quoted in the finding's message.
    """

    def __init__(self, code: str, detail: str, detail_en: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.detail_en = detail_en or detail


def unreadable(detail: str, detail_en: str = "") -> InputError:
    return InputError("E001", detail, detail_en)


def encrypted(detail: str = "文件已加密或设置了打开密码", detail_en: str = "") -> InputError:
    return InputError("E002", detail, detail_en or "the file is encrypted / password-protected")


def over_limit(detail: str, detail_en: str = "") -> InputError:
    return InputError("E004", detail, detail_en)
