"""The only writers of the registry. Every change of a field writes a ``RegistryChange``
row (who, when, old → new), so imports and bulk updates leave the same trail as a form."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ..constants import PES_CATEGORY_OF_KIND, OrganisationKind
from ..models import Organisation, TerritorialUnit
from . import pkd
from .constants import AtRiskGroup, ChangeSource, ProposalStatus, Sector, SocialService
from .models import (
    ChangeProposal,
    EmploymentFigure,
    EntryPKD,
    PlaceOfActivity,
    RegistryChange,
    RegistryEntry,
    SocialEnterpriseStatus,
)
from .textsearch import search_document

NOT_A_PES = _("Only social-economy entities (a PES legal form) have a registry entry.")
UNKNOWN_FIELD = _("This field cannot be changed here: %(field)s.")
UNKNOWN_PKD = _("Unknown PKD %(version)s code: %(code)s.")
PROPOSAL_NOT_PENDING = _("This proposal has already been reviewed.")
PROPOSAL_EMPTY = _("The proposal changes nothing.")
REASON_REQUIRED = _("Give a reason for rejecting the proposal.")
PS_ALREADY_HELD = _("The entity already holds the PS status; record its loss first.")
PS_NOT_HELD = _("The entity does not hold the PS status.")

#: Fields of ``Organisation`` the registry edits.
ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "kind",
    "nip",
    "regon",
    "krs",
    "street",
    "postal_code",
    "locality",
    "gmina",
    "email",
    "phone",
    "website",
)
#: Fields of ``RegistryEntry`` the registry edits.
ENTRY_FIELDS = (
    "founding_entity",
    "other_register",
    "registration_date",
    "sectors",
    "social_services",
    "offer",
    "ready_for_public_contracts",
    "source",
    "last_verified_on",
    "published",
    "consent_address",
    "consent_contact",
    "consent_activity",
    "consent_employment",
    "consent_offer",
    "consent_ps_status",
)
#: What a representative may propose to change in their own entry.
PROPOSABLE_FIELDS = (
    "name",
    "short_name",
    "street",
    "postal_code",
    "locality",
    "email",
    "phone",
    "website",
    "offer",
    "ready_for_public_contracts",
    "sectors",
    "social_services",
    "consent_address",
    "consent_contact",
    "consent_activity",
    "consent_employment",
    "consent_offer",
    "consent_ps_status",
)


def as_text(value: Any) -> str:
    """How a value is written into the history: stable, language-neutral text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, TerritorialUnit):
        return f"{value.code} {value.name}"
    if isinstance(value, Organisation):
        return f"{value.pk} {value.name}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _record(
    *,
    entry: RegistryEntry,
    field: str,
    old: str,
    new: str,
    actor,
    source: str,
    proposal: ChangeProposal | None = None,
) -> RegistryChange | None:
    if old == new:
        return None
    return RegistryChange(
        entry=entry,
        field=field,
        old_value=old,
        new_value=new,
        actor=actor,
        source=source,
        proposal=proposal,
    )


def _label_words(values: Iterable[str], choices) -> str:
    labels = dict(choices.choices)
    return " ".join(str(labels.get(v, v)) for v in values)


def registry_entry_reindex(*, entry: RegistryEntry) -> None:
    """Refresh the derived columns and the search document (published fields only)."""
    entry.derive()
    org = entry.organisation
    parts = [org.name, org.short_name, org.nip, org.regon, org.krs]
    # Both languages, so a visitor finds "catering" whichever language they search in.
    for language in ("pl", "en"):
        with translation.override(language):
            if entry.consent_activity:
                parts.append(_label_words(entry.sectors, Sector))
                parts.append(_label_words(entry.social_services, SocialService))
            parts.append(str(OrganisationKind(org.kind).label) if org.kind else "")
    if entry.consent_offer:
        parts.append(entry.offer)
    if entry.consent_activity:
        parts.extend(p.name for p in entry.pkd_codes.all())
    if entry.consent_address:
        parts.extend([org.locality, org.gmina.name if org.gmina else ""])
        parts.extend(p.locality for p in entry.places.all())
    entry.search_document = " ".join(p for p in parts if p)
    entry.search_folded = search_document(*parts)


def _save_organisation(org: Organisation) -> None:
    # The service reindexes the entry itself; organisation_saved need not do it again.
    org._registry_saving = True
    try:
        org.save()
    finally:
        org._registry_saving = False


