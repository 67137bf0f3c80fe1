"""The indicator categories: labels.toml ``[categories]`` indexed once, and a row's 一级/二级 read
from its labels the same way for every rule that asks (Q001, Q002, Q011, Q012, the value rules'
时效 rows, the cross-form indicator matching).

The 一级 → 二级 vocabulary and the word lists (generic names, budget-process words, money words,
change words) are data; this module only indexes them by normalised label, with and without the
trailing 指标 (产出 → 产出指标).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from perfcli.forms.model import IndicatorRow
from perfcli.forms.normalize import norm_label, squash
from perfcli.forms.vocab import vocabulary

# 二级 keys accepted but not suggested in messages (a merged 社会、经济、生态效益指标; 成本指标 under 成本).
_UNLISTED = frozenset({"combined", "general"})


def _forms_of(label: str) -> list[str]:
    """The normalised label, and with 指标 added when it was written without (产出 → 产出指标)."""
    text = norm_label(label)
    return [text, text + "指标"] if text and not text.endswith("指标") else [text]


def bare(text: str) -> str:
    """The label without a trailing 指标 (社会效益指标 → 社会效益), when something is left."""
    return text[: -len("指标")] if text.endswith("指标") and len(text) > 2 else text


@dataclass(frozen=True)
class Vocabulary:
    """labels.toml ``[categories]``, indexed by normalised label."""

    level1: dict[str, str]  # label → 一级 key (output, cost, benefit, satisfaction)
    level2: dict[str, tuple[tuple[str, str], ...]]  # label → ((一级 key, 二级 key), …)
    level2_labels: dict[str, list[str]]  # 一级 key → its 二级 labels as printed (for messages)
    generic: frozenset[str]
    process: tuple[str, ...]
    money: tuple[str, ...]
    not_money: tuple[str, ...]
    change: tuple[str, ...]
    cap: tuple[str, ...]  # names of a cap (控制率, 投诉率 …): a bare target's direction is unknown

    def level1_key(self, label: str) -> str | None:
        for text in _forms_of(label):
            if text in self.level1:
                return self.level1[text]
        return None

    def level2_pairs(self, label: str) -> tuple[tuple[str, str], ...]:
        for text in _forms_of(label):
            if text in self.level2:
                return self.level2[text]
        return ()


@lru_cache(maxsize=1)
def category_vocabulary() -> Vocabulary:
    data = vocabulary()["categories"]
    level1 = {norm_label(label): key for key, labels in data["level1"].items() for label in labels}
    level2: dict[str, list[tuple[str, str]]] = {}
    printed: dict[str, list[str]] = {}
    for parent, parts in data["level2"].items():
        for key, labels in parts.items():
            if key not in _UNLISTED:
                printed.setdefault(parent, []).append(labels[0])
            for label in labels:
                level2.setdefault(norm_label(label), []).append((parent, key))
    # Generic names: the words listed, and each category's own (first) label, with or without 指标
    # — not its wordings (工期, 建筑规模 name measurable things), not the satisfaction 二级.
    generic = {norm_label(word) for word in data["names"]["generic"]}
    canonical = [labels[0] for labels in data["level1"].values()] + [
        labels[0] for parent, parts in data["level2"].items() if parent != "satisfaction"
        for labels in parts.values()
    ]  # fmt: skip
    for label in map(norm_label, canonical):
        generic |= {label, bare(label)}
    names = data["names"]
    return Vocabulary(
        level1=level1,
        level2={label: tuple(pairs) for label, pairs in level2.items()},
        level2_labels={parent: list(dict.fromkeys(labels)) for parent, labels in printed.items()},
        generic=frozenset(generic),
        process=tuple(names["process"]),
        money=tuple(names["money"]),
        not_money=tuple(names["not_money"]),
        change=tuple(names["change"]),
        cap=tuple(names["cap"]),
    )


@dataclass(frozen=True)
class RowCategory:
    """A row's 一级 and 二级 keys, read from its labels (the 一级 inferred from a known 二级)."""

    level1: str | None
    level2: str | None
    is_cost: bool  # a 成本 indicator: 一级 成本, or a 成本 二级 (under 产出, or 经济成本… anywhere)
    level2_label: str = ""  # the text the 二级 was read from (the 一级 cell when it holds a 二级)
    shifted: bool = False  # the 一级 column holds a 二级 label, so the 二级 column holds names


def categorise(row: IndicatorRow) -> RowCategory:
    vocab = category_vocabulary()
    level1 = vocab.level1_key(row.level1_name)
    if level1 is None:
        moved = vocab.level2_pairs(row.level1_name)  # a 二级 label in the 一级 column
        if moved:
            parent, key = moved[0]
            return RowCategory(parent, key, key == "cost", squash(row.level1_name), True)
    pairs = vocab.level2_pairs(row.level2_name)
    level2: str | None = None
    if level1 is None and pairs:
        level1 = pairs[0][0]
    if pairs:
        level2 = next((key for parent, key in pairs if parent == level1), pairs[0][1])
    is_cost = level1 == "cost" or level2 == "cost" or any(p == "cost" for p, _ in pairs)
    return RowCategory(level1, level2, is_cost, squash(row.level2_name))
