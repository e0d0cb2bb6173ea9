"""CPV codes are valid only when they are in the shipped dictionary; search folds accents."""

import csv

import pytest
from django import forms
from django.core.exceptions import ValidationError

from casework.kinds.advisory.intake import cpv
from casework.kinds.advisory.intake.cpv import (
    CPV_FORMAT,
    CPV_UNKNOWN,
    cpv_lookup,
    cpv_search,
    fold,
    validate_cpv_code,
)
from casework.kinds.advisory.intake.fields import CPVCodeField, CPVMultipleField


def test_dictionary_has_every_code_of_the_file():
    with cpv.CPV_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 9454
    assert len(cpv.all_codes()) == 9454


def test_dictionary_is_loaded_once_per_process():
    assert cpv._dictionary() is cpv._dictionary()


def test_every_code_of_the_file_passes_validation():
    for code in cpv.all_codes():
        validate_cpv_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "90910000-1",  # right format, check digit of no real code
        "99999999-9",
        "03000000-2",
        "85311000-3",
        "00000000-0",
    ],
)
def test_well_formed_code_not_in_the_dictionary_is_refused(code):
    with pytest.raises(ValidationError) as caught:
        validate_cpv_code(code)
    assert caught.value.error_list[0].message == CPV_UNKNOWN
    assert code in caught.value.messages[0]


@pytest.mark.parametrize(
    "value",
    ["9091000-9", "90910000", "9091000099", "abcdefgh-i", "90910000-99", "90910000_9", ""],
)
def test_badly_formed_code_is_refused(value):
    with pytest.raises(ValidationError) as caught:
        validate_cpv_code(value)
    assert caught.value.error_list[0].message == CPV_FORMAT


@pytest.mark.parametrize("typed", ["90910000-9", " 90910000-9 ", "909100009", "90910000 - 9"])
def test_lookup_tidies_what_was_typed(typed):
    found = cpv_lookup(typed)
    assert found is not None
    assert (found.code, found.name_pl, found.name_en) == (
        "90910000-9",
        "Usługi sprzątania",
        "Cleaning services",
    )


def test_lookup_of_unknown_code_is_none():
    assert cpv_lookup("90910000-1") is None


def test_name_follows_the_language():
    found = cpv_lookup("90910000-9")
    assert found.name("pl") == "Usługi sprzątania"
    assert found.name("en") == "Cleaning services"


def test_fold_strips_polish_diacritics():
    assert fold("Zażółć GĘŚLĄ jaźń") == "zazolc gesla jazn"


def codes(results):
    return [c.code for c in results]


def test_search_without_diacritics_finds_cleaning_services():
    found = codes(cpv_search("sprzatanie"))
    assert "90910000-9" in found
    assert all("sprz" in fold(c.name_pl) for c in cpv_search("sprzatanie"))


def test_search_with_diacritics_gives_the_same_results():
    assert codes(cpv_search("sprzątanie")) == codes(cpv_search("sprzatanie"))


def test_search_catering_finds_meal_services():
    found = codes(cpv_search("catering"))
    assert {"55520000-1", "55524000-9", "39222000-4"} <= set(found)


def test_search_zywienia_finds_nutrition_codes():
    found = cpv_search("żywienia")
    assert "33692200-9" in codes(found)
    assert all("zywien" in fold(c.name_pl) for c in found)


def test_search_by_several_words_needs_all_of_them():
    found = cpv_search("usługi sprzątania ulic")
    assert codes(found)[:2] == ["90610000-6", "90611000-3"]


def test_search_exact_code_comes_first():
    found = codes(cpv_search("90910000-9"))
    assert found[0] == "90910000-9"


def test_search_code_prefix_lists_general_codes_first():
    found = cpv_search("853")
    assert found[0].code == "85300000-2"
    assert all(c.code.startswith("853") for c in found)


def test_search_respects_the_limit():
    assert len(cpv_search("usługi", limit=5)) == 5
    assert cpv_search("usługi", limit=0) == []


@pytest.mark.parametrize("query", ["", "   ", "-", "zzzzqqq"])
def test_search_with_nothing_to_find_is_empty(query):
    assert cpv_search(query) == []


def test_name_matches_rank_above_stem_matches():
    found = codes(cpv_search("sprzątania"))
    exact = [c for c in found if "sprzatania" in fold(cpv_lookup(c).name_pl)]
    assert found[: len(exact)] == exact


class CodesForm(forms.Form):
    main = CPVCodeField(required=False)
    more = CPVMultipleField(required=False)


def test_code_field_normalises_the_code():
    form = CodesForm(data={"main": " 909100009 "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["main"] == "90910000-9"


def test_code_field_refuses_unknown_code():
    form = CodesForm(data={"main": "90910000-1"})
    assert not form.is_valid()
    assert "90910000-1" in form.errors["main"][0]


def test_multiple_field_splits_normalises_and_deduplicates():
    form = CodesForm(data={"more": "90910000-9; 909110006, 90910000-9\n55520000-1"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["more"] == ["90910000-9", "90911000-6", "55520000-1"]


def test_multiple_field_names_every_bad_code():
    form = CodesForm(data={"more": "90910000-1, 55520000-1, 1234"})
    assert not form.is_valid()
    errors = form.errors["more"]
    assert len(errors) == 2
    assert "90910000-1" in errors[0]
    assert errors[1] == str(CPV_FORMAT)


@pytest.mark.urls("tests.intake.urls_without_lookup")
def test_code_widget_without_the_lookup_urls_is_a_plain_input():
    html = str(CodesForm()["main"])
    assert 'name="main"' in html
    assert "hx-get" not in html


def test_code_widget_with_the_lookup_urls_offers_the_search():
    html = str(CodesForm()["main"])
    assert 'name="main"' in html
    assert "hx-get" in html


def test_code_widget_shows_the_names_of_entered_codes():
    html = str(CodesForm(data={"more": "90910000-9, 55520000-1"})["more"])
    assert "Usługi sprzątania" in html
    assert "Usługi dostarczania posiłków" in html
