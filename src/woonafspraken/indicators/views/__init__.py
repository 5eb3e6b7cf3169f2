"""Pages of the indicators app, one module per aggregate (as in ``meetings/views/``); ``urls.py`` imports
the views from this package."""

from woonafspraken.indicators.views.indicators import (
    indicator_agreement,
    indicator_detail,
    indicator_index,
    indicator_theme,
)
from woonafspraken.indicators.views.observations import indicator_enter, plain
from woonafspraken.indicators.views.targets import indicator_target_delete, indicator_targets
from woonafspraken.indicators.views.uploads import figures_import, figures_template

__all__ = [
    "figures_import",
    "figures_template",
    "indicator_agreement",
    "indicator_detail",
    "indicator_enter",
    "indicator_index",
    "indicator_target_delete",
    "indicator_targets",
    "indicator_theme",
    "plain",
]
