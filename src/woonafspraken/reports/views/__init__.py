from woonafspraken.reports.views.downloads import dashboard, report_download, report_index, scoreboard_pdf
from woonafspraken.reports.views.jobs import job_detail, job_download, job_request

__all__ = [
    "dashboard",
    "job_detail",
    "job_download",
    "job_request",
    "report_download",
    "report_index",
    "scoreboard_pdf",
]
