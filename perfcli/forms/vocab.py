"""The label vocabulary of labels.toml, loaded once and indexed by normalised label."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from perfcli.forms.normalize import norm_label


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """labels.toml merged with every ``labels_<family>.toml`` beside it (one file per form family)."""
    folder = resources.files("perfcli.forms")
    merged = tomllib.loads(folder.joinpath("labels.toml").read_text(encoding="utf-8"))
    extra = sorted(
        (f for f in folder.iterdir() if f.name.startswith("labels_") and f.name.endswith(".toml")),
        key=lambda f: f.name,
    )
    for file in extra:
        _merge(merged, tomllib.loads(file.read_text(encoding="utf-8")))
    return merged


def _merge(into: dict[str, Any], more: dict[str, Any]) -> None:
    for key, value in more.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


@lru_cache(maxsize=32)
def section(name: str) -> dict[str, str]:
    """normalised label → canonical key, for one section (``funding``, ``indicators`` …)."""
    out: dict[str, str] = {}
    for key, labels in vocabulary()[name].items():
        for label in labels:
            out.setdefault(norm_label(label), key)
    return out


@lru_cache(maxsize=32)
def labels_for(section_name: str, key: str) -> frozenset[str]:
    return frozenset(norm_label(label) for label in vocabulary()[section_name].get(key, ()))


def match(section_name: str, text: str) -> str | None:
    """The canonical key a label means in a section, or None."""
    return section(section_name).get(norm_label(text))


def kind_titles() -> list[tuple[str, list[str]]]:
    """(kind, title phrases), most specific kinds first, longest phrases first."""
    order = [
        "accounts",
        "selfeval_summary",
        "selfeval_dept",
        "monitor_dept",
        "monitor_project",
        "target_dept",
        "selfeval_project",
        "target_project",
    ]
    kinds = vocabulary()["kinds"]
    return [
        (kind, sorted((norm_label(t) for t in kinds[kind]["titles"]), key=len, reverse=True))
        for kind in order
        if kind in kinds
    ]
