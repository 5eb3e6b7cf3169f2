"""Writes of housing figures: from the document's appendices, from spreadsheets and from the pages.

One module per aggregate: ``stock`` (the stock figures, in bulk), ``appendix`` (the import hook),
``uploads`` (spreadsheets), ``realised`` (realised homes entered on the page), ``assumptions`` (the
look-ahead's assumptions). Every write is atomic and compares before it writes, so repeating it changes
nothing. Who may write is in ``housing.permissions``. Import the services from here:
``from woonafspraken.housing.services import stock_upload``.
"""

from woonafspraken.housing.services.appendix import appendix_figures_read
from woonafspraken.housing.services.assumptions import (
    assumption_rows,
    lookahead_assumption_set,
    lookahead_assumptions_save,
)
from woonafspraken.housing.services.realised import realised_rows, realised_update
from woonafspraken.housing.services.stock import (
    StockChanges,
    stock_changes,
    stock_changes_apply,
    write_stock_figures,
)
from woonafspraken.housing.services.uploads import UploadResult, pipeline_upload, stock_upload

__all__ = [
    "StockChanges",
    "UploadResult",
    "appendix_figures_read",
    "assumption_rows",
    "lookahead_assumption_set",
    "lookahead_assumptions_save",
    "pipeline_upload",
    "realised_rows",
    "realised_update",
    "stock_changes",
    "stock_changes_apply",
    "stock_upload",
    "write_stock_figures",
]
