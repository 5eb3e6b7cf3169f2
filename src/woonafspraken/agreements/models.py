from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.query import AgreementQuerySet, CovenantQuerySet
from woonafspraken.core.models import OwnedModel, TimeStampedModel


class CovenantStage(models.TextChoices):
    """Where a covenant stands in its making: a draft is negotiated (its text changes, parties sign it);
    it is signed once every party has signed. An imported document is a signed covenant."""

    DRAFT = "draft", _("draft")
    SIGNED = "signed", _("signed")


class Covenant(OwnedModel):
    """A signed set of prestatieafspraken between a municipality, its corporations and tenant organisations."""

    title = models.CharField(_("title"), max_length=300)
    municipality = models.CharField(_("municipality"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    automatic_extension_months = models.PositiveSmallIntegerField(
        _("automatic extension (months)"),
        null=True,
        blank=True,
        help_text=_("At most this long the covenant runs on after its end date until a successor is signed."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_text = models.CharField(_("signing line"), max_length=300, blank=True)
    status_note = models.CharField(_("document status"), max_length=300, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    in_national_comparison = models.BooleanField(
        _("in the national comparison"),
        default=False,
        help_text=_(
            "The parties share this covenant's agreements, statuses and concreteness scores with national "
            "readers (ministry, province, research bureaus) in the comparison across covenants."
        ),
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=CovenantStage.choices, default=CovenantStage.SIGNED
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("predecessor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        help_text=_("The covenant this one follows up (a draft successor is made from it)."),
    )
    frozen_at = models.DateTimeField(
        _("text frozen at"),
        null=True,
        blank=True,
        help_text=_("From this moment the draft's text no longer changes and the parties can sign it."),
    )
    parties: models.ManyToManyField[Organisation, CovenantParty] = models.ManyToManyField(
        "accounts.Organisation", through="CovenantParty", related_name="covenants", verbose_name=_("parties")
    )
    history = HistoricalRecords()

    objects = CovenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("covenant")
        verbose_name_plural = _("covenants")
        ordering = ["municipality", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lt=F("end_date")), name="covenant_start_before_end"
            ),
            models.UniqueConstraint(
                fields=["municipality", "title", "start_date"], name="covenant_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CovenantParty(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="party_links")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "organisation"], name="covenant_party_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.covenant}"


class Signatory(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="signatories")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.CharField(_("name"), max_length=200)
    salutation = models.CharField(_("salutation"), max_length=50, blank=True)
    role = models.CharField(_("position"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.salutation} {self.person}".strip()


class Theme(TimeStampedModel):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    ambition_heading = models.CharField(_("ambition heading"), max_length=200, blank=True)
    ambition = models.TextField(_("ambition"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["covenant", "number"]
        constraints = [models.UniqueConstraint(fields=["covenant", "number"], name="theme_unique_number")]

    def __str__(self) -> str:
        return f"{self.number} - {self.title}"


class Section(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["theme", "order"]
        constraints = [models.UniqueConstraint(fields=["theme", "number"], name="section_unique_number")]

    def __str__(self) -> str:
        return f"{self.number} - {self.title}"


class Agreement(OwnedModel):
    """One numbered afspraak. Its current wording is here; earlier wordings are in its versions."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="agreements")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="agreements")
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="agreements", null=True, blank=True
    )
    number = models.CharField(_("number"), max_length=20)
    order = models.PositiveIntegerField(_("order"), default=0)
    subject = models.CharField(_("subject"), max_length=300)
    subject_inherited = models.BooleanField(_("subject taken from the row above"), default=False)
    text = models.TextField(_("text"))
    parties_raw = models.CharField(_("parties as written"), max_length=300, blank=True)
    parties = models.ManyToManyField("accounts.Organisation", related_name="+", verbose_name=_("parties"))
    leads_raw = models.CharField(_("lead / date as written"), max_length=300, blank=True)
    leads = models.ManyToManyField("accounts.Organisation", related_name="+", verbose_name=_("leads"))
    due_raw = models.CharField(_("due moment as written"), max_length=300, blank=True)
    due_moments = models.JSONField(_("due moments"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # Lineage into the previous covenant: a copied, rewritten or renumbered agreement has one predecessor,
    # a merged one several, and the parts of a split agreement share theirs ("was 1.3.1").
    predecessors = models.ManyToManyField(
        "self", symmetrical=False, related_name="successors", blank=True, verbose_name=_("predecessors")
    )
    history = HistoricalRecords(excluded_fields=["order"])

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["covenant", "order"]
        constraints = [models.UniqueConstraint(fields=["covenant", "number"], name="agreement_unique_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"


class AgreementVersion(models.Model):
    """A wording of an agreement from a given date on: the signed text is version 1, amendments (5.7) follow."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    valid_from = models.DateField(_("valid from"))
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    parties_raw = models.CharField(_("parties as written"), max_length=300, blank=True)
    leads_raw = models.CharField(_("lead / date as written"), max_length=300, blank=True)
    due_raw = models.CharField(_("due moment as written"), max_length=300, blank=True, default="")
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["agreement", "version"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "version"], name="agreement_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.number} v{self.version}"


class Footnote(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="footnotes")
    marker = models.CharField(_("marker"), max_length=10)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")
        ordering = ["covenant", "order"]

    def __str__(self) -> str:
        return f"{self.marker} {self.text[:40]}"


class Appendix(models.Model):
    """An appendix of the signed document, kept as text; the housing figures are read from it."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="appendices")
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("appendix")
        verbose_name_plural = _("appendices")
        ordering = ["covenant", "number"]
        constraints = [models.UniqueConstraint(fields=["covenant", "number"], name="appendix_unique_number")]

    def __str__(self) -> str:
        return gettext("Appendix %(number)s: %(title)s") % {"number": self.number, "title": self.title}
