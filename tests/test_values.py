"""Value parsing as a whole (``perfcli.io.values``): every transcribed real cell parses and the
module imports light.

The notation tables are split by topic: test_values_numbers.py (numbers, rates, units),
test_values_indicator.py (indicator values), test_values_deadlines.py, test_values_grades.py
(qualitative words and grade scales) and test_values_target_met.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from perfcli.io.values import IndicatorValue, parse_indicator, parse_number, parse_rate

# --- realworld values ----------------------------------------------------------------------------


def test_every_realworld_cell_parses():
    """No transcribed published cell makes a parser raise."""
    import json

    for path in sorted(Path("/work/shared/realworld").glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for value in row:
                assert isinstance(parse_indicator(value), IndicatorValue)
                parse_number(value)
                parse_rate(value)


def test_module_import_is_light():
    """cn2an (slow to import) is loaded only when a Chinese numeral is met."""
    code = (
        "import sys; import perfcli.io.values as v; assert 'cn2an' not in sys.modules; "
        "v.parse_indicator('≥95%'); assert 'cn2an' not in sys.modules; "
        "v.parse_indicator('三次'); assert 'cn2an' in sys.modules"
    )
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
