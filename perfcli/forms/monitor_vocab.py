"""Labels of the monitoring tables (labels_monitor.toml): periods, columns, marks and likelihoods.

A monitoring label often carries its period: ``1-7月执行数``, ``1—6月执行情况``, ``1至8月执行率``,
``截至7月底执行数``. ``split_period`` reads N and leaves the rest of the label to look up.
"""

from __future__ import annotations

import re
from functools import lru_cache

from perfcli.forms import vocab
from perfcli.forms.model import Located
from perfcli.forms.model_monitor import CAUSES, LIKELIHOODS
from perfcli.forms.normalize import norm_label, squash
from perfcli.io.values import is_placeholder

# 1-7月, 1—7月, 1~7月, 1至7月, 1月-7月, 2023年1-8月, 1-7月份; 截至7月底, 截止7月末.
_RANGE = r"1月?[-—–~至到]{1,2}(\d{1,2})月(?:份)?(?:底|末)?"
_UNTIL = r"截[至止](?:\d{4}年)?(\d{1,2})月(?:份)?(?:底|末)?"
_PERIOD_AT_START = re.compile(rf"^(?:\d{{4}}年(?:度)?)?(?:{_RANGE}|{_UNTIL})")
_PERIOD_ANYWHERE = re.compile(rf"(?<!\d)(?:{_RANGE}|{_UNTIL})")


def _month(match: re.Match[str]) -> int | None:
    text = match.group(1) or match.group(2)
    month = int(text)
    return month if 1 <= month <= 12 else None


def split_period(text: str) -> tuple[int | None, str]:
    """``1-7月执行数`` → (7, "执行数"); a label without a leading period → (None, label)."""
    squashed = squash(text)
    m = _PERIOD_AT_START.match(squashed)
    if m is None:
        return None, squashed
    month = _month(m)
    return (month, squashed[m.end() :]) if month is not None else (None, squashed)


def find_period(text: str) -> int | None:
    """N of the first 1-N月 period written anywhere in ``text`` (a title, ``2023年1-8月``)."""
    m = _PERIOD_ANYWHERE.search(squash(text))
    return _month(m) if m is not None else None


@lru_cache(maxsize=64)
def labels(key: str) -> frozenset[str]:
    """The normalised labels of ``[monitor] key``."""
    return vocab.labels_for("monitor", key)


@lru_cache(maxsize=1)
def _causes() -> dict[str, str]:
    table = vocab.vocabulary().get("monitor_causes", {})
    return {norm_label(label): name for name in CAUSES for label in table.get(name, ())}


@lru_cache(maxsize=1)
def _likelihoods() -> dict[str, str]:
    table = vocab.vocabulary().get("monitor_likelihood", {})
    return {squash(label): name for name in LIKELIHOODS for label in table.get(name, ())}


_FUNDING_FIXED = (("funding_forecast", "forecast"), ("funding_executed", "period_executed"),
                  ("funding_rate", "period_rate"))  # fmt: skip
_SHARED_FUNDING = {"initial": "initial", "budget": "budget", "reason": "reason",
                   "executed": "period_executed", "rate": "period_rate"}  # fmt: skip


def funding_key(text: str) -> str | None:
    """The canonical money column a header means: initial, budget, period_executed, period_rate,
    forecast or reason (model_monitor); None for anything else."""
    month, rest = split_period(text)
    if month is not None:
        label = norm_label(rest)
        if label in labels("period_executed"):
            return "period_executed"
        if label in labels("period_rate"):
            return "period_rate"
        return None
    label = norm_label(text)
    for name, key in _FUNDING_FIXED:
        if label in labels(name):
            return key
    # The only spending a monitoring table states is to date: 执行数 / 执行率 are 1-N月's.
    shared = vocab.match("funding", text)
    return _SHARED_FUNDING.get(shared or "")


def grid_key(text: str) -> str | None:
    """A monitoring column of the indicator grid: progress, forecast, likelihood, remark,
    cause_group, ``cause:<name>`` or ``mark:<answer>``; None otherwise."""
    month, rest = split_period(text)
    if month is not None:
        return "progress" if norm_label(rest) in labels("period_progress") else None
    label = norm_label(text)
    for key in ("progress", "forecast", "likelihood", "remark", "cause_group"):
        if label in labels(key):
            return key
    cause = _causes().get(label)
    if cause is not None:
        return f"cause:{cause}"
    if squash(text) in LIKELIHOODS:
        return f"mark:{squash(text)}"  # a tick column is headed by the answer itself
    return None


def goals_key(text: str) -> str | None:
    """In the goals block: ``expected`` (全年目标) or ``progress`` (1-7月执行情况)."""
    month, rest = split_period(text)
    if month is not None:
        label = norm_label(rest)
        return "progress" if label in labels("period_progress") | labels("goals_progress") else None
    label = norm_label(text)
    if label in labels("goals_progress"):
        return "progress"
    if label in labels("goals_expected"):
        return "expected"
    return None


def is_monitor_label(text: str) -> bool:
    """Whether a cell is one of the monitoring labels (so never a value)."""
    if funding_key(text) in ("period_executed", "period_rate", "forecast"):
        return True
    if grid_key(text) is not None or goals_key(text) is not None:
        return True
    label = norm_label(text)
    return any(label in labels(key) for key in ("form_reason", "period_label", "goals", "stop"))


def likelihood_word(text: str) -> str | None:
    """确定能 / 有可能 / 完全不可能 for what a 完成目标可能性 cell says, else None."""
    return _likelihoods().get(squash(text).strip("。.;；"))


def mark_state(loc: Located | None) -> str:
    """How a cause or tick column cell is filled: ``tick`` (√ ✓ 是 1 …), ``text`` (a cause
    written out) or ``none`` (empty, a dash, 否, ×, 0)."""
    if loc is None or loc.is_empty:
        return "none"
    value = loc.value
    if isinstance(value, bool):
        return "tick" if value else "none"
    if isinstance(value, int | float):
        return "tick" if value == 1 else "none"
    text = squash(loc.text)
    if is_placeholder(text) or norm_label(text) in labels("not_marked"):
        return "none"
    if norm_label(text) in labels("ticks"):
        return "tick"
    return "text"
