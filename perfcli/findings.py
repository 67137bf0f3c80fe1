"""A finding: one problem, with its rule code, place, and messages in Chinese and English."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    severity: str
    file: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None  # 1-based, as Excel shows it
    form_kind: str | None = None
    project: str | None = None
    message: str = ""
    hint: str = ""
    message_en: str = ""
    hint_en: str = ""
    expected: str | None = None
    actual: str | None = None
    col: int | None = field(default=None, repr=False)  # 0-based, for sorting and annotating

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The JSON object of cli.md, with messages in the chosen language."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "row": self.row,
            "form_kind": self.form_kind,
            "project": self.project,
            "message": self.message_en if lang == "en" and self.message_en else self.message,
            "hint": self.hint_en if lang == "en" and self.hint_en else self.hint,
            "expected": self.expected,
            "actual": self.actual,
        }

    def sort_key(self) -> tuple[int, str, str, int, int, str]:
        return (
            -SEVERITY_RANK.get(self.severity, 0),
            self.file,
            self.sheet or "",
            self.row or 0,
            self.col or 0,
            self.code,
        )

    def as_plain(self) -> dict[str, Any]:
        return asdict(self)
