"""The written permission model, checked cell by cell against the running app.

docs/permissions.md holds one row per page (URL name and method) and one per write service, with a
cell per kind of user. These tests read that table and try every cell: every URL as every kind of user
(on their own organisation's item and on another's where that matters) and every write service called
as every kind of user. A URL or service that the table does not list fails the test, so a new page or
service cannot go unnoticed.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.trust.dbstate import row_counts
from tests.trust.permission_model import SUBJECTS, page_rows, service_rows
from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant, Theme
from woonafspraken.annual_plans.models import Activity, AnnualPlan, Milestone
from woonafspraken.core.demo import fillers
from woonafspraken.documents.models import ImportReview
from woonafspraken.documents.parsing.model import Corrections
from woonafspraken.documents.reading.source import SourceKind, SourceText
from woonafspraken.documents.services import document_import, import_review_create
from woonafspraken.indicators.models import Indicator
from woonafspraken.indicators.models import Target as IndicatorTarget
from woonafspraken.meetings.constants import WorkKind
from woonafspraken.meetings.models import (
    ActionItem,
    AdviceRequest,
    AgendaItem,
    Concern,
    Meeting,
    MeetingType,
    SharedDocument,
    Work,
)
from woonafspraken.meetings.services import advice_request, comment_add, document_share, work_register
from woonafspraken.renewal.models import Bod, BodItem, BodItemKind, CovenantSignature, Proposal
from woonafspraken.renewal.services import bod_create, bod_item_add
from woonafspraken.renewal.services.draft import covenant_draft
from woonafspraken.renewal.services.negotiation import proposal_submit
from woonafspraken.reports.models import ReportJob

pytestmark = pytest.mark.django_db

# URLs outside the model: the admin site (administrators only, Django's own checks) and static files.
UNMODELLED_PREFIXES = ("beheer/",)

# Which stored item a URL's ``pk`` points at; ``owner`` decides "own" and "another's".
PK_MODELS: dict[str, type[models.Model]] = {
    "annual_plans:milestone": Milestone,
    "annual_plans:activity": Activity,
    "annual_plans:activity_edit": Activity,
    "annual_plans:progress": Activity,
    "annual_plans:activity_comment": Activity,
    "indicators:target-delete": IndicatorTarget,
    "meetings:type_edit": MeetingType,
    "meetings:meeting": Meeting,
    "meetings:meeting_edit": Meeting,
    "meetings:meeting_agenda": Meeting,
    "meetings:action_status": ActionItem,
    "meetings:concern": Concern,
    "meetings:work_edit": Work,
    "meetings:advice": AdviceRequest,
    "meetings:document_download": SharedDocument,
    "meetings:document_remove": SharedDocument,
    "renewal:bod": Bod,
    "renewal:bod_edit": Bod,
    "renewal:bod_document": Bod,
    "renewal:bod_item_add": Bod,
    "renewal:bod_submit": Bod,
    "renewal:bod_respond": Bod,
    "renewal:bod_item_edit": BodItem,
    "renewal:bod_item_remove": BodItem,
    "reports:job": ReportJob,
    "reports:job_download": ReportJob,
}
# Items whose "own" is not an ``owner`` field: a bod is its corporation's, and the tenant organisation
# that represents that corporation's tenants responds to it.
CORPORATION_OWNED: dict[type[models.Model], str] = {Bod: "corporation", BodItem: "bod__corporation"}
QUERY = {"reports:download": "?formaat=xlsx"}
FIXED = {"number": "1.3.5", "fmt": "csv", "kind": "agreements"}
# The pages of a draft successor are tried on Kampen's draft; starting one, on Kampen itself.
DRAFT_PAGES = ("renewal:draft",)
NOT_DRAFT_PAGES = ("renewal:draft_start",)
FIXED_PER_URL = {
    "reports:download": {"kind": "monitor"},
    "reports:job_request": {"kind": "monitor"},
    "operations:history": {"label": "annual_plans.activity"},
    "agreements:theme": {"number": 1},
    "indicators:theme": {"number": 1},
    "accounts:sso_start": {"slug": "geen-idp"},  # no such provider: back to the login page (docs/sso.md)
}


@dataclass
class World:
    covenant: Covenant
    users: dict[str, User | None]
    plan_year: int
    indicator: Indicator
    corporations: list[Organisation]
    document_text: str
    review: ImportReview  # an upload under review, the municipality coordinator's (g-c)
    draft: Covenant  # Kampen's draft successor, with a tenant organisation's proposal on 1.3.5
    notes: Counter[str] = field(default_factory=Counter)


def _organisation(covenant: Covenant, kind: str) -> Organisation:
    return Organisation.objects.filter(covenants=covenant, kind=kind).order_by("pk").first()  # type: ignore[return-value]


@pytest.fixture
def world(kampen: Covenant, kampen_text: str) -> World:
    for filler in fillers:
        filler.fill(kampen)
    # Kampen takes part in the national comparison: its coordinators see it (docs/permissions.md).
    Covenant.objects.filter(pk=kampen.pk).update(in_national_comparison=True)
    elsewhere = document_import(
        text=kampen_text.replace("Kampen", "Voorbeeldstad"), filename="v.txt"
    ).covenant
    users: dict[str, User | None] = {}
    for subject in SUBJECTS:
        if subject.kind is None:
            users[subject.code] = None
            continue
        covenant = kampen if subject.party else elsewhere
        organisation = _organisation(covenant, subject.kind)
        if not subject.party:
            organisation = Organisation.objects.get(name="Gemeente Voorbeeldstad")
        users[subject.code] = User.objects.create_user(
            f"model-{subject.code}", organisation=organisation, role=subject.role, is_superuser=False
        )
    for code in ("g-e", "c-e", "t-e"):  # a shared document of each kind of organisation
        document_share(
            covenant=kampen,
            user=users[code],  # type: ignore[arg-type]
            upload=SimpleUploadedFile("notitie.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
            title=f"Notitie van {code}",
        )
    corporation_editor = users["c-e"]
    assert corporation_editor is not None
    work_register(
        covenant=kampen,
        user=corporation_editor,
        kind=WorkKind.MAINTENANCE,
        title="Schilderwerk (voorbeeld)",
        wijk="Brunnepe",
        streets=["Vloeddijk"],
        start_date=dt.date(2027, 5, 1),
        end_date=dt.date(2027, 6, 30),
        is_demo=True,
    )
    advice_request(
        covenant=kampen,
        user=corporation_editor,
        tenant_organisation=users["t-e"].organisation,  # type: ignore[union-attr]
        subject="Huurverhoging (voorbeeld)",
        question="Wat vindt u van het voorstel?",
        due_date=dt.date(2027, 3, 1),
        is_demo=True,
    )
    for corporation in Organisation.objects.filter(covenants=kampen, kind=OrganisationKind.CORPORATION):
        writer = User.objects.create_user(
            f"model-bod-{corporation.pk}", organisation=corporation, role="editor"
        )
        bod = bod_create(
            covenant=kampen, user=writer, corporation=corporation, year=2027,
            upload=SimpleUploadedFile("bod.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        )  # fmt: skip
        bod_item_add(bod=bod, user=writer, kind=BodItemKind.OTHER, text="Bod (voorbeeld)",
                     theme=kampen.themes.order_by("number").first())  # fmt: skip
    plan = AnnualPlan.objects.filter(covenant=kampen).order_by("-year").first()
    assert plan is not None, "the demo data made no jaarschijf"
    report_job = ReportJob.objects.create(  # a report made as a job, ready to download
        covenant=kampen, kind="monitor", year=2025, format="xlsx", content_key="model", state="done"
    )
    report_job.file.save("monitor-2025-kampen.xlsx", ContentFile(b"PK\x03\x04"), save=True)
    draft = covenant_draft(
        source=kampen, title="Kampen 2027", start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31)
    )
    proposal_submit(
        agreement=draft.agreements.get(number="1.3.5"),
        user=users["t-e"],  # type: ignore[arg-type]
        text="Voorstel (voorbeeld)",
    )
    return World(
        covenant=kampen,
        users=users,
        plan_year=plan.year,
        indicator=Indicator.objects.filter(covenant=kampen, per_organisation=True, series_key="")
        .order_by("order", "code")
        .first(),  # type: ignore[arg-type]
        corporations=list(
            Organisation.objects.filter(covenants=kampen, kind=OrganisationKind.CORPORATION).order_by("pk")
        ),
        document_text=kampen_text,
        review=import_review_create(
            filename="kampen.txt",
            data=kampen_text.encode(),
            source=SourceText(kampen_text, SourceKind.TEXT),
            user=users["g-c"],  # type: ignore[arg-type]
        )[0],
        draft=draft,
    )


def url_patterns() -> Iterator[tuple[str, str]]:
    """Every named URL as (name, full route), e.g. ("agreements:detail", "convenanten/<int:covenant_id>/…")."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace
                yield from walk(entry, route, inner or namespace)
            elif not route.startswith(UNMODELLED_PREFIXES) and entry.name:
                yield (f"{namespace}:{entry.name}" if namespace else entry.name), route

    yield from walk(get_resolver(), "", "")


