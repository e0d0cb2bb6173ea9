"""Threshold bands: below 130 000 zł net no Pzp, then national, then EU from the EU threshold."""

from decimal import Decimal

import pytest

from casework.kinds.advisory.intake import bands
from casework.kinds.advisory.intake.bands import (
    ART361_NOT_SERVICES,
    ART361_NOT_SOCIAL_SERVICE,
    EU_THRESHOLDS_EUR,
    art361_warnings,
    eu_threshold_pln,
    threshold_band,
)
from casework.kinds.advisory.intake.constants import ClauseType, ContractType, ThresholdBand

SERVICES_EU = eu_threshold_pln("supplies_services_sub_central")
WORKS_EU = eu_threshold_pln("works")
SOCIAL_EU = eu_threshold_pln("social_services")


def band(value, contract_type=ContractType.SERVICES, **kwargs):
    return threshold_band(value_net_pln=Decimal(value), contract_type=contract_type, **kwargs).band


def test_eu_thresholds_2026_2027_in_euro():
    assert {
        "supplies_services_sub_central": Decimal("216000"),
        "supplies_services_central": Decimal("140000"),
        "works": Decimal("5404000"),
        "social_services": Decimal("750000"),
    } == EU_THRESHOLDS_EUR


def test_pln_thresholds_are_euro_times_the_rate_rounded():
    assert (Decimal("216000") * bands.EUR_PLN_RATE).quantize(Decimal("1")) == SERVICES_EU
    assert SOCIAL_EU > SERVICES_EU


def test_published_pln_amount_wins_over_the_computed_one(monkeypatch):
    monkeypatch.setattr(bands, "PLN_OVERRIDES", {"works": Decimal("23300000")})
    assert eu_threshold_pln("works") == Decimal("23300000")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", ThresholdBand.BELOW_PZP),
        ("129999.99", ThresholdBand.BELOW_PZP),
        ("130000", ThresholdBand.NATIONAL),
        ("130000.00", ThresholdBand.NATIONAL),
        ("130000.01", ThresholdBand.NATIONAL),
    ],
)
def test_pzp_threshold_is_130000_net_inclusive(value, expected):
    assert band(value) == expected


@pytest.mark.parametrize("contract_type", [ContractType.SERVICES, ContractType.SUPPLIES])
def test_supplies_and_services_reach_the_eu_band_at_the_sub_central_threshold(contract_type):
    assert band(SERVICES_EU - Decimal("0.01"), contract_type) == ThresholdBand.NATIONAL
    assert band(SERVICES_EU, contract_type) == ThresholdBand.EU
    assert band(SERVICES_EU + 1, contract_type) == ThresholdBand.EU


def test_works_have_their_own_eu_threshold():
    assert band(SERVICES_EU, ContractType.WORKS) == ThresholdBand.NATIONAL
    assert band(WORKS_EU - Decimal("0.01"), ContractType.WORKS) == ThresholdBand.NATIONAL
    assert band(WORKS_EU, ContractType.WORKS) == ThresholdBand.EU


def test_social_services_use_the_750000_euro_threshold():
    assert band(SERVICES_EU, social_service=True) == ThresholdBand.NATIONAL
    assert band(SOCIAL_EU - Decimal("0.01"), social_service=True) == ThresholdBand.NATIONAL
    assert band(SOCIAL_EU, social_service=True) == ThresholdBand.EU
    result = threshold_band(
        value_net_pln=SOCIAL_EU, contract_type=ContractType.SERVICES, social_service=True
    )
    assert result.eu_threshold_eur == Decimal("750000")


def test_social_service_flag_does_not_change_supplies():
    assert band(SERVICES_EU, ContractType.SUPPLIES, social_service=True) == ThresholdBand.EU


def test_central_authorities_have_the_lower_threshold():
    central = eu_threshold_pln("supplies_services_central")
    assert band(central, central=True) == ThresholdBand.EU
    assert band(central, central=False) == ThresholdBand.NATIONAL


def art361(**kwargs):
    defaults = {
        "clause_types": [ClauseType.RESERVED_SERVICES_ART361],
        "duration_months": 36,
        "social_service": True,
        "contract_type": ContractType.SERVICES,
    }
    return art361_warnings(**{**defaults, **kwargs})


def test_reserved_social_services_contract_of_three_years_raises_no_warning():
    assert art361() == []


def test_reserved_social_services_contract_over_three_years_is_warned():
    warnings = art361(duration_months=37)
    assert len(warnings) == 1
    assert "37" in warnings[0]


def test_art361_for_a_service_not_marked_social_is_warned():
    assert art361(social_service=False) == [str(ART361_NOT_SOCIAL_SERVICE)]


def test_art361_for_supplies_is_warned():
    assert art361(contract_type=ContractType.SUPPLIES) == [str(ART361_NOT_SERVICES)]


def test_no_art361_warning_without_art361():
    assert art361(clause_types=[ClauseType.RESERVED_ART94], duration_months=60) == []
