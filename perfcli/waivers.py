"""Waivers (``--waivers FILE``): findings a reviewer has accepted, with a reason, an approver and
an expiry date.

The file is TOML (``tomllib`` is in the standard library)::

    [[waiver]]
    code = "A004"                 # one rule code (required)
    file = "dept01/*.xlsx"        # a glob over the file's path, and/or
    project = "乡村道路养护"       # the project the finding names
    sheet = "项目1"               # optional
    cell = "G7"                   # optional
    reason = "年底集中支付，已说明"  # required
    approver = "张三"             # required
    expires = 2026-12-31          # required: a TOML date (or "2026-12-31")

A waiver applies to a finding of its code when every place key it gives matches: ``file`` is a
glob over the path as shown (``/`` separators; ``*`` and ``?`` stay within one folder, ``**``
crosses folders) that may match the whole path or its end (``dept01/*.xlsx`` matches
``samples/dept01/a.xlsx``); ``project`` is a glob over the project name, or equal to it once both
are normalised (codes, brackets, separators and a 项目/资金 suffix ignored); ``sheet`` and ``cell``
are equal. A waiver must name a ``file`` or a ``project`` — a code alone would silence a rule.

A waived finding leaves the findings (so the exit code) and is listed as waived. A waiver past its
``expires`` date does not apply and is reported, as is a waiver that matched nothing. These are
notes about the waiver file, not findings: rule codes are a contract and none exists for them.
A malformed file or waiver is a usage error (exit 2).
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from perfcli.engine import FileResult, Report
from perfcli.findings import Finding

REQUIRED = ("code", "reason", "approver", "expires")
OPTIONAL = ("file", "project", "sheet", "cell")


class WaiverError(ValueError):
    """A waiver file that cannot be used (a usage error: exit 2)."""


@dataclass(frozen=True)
class Waiver:
    """One accepted finding pattern, as written in the file (``index``: its place there, from 1)."""

    index: int
    code: str
    reason: str
    approver: str
    expires: date
    file: str | None = None
    project: str | None = None
    sheet: str | None = None
    cell: str | None = None

    def label(self) -> str:
        """A short description for people: ``A004 dept01/*.xlsx``."""
        place = " ".join(p for p in (self.file, self.project, self.sheet, self.cell) if p)
        return f"{self.code} {place}".strip()

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index, "code": self.code, "file": self.file, "project": self.project,
            "sheet": self.sheet, "cell": self.cell, "reason": self.reason,
            "approver": self.approver, "expires": self.expires.isoformat(),
        }  # fmt: skip

    def matches(self, finding: Finding) -> bool:
        if finding.code != self.code:
            return False
        if self.file is not None and not path_matches(finding.file, self.file):
            return False
        if self.project is not None and not project_matches(finding.project, self.project):
            return False
        if self.sheet is not None and (finding.sheet or "").strip() != self.sheet:
            return False
        return self.cell is None or (finding.cell or "").upper() == self.cell


@dataclass
class WaiverOutcome:
    """What a waiver file did to a run: the findings it waived, and the waivers that did nothing."""

    source: str
    waivers: list[Waiver]
    waived: list[tuple[Finding, Waiver]] = field(default_factory=list)
    expired: list[Waiver] = field(default_factory=list)
    unused: list[Waiver] = field(default_factory=list)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The top-level ``waivers`` section of the JSON report."""
        return {
            "file": self.source,
            "count": len(self.waivers),
            "waived_findings": len(self.waived),
            "expired": [w.to_dict() for w in self.expired],
            "unused": [w.to_dict() for w in self.unused],
            "notes": self.notes(lang),
        }

    def waived_dicts(self, lang: str = "zh") -> list[dict[str, Any]]:
        """The top-level ``waived`` list of the JSON report: each finding with its waiver."""
        return [{"finding": f.to_dict(lang), "waiver": w.to_dict()} for f, w in self.waived]

    def notes(self, lang: str = "zh") -> list[str]:
        """One line per expired or unused waiver (printed to stderr in text mode)."""
        out = []
        for w in self.expired:
            out.append(
                f"豁免文件 {self.source} 第 {w.index} 条（{w.label()}）已于 {w.expires} 过期，未生效"
                if lang == "zh"
                else f"waiver #{w.index} ({w.label()}) in {self.source} expired on {w.expires}"
                " and was not applied"
            )
        for w in self.unused:
            out.append(
                f"豁免文件 {self.source} 第 {w.index} 条（{w.label()}）没有匹配任何问题，可删除"
                if lang == "zh"
                else f"waiver #{w.index} ({w.label()}) in {self.source} matched no finding"
                " and can be removed"
            )
        return out

    def summary(self, lang: str = "zh") -> str:
        """The text report's summary line about waived findings."""
        if lang == "zh":
            return f"已豁免 {len(self.waived)} 个问题（豁免文件 {self.source}）"
        return f"{len(self.waived)} finding(s) waived (waiver file {self.source})"


@dataclass
class WaivedReport(Report):
    """A ``Report`` after a waiver file was applied: the findings left, and what was waived."""

    waiver_outcome: WaiverOutcome | None = None


def outcome_of(report: Report) -> WaiverOutcome | None:
    """The waiver outcome of a report, if a waiver file was applied to it."""
    return report.waiver_outcome if isinstance(report, WaivedReport) else None


# --- loading -------------------------------------------------------------------------------------


def load_waivers(path: str | os.PathLike[str]) -> list[Waiver]:
    """Read and validate a waiver file; raises ``WaiverError`` with a message naming the problem."""
    source = Path(path)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise WaiverError(f"豁免文件不存在：{source}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise WaiverError(f"无法读取豁免文件 {source}：{exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise WaiverError(f"豁免文件 {source} 不是有效的 TOML：{exc}") from None
    unknown = sorted(set(data) - {"waiver"})
    if unknown:
        raise WaiverError(
            f"豁免文件 {source} 中有未知的键：{'、'.join(unknown)}（每条豁免写作 [[waiver]]）"
        )
    entries = data.get("waiver", [])
    if not isinstance(entries, list):
        raise WaiverError(f"豁免文件 {source}：waiver 应写作 [[waiver]] 表数组")
    return [_waiver(entry, i, source) for i, entry in enumerate(entries, start=1)]


def _waiver(entry: Any, index: int, source: Path) -> Waiver:
    where = f"豁免文件 {source} 第 {index} 条"
    if not isinstance(entry, dict):
        raise WaiverError(f"{where}应为一个表（[[waiver]]）")
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        allowed = "、".join((*REQUIRED, *OPTIONAL))
        raise WaiverError(f"{where}有未知的键：{'、'.join(unknown)}（可用：{allowed}）")
    missing = [k for k in REQUIRED if _blank(entry.get(k))]
    if missing:
        raise WaiverError(
            f"{where}缺少 {'、'.join(missing)}（每条豁免必须写明理由、批准人和到期日）"
        )
    texts: dict[str, str | None] = {}
    for key in ("code", "reason", "approver", *OPTIONAL):
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise WaiverError(f"{where}的 {key} 应为文字，收到：{value!r}")
        texts[key] = value.strip() if isinstance(value, str) and value.strip() else None
    code = (texts["code"] or "").upper()
    _known_code(code, where)
    if texts["file"] is None and texts["project"] is None:
        raise WaiverError(f"{where}应写明 file（文件路径通配符）或 project（项目名称）")
    return Waiver(
        index=index, code=code, reason=texts["reason"] or "", approver=texts["approver"] or "",
        expires=_date(entry["expires"], where), file=_slashes(texts["file"]),
        project=texts["project"], sheet=texts["sheet"],
        cell=texts["cell"].upper() if texts["cell"] else None,
    )  # fmt: skip


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _known_code(code: str, where: str) -> None:
    from perfcli.rules import get_rule

    try:
        get_rule(code)
    except KeyError:
        raise WaiverError(
            f"{where}的规则代码 {code} 不存在（用 perfcli rules 查看全部规则）"
        ) from None


def _date(value: Any, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise WaiverError(f"{where}的 expires 应为日期，如 2026-12-31，收到：{value!r}")


# --- matching ------------------------------------------------------------------------------------


def _slashes(path: str | None) -> str | None:
    if path is None:
        return None
    text = unicodedata.normalize("NFC", path.replace("\\", "/"))
    while text.startswith("./"):
        text = text[2:]
    return text


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A path glob as a regex: ``**`` crosses folders, ``*`` and ``?`` do not, ``[..]`` is kept."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = re.sub(r"([\\\[&~|^])", r"\\\1", pattern[i + 1 : end])  # literal in a class
            out.append("[^" + body[1:] + "]" if body.startswith("!") else "[" + body + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def path_matches(path: str | None, pattern: str) -> bool:
    """``pattern`` matches the whole ``path`` or its last folders (see the module docstring)."""
    text = _slashes(path)
    glob = _slashes(pattern)
    if not text or not glob:
        return False
    regex = _glob_regex(glob.rstrip("/"))
    text = text.rstrip("/")
    if regex.fullmatch(text):
        return True
    if glob.startswith("/"):
        return False
    return any(regex.fullmatch(text[i + 1 :]) for i, ch in enumerate(text) if ch == "/")


def project_matches(project: str | None, pattern: str) -> bool:
    """The finding's project is ``pattern`` (normalised names equal) or matches it as a glob."""
    from fnmatch import fnmatchcase

    from perfcli.reconcile.match import norm_name

    if not project:
        return False
    if any(ch in pattern for ch in "*?["):
        return fnmatchcase(project.strip(), pattern)
    return project.strip() == pattern or norm_name(project) == norm_name(pattern)


# --- applying ------------------------------------------------------------------------------------


def apply_waivers(
    report: Report, waivers: list[Waiver], source: str, today: date | None = None
) -> WaivedReport:
    """A new report without the waived findings; the input report is left as it was.

    A waiver past its date is not applied (it is listed as expired); among the others the first
    that matches a finding, in file order, waives it; one that waived nothing is listed as unused.
    """
    today = today or date.today()
    active = [w for w in waivers if w.expires >= today]
    outcome = WaiverOutcome(source=source, waivers=list(waivers))
    outcome.expired = [w for w in waivers if w.expires < today]
    used: set[int] = set()

    def keep(findings: list[Finding]) -> list[Finding]:
        kept = []
        for finding in findings:
            waiver = next((w for w in active if w.matches(finding)), None)
            if waiver is None:
                kept.append(finding)
            else:
                used.add(waiver.index)
                outcome.waived.append((finding, waiver))
        return kept

    files: list[FileResult] = [replace(fr, findings=keep(fr.findings)) for fr in report.files]
    leftover = keep(report.submission_findings)
    outcome.waived.sort(key=lambda pair: pair[0].sort_key())
    outcome.unused = [w for w in active if w.index not in used]
    return WaivedReport(
        files=files, profile=report.profile, submissions=report.submissions,
        submission_findings=leftover, run_errors=report.run_errors, waiver_outcome=outcome,
    )  # fmt: skip
