"""Rule parameters (forms.md §8). ``national`` is the default; a region overrides some in TOML."""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfcli.io.values import DEFAULT_VAGUE_WORDS


@dataclass(frozen=True)
class Profile:
    name: str = "national"
    exec_rate_base: str = "budget"  # budget (全年/调整后预算数) | initial (年初预算数)
    exec_rate_reason_below: Decimal = Decimal("0.90")
    weights: tuple[int, int, int, int] = (10, 50, 30, 10)
    indicator_weight_total: int | None = None  # None: from the layout (90 or 100)
    grades: tuple[Decimal, Decimal, Decimal] = (Decimal(90), Decimal(80), Decimal(60))
    grade_names: dict[str, str] = field(
        default_factory=lambda: {
            "优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "合格": "中",
            "及格": "中", "一般": "中", "差": "差", "不合格": "差", "较差": "差",
        }
    )  # fmt: skip
    reverse_scoring: str = "ratio"  # ratio (target ÷ actual) | linear (1 − (B−A)/A, 0 at 2×)
    over_achievement: Decimal = Decimal("1.30")
    cost_category_from_year: int = 2022
    monitor_lag: Decimal = Decimal("0.15")
    vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS
    amount_tolerance: Decimal = Decimal("0.01")  # 万元
    rate_tolerance: Decimal = Decimal("0.01")  # percentage points: ±1 in the 2nd decimal
    score_tolerance: Decimal = Decimal("0.01")
    qualitative_bands: tuple[Decimal, Decimal] = (Decimal("0.8"), Decimal("0.6"))

    def digest(self) -> str:
        """A stable hash of the parameters (part of the cache key)."""
        data = json.dumps(asdict(self), sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()[:16]

    def grade_for(self, score: Decimal) -> str:
        excellent, good, passing = self.grades
        if score >= excellent:
            return "优"
        if score >= good:
            return "良"
        if score >= passing:
            return "中"
        return "差"


NATIONAL = Profile()


class ProfileError(ValueError):
    """A profile that cannot be loaded (a usage error: exit 2)."""


def _coerce(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, Decimal):
        return Decimal(str(value))
    if isinstance(default, tuple):
        if name in ("grades", "qualitative_bands"):
            return tuple(Decimal(str(v)) for v in value)
        if name == "vague_words":
            return tuple(str(v) for v in value)
        return tuple(value)
    return value


def load_profile(name_or_path: str | None) -> Profile:
    """``national`` (or None) → the defaults; a path → a TOML file whose keys override them.

    A TOML profile may set ``extra_vague_words = [...]`` to extend rather than replace the list.
    """
    if not name_or_path or name_or_path == "national":
        return NATIONAL
    path = Path(name_or_path)
    if not path.is_file():
        raise ProfileError(f"找不到参数配置：{name_or_path}（可用：national，或一个 TOML 文件）")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"参数配置 {name_or_path} 无法读取：{exc}") from None
    data = data.get("profile", data)
    known = {f.name: f for f in fields(Profile)}
    changes: dict[str, Any] = {"name": str(data.get("name", path.stem))}
    for key, value in data.items():
        if key in ("name", "extra_vague_words"):
            continue
        if key not in known:
            raise ProfileError(f"参数配置 {name_or_path} 中的未知参数：{key}")
        try:
            changes[key] = _coerce(key, value, getattr(NATIONAL, key))
        except Exception as exc:
            raise ProfileError(f"参数 {key} 的取值无效：{value!r}（{exc}）") from None
    extra = data.get("extra_vague_words")
    if extra:
        base = changes.get("vague_words", NATIONAL.vague_words)
        changes["vague_words"] = tuple(base) + tuple(str(w) for w in extra)
    return replace(NATIONAL, **changes)
