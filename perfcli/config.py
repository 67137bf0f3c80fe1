"""Settings files for ``perfcli check`` (``--config FILE``; cli.md).

Without ``--config``, ``perfcli.toml`` in the current folder is read, else the ``[tool.perfcli]``
table of ``pyproject.toml`` there; neither is fine (no settings). An explicit ``--config`` may name
either kind of file (a ``pyproject.toml`` is read from its ``[tool.perfcli]`` table). The keys
mirror the ``check`` options::

    profile = "profiles/sichuan.toml"   # national, or a TOML profile
    select = "A,Q"                      # or a list: ["A", "Q004"]
    ignore = ["S003"]
    fail_on = "warning"                 # error | warning | info | never
    jobs = 4                            # 0 = number of CPUs
    lang = "zh"                         # zh | en
    accounts = ["决算/决算_两部门.xlsx"]  # or one path
    feedback = "out/审核意见"
    waivers = "waivers.toml"
    format = "text"                     # text | json | jsonl | csv | junit | sarif
    report = ["json:out/result.json", "sarif:out/perfcli.sarif"]

Relative paths (profile file, accounts, feedback, waivers and the path of each report) are
relative to the settings file's folder, so a file works from wherever perfcli is run. An option
given on the command line replaces the file's value (a list option replaces the whole list).
An unknown key or a bad value is a ``ConfigError`` naming the key (a usage error: exit 2).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONFIG_NAME = "perfcli.toml"
PYPROJECT = "pyproject.toml"
FORMATS = ("text", "json", "jsonl", "csv", "junit", "sarif")
FAIL_ON = ("error", "warning", "info", "never")
LANGS = ("zh", "en")
KEYS = ("profile", "select", "ignore", "fail_on", "jobs", "lang", "accounts", "feedback",
        "waivers", "format", "report")  # fmt: skip


class ConfigError(ValueError):
    """A settings file that cannot be used (a usage error: exit 2)."""


@dataclass(frozen=True)
class Config:
    """The settings a file gives; None where it says nothing (the option's default applies)."""

    source: Path | None = None  # the file read; None when there was none
    profile: str | None = None
    select: str | None = None
    ignore: str | None = None
    fail_on: str | None = None
    jobs: int | None = None
    lang: str | None = None
    accounts: tuple[Path, ...] | None = None
    feedback: Path | None = None
    waivers: Path | None = None
    format: str | None = None
    report: tuple[tuple[str, Path], ...] | None = None  # (format, path)


def find_config(folder: Path) -> Path | None:
    """The settings file used without ``--config``: ``perfcli.toml``, else a ``pyproject.toml``
    that has a ``[tool.perfcli]`` table, in ``folder``; None if there is neither."""
    own = folder / CONFIG_NAME
    if own.is_file():
        return own
    pyproject = folder / PYPROJECT
    if pyproject.is_file() and "perfcli" in _read(pyproject).get("tool", {}):
        return pyproject
    return None


def load_config(path: str | Path | None = None, folder: str | Path | None = None) -> Config:
    """The settings of ``path`` (``--config``), or of the file ``find_config`` finds in ``folder``
    (default: the current folder); an empty ``Config`` when there is none."""
    if path is None:
        found = find_config(Path(folder) if folder is not None else Path("."))
        if found is None:
            return Config()
        source = found
    else:
        source = Path(path)
        if not source.is_file():
            raise ConfigError(f"配置文件不存在：{source}")
    data = _read(source)
    if source.name == PYPROJECT:
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "perfcli" not in tool:
            raise ConfigError(f"配置文件 {source} 中没有 [tool.perfcli] 表")
        data = tool["perfcli"]
        if not isinstance(data, dict):
            raise ConfigError(f"配置文件 {source} 中的 tool.perfcli 应为一个表")
    return parse_config(data, source)


def _read(source: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(source.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取配置文件 {source}：{exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {source} 不是有效的 TOML：{exc}") from None


def parse_config(data: dict[str, Any], source: Path) -> Config:
    """Validate the keys of a settings table read from ``source`` (paths relative to its folder)."""
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"配置文件 {source} 中有未知的设置：{'、'.join(unknown)}（可用：{'、'.join(KEYS)}）"
        )
    base = source.parent
    v = _Validator(source)
    profile = v.text(data, "profile")
    if profile is not None and profile != "national":
        profile = str(base / profile)
    accounts = v.texts(data, "accounts")
    feedback = v.text(data, "feedback")
    waivers = v.text(data, "waivers")
    return Config(
        source=source,
        profile=profile,
        select=v.codes(data, "select"),
        ignore=v.codes(data, "ignore"),
        fail_on=v.choice(data, "fail_on", FAIL_ON),
        jobs=v.count(data, "jobs"),
        lang=v.choice(data, "lang", LANGS),
        accounts=tuple(base / a for a in accounts) if accounts is not None else None,
        feedback=base / feedback if feedback is not None else None,
        waivers=base / waivers if waivers is not None else None,
        format=v.choice(data, "format", FORMATS),
        report=v.reports(data, "report", base),
    )


class _Validator:
    """Reads one key at a time; a wrong type or value is a ConfigError naming the key."""

    def __init__(self, source: Path) -> None:
        self.source = source

    def fail(self, key: str, expected: str, value: Any) -> ConfigError:
        return ConfigError(
            f"配置文件 {self.source} 中 {key} 的取值无效：{value!r}（应为{expected}）"
        )

    def text(self, data: dict[str, Any], key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "非空的文字", value)
        return value.strip()

    def texts(self, data: dict[str, Any], key: str) -> list[str] | None:
        value = data.get(key)
        if value is None:
            return None
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise self.fail(key, "文字或文字列表", value)
        return [i.strip() for i in items]

    def choice(self, data: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if value not in allowed:
            raise self.fail(key, " " + "、".join(allowed) + " 之一", value)
        return str(value)

    def count(self, data: dict[str, Any], key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(key, "不小于 0 的整数（0 = CPU 数）", value)
        return value

    def codes(self, data: dict[str, Any], key: str) -> str | None:
        from perfcli.rules import UnknownCodeError, expand_codes

        items = self.texts(data, key)
        if items is None:
            return None
        spec = ",".join(items)
        try:
            expand_codes(spec)
        except UnknownCodeError as exc:
            raise ConfigError(
                f"配置文件 {self.source} 中 {key} 有未知的规则代码或前缀：{exc}"
                "（用 perfcli rules 查看全部规则）"
            ) from None
        return spec

    def reports(
        self, data: dict[str, Any], key: str, base: Path
    ) -> tuple[tuple[str, Path], ...] | None:
        items = self.texts(data, key)
        if items is None:
            return None
        out = []
        for item in items:
            fmt, sep, target = item.partition(":")
            if not sep or fmt not in FORMATS or not target.strip():
                raise self.fail(key, f" 格式:路径（格式为 {'/'.join(FORMATS)}）", item)
            out.append((fmt, base / target.strip()))
        return tuple(out)


DEFAULTS: dict[str, Any] = {"format": "text", "fail_on": "error", "lang": "zh", "jobs": 0}


def effective(config: Config, **given: Any) -> dict[str, Any]:
    """Each setting's value: the command line's where given (not None, not an empty list), else
    the settings file's, else the default (``DEFAULTS``; None for the others)."""
    out: dict[str, Any] = {}
    for key in KEYS:
        value = given.get(key)
        if value is None or (isinstance(value, list | tuple) and not value):
            value = getattr(config, key)
        if value is None:
            value = DEFAULTS.get(key)
        out[key] = value
    return out
