"""The covenant menu marks the item of the page one is on (aria-current), by the page's app."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "args", "current"),
    [
        ("agreements:covenant", [], "Convenant"),
        ("agreements:theme", [1], "Afspraken"),  # a theme is a page of the agreements, not of home
        ("agreements:detail", ["1.3.5"], "Afspraken"),
        ("meetings:concerns", [], "Overleg"),
        ("annual_plans:index", [], "Jaarschijf"),
    ],
)
def test_the_menu_marks_the_item_of_the_page(
    client: Client, reader: User, kampen: Covenant, url_name, args, current
):
    client.force_login(reader)
    page = client.get(reverse(url_name, args=[kampen.pk, *args]))
    marked = [item for item in page.context["covenant_nav"] if item["current"]]
    assert [item["label"] for item in marked] == [current]
    assert f'href="{marked[0]["url"]}" aria-current="page">{current}</a>' in page.content.decode()