def _owned_by(queryset: models.QuerySet[Any], model: type[models.Model], organisation_id: int | None) -> Any:
    if model is Activity:
        return queryset.filter(owners=organisation_id)
    if model in CORPORATION_OWNED:
        field = CORPORATION_OWNED[model]
        return queryset.filter(
            models.Q(**{f"{field}_id": organisation_id})
            | models.Q(**{f"{field}__tenant_organisations": organisation_id})
        )
    return queryset.filter(owner_id=organisation_id)


def _scoped(model: type[models.Model], covenant: Covenant) -> models.QuerySet[Any]:
    manager = model._default_manager
    if model is Activity:
        return manager.filter(plan__covenant=covenant)
    if model is IndicatorTarget:
        return manager.filter(indicator__covenant=covenant)
    if model is BodItem:
        return manager.filter(bod__covenant=covenant)
    return manager.filter(covenant=covenant)


def targets(name: str, route: str, user: User | None, world: World) -> list[tuple[str, str]]:
    """The URLs to try for one row and user: ("any", url), or ("own", url) and ("other", url)."""
    params = re.findall(r"<(?:\w+:)?(\w+)>", route)
    kwargs: dict[str, Any] = {}
    organisation_id = user.organisation_id if user else None
    for param in params:
        if param == "covenant_id":
            on_draft = name.startswith(DRAFT_PAGES) and name not in NOT_DRAFT_PAGES
            kwargs[param] = world.draft.pk if on_draft else world.covenant.pk
        elif param == "year":
            kwargs[param] = world.plan_year
        elif param == "code":
            kwargs[param] = world.indicator.code
        elif param == "review_id":
            kwargs[param] = world.review.pk
        elif param in FIXED_PER_URL.get(name, {}):
            kwargs[param] = FIXED_PER_URL[name][param]
        elif param in FIXED:
            kwargs[param] = FIXED[param]
    variants: list[tuple[str, dict[str, Any]]] = []
    if "organisation_id" in params:
        own = [org for org in world.corporations if org.pk == organisation_id]
        other = [org for org in world.corporations if org.pk != organisation_id]
        variants += [("own", {"organisation_id": own[0].pk})] if own else []
        variants.append(("other", {"organisation_id": other[0].pk}))
        if "year" in params:
            kwargs["year"] = world.plan_year - 1
    elif "pk" in params:
        model = PK_MODELS.get(name, Activity if name == "operations:history" else None)
        assert model is not None, f"{name}: add the model its pk points at to PK_MODELS"
        items = _scoped(model, world.covenant).order_by("pk")
        if (
            model is not Activity
            and model not in CORPORATION_OWNED
            and not any(f.name == "owner" for f in model._meta.fields)
        ):
            first = items.first()
            assert first is not None, f"{name}: the test data holds no {model.__name__}"
            variants.append(("any", {"pk": first.pk}))
            return _urls(name, kwargs, variants)
        own = _owned_by(items, model, organisation_id).first() if organisation_id else None
        other_items = items.exclude(pk__in=_owned_by(items, model, organisation_id).values("pk"))
        other = other_items.first() if organisation_id else items.first()
        assert own or other, f"{name}: the test data holds no {model.__name__}"
        if own:
            variants.append(("own", {"pk": own.pk}))
            if model is IndicatorTarget:
                variants[-1][1]["code"] = own.indicator.code
        if other:
            variants.append(("other", {"pk": other.pk}))
            if model is IndicatorTarget:
                variants[-1][1]["code"] = other.indicator.code
    else:
        variants.append(("any", {}))
    return _urls(name, kwargs, variants)


