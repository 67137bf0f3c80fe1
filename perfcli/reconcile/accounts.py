"""Read a final-accounts (决算) table into an ``Accounts`` model (forms.md §7).

Two ways in: an accounts workbook met while walking a folder is recognised by ``detect`` (title or
header signature) and read by ``locate_accounts``; a file given with ``--accounts`` (.xlsx/.xls/.ods,
or .csv) is read by ``check_accounts_file``, which looks for the header in every sheet. Either way
the header row is found by its labels anywhere in the sheet, rows are project rows or department
total rows (合计 / 基本支出 / 项目支出), and the table is validated by the pandera schema (R009).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfcli.forms import vocab
from perfcli.forms.detect import Segment
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_year
from perfcli.forms.model import Form, Located
from perfcli.forms.normalize import label_unit, norm_label, squash
from perfcli.io.cells import Cell, Sheet, Workbook
from perfcli.io.values import parse_number
from perfcli.reconcile.header import AMOUNTS, Header, find_header
from perfcli.reconcile.model import Accounts, AccountsRow

if TYPE_CHECKING:
    from perfcli.engine import FileResult, Settings

_STOP = re.compile(
    r"^(?:注|说明|备注|填表说明)[\d:：]|^(?:单位负责人|财务负责人|填表人|制表人|审核人|填报人)"
)
_ROW_ROLES = {"total": "total", "basic": "basic", "project": "project_total", "grand": "grand"}


def locate_accounts(sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = ()) -> list[Form]:
    """The accounts table of one sheet segment (recognised while walking a folder), or []."""
    header = find_header(sheet, seg.first_row, seg.last_row)
    if header is None:
        return []
    title = seg.title or _title(sheet, seg.first_row, header.row)
    return [read_accounts(sheet, header, seg.first_row, seg.last_row, title)]


def accounts_in(workbook: Workbook) -> list[Accounts]:
    """Every accounts table of a workbook given with --accounts: one per sheet that has a header."""
    found: list[Accounts] = []
    for sheet in workbook.sheets:
        if not sheet.cells:
            continue
        header = find_header(sheet)
        if header is None:
            continue
        first = min(r for r, _ in sheet.cells)
        last = max(r for r, _ in sheet.cells)
        accounts = read_accounts(sheet, header, first, last, _title(sheet, first, header.row))
        accounts.source = workbook.format
        found.append(accounts)
    return found


def read_accounts(
    sheet: Sheet, header: Header, first_row: int, last_row: int, title: Located | None
) -> Accounts:
    """The model of the table under ``header``: heading facts, rows, schema issues."""
    from perfcli.reconcile.schema import validate

    last_col = max((c for (r, c) in sheet.cells if first_row <= r <= last_row), default=0)
    accounts = Accounts(
        kind="accounts", sheet=sheet.name, first_row=first_row, last_row=last_row,
        last_col=last_col, title=title, hidden_sheet=sheet.hidden, header_row=header.row,
        columns=dict(header.columns), column_labels=dict(header.labels),
        executed_from_parts=header.executed_from_parts,
    )  # fmt: skip
    _read_heading(sheet, accounts, first_row, header)
    _read_rows(sheet, accounts, header, last_row)
    accounts.issues = validate(accounts)
    return accounts


def _title(sheet: Sheet, first: int, header_row: int) -> Located | None:
    for r in range(first, header_row):
        for cell in sheet.row_cells(r)[:3]:
            if isinstance(cell.value, str) and "决算" in cell.value and len(cell.value) <= 80:
                return Located(cell.value, sheet.name, r, cell.col)
    return None


def _read_heading(sheet: Sheet, accounts: Accounts, first_row: int, header: Header) -> None:
    """Unit (单位:元 / (万元)), year and the department of a one-department file, above the table."""
    grid = LabelGrid(sheet, first_row, max(first_row, header.row - 1))
    if header.row > first_row:
        read_year(grid, accounts)
    wanted = vocab.labels_for("accounts", "sheet_department")
    for r in range(first_row, header.last_row + 1):
        for cell in sheet.row_cells(r):
            if not isinstance(cell.value, str):
                continue
            text = squash(cell.value)
            if not accounts.unit and len(text) <= 40 and ("单位" in text or "(" in text):
                unit = next((u for u in ("千元", "亿元") if u in text), "") or label_unit(text)
                if unit:
                    accounts.unit = unit
                    accounts.unit_cell = Located(cell.value, sheet.name, r, cell.col)
            if r < header.row and accounts.department is None:
                accounts.department = _heading_department(sheet, cell, text, wanted)


def _heading_department(
    sheet: Sheet, cell: Cell, text: str, wanted: frozenset[str]
) -> Located | None:
    head, sep, rest = text.partition(":")
    if sep and norm_label(head) in wanted and rest and not label_unit(text):
        return Located(rest, sheet.name, cell.row, cell.col)
    if norm_label(text) in wanted:
        for right in sheet.row_cells(cell.row):
            if right.col > cell.col and isinstance(right.value, str) and right.value.strip():
                return Located(right.value.strip(), sheet.name, cell.row, right.col)
    return None


def _read_rows(sheet: Sheet, accounts: Accounts, header: Header, last_row: int) -> None:
    cols = header.columns
    dept_col = cols.get("department", cols.get("unit_name"))
    unit_col = cols.get("unit_name") if "department" in cols else None
    amount_cols = {key: col for key, col in cols.items() if key in AMOUNTS}
    current: Located | None = None  # the department carried down a merged or blank column
    rows = dict(sheet.rows())
    for r in sorted(rows):
        if r <= header.last_row or r > last_row:
            continue
        by_col = {cell.col: cell for cell in rows[r]}
        first_text = next((c for c in rows[r] if isinstance(c.value, str)), None)
        if first_text is not None and _STOP.match(squash(first_text.value or "")):
            break
        if r <= header.last_row + 2 and _is_column_numbers(rows[r]):
            continue
        name = _located(sheet, by_col, cols.get("name"))
        code = _located(sheet, by_col, cols.get("code"))
        dept = _located(sheet, by_col, dept_col) or _merged_from_above(sheet, r, dept_col)
        unit_name = _located(sheet, by_col, unit_col)
        cells = {
            k: Located(by_col[c].value, sheet.name, r, c)
            for k, c in amount_cols.items()
            if c in by_col
        }
        dept_is_label = _role_of(dept) is not None
        if dept is not None and not dept_is_label:
            current = dept
        role, named_owner = _role(name, code, dept)
        if role == "project":
            if name is None and code is None:
                if dept is not None and cells and dept_col is not None:  # 示例县教育局 | | 1,234.00
                    accounts.totals.append(AccountsRow(r, "total", dept, None, dept, None, cells))
                continue
            if not cells and code is None:
                continue  # a heading row (一、…), not a project
            accounts.rows.append(
                AccountsRow(r, "project", name, code, dept or current, unit_name, cells)
            )
        elif cells:
            owner = named_owner or (None if dept_is_label else dept)
            if owner is None and role in ("basic", "project_total"):
                owner = current  # 基本支出 / 项目支出 under their department's 合计
            if role == "total" and owner is None and dept_col is not None:
                role = "grand"  # a 合计 naming no department in a table of departments
            label = name or code or dept
            accounts.totals.append(AccountsRow(r, role, label, code, owner, unit_name, cells))


def _located(sheet: Sheet, by_col: dict[int, Cell], col: int | None) -> Located | None:
    if col is None or col not in by_col:
        return None
    cell = by_col[col]
    if isinstance(cell.value, str) and not cell.value.strip():
        return None
    return Located(cell.value, sheet.name, cell.row, col)


def _merged_from_above(sheet: Sheet, row: int, col: int | None) -> Located | None:
    """A department cell merged down over its rows: the value of the merge's top-left cell."""
    if col is None:
        return None
    r0, c0 = sheet.merge_origin(row, col)
    if (r0, c0) == (row, col) or sheet.get(r0, c0) is None:
        return None
    return Located(sheet.value(r0, c0), sheet.name, r0, c0)