def organisation_saved(sender, instance: Organisation, **kwargs) -> None:
    """Keep an entry's derived columns (order, place, search) in step when its organisation
    is saved elsewhere (e.g. the Django admin). Such edits carry no field history: the admin
    is for superusers; staff edit entries through the services. A ``post_save`` receiver,
    connected in ``DirectoryConfig.ready``."""
    if getattr(instance, "_registry_saving", False) or kwargs.get("raw"):
        return
    entry = RegistryEntry.objects.filter(pk=instance.pk).first()
    if entry is not None:
        entry.organisation = instance
        _save_entry(entry)


def _save_entry(entry: RegistryEntry) -> None:
    registry_entry_reindex(entry=entry)
    entry.save()


def _set_fields(
    *,
    entry: RegistryEntry,
    changes: dict[str, Any],
    actor,
    source: str,
    proposal: ChangeProposal | None = None,
) -> list[RegistryChange]:
    org = entry.organisation
    history = []
    for field, value in changes.items():
        if field in ORGANISATION_FIELDS:
            target = org
        elif field in ENTRY_FIELDS:
            target = entry
        else:
            raise ValidationError(UNKNOWN_FIELD, params={"field": field})
        old = getattr(target, field)
        setattr(target, field, value)
        row = _record(
            entry=entry,
            field=field,
            old=as_text(old),
            new=as_text(value),
            actor=actor,
            source=source,
            proposal=proposal,
        )
        if row:
            history.append(row)
    return history


def _validate(entry: RegistryEntry) -> None:
    org = entry.organisation
    org.full_clean(exclude=["gmina"] if org.gmina_id is None else None)
    if org.kind not in PES_CATEGORY_OF_KIND:
        raise ValidationError({"kind": NOT_A_PES})


@transaction.atomic
def registry_entry_create(
    *,
    organisation: dict[str, Any],
    entry: dict[str, Any] | None = None,
    pkd_codes: Iterable[tuple[str, str, bool]] = (),
    actor=None,
    source: str = ChangeSource.MANUAL,
) -> RegistryEntry:
    """Create an organisation with its registry entry; every given field enters the history."""
    org = Organisation()
    new = RegistryEntry(organisation=org)
    history = _set_fields(
        entry=new, changes={**organisation, **(entry or {})}, actor=actor, source=source
    )
    _validate(new)
    _save_organisation(org)
    new.organisation = org
    registry_entry_reindex(entry=new)
    new.save()
    for row in history:
        row.entry = new
    RegistryChange.objects.bulk_create(history)
    if pkd_codes:
        registry_pkd_set(entry=new, codes=pkd_codes, actor=actor, source=source)
    return new


@transaction.atomic
def registry_entry_attach(
    *,
    organisation: Organisation,
    entry: dict[str, Any] | None = None,
    actor=None,
    source: str = ChangeSource.MANUAL,
) -> RegistryEntry:
    """Give an organisation already in the directory its registry entry."""
    if organisation.kind not in PES_CATEGORY_OF_KIND:
        raise ValidationError({"kind": NOT_A_PES})
    new, created = RegistryEntry.objects.get_or_create(organisation=organisation)
    if created:
        _save_entry(new)
    if entry:
        new = registry_entry_update(entry=new, changes=entry, actor=actor, source=source)
    return new


@transaction.atomic
def registry_entry_update(
    *,
    entry: RegistryEntry,
    changes: dict[str, Any],
    actor=None,
    source: str = ChangeSource.MANUAL,
    proposal: ChangeProposal | None = None,
) -> RegistryEntry:
    """Change fields of an entry (and its organisation); writes one history row per field."""
    entry = (
        RegistryEntry.objects.select_for_update(of=("self",))
        .select_related("organisation__gmina")
        .get(pk=entry.pk)
    )
    history = _set_fields(
        entry=entry, changes=changes, actor=actor, source=source, proposal=proposal
    )
    if not history:
        return entry
    _validate(entry)
    _save_organisation(entry.organisation)
    _save_entry(entry)
    RegistryChange.objects.bulk_create(history)
    return entry


def registry_entry_verify(
    *, entry: RegistryEntry, actor, on: datetime.date | None = None
) -> RegistryEntry:
    """Record that staff checked the entry (resets the 12-month flag)."""
    return registry_entry_update(
        entry=entry, changes={"last_verified_on": on or timezone.localdate()}, actor=actor
    )