def _urls(
    name: str, kwargs: dict[str, Any], variants: list[tuple[str, dict[str, Any]]]
) -> list[tuple[str, str]]:
    return [
        (variant, reverse(name, kwargs={**kwargs, **extra}) + QUERY.get(name, ""))
        for variant, extra in variants
    ]


def outcome(client: Client, method: str, url: str) -> tuple[str, int, bool]:
    """Try one request and undo whatever it wrote; report allowed/refused/login, the status, and writes.

    ``method`` is GET, POST (an empty form) or "POST form=NAME" for a page with several forms.
    """
    verb, _space, form = method.partition(" form=")
    with transaction.atomic():
        before = row_counts() if verb == "POST" else None
        response = client.post(url, {"form": form} if form else {}) if verb == "POST" else client.get(url)
        changed = before is not None and row_counts() != before
        transaction.set_rollback(True)
    status = response.status_code
    if status in (301, 302) and response["Location"].startswith(reverse("login")):
        return "login", status, changed
    if status == 403:
        return "refused", status, changed
    if status == 405:
        return "n/a", status, changed
    return "allowed", status, changed


def expected(cell: str, variant: str) -> str:
    if cell == "login":
        return "login"
    if cell == "yes" or (cell == "own" and variant in ("own", "any")):
        return "allowed"
    return "refused"