def _role_of(loc: Located | None) -> str | None:
    if loc is None:
        return None
    key = vocab.match("accounts_rows", loc.text)
    return _ROW_ROLES.get(key) if key else None


def _role(
    name: Located | None, code: Located | None, dept: Located | None
) -> tuple[str, Located | None]:
    """The row's role, and the department a label like ``示例县教育局合计`` names itself."""
    for loc in (name, code):
        role = _role_of(loc)
        if role is not None:
            return role, None
        if loc is not None:
            text = squash(loc.text)
            for suffix in ("合计", "小计"):
                if text.endswith(suffix) and len(text) > len(suffix) + 1 and code is None:
                    owner = Located(text[: -len(suffix)], loc.sheet, loc.row, loc.col)
                    return "total", owner
    if name is None and code is None and _role_of(dept) is not None:
        role = _role_of(dept)
        return ("grand" if role == "total" else role or "grand"), None
    return "project", None


def _is_column_numbers(cells: list[Cell]) -> bool:
    """A row of column numbers under the header (栏次 | 1 | 2 | 3 …)."""
    labels = vocab.labels_for("accounts", "column_numbers")
    if any(isinstance(c.value, str) and norm_label(c.value) in labels for c in cells):
        return True
    numbers = [parse_number(c.value) for c in cells]
    if len(cells) < 3 or not all(n.ok and n.value is not None for n in numbers):
        return False
    values = [
        int(n.value) for n in numbers if n.value is not None and n.value == n.value.to_integral()
    ]
    return len(values) == len(cells) and values == list(range(values[0], values[0] + len(values)))


# --- a file given with --accounts ----------------------------------------------------------------


def check_accounts_file(path: str, display: str, settings: Settings) -> FileResult:
    """Read and check a 决算 file given with --accounts (.xlsx/.xls/.ods/.csv): its FileResult."""
    from perfcli import engine
    from perfcli.io.errors import InputError
    from perfcli.io.reader import read_workbook
    from perfcli.reconcile.csvfile import CSV_SUFFIXES, read_csv_sheet
    from perfcli.rules.accounts import R009
    from perfcli.rules.base import Context

    result = engine.FileResult(path=display, role="accounts", sha256=engine._sha256(path))
    ctx = Context(file=display, profile=settings.profile)
    is_csv = Path(path).suffix.lower() in CSV_SUFFIXES
    try:
        if is_csv:
            workbook = Workbook(
                path=path, format="csv", sheets=[read_csv_sheet(path, settings.limits)]
            )
        else:
            workbook = read_workbook(path, settings.limits)
    except InputError as exc:
        return engine._input_failed(result, ctx, exc, settings, "csv" if is_csv else "default")
    forms: list[Any] = accounts_in(workbook)
    if not forms:
        result.status = "failed"
        names = "、".join(s.name for s in workbook.sheets[:10]) or "（无）"
        ctx.report(R009, variant="no_table", sheets=names)
    else:
        engine.run_form_rules(result, ctx, forms, settings, workbook)
    result.findings = engine._filtered(ctx.findings, settings)
    return result