@transaction.atomic
def registry_entries_verify(
    *, entries: Iterable[RegistryEntry], actor, on: datetime.date | None = None
) -> int:
    """Mark many entries verified at once; each still gets its own history row."""
    count = 0
    for entry in entries:
        registry_entry_verify(entry=entry, actor=actor, on=on)
        count += 1
    return count


def _pkd_text(codes: Iterable[tuple[str, str, bool]]) -> str:
    return ", ".join(
        f"{code} (PKD {version}){' *' if main else ''}" for version, code, main in sorted(codes)
    )


@transaction.atomic
def registry_pkd_set(
    *,
    entry: RegistryEntry,
    codes: Iterable[tuple[str, str, bool]],
    actor=None,
    source: str = ChangeSource.MANUAL,
) -> None:
    """Replace the PKD codes of an entry: ``(version, code, is_main)`` each."""
    codes = list(dict.fromkeys(codes))
    for version, code, _main in codes:
        if not pkd.is_valid(code, version):
            raise ValidationError(UNKNOWN_PKD, params={"version": version, "code": code})
    old = [(p.version, p.code, p.is_main) for p in entry.pkd_codes.all()]
    if sorted(old) == sorted(codes):
        return
    entry.pkd_codes.all().delete()
    EntryPKD.objects.bulk_create(
        EntryPKD(entry=entry, version=v, code=c, is_main=m) for v, c, m in codes
    )
    row = _record(
        entry=entry,
        field="pkd",
        old=_pkd_text(old),
        new=_pkd_text(codes),
        actor=actor,
        source=source,
    )
    row.save()
    _save_entry(entry)


@dataclass(frozen=True)
class Place:
    locality: str
    gmina: TerritorialUnit
    street: str = ""
    postal_code: str = ""
    label: str = ""

    def __str__(self):
        return ", ".join(
            p
            for p in (self.label, self.street, self.postal_code, self.locality, self.gmina.code)
            if p
        )


@transaction.atomic
def registry_places_set(
    *, entry: RegistryEntry, places: Iterable[Place], actor=None, source=ChangeSource.MANUAL
) -> bool:
    """Replace the further places of activity of an entry; False when nothing changed."""
    places = list(places)
    old = [
        str(Place(p.locality, p.gmina, p.street, p.postal_code, p.label))
        for p in entry.places.select_related("gmina")
    ]
    new = [str(p) for p in places]
    if old == new:
        return False
    entry.places.all().delete()
    PlaceOfActivity.objects.bulk_create(
        PlaceOfActivity(
            entry=entry,
            locality=p.locality,
            gmina=p.gmina,
            street=p.street,
            postal_code=p.postal_code,
            label=p.label,
        )
        for p in places
    )
    _record(
        entry=entry,
        field="places",
        old="; ".join(old),
        new="; ".join(new),
        actor=actor,
        source=source,
    ).save()
    _save_entry(entry)
    return True


@transaction.atomic
def registry_employment_record(
    *,
    entry: RegistryEntry,
    as_of: datetime.date,
    headcount: int,
    fte: Decimal,
    at_risk: dict[str, int] | None = None,
    actor=None,
    source: str = ChangeSource.MANUAL,
) -> EmploymentFigure:
    """Record (or correct) the employment of an entity as of a date."""
    at_risk = {k: int(v) for k, v in (at_risk or {}).items() if k in AtRiskGroup.values and v}
    figure = EmploymentFigure.objects.filter(entry=entry, as_of=as_of).first()
    old = (
        f"{figure.headcount} / {figure.fte} / {as_text(sorted(figure.at_risk.items()))}"
        if figure
        else ""
    )
    if figure is None:
        figure = EmploymentFigure(entry=entry, as_of=as_of)
    figure.headcount, figure.fte, figure.at_risk = headcount, Decimal(fte), at_risk
    figure.full_clean(exclude=["entry"])
    figure.save()
    new = f"{headcount} / {figure.fte} / {as_text(sorted(at_risk.items()))}"
    row = _record(
        entry=entry,
        field=f"employment {as_of.isoformat()}",
        old=old,
        new=new,
        actor=actor,
        source=source,
    )
    if row:
        row.save()
    return figure


