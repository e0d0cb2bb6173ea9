"""Search finds entities by folded, stemmed prefixes of published words, on both databases."""

import pytest
from django.db import connection

from directory.models import RegistryEntry
from directory.registry.textsearch import fold, polish_sort_key, query_stems, stem

from .factories import make_entry


@pytest.fixture
def entities(teryt):
    return {
        "catering": make_entry("Smaki Regionu", offer="Usługi cateringowe dla szkół"),
        "cleaning": make_entry("Czysty Dom", offer="Sprzątanie biur i klatek schodowych"),
        "people": make_entry("Razem", offer="Zatrudnienie osób z niepełnosprawnościami"),
        "other": make_entry("Zielona Pracownia", offer="Pielęgnacja zieleni miejskiej"),
    }


def found(query):
    return set(RegistryEntry.objects.public().search(query).values_list("pk", flat=True))


def test_fold_removes_case_and_diacritics():
    assert fold("Łódź SPRZĄTANIE żółć") == "lodz sprzatanie zolc"


def test_stem_cuts_polish_endings_but_keeps_four_letters():
    assert stem("cateringowe") == "catering"
    assert stem("sprzatania") == "sprzatan"
    assert stem("osoba") == "osob"
    assert stem("osob") == "osob"
    assert stem("domy") == "domy"
    assert query_stems("Sprzątania osób") == ["sprzatan", "osob"]


def test_polish_sort_key_puts_letters_with_diacritics_after_their_base():
    names = ["Żak", "Zając", "Łąka", "Lis", "Ćma", "Cis", "Środa", "Szkoła", "Ala"]
    assert sorted(names, key=polish_sort_key) == [
        "Ala",
        "Cis",
        "Ćma",
        "Lis",
        "Łąka",
        "Szkoła",
        "Środa",
        "Zając",
        "Żak",
    ]


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("catering", "catering"),
        ("cateringowe", "catering"),
        ("sprzatanie", "cleaning"),
        ("sprzątania", "cleaning"),
        ("osób", "people"),
        ("osoba", "people"),
        ("OSOBY", "people"),
    ],
)
def test_search_finds_inflected_and_unaccented_words(entities, query, key):
    assert entities[key].pk in found(query)
    assert entities["other"].pk not in found(query)


def test_search_by_nip_finds_its_entity(entities):
    nip = entities["cleaning"].organisation.nip
    assert found(nip) == {entities["cleaning"].pk}
    dashed = f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"
    assert found(dashed) == {entities["cleaning"].pk}


def test_exact_name_match_ranks_first(teryt):
    make_entry("Catering Razem Plus", offer="catering")
    make_entry("Anielskie Smaki", offer="catering i usługi cateringowe")
    exact = make_entry("Catering", offer="obiady")
    results = list(RegistryEntry.objects.public().search("catering").ordered(by_relevance=True))
    assert results[0] == exact
    assert len(results) == 3


def test_search_ignores_unpublished_offer(teryt):
    hidden = make_entry("Tajna Kuchnia", offer="usługi cateringowe", consent_offer=False)
    assert hidden.pk not in found("cateringowe")
    assert hidden.pk in found("tajna")


@pytest.mark.pg_only
def test_postgres_search_uses_the_generated_vector_and_trigrams(entities):
    with connection.cursor() as cursor:
        cursor.execute(
            "select search_vector::text from directory_registryentry where organisation_id = %s",
            [entities["cleaning"].pk],
        )
        vector = cursor.fetchone()[0]
    assert "'sprzatanie'" in vector
    # A typo in a name is forgiven by trigram similarity on PostgreSQL only: the words
    # match nothing, the similar names (the public page's fallback) do.
    assert found("Zielona Pracownai") == set()
    similar = RegistryEntry.objects.public().search("Zielona Pracownai", similar=True)
    assert set(similar.values_list("pk", flat=True)) == {entities["other"].pk}


def test_alphabetical_order_is_polish_on_both_databases(teryt):
    for name in ["Żurawie", "Zorza", "Łąka", "Lipa", "Ćma", "Cis", "Środa", "Szkoła", "Agawa"]:
        make_entry(name)
    names = [e.organisation.name for e in RegistryEntry.objects.public().ordered()]
    assert names == ["Agawa", "Cis", "Ćma", "Lipa", "Łąka", "Szkoła", "Środa", "Zorza", "Żurawie"]


@pytest.mark.pg_only
def test_postgres_orders_by_the_icu_collation(db):
    with connection.cursor() as cursor:
        cursor.execute("select collprovider from pg_collation where collname = 'esflow_pl'")
        (provider,) = cursor.fetchone()
    assert provider == "i"  # ICU
