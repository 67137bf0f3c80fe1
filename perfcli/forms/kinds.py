"""Human names of the form kinds (forms.md §1)."""

from __future__ import annotations

KIND_NAMES = {
    "target_project": ("项目支出绩效目标表", "project target table"),
    "target_dept": ("部门整体支出绩效目标表", "department target table"),
    "monitor_project": ("项目绩效运行监控表", "project monitoring table"),
    "monitor_dept": ("部门整体绩效运行监控表", "department monitoring table"),
    "selfeval_project": ("项目支出绩效自评表", "project self-evaluation table"),
    "selfeval_dept": ("部门整体支出绩效自评表", "department self-evaluation table"),
    "selfeval_summary": ("项目支出绩效自评情况汇总表", "self-evaluation summary table"),
    "selfeval_report": ("绩效自评报告", "self-evaluation report"),
    "accounts": ("决算表", "final accounts"),
}


def kind_name(kind: str, lang: str = "zh") -> str:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return en if lang == "en" else zh


# Groups of kinds the rules apply to (a rule's ``forms``).
TARGET_KINDS = ("target_project", "target_dept")
MONITOR_KINDS = ("monitor_project", "monitor_dept")
SELFEVAL_KINDS = ("selfeval_project", "selfeval_dept")
INDICATOR_KINDS = (*SELFEVAL_KINDS, *TARGET_KINDS, *MONITOR_KINDS)  # forms with an indicator grid
