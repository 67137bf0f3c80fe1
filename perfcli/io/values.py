"""Value parsing, in one place: numbers stored as text, percentages, amounts, indicator values.

Real forms write ``43.2万元``, ``１２３``, ``3,309,840.00``, ``86.20%``, ``0.862`` (a ratio),
``≥95%``, ``不少于3次``, ``95%以上``, ``2023年12月``, ``优良中低差`` and ``稳步提高`` — every rule
reads them through the functions below so that one notation is never understood two ways.

The parsers live in smaller modules along their seams; this module is the one name the rest of
perfcli imports them by:

* ``numeric`` — numbers, placeholders, rates, Chinese numerals;
* ``units`` — the unit of a number and whether two units compare;
* ``deadlines`` — dates and periods;
* ``grades`` — qualitative scale words (达成, 是/否, 优/良/中/差) and grade scales written in
  one cell (``优:≥95%;良:≥85%…``);
* ``indicator`` — ``parse_indicator`` and ``IndicatorValue``;
* ``targets`` — ``target_met``: an actual judged against its target; ``grade_reached``: the
  grade an actual reaches on a one-cell grade scale; ``stored_percent``: ``100%`` typed in Excel
  (stored as 1) read as 100% against a percentage target.
"""

from __future__ import annotations

from perfcli.io.grades import qualitative_grade, split_grade_scale
from perfcli.io.indicator import (
    DEFAULT_VAGUE_WORDS,
    STANDARD_TAGS,
    GradeStep,
    IndicatorValue,
    Kind,
    Operator,
    parse_indicator,
)
from perfcli.io.numeric import (
    NONE,
    PLACEHOLDERS,
    Number,
    Rate,
    is_placeholder,
    normalize_text,
    parse_number,
    parse_rate,
)
from perfcli.io.targets import grade_reached, is_reverse, stored_percent, target_met
from perfcli.io.units import units_compatible

__all__ = [
    "DEFAULT_VAGUE_WORDS",
    "NONE",
    "PLACEHOLDERS",
    "STANDARD_TAGS",
    "GradeStep",
    "IndicatorValue",
    "Kind",
    "Number",
    "Operator",
    "Rate",
    "grade_reached",
    "is_placeholder",
    "is_reverse",
    "normalize_text",
    "parse_indicator",
    "parse_number",
    "parse_rate",
    "qualitative_grade",
    "split_grade_scale",
    "stored_percent",
    "target_met",
    "units_compatible",
]
