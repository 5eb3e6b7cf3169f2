"""Periods, targets and verdicts of the indicators, as plain typed values (no Django, no database).

Everything that decides whether a promise is kept lives here so it can be tested on hand-made quarters,
one module per topic:

- ``periods``: quarters ("2024-K1"), half years ("2024-H2") and years ("2024");
- ``rolling``: rolling finer periods up into coarser ones (sum, last value, mean, weighted mean);
- ``verdicts``: the verdicts and how a value compares with a target in a direction;
- ``targets``: the target kinds: per period, cumulative, benchmark (ijkpunt) and band (optionally a path
  towards a band in a goal year);
- ``statushouders``: the statushouders backlog that is carried into the next half year;
- ``allocation``: the slaagkans (success rate) and the waiting time;
- ``evaluation``: judging one indicator on a day, over all its subjects and targets.

The rules are written down for users in docs/indicators.md and argued in docs/adr/0031. Import from here:
``from woonafspraken.indicators.arithmetic import Period``.
"""

from woonafspraken.indicators.arithmetic.allocation import DAYS_PER_YEAR, success_rate, waiting_time_years
from woonafspraken.indicators.arithmetic.evaluation import (
    Combine,
    Evaluation,
    IndicatorSpec,
    Observed,
    evaluate,
    subject_name,
    subjects_of,
    total_series,
)
from woonafspraken.indicators.arithmetic.periods import (
    PARTS_PER_YEAR,
    Period,
    PeriodError,
    PeriodKind,
    periods_between,
    sorted_periods,
)
from woonafspraken.indicators.arithmetic.rolling import Rolled, RollUp, roll_up, weighted_mean
from woonafspraken.indicators.arithmetic.statushouders import (
    HalfYearBalance,
    assess_backlog,
    statushouder_balances,
)
from woonafspraken.indicators.arithmetic.targets import (
    AppliesTo,
    Assessment,
    TargetKind,
    TargetSpec,
    assess_cumulative,
    assess_period,
    target_for,
)
from woonafspraken.indicators.arithmetic.verdicts import EPSILON, SEVERITY, Direction, Verdict, meets, worst

__all__ = [
    "DAYS_PER_YEAR",
    "EPSILON",
    "PARTS_PER_YEAR",
    "SEVERITY",
    "AppliesTo",
    "Assessment",
    "Combine",
    "Direction",
    "Evaluation",
    "HalfYearBalance",
    "IndicatorSpec",
    "Observed",
    "Period",
    "PeriodError",
    "PeriodKind",
    "RollUp",
    "Rolled",
    "TargetKind",
    "TargetSpec",
    "Verdict",
    "assess_backlog",
    "assess_cumulative",
    "assess_period",
    "evaluate",
    "meets",
    "periods_between",
    "roll_up",
    "sorted_periods",
    "statushouder_balances",
    "subject_name",
    "subjects_of",
    "success_rate",
    "target_for",
    "total_series",
    "waiting_time_years",
    "weighted_mean",
    "worst",
]
