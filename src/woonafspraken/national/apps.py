from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    """The national comparison across covenants that opted in, for ministries, provinces and research
    bureaus (national readers), with a concreteness score per agreement (``docs/national.md``)."""

    name = "woonafspraken.national"
    label = "national"
    verbose_name = _("National comparison")
