"""Procurement threshold bands of an estimated contract value (net PLN).

Below 130 000 zł net the Public Procurement Law (Pzp) does not apply (art. 2 sec. 1 item 1);
from 130 000 zł to below the EU threshold the national procedure applies; at or above the EU
threshold, the EU procedure. Social and other specific services (art. 359 Pzp, Annex XIV of
Directive 2014/24/EU) have their own, higher EU threshold.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from .constants import ClauseType, ContractType, ThresholdBand

#: Pzp art. 2 sec. 1 item 1: the law applies from this net value (a PLN figure in the law).
PZP_THRESHOLD_PLN = Decimal("130000")

#: The average PLN/EUR rate for converting procurement values in 2026-2027, announced by the
#: President of the Public Procurement Office (obwieszczenie Prezesa UZP, art. 3 sec. 3 Pzp).
#: (check) Secondary sources report 4,31; the obwieszczenie itself was not read. When it is,
#: replace the rate and, if it lists rounded PLN amounts, put those in PLN_OVERRIDES.
EUR_PLN_RATE = Decimal("4.3100")

#: EU thresholds for 2026-2027, Commission Delegated Regulation (EU) 2025/2152 of 22 October 2025
#: amending Directive 2014/24/EU (applicable from 1 January 2026). Values in EUR, verified
#: against two independent summaries of the regulation.
EU_THRESHOLDS_EUR = {
    # Supplies and services of sub-central contracting authorities (gminy, powiaty, their
    # units): the authorities that file advisory requests.
    "supplies_services_sub_central": Decimal("216000"),
    # Supplies and services of central government authorities.
    "supplies_services_central": Decimal("140000"),
    "works": Decimal("5404000"),
    # Social and other specific services (art. 359 Pzp, Annex XIV): unchanged.
    "social_services": Decimal("750000"),
}

#: PLN amounts as published in the obwieszczenie, when known: they win over the computed ones.
#: (check) Empty until the obwieszczenie has been read.
PLN_OVERRIDES: dict[str, Decimal] = {}

#: Art. 361 sec. 3 Pzp: a reserved social services contract lasts at most 3 years.
ART361_MAX_MONTHS = 36

ART361_TOO_LONG = _(
    "A contract reserved under art. 361 Pzp may last at most 3 years (36 months); "
    "%(months)s months were entered."
)
ART361_NOT_SOCIAL_SERVICE = _(
    "Art. 361 Pzp reserves only social, health and cultural services (art. 359): mark the "
    "contract as a social service or choose another clause."
)
ART361_NOT_SERVICES = _("Art. 361 Pzp applies to service contracts only, not supplies or works.")


def eu_threshold_pln(key: str) -> Decimal:
    """The EU threshold ``key`` in PLN: the published amount, else EUR times the rate rounded."""
    if key in PLN_OVERRIDES:
        return PLN_OVERRIDES[key]
    return (EU_THRESHOLDS_EUR[key] * EUR_PLN_RATE).quantize(Decimal("1"), ROUND_HALF_UP)


def eu_threshold_key(
    *, contract_type: str, social_service: bool = False, central: bool = False
) -> str:
    """Which EU threshold applies to a contract of this kind."""
    if contract_type == ContractType.WORKS:
        return "works"
    if social_service and contract_type == ContractType.SERVICES:
        return "social_services"
    return "supplies_services_central" if central else "supplies_services_sub_central"


@dataclass(frozen=True, slots=True)
class BandResult:
    band: ThresholdBand
    eu_threshold_pln: Decimal
    eu_threshold_eur: Decimal

    @property
    def label(self) -> str:
        return str(self.band.label)


def threshold_band(
    *,
    value_net_pln: Decimal,
    contract_type: str,
    social_service: bool = False,
    central: bool = False,
) -> BandResult:
    """The band of an estimated net value: below the Pzp, national or EU."""
    key = eu_threshold_key(
        contract_type=contract_type, social_service=social_service, central=central
    )
    eu_pln = eu_threshold_pln(key)
    value = Decimal(value_net_pln)
    if value < PZP_THRESHOLD_PLN:
        band = ThresholdBand.BELOW_PZP
    elif value < eu_pln:
        band = ThresholdBand.NATIONAL
    else:
        band = ThresholdBand.EU
    return BandResult(band, eu_pln, EU_THRESHOLDS_EUR[key])


def art361_warnings(
    *,
    clause_types: list[str] | tuple[str, ...],
    duration_months: int | None,
    social_service: bool | None,
    contract_type: str | None,
) -> list[str]:
    """Warnings (not errors) when an art. 361 reservation does not fit the contract."""
    if ClauseType.RESERVED_SERVICES_ART361 not in (clause_types or ()):
        return []
    warnings: list[str] = []
    if duration_months is not None and duration_months > ART361_MAX_MONTHS:
        warnings.append(str(ART361_TOO_LONG % {"months": duration_months}))
    if contract_type and contract_type != ContractType.SERVICES:
        warnings.append(str(ART361_NOT_SERVICES))
    elif social_service is False:
        warnings.append(str(ART361_NOT_SOCIAL_SERVICE))
    return warnings
