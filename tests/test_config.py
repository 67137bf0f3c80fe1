"""--config FILE / perfcli.toml / [tool.perfcli]: settings for check; the command line wins;
an unknown key or a bad value is exit 2 with a Chinese message naming the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from layouts import central
from typer.testing import CliRunner

from perfcli.cli import REPORT_FORMATS, app
from perfcli.config import (
    FORMATS,
    KEYS,
    Config,
    ConfigError,
    effective,
    find_config,
    load_config,
    parse_config,
)

runner = CliRunner()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the pure part ----------------------------------------------------------------------------


def test_every_key_is_read_and_paths_are_relative_to_the_file(tmp_path):
    path = _write(tmp_path / "conf" / "perfcli.toml", """
profile = "region.toml"
select = ["A", "Q004"]
ignore = "S003"
fail_on = "warning"
jobs = 2
lang = "en"
accounts = "决算/决算.xlsx"
feedback = "out/审核意见"
waivers = "waivers.toml"
format = "sarif"
report = ["json:out/r.json", "junit:/abs/r.xml"]
""")  # fmt: skip
    cfg = load_config(path)
    base = tmp_path / "conf"
    assert cfg == Config(
        source=path, profile=str(base / "region.toml"), select="A,Q004", ignore="S003",
        fail_on="warning", jobs=2, lang="en", accounts=(base / "决算/决算.xlsx",),
        feedback=base / "out/审核意见", waivers=base / "waivers.toml", format="sarif",
        report=(("json", base / "out/r.json"), ("junit", Path("/abs/r.xml"))),
    )  # fmt: skip


def test_national_profile_is_a_name_not_a_path(tmp_path):
    cfg = parse_config({"profile": "national"}, tmp_path / "perfcli.toml")
    assert cfg.profile == "national"


def test_the_config_formats_are_the_cli_formats():
    assert FORMATS == REPORT_FORMATS


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"colour": "red"}, "未知的设置：colour"),
        ({"fail-on": "warning"}, "未知的设置：fail-on"),
        ({"fail_on": "warn"}, "fail_on 的取值无效：'warn'"),
        ({"jobs": -1}, "jobs 的取值无效：-1"),
        ({"jobs": "4"}, "jobs 的取值无效：'4'"),
        ({"jobs": True}, "jobs 的取值无效：True"),
        ({"lang": "fr"}, "lang 的取值无效：'fr'"),
        ({"format": "xml"}, "format 的取值无效：'xml'"),
        ({"select": "A,ZZ9"}, "select 有未知的规则代码或前缀：ZZ9"),
        ({"ignore": ["Q004", 5]}, "ignore 的取值无效"),
        ({"accounts": [""]}, "accounts 的取值无效"),
        ({"feedback": 3}, "feedback 的取值无效：3"),
        ({"report": ["out.json"]}, "report 的取值无效：'out.json'"),
        ({"report": "pdf:out.pdf"}, "report 的取值无效：'pdf:out.pdf'"),
    ],
)
def test_bad_keys_and_values_name_the_key(tmp_path, data, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        parse_config(data, tmp_path / "perfcli.toml")


def test_perfcli_toml_comes_before_pyproject(tmp_path):
    assert find_config(tmp_path) is None
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path) is None, "a pyproject.toml without [tool.perfcli] is not a config"
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.perfcli]\nfail_on = "info"\n')
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    assert load_config(folder=tmp_path).fail_on == "info"
    _write(tmp_path / "perfcli.toml", 'fail_on = "never"\n')
    assert find_config(tmp_path) == tmp_path / "perfcli.toml"
    assert load_config(folder=tmp_path).fail_on == "never"


def test_no_file_is_no_settings(tmp_path):
    assert load_config(folder=tmp_path) == Config()


def test_broken_and_missing_files_are_errors(tmp_path):
    with pytest.raises(ConfigError, match="配置文件不存在"):
        load_config(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="不是有效的 TOML"):
        load_config(_write(tmp_path / "bad.toml", "fail_on = \n"))
    with pytest.raises(ConfigError, match=r"没有 \[tool.perfcli\] 表"):
        load_config(_write(tmp_path / "x" / "pyproject.toml", '[project]\nname = "x"\n'))


def test_command_line_wins_then_the_file_then_the_default(tmp_path):
    cfg = parse_config({"fail_on": "warning", "report": ["json:a.json"], "lang": "en"},
                       tmp_path / "perfcli.toml")  # fmt: skip
    opts = effective(cfg, fail_on="info", report=[], lang=None, format=None)
    assert opts["fail_on"] == "info"
    assert opts["report"] == (("json", tmp_path / "a.json"),)
    assert opts["lang"] == "en" and opts["format"] == "text" and opts["jobs"] == 0
    assert opts["profile"] is None and set(opts) == set(KEYS)
    assert effective(cfg, report=[("csv", Path("b.csv"))])["report"] == [("csv", Path("b.csv"))]


# --- through the command line -----------------------------------------------------------------


@pytest.fixture
def folder(book, tmp_path, monkeypatch):
    """A folder with a form whose only finding is a warning (Q005: a target with no unit)."""
    monkeypatch.chdir(tmp_path)
    form = central().put("E13", "≥1200")
    book(form.sheets(), name="自评表.xlsx", merges=form.merge_map())
    return tmp_path


def _cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", "自评表.xlsx", "--jobs", "1", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_cli_reads_perfcli_toml_in_the_current_folder(folder):
    code, _, _ = _cli("-f", "json")
    assert code == 0, "a warning alone does not fail by default"
    _write(
        folder / "perfcli.toml",
        'fail_on = "warning"\nformat = "json"\nreport = ["sarif:out/r.sarif"]\n',
    )
    code, out, _ = _cli()
    assert code == 1
    data = json.loads(out)
    assert [f["code"] for f in data["findings"]] == ["Q005"]
    assert (
        json.loads((folder / "out" / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    )


def test_cli_options_override_the_file(folder):
    _write(folder / "perfcli.toml", 'fail_on = "warning"\nformat = "json"\nignore = "A"\n')
    code, out, _ = _cli("--fail-on", "error", "-f", "csv")
    assert code == 0 and out.startswith("code,name,severity")
    code, out, _ = _cli("--ignore", "Q005")
    assert code == 0 and json.loads(out)["findings"] == []


def test_cli_reads_pyproject_tool_perfcli(folder):
    _write(folder / "pyproject.toml", '[tool.perfcli]\nselect = ["Q"]\nfail_on = "warning"\n')
    assert _cli()[0] == 1
    assert _cli("--select", "A")[0] == 0


def test_cli_explicit_config_and_relative_paths(folder):
    _write(folder / "conf" / "ci.toml",
           'format = "json"\nwaivers = "accepted.toml"\nfail_on = "warning"\n')  # fmt: skip
    _write(folder / "conf" / "accepted.toml", '[[waiver]]\ncode = "Q005"\nfile = "自评表.xlsx"\n'
           'reason = "人数单位见指标名称"\napprover = "张三"\nexpires = 2099-12-31\n')  # fmt: skip
    code, out, err = _cli("--config", "conf/ci.toml")
    assert code == 0, err
    assert [w["finding"]["code"] for w in json.loads(out)["waived"]] == ["Q005"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('fail_on = "sometimes"\n', "fail_on 的取值无效"),
        ('colour = "red"\n', "未知的设置：colour"),
        ('select = "ZZ"\n', "select 有未知的规则代码或前缀：ZZ"),
        ("jobs = \n", "不是有效的 TOML"),
    ],
)
def test_cli_bad_config_is_exit_2_naming_the_key(folder, text, message):
    _write(folder / "perfcli.toml", text)
    code, out, err = _cli()
    assert code == 2 and out == ""
    assert message in err and "perfcli.toml" in err and "Traceback" not in err


def test_cli_missing_explicit_config_is_exit_2(folder):
    code, _, err = _cli("--config", "nope.toml")
    assert code == 2 and "配置文件不存在：nope.toml" in err
