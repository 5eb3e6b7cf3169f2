import shutil
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.agreements.console import add_covenant_argument, resolve_covenant
from woonafspraken.core.console import progress_bar, write_output
from woonafspraken.core.reporting import ReportKind
from woonafspraken.reports.constants import JobState
from woonafspraken.reports.document import build_report, section_count
from woonafspraken.reports.formats import formats, get_format
from woonafspraken.reports.formats import render as render_report
from woonafspraken.reports.models import ReportJob
from woonafspraken.reports.services import report_jobs_request_all, report_jobs_resend_abandoned
from woonafspraken.reports.tasks import enqueue_report_job

KINDS: tuple[ReportKind, ...] = ("monitor", "jaarschijf", "dashboard")
POLL_SECONDS = 0.5


class Command(BaseCommand):
    help = _(
        "Make a report for the administrative consultation: the monitor, the jaarschijf document or the dashboard."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "kind", choices=KINDS, help=_("monitor (spring), jaarschijf (autumn) or dashboard.")
        )
        parser.add_argument(
            "--year", type=int, required=True, help=_("The year of the monitor or jaarschijf.")
        )
        parser.add_argument("--format", choices=sorted(formats.names()), default="pdf")
        parser.add_argument("-o", "--output", help=_("The file to write to."))
        add_covenant_argument(parser)
        parser.add_argument(
            "--all",
            action="store_true",
            help=_(
                "Every covenant's report, as jobs on the workers (in this process without a broker); "
                "reports already made for today's data are not made again."
            ),
        )
        parser.add_argument(
            "--output-dir", help=_("With --all: the folder to copy the finished reports into.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind: ReportKind = options["kind"]
        try:
            fmt = get_format(options["format"], kind)
        except KeyError as error:
            raise CommandError(str(error.args[0])) from error
        if options["all"]:
            if options["covenant"] or options["output"]:
                raise CommandError(_("--all makes every covenant's report: leave out --covenant and -o."))
            self.handle_all(kind, options["year"], fmt.name, options["output_dir"])
            return
        if not options["output"]:
            raise CommandError(
                _("Give the file to write to with -o (or every covenant's report with --all).")
            )
        covenant = resolve_covenant(options["covenant"])
        year = options["year"]
        first, last = covenant.start_date.year, covenant.end_date.year + 1
        if not first <= year <= last:
            raise CommandError(
                _("The covenant runs from %(first)s up to and including %(last)s; %(year)s falls outside it.")
                % {"first": first, "last": last, "year": year}
            )
        sections = section_count(kind)
        with progress_bar(sections * 2 + 1, f"{kind} {year}") as step:
            report = build_report(covenant, year, kind, progress=step)
            nodes = sum(1 for node in report.nodes())
            step.resize(sections + nodes + 1)
            content = render_report(report, fmt.name, step)
            step.finish()
        write_output(content, options["output"])
        self.stdout.write(
            _("%(title)s (%(format)s) written to %(path)s.")
            % {"title": report.title, "format": fmt.label, "path": options["output"]}
        )

    def handle_all(self, kind: ReportKind, year: int, fmt: str, output_dir: str | None) -> None:
        """Queue every covenant's report, wait for the workers (or make them here), copy them out."""
        target = Path(output_dir) if output_dir else None
        if target is not None and not target.is_dir():
            raise CommandError(_("The folder %(folder)s does not exist.") % {"folder": target})
        try:
            requested = report_jobs_request_all(kind=kind, year=year, fmt=fmt)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for covenant in requested.outside:
            self.stdout.write(
                _("%(covenant)s: has no year %(year)s, skipped.") % {"covenant": covenant.title, "year": year}
            )
        ids = [job.pk for job in requested.jobs]
        already = len(ids) - len(requested.sent)
        if already:
            self.stdout.write(
                _("%(count)s of %(total)s reports are already made or being made; they are not made again.")
                % {"count": already, "total": len(ids)}
            )
        with progress_bar(len(ids), f"{kind} {year}", unit=_("report")) as bar:
            # Without a broker each job is made here, as it is handed out; with one, this only queues.
            for job in requested.sent:
                enqueue_report_job(job.pk)
            jobs = self.wait(ids, bar)
        self.summarise(jobs, target)

    def wait(self, ids: list[int], bar: Any) -> list[ReportJob]:
        """Follow the jobs until every one is done or failed; hand out again those nobody makes."""
        shown = 0
        while True:
            jobs = list(ReportJob.objects.filter(pk__in=ids).select_related("covenant").order_by("pk"))
            finished = sum(1 for job in jobs if job.finished)
            for _step in range(finished - shown):
                bar()
            shown = finished
            if finished == len(jobs):
                return jobs
            report_jobs_resend_abandoned(jobs)
            time.sleep(POLL_SECONDS)

    def summarise(self, jobs: list[ReportJob], target: Path | None) -> None:
        failed = [job for job in jobs if job.state == JobState.FAILED]
        names: set[str] = set()
        for job in jobs:
            if job.state != JobState.DONE:
                continue
            if target is not None:
                name = job.filename if job.filename not in names else f"{job.covenant_id}-{job.filename}"
                names.add(name)
                with job.file.open("rb") as source, (target / name).open("wb") as copy:
                    shutil.copyfileobj(source, copy)
        self.stdout.write(
            _("%(done)s reports ready, %(failed)s failed.")
            % {"done": len(jobs) - len(failed), "failed": len(failed)}
            + (" " + _("Written to %(folder)s.") % {"folder": target} if target is not None else "")
        )
        if failed:
            raise CommandError("\n".join(f"{job.covenant.title}: {job.error}" for job in failed))
