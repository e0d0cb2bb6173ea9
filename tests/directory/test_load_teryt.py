"""manage.py load_teryt: the shipped region, an official TERC file, refusal of bad files."""

from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from directory.constants import GminaType, PowiatType, UnitKind
from directory.models import TerritorialUnit

pytestmark = pytest.mark.django_db

TERC_02 = Path(__file__).parent / "data" / "TERC_02_excerpt.csv"


def load(*args):
    out = StringIO()
    call_command("load_teryt", *args, stdout=out)
    return out.getvalue()


def kinds():
    return Counter(TerritorialUnit.objects.values_list("kind", flat=True))


def test_shipped_region_26_has_14_powiats_and_102_gminas():
    load("--region", "26")
    assert kinds() == {UnitKind.VOIVODESHIP: 1, UnitKind.POWIAT: 14, UnitKind.GMINA: 102}
    subtypes = Counter(
        TerritorialUnit.objects.filter(kind=UnitKind.GMINA).values_list("subtype", flat=True)
    )
    assert subtypes == {GminaType.RURAL: 51, GminaType.URBAN_RURAL: 46, GminaType.URBAN: 5}
    kielce = TerritorialUnit.objects.get(code="2661")
    assert kielce.subtype == PowiatType.CITY
    assert kielce.parent.name == "świętokrzyskie"
    busko = TerritorialUnit.objects.get(code="2601013")
    assert (busko.name, busko.parent.code) == ("Busko-Zdrój", "2601")


def test_region_comes_from_the_environment_setting(settings):
    settings.ESFLOW_REGION = "26"
    load()
    assert kinds()[UnitKind.GMINA] == 102


def test_loading_twice_changes_nothing():
    load("--region", "26")
    first = list(TerritorialUnit.objects.values_list("pk", "code", "name", "parent_id"))
    with translation.override("en"):
        out = load("--region", "26")
    assert list(TerritorialUnit.objects.values_list("pk", "code", "name", "parent_id")) == first
    assert "117 units (0 new, 0 updated, 117 unchanged)" in out


def test_reloading_updates_a_renamed_unit():
    load("--region", "26")
    TerritorialUnit.objects.filter(code="2604172").update(name="Sitkówka-Nowiny")
    load("--region", "26")
    assert TerritorialUnit.objects.get(code="2604172").name == "Nowiny"


def test_official_terc_file_of_another_voivodeship_loads_the_same_way():
    load("--region", "02", "--file", str(TERC_02))
    assert kinds() == {UnitKind.VOIVODESHIP: 1, UnitKind.POWIAT: 4, UnitKind.GMINA: 13}
    assert TerritorialUnit.objects.get(code="02").name == "dolnośląskie"
    assert TerritorialUnit.objects.get(code="0264").subtype == PowiatType.CITY
    assert TerritorialUnit.objects.get(code="0201").subtype == PowiatType.LAND
    nowogrodziec = TerritorialUnit.objects.get(code="0201043")
    assert nowogrodziec.subtype == GminaType.URBAN_RURAL
    assert nowogrodziec.parent.code == "0201"
    # Town and rural parts (RODZ 4 and 5) are not gminas; other voivodeships are left out.
    assert not TerritorialUnit.objects.filter(code__in=["0201044", "0201045", "04"]).exists()


def test_terc_file_in_windows_1250_loads_too(tmp_path):
    cp1250 = tmp_path / "TERC_cp1250.csv"
    cp1250.write_bytes(TERC_02.read_text(encoding="utf-8-sig").encode("cp1250"))
    load("--region", "02", "--file", str(cp1250))
    assert TerritorialUnit.objects.get(code="0201062").name == "Warta Bolesławiecka"


def test_both_regions_coexist():
    load("--region", "26")
    load("--region", "02", "--file", str(TERC_02))
    assert kinds()[UnitKind.GMINA] == 102 + 13


def broken_copy(tmp_path, line_no: int, replacement: str) -> Path:
    lines = TERC_02.read_text(encoding="utf-8-sig").splitlines()
    lines[line_no - 1] = replacement
    path = tmp_path / "broken.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line_no", "replacement", "problem"),
    [
        (6, "02;01;04;3;Nowogrodziec;gmina miejsko-wiejska", "expected 7 fields, found 6"),
        (12, "02;0X;;;dzierżoniowski;powiat;2024-01-01", "is not a valid POW code"),
        (13, "02;02;01;7;Bielawa;gmina miejska;2024-01-01", "unknown gmina type (RODZ)"),
        (21, "02;61;01;1;;gmina miejska;2024-01-01", "the name is empty"),
        (22, "02;99;01;1;Wrocław;gmina miejska;2024-01-01", "parent unit 0299"),
    ],
)
def test_malformed_terc_file_is_refused_with_line_number_and_nothing_loaded(
    tmp_path, line_no, replacement, problem
):
    load("--region", "26")
    before = list(TerritorialUnit.objects.values_list("code", "name"))
    path = broken_copy(tmp_path, line_no, replacement)
    with translation.override("en"), pytest.raises(CommandError) as refused:
        load("--region", "02", "--file", str(path))
    assert f"broken.csv, line {line_no}: " in str(refused.value)
    assert problem in str(refused.value)
    assert list(TerritorialUnit.objects.values_list("code", "name")) == before


def test_malformed_file_message_is_in_polish_by_default(tmp_path):
    path = broken_copy(tmp_path, 12, "02;0X;;;dzierżoniowski;powiat;2024-01-01")
    with translation.override("pl"), pytest.raises(CommandError) as refused:
        load("--region", "02", "--file", str(path))
    assert "wiersz 12" in str(refused.value)
    assert TerritorialUnit.objects.count() == 0


def test_file_with_wrong_columns_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("kod;nazwa\n02;dolnośląskie\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError, match="line 1: expected"):
        load("--region", "02", "--file", str(path))
    assert TerritorialUnit.objects.count() == 0


def test_file_without_the_region_is_refused():
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="no units of voivodeship 30"),
    ):
        load("--region", "30", "--file", str(TERC_02))


def test_region_without_shipped_files_asks_for_a_terc_file():
    with translation.override("en"), pytest.raises(CommandError, match="--file"):
        load("--region", "12")


def test_region_must_be_two_digits():
    with translation.override("en"), pytest.raises(CommandError, match="two-digit"):
        load("--region", "2")
