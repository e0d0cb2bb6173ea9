"""What the public may see of a registry entry: published entries, consented field groups.

Every public page, snippet, export and open-data endpoint (the portal's and the API's) reads
entries only through ``public_entries()`` and fields only through ``PublicProfile``, so one
place decides what is shown. It lives with the registry, below every app that publishes it,
so that each of them imports it and none imports another.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Prefetch

from ..constants import OrganisationKind, PESCategory
from .constants import PSPurpose, RecordSource, Sector, SocialService
from .models import (
    EmploymentFigure,
    EntryPKD,
    PlaceOfActivity,
    RegistryEntry,
    SocialEnterpriseStatus,
)


def public_entries(entries=None):
    """Published entries (of ``entries``, a queryset of them, if given) with everything a
    profile or an export row shows, in a fixed number of queries whatever their number."""
    if entries is None:
        entries = RegistryEntry.objects.public()
    return entries.select_related(
        "organisation__gmina__parent", "founding_entity"
    ).prefetch_related(
        Prefetch("places", queryset=PlaceOfActivity.objects.select_related("gmina__parent")),
        Prefetch("pkd_codes", queryset=EntryPKD.objects.all()),
        Prefetch("employment", queryset=EmploymentFigure.objects.all()),
        Prefetch("ps_periods", queryset=SocialEnterpriseStatus.objects.all()),
    )


def _labels(values, choices) -> list[str]:
    labels = dict(choices.choices)
    return [str(labels[v]) for v in values if v in labels]


EXPORT_COLUMNS = (
    "id", "name", "short_name", "legal_form", "pes_category", "nip", "regon", "krs",
    "founding_entity", "street", "postal_code", "locality", "gmina_teryt", "gmina", "powiat",
    "email", "phone", "website", "pkd", "sectors", "social_services", "employment_as_of",
    "employees", "fte", "employees_at_risk", "offer", "ready_for_public_contracts",
    "social_enterprise", "ps_decision", "ps_decision_date", "last_verified",
)  # fmt: skip


class PublicProfile:
    """The published face of one entry; a group without consent is ``None``."""

    def __init__(self, entry: RegistryEntry):
        self.entry = entry
        org = entry.organisation
        self.pk = entry.pk
        self.name = org.name
        self.short_name = org.short_name
        self.legal_form = OrganisationKind(org.kind).label if org.kind else ""
        self.pes_category = PESCategory(entry.pes_category).label if entry.pes_category else ""
        self.nip, self.regon, self.krs = org.nip, org.regon, org.krs
        self.other_register = entry.other_register
        self.registration_date = entry.registration_date
        self.founding_entity = entry.founding_entity.name if entry.founding_entity else ""
        self.last_verified_on = entry.last_verified_on
        self.source = RecordSource(entry.source).label if entry.source else ""

        self.address = None
        if entry.consent_address:
            gmina = org.gmina
            self.address = {
                "street": org.street,
                "postal_code": org.postal_code,
                "locality": org.locality,
                "gmina": gmina.name if gmina else "",
                "gmina_code": gmina.code if gmina else "",
                "powiat": gmina.parent.name if gmina and gmina.parent else "",
                "places": list(entry.places.all()),
            }
        self.contact = None
        if entry.consent_contact:
            self.contact = {"email": org.email, "phone": org.phone, "website": org.website}
        self.activity = None
        if entry.consent_activity:
            self.activity = {
                "pkd": list(entry.pkd_codes.all()),
                "sectors": _labels(entry.sectors, Sector),
                "social_services": _labels(entry.social_services, SocialService),
            }
        self.employment = None
        if entry.consent_employment:
            figures = sorted(entry.employment.all(), key=lambda f: f.as_of, reverse=True)
            self.employment = {"latest": figures[0] if figures else None, "all": figures}
        self.offer = None
        if entry.consent_offer:
            self.offer = {
                "text": entry.offer,
                "ready_for_public_contracts": entry.ready_for_public_contracts,
            }
        self.ps_status = None
        if entry.consent_ps_status:
            periods = sorted(entry.ps_periods.all(), key=lambda p: p.decision_date, reverse=True)
            current = next((p for p in periods if p.lost_on is None), None)
            self.ps_status = {
                "current": current,
                "purpose": PSPurpose(current.purpose).label if current else "",
                "periods": periods,
            }

    @property
    def locality(self) -> str:
        return self.address["locality"] if self.address else ""

    @property
    def powiat(self) -> str:
        return self.address["powiat"] if self.address else ""

    @property
    def is_social_enterprise(self) -> bool:
        return bool(self.ps_status and self.ps_status["current"])

    @staticmethod
    def columns() -> tuple[str, ...]:
        return EXPORT_COLUMNS

    def values(self) -> dict[str, object]:
        """One row of the public export with its values typed (int, ``Decimal``, ``date``,
        ``bool``; ``None`` where a group is not published or nothing is known), so that each
        export can write them in its own format (``portal.exports``)."""
        a, c, act = self.address or {}, self.contact or {}, self.activity or {}
        emp = (self.employment or {}).get("latest")
        ps = (self.ps_status or {}).get("current")
        return {
            "id": self.pk,
            "name": self.name,
            "short_name": self.short_name,
            "legal_form": str(self.legal_form),
            "pes_category": str(self.pes_category),
            "nip": self.nip,
            "regon": self.regon,
            "krs": self.krs,
            "founding_entity": self.founding_entity,
            "street": a.get("street", ""),
            "postal_code": a.get("postal_code", ""),
            "locality": a.get("locality", ""),
            "gmina_teryt": a.get("gmina_code", ""),
            "gmina": a.get("gmina", ""),
            "powiat": a.get("powiat", ""),
            "email": c.get("email", ""),
            "phone": c.get("phone", ""),
            "website": c.get("website", ""),
            "pkd": "; ".join(f"{p.code} (PKD {p.version})" for p in act.get("pkd", [])),
            "sectors": "; ".join(act.get("sectors", [])),
            "social_services": "; ".join(act.get("social_services", [])),
            "employment_as_of": emp.as_of if emp else None,
            "employees": emp.headcount if emp else None,
            "fte": emp.fte if emp else None,
            "employees_at_risk": emp.at_risk_total if emp else None,
            "offer": (self.offer or {}).get("text", ""),
            "ready_for_public_contracts": (
                self.offer["ready_for_public_contracts"] if self.offer else None
            ),
            "social_enterprise": bool(ps) if self.ps_status else None,
            "ps_decision": ps.decision_number if ps else "",
            "ps_decision_date": ps.decision_date if ps else None,
            "last_verified": self.last_verified_on,
        }

    def flat(self) -> dict[str, object]:
        """One row of the public export as plain JSON values: dates in ISO 8601, decimals as
        strings with a dot, an empty string where ``values()`` has ``None``."""
        return {key: plain(value) for key, value in self.values().items()}


def plain(value):
    """A value as the standard CSV and the JSON export write it."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
