"""How messages quote an indicator's name: a quote mark the preparer left unbalanced is dropped."""

from __future__ import annotations

import pytest

from perfcli.forms.model import IndicatorRow, Located


def _row(name: str) -> IndicatorRow:
    return IndicatorRow(row=9, name=Located(name, "Sheet1", 9, 3))


@pytest.mark.parametrize(
    ("written", "quoted"),
    [
        ("“三公经费变动率", "三公经费变动率"),  # the real 重庆 form
        ("三公经费变动率”", "三公经费变动率"),
        ('"资产管理安全', "资产管理安全"),
        ("“三公”经费控制率", "“三公”经费控制率"),  # balanced: kept
        ('"三公"经费控制率', '"三公"经费控制率'),
        ("受助对象满意度", "受助对象满意度"),
    ],
)
def test_display_name_drops_an_unbalanced_quote(written, quoted):
    assert _row(written).display_name == quoted


def test_real_chongqing_messages_quote_names_once(realworld):
    import perfcli

    found = perfcli.check([realworld("chongqing-kexuecheng-rongmeiti-2021-dept")]).findings
    assert found and not any("““" in f.message for f in found)
