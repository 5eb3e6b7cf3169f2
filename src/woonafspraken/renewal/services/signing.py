"""Freezing a draft's text and recording each party's signature; the last one makes the covenant signed.

The date rule: a signature date may lie before the moment the text was frozen in the system, and after
today. Parties often sign on paper at a ceremony and the coordinator records it afterwards, sometimes
before anyone froze the draft in the system; the freeze only guards the text against changes from then
on. Refused is a date after the draft's end date, which cannot be true.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Covenant, CovenantParty, CovenantStage, Signatory
from woonafspraken.agreements.selectors import covenant_parties
from woonafspraken.core.formatting import format_date
from woonafspraken.core.models import attribute_change, save_attributed
from woonafspraken.indicators.services.carry_over import indicators_carry_over
from woonafspraken.renewal.models import CovenantSignature
from woonafspraken.renewal.permissions.signing import can_freeze, can_sign_for


def _require_draft(covenant: Covenant) -> None:
    if covenant.stage != CovenantStage.DRAFT:
        raise ValidationError(
            _("%(title)s is not a draft: it has been signed already.") % {"title": covenant.title},
            code="not_draft",
        )


def _locked(covenant: Covenant) -> Covenant:
    return Covenant.objects.select_for_update().get(pk=covenant.pk)


def covenant_freeze(*, covenant: Covenant, user: User | None = None) -> Covenant:
    """Freeze the draft's text for signing: from now on no service changes it. ``user`` None: the console."""
    if user is not None:
        require(can_freeze(user, covenant), _("Only the coordinator can freeze the text of a draft."))
    with transaction.atomic():
        locked = _locked(covenant)
        _require_draft(locked)
        if locked.frozen_at is not None:
            raise ValidationError(
                _("The text of %(title)s is frozen already.") % {"title": locked.title}, code="frozen"
            )
        locked.frozen_at = timezone.now()
        save_attributed(locked, user)
    return locked


def covenant_unfreeze(*, covenant: Covenant, user: User | None = None) -> Covenant:
    """Open the text again for changes; only while nobody has signed (a signature is under this text)."""
    if user is not None:
        require(can_freeze(user, covenant), _("Only the coordinator can unfreeze the text of a draft."))
    with transaction.atomic():
        locked = _locked(covenant)
        _require_draft(locked)
        if locked.frozen_at is None:
            raise ValidationError(
                _("The text of %(title)s is not frozen.") % {"title": locked.title}, code="not_frozen"
            )
        count = CovenantSignature.objects.filter(covenant=locked).count()
        if count:
            raise ValidationError(
                _("%(count)s of the parties have signed this text already; it can no longer be unfrozen.")
                % {"count": count},
                code="signed",
            )
        locked.frozen_at = None
        save_attributed(locked, user)
    return locked


def covenant_sign(
    *,
    covenant: Covenant,
    party: Organisation,
    signatory: str,
    date: dt.date,
    function: str = "",
    place: str = "",
    user: User | None = None,
) -> CovenantSignature:
    """Record ``party``'s signature under the frozen draft. When it is the last party's, the covenant is
    signed: ``stage`` SIGNED, ``signed_on`` the last signature's date, and its signatories filled from the
    signatures; from then the predecessor's extension ends the day before this covenant starts."""
    if user is not None:
        require(
            can_sign_for(user, covenant, party),
            _("Only the coordinator, or a coordinator of %(party)s itself, can record its signature.")
            % {"party": party.name},
        )
    signatory, function, place = (" ".join(value.split()) for value in (signatory, function, place))
    with transaction.atomic():
        locked = _locked(covenant)
        _require_draft(locked)
        if locked.frozen_at is None:
            raise ValidationError(
                _("The text of %(title)s is not frozen yet: the coordinator freezes it before anyone signs.")
                % {"title": locked.title},
                code="not_frozen",
            )
        if not CovenantParty.objects.filter(covenant=locked, organisation=party).exists():
            raise ValidationError(
                _("%(party)s is not a party to %(title)s.") % {"party": party.name, "title": locked.title},
                code="not_party",
            )
        earlier = CovenantSignature.objects.filter(covenant=locked, organisation=party).first()
        if earlier is not None:
            raise ValidationError(
                _("%(party)s has signed already (%(person)s on %(date)s).")
                % {"party": party.name, "person": earlier.signatory, "date": format_date(earlier.date)},
                code="signed_twice",
            )
        errors: dict[str, str] = {}
        if not signatory:
            errors["signatory"] = _("Give the name of the person who signed.")
        if date > locked.end_date:
            errors["date"] = _(
                "A signature after the end date of the covenant (%(end)s) cannot be right."
            ) % {"end": format_date(locked.end_date)}
        if errors:
            raise ValidationError(errors)
        signature = CovenantSignature(
            covenant=locked,
            organisation=party,
            signatory=signatory,
            function=function,
            place=place,
            date=date,
            recorded_by=user,
        )
        save_attributed(signature, user)
        signatures = list(CovenantSignature.objects.filter(covenant=locked))
        parties = covenant_parties(locked)
        if {s.organisation_id for s in signatures} >= {p.pk for p in parties}:
            _complete(locked, parties, signatures, user)
    return signature


