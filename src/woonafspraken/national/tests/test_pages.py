"""Who sees the comparison and what: the national reader, the parties' coordinators, everyone else."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.models import User
from woonafspraken.accounts.tests.factories import OrganisationFactory, UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.tests.factories import CovenantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry_reader() -> User:
    ministry = OrganisationFactory(name="Ministerie van VRO", kind=OrganisationKind.NATIONAL)
    return UserFactory(organisation=ministry, role=Role.READER, username="vro-reader")


def _opt_in(covenant: Covenant) -> Covenant:
    Covenant.objects.filter(pk=covenant.pk).update(in_national_comparison=True)
    covenant.refresh_from_db()
    return covenant


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def covenant_routes() -> Iterator[tuple[str, str]]:
    """Every named URL under a covenant, as (name, route)."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry, route, entry.namespace or namespace)
            elif entry.name and "<int:covenant_id>" in route:
                yield (f"{namespace}:{entry.name}" if namespace else entry.name), route

    yield from walk(get_resolver(), "", "")


def _url(name: str, route: str, covenant: Covenant) -> str:
    kwargs: dict[str, object] = {}
    for converter, param in re.findall(r"<(?:(\w+):)?(\w+)>", route):
        kwargs[param] = covenant.pk if param == "covenant_id" else (1 if converter == "int" else "x")
    return reverse(name, kwargs=kwargs)


def test_the_national_reader_sees_only_covenants_that_opted_in(kampen: Covenant, ministry_reader: User):
    shown = _opt_in(CovenantFactory(small=True))
    hidden = CovenantFactory(small=True)
    client = _client(ministry_reader)
    assert client.get(reverse("web:dashboard")).url == reverse("national:comparison")  # type: ignore[attr-defined]
    page = client.get(reverse("national:comparison"))
    assert page.status_code == 200
    rows = set(re.findall(r'data-covenant="(\d+)"', page.content.decode()))
    assert rows == {str(shown.pk)}
    assert f"?convenant={hidden.pk}" not in page.content.decode()
    assert client.get(reverse("national:comparison") + f"?convenant={hidden.pk}").status_code == 404
    detail = client.get(reverse("national:comparison") + f"?convenant={shown.pk}")
    assert detail.status_code == 200 and "data-agreement-scores" in detail.content.decode()
    export = client.get(reverse("national:export", args=["csv"])).content.decode("utf-8-sig")
    assert shown.municipality in export and hidden.municipality not in export and "Kampen" not in export
    assert client.get(reverse("national:export", args=["xlsx"])).status_code == 200
    assert client.get(reverse("national:export", args=["pdf"])).status_code == 404


def test_the_national_reader_opens_no_page_of_any_covenant(kampen: Covenant, ministry_reader: User):
    """Not even of a covenant that opted in: the comparison is all they read."""
    _opt_in(kampen)
    client = _client(ministry_reader)
    routes = list(covenant_routes())
    assert len(routes) > 50
    refused = {name: client.get(_url(name, route, kampen)).status_code for name, route in routes}
    assert set(refused.values()) == {403}, {name: code for name, code in refused.items() if code != 403}


def test_a_national_organisation_linked_to_a_covenant_by_mistake_still_reads_nothing(
    kampen: Covenant, ministry_reader: User
):
    kampen.party_links.create(organisation=ministry_reader.organisation, order=99)
    client = _client(ministry_reader)
    assert client.get(reverse("agreements:covenant", args=[kampen.pk])).status_code == 403
    assert client.get(reverse("web:my_work")).url == reverse("national:comparison")  # type: ignore[attr-defined]


def test_coordinators_of_a_covenant_that_takes_part_see_the_comparison(
    kampen: Covenant, coordinator: User, reader: User, corporation_editor: User, tenant_editor: User
):
    """Decided (docs/national.md): a party's coordinator sees the comparison once their covenant takes
    part; its readers and editors do not, and nobody of a covenant that does not take part does."""
    url = reverse("national:comparison")
    for user in (coordinator, reader, corporation_editor, tenant_editor):
        assert _client(user).get(url).status_code == 403, user
    _opt_in(kampen)
    assert _client(coordinator).get(url).status_code == 200
    corporation_coordinator = UserFactory(organisation=corporation_editor.organisation, role=Role.COORDINATOR)
    assert _client(corporation_coordinator).get(url).status_code == 200
    for user in (reader, corporation_editor, tenant_editor):
        assert _client(user).get(url).status_code == 403, user
        assert _client(user).get(reverse("national:export", args=["csv"])).status_code == 403, user
    elsewhere = CovenantFactory(small=True)
    outsider = UserFactory(organisation=elsewhere.owner, role=Role.COORDINATOR)
    assert _client(outsider).get(url).status_code == 403


def test_the_coordinator_opts_in_on_the_covenant_page(kampen: Covenant, coordinator: User, reader: User):
    url = reverse("national:opt_in", args=[kampen.pk])
    assert _client(reader).get(url).status_code == 403
    assert _client(reader).post(url, {"in_comparison": "on"}).status_code == 403
    client = _client(coordinator)
    home = client.get(reverse("agreements:covenant", args=[kampen.pk])).content.decode()
    assert url in home  # the covenant home's panel links to the choice
    assert client.get(url).status_code == 200
    response = client.post(url, {"in_comparison": "on"})
    assert response.status_code == 302
    kampen.refresh_from_db()
    assert kampen.in_national_comparison is True
    client.post(url, {})  # the box unticked: out again
    kampen.refresh_from_db()
    assert kampen.in_national_comparison is False


def test_anonymous_visitors_are_sent_to_log_in():
    for url in (reverse("national:comparison"), reverse("national:export", args=["csv"])):
        assert Client().get(url).url.startswith(reverse("login"))  # type: ignore[attr-defined]