def test_the_model_lists_every_page():
    names = {name for name, _route in url_patterns()}
    rows = page_rows()
    listed = {row.name for row in rows}
    assert names - listed == set(), "pages missing from docs/permissions.md"
    assert listed - names == set(), "docs/permissions.md lists pages that do not exist"
    gets = {row.name for row in rows if row.method == "GET"}
    assert names - gets == set(), "every page needs a GET row in docs/permissions.md"


def test_pages_without_a_form_change_nothing_when_posted_to(world: World):
    """A page the model lists without a POST row is for reading: a POST to it stores nothing."""
    patterns = dict(url_patterns())
    with_forms = {row.name for row in page_rows() if row.method.startswith("POST")}
    tried = 0
    for code in ("g-c", "adm"):
        client = Client()
        client.force_login(world.users[code])  # type: ignore[arg-type]
        for name, route in patterns.items():
            if name in with_forms or name == "logout":
                continue
            for _variant, url in targets(name, route, world.users[code], world):
                got, status, changed = outcome(client, "POST", url)
                tried += 1
                assert status < 500 and not changed, f"POST {url} as {code}: {status}, wrote: {changed}"
    assert tried > 50


@pytest.mark.single_pass  # renders every page as everyone; the write services are tried on both databases
def test_every_page_for_every_kind_of_user(world: World):
    patterns = dict(url_patterns())
    problems: list[str] = []
    observed: dict[tuple[str, str], dict[str, str]] = {}
    tried = 0
    for row in page_rows():
        route = patterns.get(row.name)
        if route is None:
            continue
        for subject in SUBJECTS:
            cell = row.cells[subject.code]
            if cell == "-":
                continue
            user = world.users[subject.code]
            client = Client()  # a fresh session for every row: the logout row ends it
            if user is not None:
                client.force_login(user)
            results = []
            for variant, url in targets(row.name, route, user, world):
                got, status, changed = outcome(client, row.method, url)
                tried += 1
                results.append((variant, got))
                want = expected(cell, variant)
                if status >= 500 or status == 404:
                    problems.append(f"line {row.line} {row.method} {url} as {subject.code}: status {status}")
                elif got != want:
                    problems.append(
                        f"line {row.line} {row.name} {row.method} as {subject.code} ({variant}): "
                        f"expected {want}, got {got} ({status}) at {url}"
                    )
                if got != "allowed" and changed:
                    problems.append(
                        f"line {row.line} {row.method} {url} as {subject.code}: refused but wrote"
                    )
            observed[(row.name, row.method)] = observed.get((row.name, row.method), {}) | {
                subject.code: _cell(results)
            }
    if os.environ.get("PERMISSION_MODEL_PRINT"):
        _print(observed)
    print(f"\npermission model, pages: {tried} requests")
    assert problems == []


def _cell(results: list[tuple[str, str]]) -> str:
    outcomes = dict(results)
    if all(got == "n/a" for _v, got in results):
        return "-"
    if all(got == "login" for _v, got in results):
        return "login"
    if all(got == "allowed" for _v, got in results):
        return "yes"
    if outcomes.get("own") == "allowed" and outcomes.get("other") == "refused":
        return "own"
    if all(got == "refused" for _v, got in results):
        return "no"
    return "?" + ",".join(f"{v}={g}" for v, g in results)