@transaction.atomic
def registry_ps_grant(
    *,
    entry: RegistryEntry,
    purpose: str,
    decision_number: str,
    decision_date: datetime.date,
    final_date: datetime.date | None = None,
    on_art19_list: bool = False,
    actor=None,
    source: str = ChangeSource.MANUAL,
) -> SocialEnterpriseStatus:
    """Record the voivode's decision granting the PS status."""
    entry = RegistryEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.ps_periods.filter(lost_on__isnull=True).exists():
        raise ValidationError(PS_ALREADY_HELD)
    period = SocialEnterpriseStatus(
        entry=entry,
        purpose=purpose,
        decision_number=decision_number,
        decision_date=decision_date,
        final_date=final_date,
        on_art19_list=on_art19_list,
    )
    period.full_clean(exclude=["entry"])
    period.save()
    entry.is_social_enterprise = True
    RegistryEntry.objects.filter(pk=entry.pk).update(is_social_enterprise=True)
    _record(
        entry=entry,
        field="ps_status",
        old="",
        new=f"{decision_number} ({decision_date.isoformat()})",
        actor=actor,
        source=source,
    ).save()
    return period


@transaction.atomic
def registry_ps_lose(
    *,
    entry: RegistryEntry,
    lost_on: datetime.date,
    reason: str,
    actor=None,
    source: str = ChangeSource.MANUAL,
) -> SocialEnterpriseStatus:
    """Record the loss of the PS status; the period stays in the history."""
    period = (
        SocialEnterpriseStatus.objects.select_for_update()
        .filter(entry=entry, lost_on__isnull=True)
        .first()
    )
    if period is None:
        raise ValidationError(PS_NOT_HELD)
    period.lost_on, period.loss_reason = lost_on, reason
    period.save(update_fields=["lost_on", "loss_reason"])
    RegistryEntry.objects.filter(pk=entry.pk).update(is_social_enterprise=False)
    _record(
        entry=entry,
        field="ps_status",
        old=f"{period.decision_number} ({period.decision_date.isoformat()})",
        new=f"lost {lost_on.isoformat()}: {reason}",
        actor=actor,
        source=source,
    ).save()
    return period


# Change proposals ---------------------------------------------------------------------------


def current_values(entry: RegistryEntry, fields: Iterable[str]) -> dict[str, Any]:
    org = entry.organisation
    return {f: getattr(org if f in ORGANISATION_FIELDS else entry, f) for f in fields}


@transaction.atomic
def proposal_create(
    *, entry: RegistryEntry, proposed_by, values: dict[str, Any], comment: str = ""
) -> ChangeProposal:
    """A representative proposes new values for their own entry; only differences are kept."""
    unknown = set(values) - set(PROPOSABLE_FIELDS)
    if unknown:
        raise ValidationError(UNKNOWN_FIELD, params={"field": ", ".join(sorted(unknown))})
    old = current_values(entry, values)
    changes = {f: [_json(old[f]), _json(v)] for f, v in values.items() if _json(old[f]) != _json(v)}
    if not changes:
        raise ValidationError(PROPOSAL_EMPTY)
    return ChangeProposal.objects.create(
        entry=entry, proposed_by=proposed_by, changes=changes, comment=comment
    )


def _json(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return sorted(value)
    return value


def _lock_pending(proposal: ChangeProposal) -> ChangeProposal:
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(PROPOSAL_NOT_PENDING)
    return proposal


@transaction.atomic
def proposal_accept(*, proposal: ChangeProposal, reviewer) -> ChangeProposal:
    """Apply a proposal to the entry; the history names the reviewer and the proposal."""
    proposal = _lock_pending(proposal)
    values = {field: pair[1] for field, pair in proposal.changes.items()}
    registry_entry_update(
        entry=proposal.entry,
        changes=values,
        actor=reviewer,
        source=ChangeSource.PROPOSAL,
        proposal=proposal,
    )
    proposal.status = ProposalStatus.ACCEPTED
    proposal.reviewer, proposal.reviewed_at = reviewer, timezone.now()
    proposal.save(update_fields=["status", "reviewer", "reviewed_at"])
    return proposal


@transaction.atomic
def proposal_reject(*, proposal: ChangeProposal, reviewer, reason: str) -> ChangeProposal:
    """Refuse a proposal with a reason; the entry stays as it was."""
    if not (reason or "").strip():
        raise ValidationError(REASON_REQUIRED)
    proposal = _lock_pending(proposal)
    proposal.status = ProposalStatus.REJECTED
    proposal.reviewer, proposal.reviewed_at, proposal.reason = reviewer, timezone.now(), reason
    proposal.save(update_fields=["status", "reviewer", "reviewed_at", "reason"])
    return proposal
