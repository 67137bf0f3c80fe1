"""The two sample departments behind samples/自评包 and samples/决算 (one source of truth).

The self-evaluation packages (issue 5) and the bureau's final-accounts workbook (issue 6) are both
built from these figures, so a clean package reconciles with the clean accounts to the cent.
Amounts are in 万元 with two decimals; ``fiscal + other == budget`` for every project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal as D

YEAR = 2023


@dataclass(frozen=True)
class Project:
    code: str  # 项目编码 as the 一体化 system prints it
    name: str
    implementer: str
    initial: D  # 年初预算数
    budget: D  # 全年预算数 (调整后)
    executed: D  # 全年执行数 = 决算 本年支出
    fiscal: D  # of budget: 财政拨款
    other: D  # of budget: 其他资金

    @property
    def fiscal_executed(self) -> D:
        """财政拨款支出: the executed amount split in the budget's proportion, to the cent."""
        if self.budget == 0:
            return D("0.00")
        return (self.executed * self.fiscal / self.budget).quantize(D("0.01"))

    @property
    def other_executed(self) -> D:
        return self.executed - self.fiscal_executed


@dataclass(frozen=True)
class Department:
    name: str
    code: str  # 部门预算编码
    basic: D  # 基本支出 (决算 本年支出)
    projects: list[Project] = field(default_factory=list)

    @property
    def project_total(self) -> D:
        return sum((p.executed for p in self.projects), D("0.00"))

    @property
    def total(self) -> D:
        return self.basic + self.project_total


EDUCATION = Department(
    name="示例县教育局",
    code="101001",
    basic=D("2350.60"),
    projects=[
        Project("51000023R000000000101", "义务教育学校运转保障经费", "示例县教育局",
                D("860.00"), D("900.00"), D("886.50"), D("850.00"), D("50.00")),
        Project("51000023R000000000102", "农村学生营养改善计划", "示例县教育局",
                D("312.40"), D("312.40"), D("298.76"), D("312.40"), D("0.00")),
        Project("51000023R000000000103", "教师培训（国培计划）配套资金", "示例县教师进修学校",
                D("45.00"), D("40.00"), D("39.20"), D("40.00"), D("0.00")),
        Project("51000023R000000000104", "学前教育幼儿资助", "示例县教育局",
                D("66.30"), D("66.30"), D("66.30"), D("60.00"), D("6.30")),
    ],
)  # fmt: skip

CIVIL_AFFAIRS = Department(
    name="示例县民政局",
    code="102001",
    basic=D("618.25"),
    projects=[
        Project("51000023R000000000201", "城乡居民最低生活保障", "示例县民政局",
                D("1520.00"), D("1634.80"), D("1634.80"), D("1634.80"), D("0.00")),
        Project("51000023R000000000202", "临时救助资金", "示例县民政局",
                D("80.00"), D("80.00"), D("71.35"), D("80.00"), D("0.00")),
        Project("51000023R000000000203", "高龄老人补贴", "示例县社会福利中心",
                D("126.00"), D("126.00"), D("126.00"), D("100.00"), D("26.00")),
    ],
)  # fmt: skip

DEPARTMENTS = [EDUCATION, CIVIL_AFFAIRS]