def _print(observed: dict[tuple[str, str], dict[str, str]]) -> None:
    print()
    for (name, method), cells in observed.items():
        print(f"| `{name}` | {method} | " + " | ".join(cells.get(s.code, "-") for s in SUBJECTS) + " |")


# -- write services ---------------------------------------------------------------------------------------

SERVICE_MODULES = ("services", "history")


def write_services() -> dict[str, Callable[..., Any]]:
    """Every public function of the apps' services (and the history) that takes the acting ``user``."""
    found: dict[str, Callable[..., Any]] = {}
    for app in apps.get_app_configs():
        if not app.name.startswith("woonafspraken."):
            continue
        for module_name in SERVICE_MODULES:
            try:
                module = importlib.import_module(f"{app.name}.{module_name}")
            except ModuleNotFoundError:
                continue
            for name, function in inspect.getmembers(module, inspect.isfunction):
                # A services package exports the functions of its modules (one per aggregate).
                defined_here = function.__module__ == module.__name__ or function.__module__.startswith(
                    f"{module.__name__}."
                )
                if not defined_here or name.startswith(("_", "can_")):
                    continue
                if "user" in inspect.signature(function).parameters:
                    found[f"{app.label}.{name}"] = function
    return found


OWNED_PARAMETERS: dict[str, type[models.Model]] = {
    "activity": Activity,
    "action": ActionItem,
    "concern": Concern,
    "work": Work,
    "request": AdviceRequest,
    "document": SharedDocument,
    "target": IndicatorTarget,
    "obj": Activity,
}
SHARED_PARAMETERS: dict[str, type[models.Model]] = {
    "plan": AnnualPlan,
    "meeting_type": MeetingType,
    "milestone": Milestone,
}


