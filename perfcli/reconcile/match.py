"""Match projects between two lists: by code, then exact name, then normalised name, then a close name.

Used across forms (target → monitoring → self-evaluation, X001/X002; 汇总表 rows ↔ project tables,
X003/X004) and against the final accounts (R001–R008). Each side is a sequence of ``Item``; the
result pairs them one to one and says how (``code`` | ``name`` | ``normalised`` | ``close``), so a
rule can show a person the matches that need confirming (R008). Matching is linear in the number
of items except for the close-name pass, which only looks at what is left unmatched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from perfcli.forms.identity import split_code

L = TypeVar("L")
R = TypeVar("R")

CLOSE_SCORE = 92.0  # rapidfuzz ratio (0–100) above which two leftover names are the same project
_BRACKETS = str.maketrans("", "", "()（）[]【】〔〕<>《》{}「」\"'“”‘’")
_SEPARATORS = re.compile(r"[\s\-_—–·•、,，.。:：;；/\\|]+")
_SUFFIXES = ("项目", "经费", "资金", "专项", "支出")
_CODE_ONLY = re.compile(r"^[0-9A-Za-z\-_.]+$")


@dataclass(frozen=True, slots=True)
class Item(Generic[L]):
    """One project on one side: its code and name as printed, its department, and what it is."""

    ref: L
    name: str
    code: str = ""
    department: str = ""


@dataclass(frozen=True, slots=True)
class Match(Generic[L, R]):
    left: L
    right: R
    how: str  # code | name | normalised | close
    score: float = 100.0

    @property
    def exact(self) -> bool:
        return self.how in ("code", "name")


@dataclass
class Matching(Generic[L, R]):
    pairs: list[Match[L, R]]
    left_only: list[L]
    right_only: list[R]


def norm_code(code: str) -> str:
    text = unicodedata.normalize("NFKC", code or "").strip().strip("[]【】()（）").upper()
    return text if text and _CODE_ONLY.match(text) else ""


def code_and_name(name: str, code: str = "") -> tuple[str, str]:
    """A project's code and bare name, the code read from a prefix when not given separately."""
    prefix, bare = split_code(name or "")
    return norm_code(code) or norm_code(prefix or ""), (bare or name or "").strip()


def norm_name(name: str) -> str:
    """A name for comparing: NFKC, no code prefix, no brackets, separators or 项目/经费/资金 suffix."""
    text = unicodedata.normalize("NFKC", split_code(name or "")[1] or name or "")
    text = _SEPARATORS.sub("", text.translate(_BRACKETS)).lower()
    changed = True
    while changed and text:
        changed = False
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text, changed = text[: -len(suffix)], True
    return text


def _exact(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


def match_items(
    left: Sequence[Item[L]], right: Sequence[Item[R]], *, close: bool = True
) -> Matching[L, R]:
    """Pair ``left`` with ``right`` one to one (code, exact name in the department, normalised, close)."""
    pairs: list[Match[L, R]] = []
    free_l = list(range(len(left)))
    free_r = set(range(len(right)))

    def pass_(key_l: object, key_r: object, how: str) -> None:
        index: dict[str, list[int]] = {}
        for j in sorted(free_r):
            k = key_r(right[j])  # type: ignore[operator]
            if k:
                index.setdefault(k, []).append(j)
        still: list[int] = []
        for i in free_l:
            k = key_l(left[i])  # type: ignore[operator]
            bucket = index.get(k) if k else None
            while bucket and bucket[0] not in free_r:
                bucket.pop(0)
            if bucket:
                j = bucket.pop(0)
                free_r.discard(j)
                pairs.append(Match(left[i].ref, right[j].ref, how))
            else:
                still.append(i)
        free_l[:] = still

    def code(item: Item[object]) -> str:
        return code_and_name(item.name, item.code)[0]

    def dept_name(item: Item[object]) -> str:
        name = _exact(code_and_name(item.name, item.code)[1])
        return f"{_exact(item.department)}\x00{name}" if name else ""

    def name_only(item: Item[object]) -> str:
        return _exact(code_and_name(item.name, item.code)[1])

    def normal(item: Item[object]) -> str:
        return norm_name(item.name)

    pass_(code, code, "code")
    pass_(dept_name, dept_name, "name")
    pass_(name_only, name_only, "name")
    pass_(normal, normal, "normalised")
    if close and free_l and free_r:
        _close_pass(left, right, free_l, free_r, pairs)
    return Matching(
        pairs=pairs,
        left_only=[left[i].ref for i in free_l],
        right_only=[right[j].ref for j in sorted(free_r)],
    )


def _close_pass(
    left: Sequence[Item[L]],
    right: Sequence[Item[R]],
    free_l: list[int],
    free_r: set[int],
    pairs: list[Match[L, R]],
) -> None:
    from rapidfuzz import fuzz, process

    rights = sorted(free_r)
    choices = [norm_name(right[j].name) for j in rights]
    queries = [norm_name(left[i].name) for i in free_l]
    if not any(choices) or not any(queries):
        return
    scores = process.cdist(queries, choices, scorer=fuzz.ratio, score_cutoff=CLOSE_SCORE, workers=1)
    hits = [
        (a, b)
        for a, b in zip(*scores.nonzero(), strict=True)
        if queries[a] and choices[b] and _digits(queries[a]) == _digits(choices[b])
    ]  # 第1期 and 第2期 are different projects however alike their names
    candidates = sorted(((float(scores[a, b]), int(a), int(b)) for a, b in hits), reverse=True)
    used_l: set[int] = set()
    used_r: set[int] = set()
    for score, a, b in candidates:
        if a in used_l or b in used_r:
            continue
        used_l.add(a)
        used_r.add(b)
        pairs.append(Match(left[free_l[a]].ref, right[rights[b]].ref, "close", score))
        free_r.discard(rights[b])
    free_l[:] = [i for a, i in enumerate(free_l) if a not in used_l]


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def closest(name: str, names: Sequence[str], cutoff: float = 60.0) -> str | None:
    """The most similar of ``names`` (for a hint like "决算中最接近的是 …"), or None."""
    from rapidfuzz import fuzz, process

    if not names:
        return None
    choices = [norm_name(n) for n in names]
    found = process.extractOne(norm_name(name), choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    return names[found[2]] if found else None
