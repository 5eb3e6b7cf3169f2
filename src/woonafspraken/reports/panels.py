from typing import cast

from django.utils.translation import gettext_lazy as _

from woonafspraken.core.registry import NavItem, register_nav

register_nav(NavItem(label=cast(str, _("Reports")), url_name="reports:index", order=80))