def _argument(name: str, annotation: str, user: User | None, variant: str, world: World) -> Any:  # noqa: C901, PLR0911, PLR0912
    """A plausible value for one parameter: the permission check must decide before validation does."""
    organisation_id = user.organisation_id if user else None
    if name in OWNED_PARAMETERS:
        model = OWNED_PARAMETERS[name]
        items = _scoped(model, world.covenant).order_by("pk")
        own = _owned_by(items, model, organisation_id)
        chosen = own.first() if variant == "own" else items.exclude(pk__in=own.values("pk")).first()
        return chosen if chosen is not None else items.first()
    if name == "bod" or (name == "item" and "BodItem" in annotation):
        model = Bod if name == "bod" else BodItem
        items = _scoped(model, world.covenant).order_by("pk")
        own = _owned_by(items, model, organisation_id)
        chosen = own.first() if variant == "own" else items.exclude(pk__in=own.values("pk")).first()
        return chosen if chosen is not None else items.first()
    if name in SHARED_PARAMETERS:
        return _scoped(SHARED_PARAMETERS[name], world.covenant).order_by("-pk").first()
    if name == "covenant" or (name == "source" and annotation == "Covenant"):
        return world.covenant
    if name == "theme":
        return Theme.objects.filter(covenant=world.covenant).order_by("number").first()
    if name == "proposal":
        return Proposal.objects.filter(agreement__covenant=world.draft).order_by("pk").first()
    if name == "review":
        return world.review
    if annotation == "SourceText":
        return SourceText(world.document_text, SourceKind.TEXT)
    if annotation == "bytes":
        return world.document_text.encode()
    if "Corrections" in annotation:
        return Corrections()
    if name == "agreement":
        return world.covenant.agreements.get(number="1.3.5")
    if name == "item" and "AgendaItem" in annotation:
        return AgendaItem.objects.filter(meeting__covenant=world.covenant).order_by("pk").first()
    if name == "annual_plan":
        return _scoped(AnnualPlan, world.covenant).order_by("-pk").first()
    if name == "meeting" and "Meeting" in annotation:
        return Meeting.objects.filter(covenant=world.covenant).order_by("pk").first()
    if name == "indicator":
        return world.indicator
    if name == "signature" and "CovenantSignature" in annotation:
        return CovenantSignature(
            covenant=world.covenant,
            organisation=_argument("party", "Organisation", user, variant, world),
            signatory="x",
            date=timezone.localdate(),
        )
    if name == "party" and "None" in annotation:
        return None  # an optional party (a proposal's): the user's own organisation
    if name in ("organisation", "responsible", "corporation", "party"):
        own = [org for org in world.corporations if org.pk == organisation_id]
        other = [org for org in world.corporations if org.pk != organisation_id]
        return own[0] if variant == "own" and own else other[0]
    if name == "tenant_organisation":
        return _organisation(world.covenant, OrganisationKind.TENANT_ORGANISATION)
    if name in ("organisations", "attendees", "participants", "owners"):
        return (
            [user.organisation]
            if user and user.organisation and variant == "own"
            else world.corporations[-1:]
        )
    if name == "history_id":
        return 0
    if name == "upload":
        return SimpleUploadedFile("notitie.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    if name == "content":
        return b""
    if name == "year":
        return world.plan_year
    if annotation.startswith("bool"):
        return False
    if annotation.startswith("int"):
        return 30
    if annotation.startswith("Decimal"):
        return Decimal(1)
    if "dt.date" in annotation:
        return timezone.localdate()
    if "dt.time" in annotation:
        return None
    if annotation.startswith(("Sequence", "Iterable")):
        return []
    if annotation.startswith("Mapping"):
        return {}
    if annotation.startswith("str"):
        return "x"
    raise AssertionError(f"no test value for parameter {name}: {annotation}")


VARIANT_PARAMETERS = {
    *OWNED_PARAMETERS,
    "organisation",
    "owners",
    "corporation",
    "bod",
    "item",
    "party",
    "signature",
}


def _extra_arguments(function: Callable[..., Any], world: World) -> dict[str, Any]:
    """What a service needs beyond its required parameters to reach its permission check."""
    name = f"{function.__module__}.{function.__name__}"
    if function is comment_add:
        return {
            "meeting": Meeting.objects.filter(covenant=world.covenant).order_by("pk").first(),
            "concern": None,
        }
    if name == "woonafspraken.documents.services.document_import":
        return {"text": world.document_text}
    return {}


def call_outcome(function: Callable[..., Any], user: User | None, variant: str, world: World) -> str:
    signature = inspect.signature(function)
    arguments = {
        name: _argument(name, str(parameter.annotation), user, variant, world)
        for name, parameter in signature.parameters.items()
        if name != "user" and (parameter.default is inspect.Parameter.empty or name in VARIANT_PARAMETERS)
    }
    arguments.update(_extra_arguments(function, world))
    with transaction.atomic():
        try:
            function(user=user, **arguments)
        except PermissionDenied:
            result = "refused"
        except (ValidationError, ValueError, LookupError):
            result = "allowed"  # past the permission check; the test values themselves were refused
        else:
            result = "allowed"
        transaction.set_rollback(True)
    return result


def test_the_model_lists_every_write_service():
    listed = {row.name for row in service_rows()}
    found = set(write_services())
    assert found - listed == set(), "write services missing from docs/permissions.md"
    assert listed - found == set(), "docs/permissions.md lists services that do not exist"


def test_every_write_service_for_every_kind_of_user(world: World):
    services = write_services()
    problems: list[str] = []
    observed: dict[tuple[str, str], dict[str, str]] = {}
    calls = 0
    for row in service_rows():
        function = services.get(row.name)
        if function is None:
            continue
        parameters = inspect.signature(function).parameters
        variants = ["own", "other"] if set(parameters) & VARIANT_PARAMETERS else ["any"]
        for subject in SUBJECTS:
            cell = row.cells[subject.code]
            if cell == "-" or subject.kind is None:
                continue
            results = []
            for variant in variants:
                got = call_outcome(function, world.users[subject.code], variant, world)
                calls += 1
                results.append((variant, got))
                if got != expected(cell, variant):
                    problems.append(
                        f"line {row.line} {row.name} as {subject.code} ({variant}): "
                        f"expected {expected(cell, variant)}, got {got}"
                    )
            observed[(row.name, row.method)] = observed.get((row.name, row.method), {}) | {
                subject.code: _cell(results)
            }
    if os.environ.get("PERMISSION_MODEL_PRINT"):
        _print(observed)
    print(f"\npermission model, services: {calls} calls")
    assert problems == []
