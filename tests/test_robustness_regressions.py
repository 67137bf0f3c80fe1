"""Crashes the robustness tests found, each minimised to the one edit of a clean builder that
raised inside perfcli; the form must now check without an internal error. (A passing twin of each
is the clean builder itself, in test_robustness.py.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from layouts_selfeval_dept import central_dept
from ruletools import check_grid


def test_tasks_block_label_on_a_row_without_task_headers(book: Callable[..., Path]) -> None:
    # 年度主要任务 moved to the top row (swapped with the title): the tasks block starts on a row
    # with no 任务名称 / 主要内容 / 预算数 header; dept_tasks took min() of no columns
    form = central_dept()
    form.put("A1", "年度主要任务").put("A10", "部门整体支出绩效自评表")
    form.merges.remove("A10:A14")
    result = check_grid(book, form)
    assert result.internal_error is None
    assert result.forms[0].kind == "selfeval_dept"
