"""Procurement threshold bands of an estimated contract value (net PLN).

Below 130 000 zł net the Public Procurement Law (Pzp) does not apply (art. 2 sec. 1 item 1);
from 130 000 zł to below the EU threshold the national procedure applies; at or above the EU
threshold, the EU procedure. Social and other specific services (art. 359 Pzp, Annex XIV of
Directive 2014/24/EU) have their own, higher EU threshold.
"""

import datetime
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from .constants import ClauseType, ContractType, ThresholdBand

#: The thresholds are data (``data/thresholds.json``): the amounts, their sources (the act and
#: its date) and the period they are valid for, so the next announcement (every two years) is
#: a change of that file, not of this code.
THRESHOLDS_FILE = Path(__file__).resolve().parent.parent / "data" / "thresholds.json"


@dataclass(frozen=True)
class ThresholdSources:
    """Where the figures come from, for the form's note and the opinion."""

    valid_from: datetime.date
    valid_to: datetime.date
    pzp_source: str
    rate_source: str
    rate_source_date: datetime.date | None
    eu_source: str
    eu_source_date: datetime.date | None


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _load(path: Path = THRESHOLDS_FILE) -> dict:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


_DATA = _load()

#: Pzp art. 2 sec. 1 item 1: the law applies from this net value (a PLN figure in the law).
PZP_THRESHOLD_PLN = Decimal(_DATA["pzp_threshold_pln"]["amount"])

#: The average PLN/EUR rate for converting procurement values (obwieszczenie Prezesa UZP,
#: art. 3 sec. 3 Pzp); ``checked`` in the data says whether it was compared with the act.
EUR_PLN_RATE = Decimal(_DATA["eur_pln_rate"]["rate"])

#: EU thresholds in EUR (Commission Delegated Regulation, see the data file). Sub-central
#: contracting authorities (gminy, powiaty, their units) file advisory requests.
EU_THRESHOLDS_EUR = {key: Decimal(v) for key, v in _DATA["eu_thresholds"]["eur"].items()}

#: PLN amounts as published in the obwieszczenie, when known: they win over the computed ones.
PLN_OVERRIDES: dict[str, Decimal] = {
    key: Decimal(v) for key, v in _DATA["eu_thresholds"].get("pln_published", {}).items()
}

SOURCES = ThresholdSources(
    valid_from=_date(_DATA["valid_from"]),
    valid_to=_date(_DATA["valid_to"]),
    pzp_source=_DATA["pzp_threshold_pln"]["source"],
    rate_source=_DATA["eur_pln_rate"]["source"],
    rate_source_date=_date(_DATA["eur_pln_rate"].get("source_date", "")),
    eu_source=_DATA["eu_thresholds"]["source"],
    eu_source_date=_date(_DATA["eu_thresholds"].get("source_date", "")),
)

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


#: The largest amount the value field takes (14 digits, 2 of them decimal).
MAX_AMOUNT = Decimal("999999999999.99")


def band_of_input(
    *, value: Any, contract_type: Any, social_service: Any = None
) -> BandResult | None:
    """The band for what a form holds now (typed text or cleaned values), or None when the
    value or the contract type is missing or not valid yet: the live note on the form."""
    from accounts.l10n import money_parse

    try:
        amount = value if isinstance(value, Decimal) else money_parse(value)
    except (TypeError, ValueError):
        amount = None
    if amount is None or not 0 <= amount <= MAX_AMOUNT or contract_type not in ContractType.values:
        return None
    social = social_service is True or social_service == "yes"
    return threshold_band(value_net_pln=amount, contract_type=contract_type, social_service=social)


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
