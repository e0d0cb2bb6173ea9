"""The programme plan as DOMAIN.md describes it ("The programme"): three tasks and their
activities. The planned quantities are the seed's starting values, for the coordinator to
correct in the admin; the titles are data, in Polish, as the programme documents have them."""

import datetime

START = datetime.date(2026, 1, 1)
END = datetime.date(2027, 12, 31)

#: (number, title, goal, [(title, unit, planned quantity, source)])
PLAN = [
    (1, "Spójność działań regionalnych",
     "Koordynacja działań na rzecz ekonomii społecznej w regionie.", [
        ("Posiedzenia Regionalnego Komitetu Rozwoju Ekonomii Społecznej", "posiedzenia", 8, ""),
        ("Grupy tematyczne (co najmniej cztery)", "grupy", 4, ""),
        ("Doradztwo: wydane opinie", "opinie", 40, "opinions_issued"),
        ("Portal ekonomii społecznej", "portal", 1, ""),
        ("Analizy i raporty", "raporty", 2, ""),
        ("Katalog dobrych praktyk", "katalog", 1, ""),
        ("Partnerstwo lokalne", "partnerstwa", 1, ""),
        ("Baza podmiotów ekonomii społecznej", "baza", 1, ""),
    ]),
    (2, "Budowanie marki ekonomii społecznej",
     "Rozpoznawalność ekonomii społecznej w regionie.", [
        ("Konferencja inauguracyjna", "konferencje", 1, "conference"),
        ("Kampanie społeczne z mediami lokalnymi", "kampanie", 2, ""),
        ("Regionalne targi ekonomii społecznej", "targi", 2, "fair"),
        ("Promocja liderów ekonomii społecznej", "działania", 2, ""),
        ("Dni ekonomii społecznej na uczelniach", "dni", 4, "university_day"),
        ("Spotkania „Bez barier z ekonomią społeczną”", "spotkania", 4, "bez_barier"),
    ]),
    (3, "Podnoszenie kompetencji",
     "Wiedza i umiejętności kadr samorządu i podmiotów ekonomii społecznej.", [
        ("Warsztaty, moduł 1: klauzule społeczne", "warsztaty", 4, "workshop_1"),
        ("Warsztaty, moduł 2: usługi użyteczności publicznej", "warsztaty", 4, "workshop_2"),
        ("Warsztaty, moduł 3: współpraca i partnerstwo", "warsztaty", 4, "workshop_3"),
        ("Warsztaty, moduł 4: lokalne plany rozwoju ES", "warsztaty", 4, "workshop_4"),
        ("Wizyty studyjne", "wizyty", 2, "study_visit"),
    ]),
]  # fmt: skip


def plan_load(Task, Activity) -> None:
    """Create the plan once (models passed in, so a migration can use its historical ones)."""
    for number, title, goal, activities in PLAN:
        task, created = Task.objects.get_or_create(
            number=number, defaults={"title": title, "goal": goal}
        )
        if not created:
            continue
        Activity.objects.bulk_create(
            Activity(
                task=task, position=i, title=a_title, unit=unit, planned_quantity=qty,
                period_start=START, period_end=END, source=source,
            )
            for i, (a_title, unit, qty, source) in enumerate(activities, 1)
        )  # fmt: skip


#: The funder's export as seeded: (the funder's indicator name, esflow indicator, row key or ""
#: for the total). The names are worded after the programme's plan, in Polish as a reporting
#: form has them; the coordinator renames, adds and removes columns in the admin to match the
#: funder's actual form.
FUNDER_COLUMNS = [
    ("Liczba wniosków o doradztwo", "requests-topic", ""),
    ("Liczba wydanych opinii doradczych", "time-to-opinion", ""),
    ("Liczba opinii zalecających zamówienia zastrzeżone (art. 94 Pzp)", "clause-types", "art94"),
    ("Liczba opinii zalecających klauzulę zatrudnienia (art. 96 Pzp)", "clause-types", "art96"),
    ("Liczba opinii zalecających usługi społeczne zastrzeżone (art. 361 Pzp)", "clause-types",
     "art361"),
    ("Liczba opublikowanych dobrych praktyk", "practices-area", ""),
    ("Liczba uczestników wydarzeń", "participants-audience", ""),
    ("Liczba uczestników warsztatów, moduł 1", "participants-module", "1"),
    ("Liczba uczestników warsztatów, moduł 2", "participants-module", "2"),
    ("Liczba uczestników warsztatów, moduł 3", "participants-module", "3"),
    ("Liczba uczestników warsztatów, moduł 4", "participants-module", "4"),
    ("Liczba wydanych zaświadczeń", "certificates", ""),
    ("Liczba podmiotów ekonomii społecznej w rejestrze", "entities-form", ""),
    ("Liczba pracowników PES (stan na koniec okresu)", "employment", "employees_last"),
    ("Liczba osób zagrożonych wykluczeniem zatrudnionych w PES (stan na koniec okresu)",
     "employment", "at_risk_last"),
]  # fmt: skip


def funder_columns_load(FunderColumn) -> None:
    """Seed the funder's columns once (the historical model passed in by the migration)."""
    if FunderColumn.objects.exists():
        return
    FunderColumn.objects.bulk_create(
        FunderColumn(position=i, funder_name=name, indicator=slug, row=row)
        for i, (name, slug, row) in enumerate(FUNDER_COLUMNS, 1)
    )
