from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from woonafspraken.accounts.models import Organisation
from woonafspraken.core.models import OwnedModel
from woonafspraken.meetings.constants import AdviceInitiative


class AdviceRequest(OwnedModel):
    """Tenant advice under the Wet overleg huurders verhuurder.

    Requested: a corporation (or the gemeente) asks a tenant organisation, for example on the yearly rent
    proposal (afspraak 2.1.1), by a deadline; ``owner`` is the organisation that asks and it responds.
    On own initiative: the tenant organisation (``owner`` and ``tenant_organisation``) advises unasked on
    an agreement, an activity or a draft jaarschijf; each addressee answers (``AdviceAnswer``).
    """

    initiative = models.CharField(
        _("initiative"), max_length=16, choices=AdviceInitiative.choices, default=AdviceInitiative.REQUESTED
    )

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
    activity = models.ForeignKey(
        "annual_plans.Activity",
        verbose_name=_("jaarschijf activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    plan = models.ForeignKey(
        "annual_plans.AnnualPlan",
        verbose_name=_("draft jaarschijf"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    addressees = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("addressed to"), blank=True, related_name="+"
    )
    tenant_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("tenant organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    question = models.TextField(_("request"), blank=True)
    requested_on = models.DateField(_("requested on"))
    due_date = models.DateField(_("advice due by"), null=True, blank=True)
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
            models.CheckConstraint(
                condition=Q(initiative=AdviceInitiative.OWN) | Q(due_date__isnull=False),
                name="advice_requested_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_own_initiative(self) -> bool:
        return self.initiative == AdviceInitiative.OWN

    def addressee_answers(self) -> list[tuple[Organisation, AdviceAnswer | None]]:
        """Each addressee with its answer or None (from prefetched rows when the list prefetched them)."""
        answers = {answer.organisation_id: answer for answer in self.answers.all()}
        return [(organisation, answers.get(organisation.pk)) for organisation in self.addressees.all()]

    @property
    def awaits_answer(self) -> bool:
        """Advice on own initiative that an addressee has not answered yet."""
        return self.is_own_initiative and any(answer is None for _o, answer in self.addressee_answers())


class AdviceAnswer(models.Model):
    """An addressee's answer to advice given on the tenant organisation's own initiative."""

    advice = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("answer"))
    answered_on = models.DateField(_("answered on"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer to advice")
        verbose_name_plural = _("answers to advice")
        ordering = ["answered_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["advice", "organisation"], name="advice_one_answer_each"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.text[:40]}"
