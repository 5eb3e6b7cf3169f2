from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from woonafspraken.core.models import OwnedModel


class AdviceRequest(OwnedModel):
    """A corporation asks its tenant organisation for advice (Wet overleg huurders verhuurder), for
    example on the yearly rent proposal (afspraak 2.1.1). ``owner`` is the organisation that asks."""

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="advice_requests"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice_requests",
    )
    tenant_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("tenant organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    question = models.TextField(_("request"))
    requested_on = models.DateField(_("requested on"))
    due_date = models.DateField(_("advice due by"))
    advice = models.TextField(_("advice"), blank=True)
    advice_on = models.DateField(_("advice given on"), null=True, blank=True)
    advice_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    response = models.TextField(_("response of the corporation"), blank=True)
    response_on = models.DateField(_("responded on"), null=True, blank=True)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")
        ordering = ["-requested_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__gte=F("requested_on")), name="advice_due_after_request"
            ),
            models.CheckConstraint(
                condition=Q(response="") | ~Q(advice=""), name="advice_response_after_advice"
            ),
        ]

    def __str__(self) -> str:
        return self.subject
