"""Build samples/ from the clean layout builders in tests/layouts.py.

For every self-evaluation layout: one clean, correct form (no findings at all) and one faulty copy
with the defects real submissions show (wrong execution rate and score, full marks on a missed
target, double-counted rows, unfilled template text …). Run: ``.venv/bin/python scripts/make_samples.py``.
A test (tests/test_samples.py) fails when the committed samples differ from what this script builds.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from gridbook import FIXED_TIME, fix_zip_times, write_workbook  # noqa: E402
from layouts import FormGrid, anhui, beijing_2016, central, hebei, sichuan, split_20_80  # noqa: E402

SAMPLES = ROOT / "samples" / "自评表"
TARGETS = ROOT / "samples" / "目标表"
BAD = ROOT / "samples" / "问题文件"


def faulty_central() -> FormGrid:
    f = central()
    f.put("E6", 98.8).put("G6", "86%").put("H6", 9)  # 98.8 ÷ 120 = 82.33%: wrong rate and score
    f.put("E7", 88.8)  # sources 88.8 + 10 + 0 = 98.8 ✓ (kept consistent on purpose)
    f.put("E13", "稳步提高").put("F13", "稳步提高")  # an unquantified target
    f.put("F14", "93%")  # 质量: 93% < 95% but full marks and no reason
    f.put("F17", None)  # 效益: actual left empty
    f.put("H20", 93.5).put("I20", "优")
    return f


def faulty_sichuan() -> FormGrid:
    f = sichuan()
    f.put("H9", None)  # execution score left empty
    f.put("G6", "对照年度目标，说明相关任务目标的完成情况（100字以内）")  # instruction text left
    f.put("H15", 300).put("J15", 30)  # actual 300 < target 320 but full marks, no reason
    f.put("J21", None)  # 合计 score empty
    return f


def faulty_anhui() -> FormGrid:
    f = anhui()
    f.put("E7", 10).put("F7", "100%").put("G7", 10)  # the 其中 row repeats 分值/得分
    f.put("G15", "12个工作日")  # ≤10 个工作日 missed, yet full marks
    return f


def faulty_split_20_80() -> FormGrid:
    f = split_20_80()
    f.put("C6", 5.4).put("D6", "10.80%").put("E6", 2.16)  # 10.8% spent, nothing explained
    f.put("F8", "560个")  # 187% of target, not explained
    f.put("G13", 81.76)
    return f


def faulty_beijing_2016() -> FormGrid:
    f = beijing_2016()
    f.put("I13", 18)  # score above its 分值 15
    f.put("J17", "良")  # 100 分 is 优, not 良
    f.put("I17", 103)
    return f


def faulty_hebei() -> FormGrid:
    f = hebei()
    # 折算得分 = 单项指标得分 × 权重占比 with the weight applied twice (成安 2020).
    for row, weight in ((11, 25), (12, 25), (13, 30), (14, 10)):
        f.put(f"J{row}", weight).put(f"L{row}", round(weight * weight / 100, 2))
    f.put("L16", 32.5)
    return f


BUILDS: dict[str, Callable[[], FormGrid]] = {
    "中央附件1_正确": central,
    "中央附件1_有误": faulty_central,
    "四川_正确": sichuan,
    "四川_有误": faulty_sichuan,
    "安徽_正确": anhui,
    "安徽_有误": faulty_anhui,
    "云南20-80_正确": split_20_80,
    "云南20-80_有误": faulty_split_20_80,
    "北京2016_正确": beijing_2016,
    "北京2016_有误": faulty_beijing_2016,
    "河北_正确": hebei,
    "河北_有误": faulty_hebei,
}


def faulty_national_88() -> FormGrid:
    from layouts_target import national_88

    f = national_88()
    f.put("E6", 125)  # 年度资金总额 125 ≠ 110 + 10
    f.put(f.find("≥1200人"), "稳步提高")  # an unquantified target
    f.put(f.find("≥85%"), "≥105%")  # a rate above 100%
    return f


def faulty_national_dept() -> FormGrid:
    from layouts_dept import national_dept

    f = national_dept()
    f.put("F9", 1800)  # 金额合计·财政拨款 ≠ Σ tasks
    f.put(f.find("≥95%"), "持续改善")
    return f


def target_builds() -> dict[str, Callable[[], FormGrid]]:
    from layouts_dept import fujian_dept, guangshui_dept, national_dept
    from layouts_target import (
        ezhou_cost,
        fengjie_scored,
        handan_graded,
        national_88,
        split_columns,
        wuhan_side_by_side,
        yitihua_export,
    )

    return {
        "项目_88号申报表_正确": national_88,
        "项目_88号申报表_有误": faulty_national_88,
        "项目_武汉左右并列_正确": wuhan_side_by_side,
        "项目_四川拆分列_正确": split_columns,
        "项目_一体化导出_正确": yitihua_export,
        "项目_鄂州成本测算_正确": ezhou_cost,
        "项目_奉节审批表_正确": fengjie_scored,
        "项目_邯郸分级标准_正确": handan_graded,
        "部门_88号申报表_正确": national_dept,
        "部门_88号申报表_有误": faulty_national_dept,
        "部门_宁德_正确": fujian_dept,
        "部门_广水_正确": guangshui_dept,
    }


def build(out: Path = SAMPLES, bad: Path = BAD, targets: Path = TARGETS) -> list[Path]:
    written = []
    for name, builder in BUILDS.items():
        form = builder()
        written.append(write_workbook(out / f"{name}.xlsx", form.sheets(), merges=form.merge_map()))
    # One workbook holding several projects, one per sheet (a common way to submit).
    first, second = central(), anhui()
    first.sheet, second.sheet = "项目1", "项目2"
    written.append(
        write_workbook(
            out / "多项目_正确.xlsx",
            {**first.sheets(), **second.sheets()},
            merges={**first.merge_map(), **second.merge_map()},
        )
    )
    for name, builder in target_builds().items():
        form = builder()
        written.append(
            write_workbook(targets / f"{name}.xlsx", form.sheets(), merges=form.merge_map())
        )
    written += build_bad(bad)
    return written


def build_bad(out: Path) -> list[Path]:
    """Files a clerk meets in a real batch that cannot be checked: each must give an E finding."""
    import io
    import zipfile

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    empty = out / "空文件.xlsx"
    empty.write_bytes(b"")
    paths.append(empty)
    html = out / "系统导出_网页.xls"
    html.write_text(
        "<html><head><meta charset='utf-8'></head><body><table><tr><td>项目支出绩效自评表</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    paths.append(html)
    good = write_workbook(out / "_tmp.xlsx", central().sheets(), merges=central().merge_map())
    data = good.read_bytes()
    good.unlink()
    truncated = out / "下载中断.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    paths.append(truncated)
    encrypted = out / "设置了密码.xlsx"
    encrypted.write_bytes(_encrypt(data, "123456"))
    paths.append(encrypted)
    from hostile import far_cells_xlsx

    far = far_cells_xlsx(out / "异常使用范围.xlsx")  # cells at A1 and XFD1048576: E004
    paths.append(fix_zip_times(far))  # its zip members are stamped "now"
    notes = out / "说明.pdf"
    notes.write_bytes(b"%PDF-1.4\n% not a form\n")
    paths.append(notes)
    del io, zipfile
    return paths


def _encrypt(data: bytes, password: str) -> bytes:
    """Encrypt an .xlsx the way Excel's 用密码进行加密 does (ECMA-376 agile encryption).

    msoffcrypto draws salts and key from ``secrets`` and dates the container's entries "now"; here
    a seeded generator and ``FIXED_TIME`` stand in (the password is in the sample's name anyway),
    so the same workbook encrypts to the same bytes on every run.
    """
    import io
    import random

    from msoffcrypto.format.ooxml import OOXMLFile
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    class Fixed(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Fixed:
            return cls.combine(FIXED_TIME.date(), FIXED_TIME.time(), tz)

    saved = ecma376_agile._random_buffer, ecma376_encrypted.datetime
    ecma376_agile._random_buffer = random.Random(20240101).randbytes
    ecma376_encrypted.datetime = Fixed
    try:
        src, dst = io.BytesIO(data), io.BytesIO()
        OOXMLFile(src).encrypt(password, dst)
    finally:
        ecma376_agile._random_buffer, ecma376_encrypted.datetime = saved
    return dst.getvalue()


# More sample folders, one script module each: ``build(samples_root: Path) -> list[Path]`` writes its
# folder under ``samples_root`` (e.g. samples/监控表) and returns the files; its own test rebuilds it
# into a temporary folder and compares.
MORE = ("samples_monitor", "samples_chain", "samples_package", "samples_accounts")


def build_more(samples_root: Path = ROOT / "samples") -> list[Path]:
    import importlib

    written: list[Path] = []
    for name in MORE:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        written += module.build(samples_root)
    return written


if __name__ == "__main__":
    for path in build() + build_more():
        print(path.relative_to(ROOT))