def _complete(
    covenant: Covenant, parties: list[Organisation], signatures: list[CovenantSignature], user: User | None
) -> None:
    """Every party has signed: the covenant is signed, with its signatories from the signatures."""
    by_party = {signature.organisation_id: signature for signature in signatures}
    covenant.stage = CovenantStage.SIGNED
    covenant.signed_on = max(signature.date for signature in signatures)
    places = sorted({signature.place for signature in signatures if signature.place})
    covenant.signed_text = (
        _("Signed in %(places)s") % {"places": ", ".join(places)} if places else covenant.signed_text
    )[:300]
    save_attributed(covenant, user)
    Signatory.objects.filter(covenant=covenant).delete()
    Signatory.objects.bulk_create(
        Signatory(
            covenant=covenant,
            organisation=party,
            person=by_party[party.pk].signatory,
            role=by_party[party.pk].function,
            order=order,
        )
        for order, party in enumerate(parties)
    )
    if covenant.predecessor_id is not None:
        # The text is final now: the indicators follow their agreements into the successor, with the
        # targets only where an agreement says the same (the others wait as "doel te bevestigen").
        indicators_carry_over(covenant=covenant)


def signature_withdraw(*, signature: CovenantSignature, user: User | None = None) -> None:
    """Take back a signature recorded by mistake, while the covenant is still a draft (the undo of
    ``covenant_sign``; once every party has signed the covenant stands)."""
    covenant = signature.covenant
    if user is not None:
        require(
            can_sign_for(user, covenant, signature.organisation),
            _("Only the coordinator, or a coordinator of %(party)s itself, can take back its signature.")
            % {"party": signature.organisation.name},
        )
    with transaction.atomic():
        locked = _locked(covenant)
        _require_draft(locked)
        attribute_change(signature, user)
        signature.delete()


class PartyNotFoundError(LookupError):
    pass


def party_resolve(covenant: Covenant, name: str) -> Organisation:
    """A party of ``covenant`` by its name (case does not matter) or a part of it that names one party."""
    wanted = " ".join(name.split()).casefold()
    parties = covenant_parties(covenant)
    exact = [party for party in parties if party.name.casefold() == wanted]
    if exact:
        return exact[0]
    partial = [party for party in parties if wanted and wanted in party.name.casefold()]
    if len(partial) == 1:
        return partial[0]
    names = ", ".join(party.name for party in (partial or parties))
    if partial:
        raise PartyNotFoundError(
            _("Several parties match %(name)s: %(names)s. Give more of the name.")
            % {"name": repr(name), "names": names}
        )
    raise PartyNotFoundError(
        _("%(name)s is not a party to %(title)s. The parties: %(names)s.")
        % {"name": repr(name), "title": covenant.title, "names": names}
    )


@dataclass(frozen=True)
class PartySigning:
    party: Organisation
    signature: CovenantSignature | None


@dataclass(frozen=True)
class SigningOverview:
    """The signing page's facts: every party in the covenant's order with its signature, if any."""

    covenant: Covenant
    parties: list[PartySigning]

    @property
    def signed_count(self) -> int:
        return sum(1 for item in self.parties if item.signature is not None)

    @property
    def complete(self) -> bool:
        return self.covenant.stage == CovenantStage.SIGNED


def signing_overview(covenant: Covenant) -> SigningOverview:
    """Two queries, whatever the number of parties."""
    signatures = {
        signature.organisation_id: signature
        for signature in CovenantSignature.objects.filter(covenant=covenant).select_related("recorded_by")
    }
    return SigningOverview(
        covenant=covenant,
        parties=[PartySigning(party, signatures.get(party.pk)) for party in covenant_parties(covenant)],
    )
