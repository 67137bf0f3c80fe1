"""The run history (``check --record``, ``perfcli history``, ``perfcli diff``): what is new, fixed
and still open between two runs of the nightly check.

Runs are recorded in SQLite (``.perfcli/history.sqlite`` by default): a ``runs`` row per run and a
``findings`` row per finding. The schema carries its version in ``PRAGMA user_version``; opening a
database migrates it forward, and one written by a newer perfcli, a foreign database or a corrupt
file is a ``HistoryError`` (the CLI: one line, exit 2).

A finding's **fingerprint** is its code, file, sheet, cell and project — what identifies the
problem, not how it is worded. The message is left out on purpose: it quotes the values
(``执行率应为 86.20%…，表中填写 86%``), and a preparer's half-correction changes them while the
problem stays open. Two findings with one fingerprint (a rule reporting twice on one cell, X006
for two missing parts of one folder) are told apart by their messages, then by order. Known limit:
a row inserted above a problem moves its cell, so the problem shows as one fixed and one new.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from perfcli import __version__

SCHEMA_VERSION = 1
DEFAULT_DB = Path(".perfcli") / "history.sqlite"

_SCHEMA = {
    1: """
    CREATE TABLE IF NOT EXISTS runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,        -- ISO 8601, local time with its offset
        perfcli_version TEXT NOT NULL,
        profile TEXT NOT NULL,
        paths TEXT NOT NULL,             -- JSON list, as given on the command line
        counts TEXT NOT NULL             -- JSON {files, forms, error, warning, info}
    );
    CREATE TABLE IF NOT EXISTS findings (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        code TEXT NOT NULL,
        severity TEXT NOT NULL,
        file TEXT,
        sheet TEXT,
        cell TEXT,
        project TEXT,
        message TEXT NOT NULL,
        message_en TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX IF NOT EXISTS findings_by_run ON findings(run_id);
    """,
}


class HistoryError(Exception):
    """The history database cannot be used (missing, corrupt, foreign, newer): exit 2."""


@dataclass(frozen=True)
class RunInfo:
    id: int
    started_at: str
    perfcli_version: str
    profile: str
    paths: list[str]
    counts: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Recorded:
    """A finding as the history keeps it."""

    fingerprint: str
    code: str
    severity: str
    file: str | None
    sheet: str | None
    cell: str | None
    project: str | None
    message: str
    message_en: str = ""

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        out = asdict(self)
        out["message"] = self.message_en if lang == "en" and self.message_en else self.message
        del out["message_en"]
        return out


@dataclass
class Diff:
    run_a: RunInfo
    run_b: RunInfo
    new: list[Recorded] = field(default_factory=list)
    fixed: list[Recorded] = field(default_factory=list)
    open: list[Recorded] = field(default_factory=list)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "run_a": self.run_a.to_dict(), "run_b": self.run_b.to_dict(),
            "summary": {"new": len(self.new), "fixed": len(self.fixed), "open": len(self.open)},
            "new": [r.to_dict(lang) for r in self.new],
            "fixed": [r.to_dict(lang) for r in self.fixed],
            "open": [r.to_dict(lang) for r in self.open],
        }  # fmt: skip


def fingerprint(
    code: str, file: str | None, sheet: str | None, cell: str | None, project: str | None
) -> str:
    """The stable identity of a finding across runs (see the module docstring)."""
    place = os.path.normpath(file).replace("\\", "/") if file else ""
    parts = [code, place, sheet or "", cell or "", project or ""]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


# --- the database ------------------------------------------------------------------------------


def connect(db: str | os.PathLike[str], *, create: bool = False) -> sqlite3.Connection:
    """Open (``create``: and make) the database, migrated to the current schema."""
    path = Path(db)
    if not create and not path.is_file():
        raise HistoryError(f"历史数据库不存在：{path}（先用 perfcli check --record 记录一次运行）")
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30)
    except (OSError, sqlite3.Error) as exc:
        raise HistoryError(f"无法打开历史数据库 {path}：{exc}") from None
    try:
        _migrate(conn, path)
    except sqlite3.Error as exc:
        conn.close()
        raise HistoryError(f"历史数据库 {path} 已损坏或不是 SQLite 数据库：{exc}") from None
    except HistoryError:
        conn.close()
        raise
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise HistoryError(
            f"历史数据库 {path} 由更新版本的 perfcli 写入（格式 {version}，"
            f"本版本支持 {SCHEMA_VERSION}），请升级 perfcli"
        )
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise HistoryError(f"{path} 不是 perfcli 的历史数据库（其中已有别的表）")
    for step in range(version + 1, SCHEMA_VERSION + 1):
        # One transaction per step, user_version included: a step is done whole or not at all.
        conn.executescript(f"BEGIN; {_SCHEMA[step]} PRAGMA user_version = {step}; COMMIT;")


def _guarded(db: str | os.PathLike[str], create: bool, work: Any) -> Any:
    """Run ``work(conn)``; any SQLite error becomes a HistoryError with the database's name."""
    with closing(connect(db, create=create)) as conn:
        try:
            return work(conn)
        except sqlite3.Error as exc:
            raise HistoryError(f"历史数据库 {db} 无法使用（已损坏？）：{exc}") from None


def record(
    report: Any,
    db: str | os.PathLike[str] = DEFAULT_DB,
    *,
    paths: Iterable[str | os.PathLike[str]] = (),
    started_at: str | None = None,
) -> int:
    """Record a finished run (an ``engine.Report``) and its findings; returns the run's id."""
    counts = report.counts()
    counts = {"files": len(report.files), "forms": sum(len(f.forms) for f in report.files),
              **{k: counts.get(k, 0) for k in ("error", "warning", "info")}}  # fmt: skip
    when = started_at or datetime.now().astimezone().isoformat(timespec="seconds")
    rows = [
        (fingerprint(f.code, f.file, f.sheet, f.cell, f.project), f.code, f.severity, f.file,
         f.sheet, f.cell, f.project, f.message, f.message_en)
        for f in report.findings
    ]  # fmt: skip

    def work(conn: sqlite3.Connection) -> int:
        with conn:
            cur = conn.execute(
                "INSERT INTO runs (started_at, perfcli_version, profile, paths, counts)"
                " VALUES (?, ?, ?, ?, ?)",
                (when, __version__, report.profile,
                 json.dumps([str(p) for p in paths], ensure_ascii=False),
                 json.dumps(counts)),
            )  # fmt: skip
            run_id = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO findings (run_id, fingerprint, code, severity, file, sheet, cell,"
                " project, message, message_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(run_id, *row) for row in rows],
            )
        return run_id

    result: int = _guarded(db, True, work)
    return result


def runs(db: str | os.PathLike[str] = DEFAULT_DB, limit: int = 0) -> list[RunInfo]:
    """The recorded runs, oldest first (``limit``: only the last so many; 0: all)."""

    def work(conn: sqlite3.Connection) -> list[RunInfo]:
        sql = "SELECT id, started_at, perfcli_version, profile, paths, counts FROM runs"
        if limit > 0:
            sql = f"SELECT * FROM ({sql} ORDER BY id DESC LIMIT {int(limit)})"
        return [_run_info(row) for row in conn.execute(sql + " ORDER BY id")]

    result: list[RunInfo] = _guarded(db, False, work)
    return result


def _run_info(row: Sequence[Any]) -> RunInfo:
    try:
        paths, counts = json.loads(row[4]), json.loads(row[5])
    except (TypeError, ValueError) as exc:
        raise sqlite3.DatabaseError(f"run {row[0]}: {exc}") from None
    return RunInfo(int(row[0]), str(row[1]), str(row[2]), str(row[3]), paths, counts)


def diff(
    db: str | os.PathLike[str] = DEFAULT_DB, run_a: int | None = None, run_b: int | None = None
) -> Diff:
    """Findings new in ``run_b``, fixed since ``run_a`` and open in both.

    No run given: the last two runs; only ``run_a``: that run against the last one.
    """

    def work(conn: sqlite3.Connection) -> Diff:
        ids = [row[0] for row in conn.execute("SELECT id FROM runs ORDER BY id")]
        if run_a is None and run_b is None:
            if len(ids) < 2:
                raise HistoryError(f"历史数据库 {db} 中只有 {len(ids)} 次运行，对比需要至少两次")
            a, b = ids[-2], ids[-1]
        else:
            a, b = run_a, run_b if run_b is not None else ids[-1] if ids else None
        missing = [str(x) for x in (a, b) if x not in ids]
        if missing:
            known = f"{ids[0]}–{ids[-1]}" if ids else "无"
            raise HistoryError(f"没有运行 #{'、#'.join(missing)}（已记录的运行：{known}）")
        return _compare(_load_run(conn, a), _load_run(conn, b), _findings(conn, a),
                        _findings(conn, b))  # fmt: skip

    result: Diff = _guarded(db, False, work)
    return result


def _load_run(conn: sqlite3.Connection, run_id: Any) -> RunInfo:
    row = conn.execute(
        "SELECT id, started_at, perfcli_version, profile, paths, counts FROM runs WHERE id = ?",
        (run_id,),
    ).fetchone()
    return _run_info(row)


def _findings(conn: sqlite3.Connection, run_id: Any) -> list[Recorded]:
    rows = conn.execute(
        "SELECT fingerprint, code, severity, file, sheet, cell, project, message, message_en"
        " FROM findings WHERE run_id = ? ORDER BY rowid",
        (run_id,),
    )
    return [Recorded(*row) for row in rows]


def _compare(a: RunInfo, b: RunInfo, old: list[Recorded], now: list[Recorded]) -> Diff:
    """Pair findings by fingerprint: same message first, then in order; the rest new or fixed."""
    out = Diff(a, b)
    by_print: dict[str, list[Recorded]] = defaultdict(list)
    for rec in old:
        by_print[rec.fingerprint].append(rec)
    unpaired: list[Recorded] = []
    for rec in now:  # first pass: the very same finding
        group = by_print.get(rec.fingerprint, [])
        same = next((i for i, o in enumerate(group) if o.message == rec.message), None)
        if same is None:
            unpaired.append(rec)
        else:
            group.pop(same)
            out.open.append(rec)
    for rec in unpaired:  # second pass: the same problem, its values changed
        group = by_print.get(rec.fingerprint, [])
        (out.open if group else out.new).append(rec)
        if group:
            group.pop(0)
    left = {id(rec) for group in by_print.values() for rec in group}
    out.fixed = [rec for rec in old if id(rec) in left]
    order = {id(rec): i for i, rec in enumerate(now)}
    out.open.sort(key=lambda r: order[id(r)])
    return out


# --- output ------------------------------------------------------------------------------------

_WORDS = {
    "zh": {"runs": "已记录的运行", "none": "尚无记录的运行", "run": "运行", "files": "文件",
           "error": "错误", "warning": "警告", "info": "提示", "new": "新增问题",
           "fixed": "已修正", "open": "仍未解决", "compare": "对比"},
    "en": {"runs": "recorded runs", "none": "no runs recorded", "run": "run", "files": "files",
           "error": "errors", "warning": "warnings", "info": "info", "new": "new",
           "fixed": "fixed", "open": "still open", "compare": "comparing"},
}  # fmt: skip


def render_runs(found: list[RunInfo], fmt: str = "text", lang: str = "zh") -> str:
    """``perfcli history``: one line per run (text) or ``{"runs": [...]}`` (json)."""
    if fmt == "json":
        return json.dumps({"runs": [r.to_dict() for r in found]}, ensure_ascii=False, indent=2)
    w = _WORDS.get(lang, _WORDS["zh"])
    if not found:
        return w["none"] + "\n"
    lines = [f"{w['runs']}（{len(found)}）" if lang == "zh" else f"{w['runs']} ({len(found)})"]
    for r in found:
        c = r.counts
        lines.append(
            f"#{r.id:<4} {r.started_at:<25} perfcli {r.perfcli_version:<8} {r.profile:<10} "
            f"{w['files']} {c.get('files', 0):>4}  {w['error']} {c.get('error', 0):>4}  "
            f"{w['warning']} {c.get('warning', 0):>4}  {w['info']} {c.get('info', 0):>4}  "
            + " ".join(r.paths)
        )
    return "\n".join(lines) + "\n"


def render_diff(result: Diff, fmt: str = "text", lang: str = "zh") -> str:
    """``perfcli diff``: the counts, then the new, fixed and still open findings."""
    if fmt == "json":
        return json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2)
    w = _WORDS.get(lang, _WORDS["zh"])
    a, b = result.run_a, result.run_b
    colon, comma = ("：", "，") if lang == "zh" else (": ", ", ")
    lines = [
        f"{w['compare']} {w['run']} #{a.id} ({a.started_at}) → #{b.id} ({b.started_at}){colon}"
        f"{w['new']} {len(result.new)}{comma}{w['fixed']} {len(result.fixed)}{comma}"
        f"{w['open']} {len(result.open)}"
    ]
    for key, mark, recs in (("new", "+", result.new), ("fixed", "-", result.fixed),
                            ("open", "=", result.open)):  # fmt: skip
        if not recs:
            continue
        lines += ["", f"{w[key]}{colon.strip()}"]
        for rec in recs:
            place = "!".join(x for x in (rec.sheet, rec.cell) if x)
            project = f"[{rec.project}]" if rec.project else ""
            where = " ".join(x for x in (rec.file or "", place, project) if x)
            text = rec.message_en if lang == "en" and rec.message_en else rec.message
            lines.append(f"  {mark} {rec.severity:<7} {rec.code} {where}  {text}")
    return "\n".join(lines) + "\n"
