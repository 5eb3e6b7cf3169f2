from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.agreements.console import add_covenant_argument, resolve_covenant
from woonafspraken.core.console import progress_bar, write_output
from woonafspraken.core.reporting import ReportKind
from woonafspraken.reports.document import build_report, section_count
from woonafspraken.reports.formats import formats, get_format
from woonafspraken.reports.formats import render as render_report

KINDS: tuple[ReportKind, ...] = ("monitor", "jaarschijf", "dashboard")


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
        parser.add_argument("-o", "--output", required=True, help=_("The file to write to."))
        add_covenant_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        kind: ReportKind = options["kind"]
        try:
            fmt = get_format(options["format"], kind)
        except KeyError as error:
            raise CommandError(str(error.args[0])) from error
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
