"""The house rule kept: templates show dates with nl_date/nl_datetime and numbers with nl_number/nl_auto
(core.formatting), never a format of their own; the code writes no dates of its own either."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
# A date or number format of a template's own: |date:"j M Y", |date:'Y-m-d', floatformat, intcomma.
TEMPLATE_FORMAT = re.compile(r"\|\s*date\s*:|floatformat|intcomma|\|\s*nl_date\s*:")
# A date written by hand in Python: f"{day:%d-%m-%Y}", strftime("%d ..."), f"{d.day}-{d.month}-...".
CODE_FORMAT = re.compile(r":%d-%m-%Y|strftime\(\"%d|\.day\}-\{")


# Being reworked by other helpers of issue 13 (the lead folds them in at the merge), and the reports,
# whose dates the monitor helper does.
def _offenders(pattern: re.Pattern[str], paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        name = path.relative_to(PACKAGE).as_posix()
        if name.startswith("reports/") or name.endswith("report_sections.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                found.append(f"{name}:{number}: {line.strip()[:120]}")
    return found


def test_templates_format_dates_and_numbers_only_through_the_house_filters():
    templates = [p for p in PACKAGE.rglob("*.html") if "templates" in p.parts]
    assert len(templates) > 50
    assert _offenders(TEMPLATE_FORMAT, templates) == [], "use |nl_date, |nl_datetime, |nl_number or |nl_auto"


def test_code_writes_dates_only_through_core_formatting():
    sources = [p for p in PACKAGE.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]
    assert _offenders(CODE_FORMAT, sources) == [], "use core.formatting.format_date / format_datetime"


def test_the_rule_sees_a_format_of_its_own(tmp_path):
    """The scan can fail: a template with its own date format is found."""
    template = tmp_path / "x.html"
    template.write_text('{{ meeting.date|date:"j M Y" }} {{ share|floatformat:1 }}', encoding="utf-8")
    assert (
        TEMPLATE_FORMAT.search(template.read_text())
        and len(TEMPLATE_FORMAT.findall(template.read_text())) == 2
    )
