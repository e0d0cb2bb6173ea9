# ruff: noqa: RUF001, RUF002 (Polish legal text: en dashes and typographic quotes are right)
"""The default texts of the draft clause templates (version 1 of each type).

Polish legal text following ustawa z dnia 11 września 2019 r. – Prawo zamówień publicznych
(Pzp). Markers in braces are filled in from the request when the advisor inserts a clause
(``clauses.clause_facts``); bracketed gaps ([…]) are left for the gmina to complete. The
coordinator edits templates as new versions; these texts seed a type that has none (the
migration ``advisory 0003`` and ``clauses.current_templates``).
"""

PZP = "ustawy z dnia 11 września 2019 r. – Prawo zamówień publicznych"

DEFAULTS = [
    {
        "clause_type": "art94",
        "title": "Zamówienie zastrzeżone (art. 94 Pzp)",
        "legal_basis": f"art. 94 ust. 1 i 2 {PZP}",
        "text": (
            "Na podstawie art. 94 ust. 1 " + PZP + " zamawiający zastrzega, że o udzielenie "
            "zamówienia „{przedmiot}” mogą ubiegać się wyłącznie wykonawcy mający status "
            "zakładu pracy chronionej, spółdzielnie socjalne oraz inni wykonawcy, których "
            "głównym celem lub głównym celem działalności ich wyodrębnionych organizacyjnie "
            "jednostek, które będą realizowały zamówienie, jest społeczna i zawodowa "
            "integracja osób społecznie marginalizowanych, w szczególności: {grupy_docelowe}.\n"
            "Zgodnie z art. 94 ust. 2 Pzp procentowy wskaźnik zatrudnienia osób należących do "
            "jednej lub więcej kategorii, o których mowa w art. 94 ust. 1 Pzp, nie może być "
            "mniejszy niż 30% osób zatrudnionych przez wykonawcę albo jego jednostkę, która "
            "będzie realizowała zamówienie.\n"
            "Wykonawca składa wraz z ofertą oświadczenie o spełnieniu tych warunków, ze "
            "wskazaniem liczby osób zatrudnionych ogółem i liczby osób należących do tych "
            "kategorii, a na wezwanie zamawiającego – dokumenty potwierdzające swój status "
            "oraz zatrudnienie tych osób."
        ),
    },
    {
        "clause_type": "art95",
        "title": "Wymóg zatrudnienia na podstawie umowy o pracę (art. 95 Pzp)",
        "legal_basis": (
            f"art. 95 ust. 1 i 2 {PZP} w związku z art. 22 § 1 ustawy z dnia 26 czerwca "
            "1974 r. – Kodeks pracy"
        ),
        "text": (
            "Na podstawie art. 95 ust. 1 " + PZP + " zamawiający wymaga zatrudnienia przez "
            "wykonawcę lub podwykonawcę na podstawie stosunku pracy osób wykonujących przy "
            "realizacji zamówienia „{przedmiot}” następujące czynności: [wskazać czynności], "
            "jeżeli wykonanie tych czynności polega na wykonywaniu pracy w sposób określony w "
            "art. 22 § 1 Kodeksu pracy.\n"
            "Sposób weryfikacji zatrudnienia: w terminie 7 dni od wezwania zamawiającego "
            "wykonawca przedkłada oświadczenie o zatrudnieniu tych osób na podstawie umowy o "
            "pracę, ze wskazaniem ich liczby, rodzaju umowy i wymiaru etatu, a na żądanie "
            "zamawiającego – zanonimizowane kopie umów o pracę.\n"
            "Uprawnienia zamawiającego: w trakcie realizacji zamówienia zamawiający może żądać "
            "oświadczeń i dokumentów, o których mowa wyżej, wyjaśnień w razie wątpliwości oraz "
            "przeprowadzać kontrolę na miejscu wykonywania czynności.\n"
            "Sankcje: za każdy przypadek niespełnienia wymogu zatrudnienia na podstawie umowy "
            "o pracę wykonawca zapłaci karę umowną w wysokości [kwota] zł; niezłożenie w "
            "terminie żądanych dokumentów traktuje się jak niespełnienie wymogu."
        ),
    },
    {
        "clause_type": "art96",
        "title": (
            "Zatrudnienie osób z grup zagrożonych wykluczeniem jako wymaganie związane z "
            "realizacją zamówienia (art. 96 ust. 2 pkt 2 Pzp)"
        ),
        "legal_basis": f"art. 96 ust. 1, ust. 2 pkt 2 i ust. 3 {PZP}",
        "text": (
            "Na podstawie art. 96 ust. 2 pkt 2 " + PZP + " zamawiający wymaga, aby wykonawca "
            "przy realizacji zamówienia „{przedmiot}” zatrudnił przez cały okres jego "
            "realizacji ({czas_trwania}) {liczba_osob} spośród osób należących do następujących "
            "grup: {grupy_docelowe}.\n"
            "Zatrudnienie następuje na podstawie umowy o pracę w wymiarze co najmniej [1/2] "
            "etatu, do wykonywania czynności bezpośrednio związanych z realizacją zamówienia. "
            "W razie rozwiązania stosunku pracy przed zakończeniem realizacji zamówienia "
            "wykonawca zatrudnia na to miejsce inną osobę z tych grup w terminie 30 dni.\n"
            "Sposób dokumentowania zatrudnienia: w terminie 30 dni od zawarcia umowy, a "
            "następnie co kwartał, wykonawca przedkłada zamawiającemu oświadczenie o "
            "zatrudnieniu tych osób wraz z dokumentem potwierdzającym przynależność każdej z "
            "nich do wskazanej grupy (np. zaświadczeniem powiatowego urzędu pracy, orzeczeniem "
            "o niepełnosprawności), z poszanowaniem przepisów o ochronie danych osobowych.\n"
            "Kontrola i sankcje: zamawiający może żądać wyjaśnień i dokumentów oraz "
            "kontrolować spełnianie wymagania; za każdy miesiąc niespełnienia wymagania "
            "wykonawca zapłaci karę umowną w wysokości [kwota] zł za każdą niezatrudnioną osobę."
        ),
    },
    {
        "clause_type": "art242",
        "title": "Aspekty społeczne jako kryterium oceny ofert (art. 242 ust. 2 pkt 2 Pzp)",
        "legal_basis": f"art. 242 ust. 2 pkt 2 {PZP}",
        "text": (
            "Kryterium „Aspekty społeczne – zatrudnienie osób zagrożonych wykluczeniem "
            "społecznym” (waga: [20] %), ustalone na podstawie art. 242 ust. 2 pkt 2 " + PZP + " "
            "(kryterium jakościowe odnoszące się do aspektów społecznych, w tym integracji "
            "zawodowej i społecznej osób, o których mowa w art. 94 ust. 1 Pzp).\n"
            "W kryterium ocenia się zadeklarowaną w ofercie liczbę osób z następujących grup: "
            "{grupy_docelowe}, które wykonawca zatrudni na podstawie umowy o pracę przy "
            "realizacji zamówienia „{przedmiot}” przez cały okres jego realizacji:\n"
            "– 0 osób – 0 pkt,\n"
            "– 1 osoba – 10 pkt,\n"
            "– 2 osoby i więcej – 20 pkt.\n"
            "Zadeklarowane zatrudnienie jest zobowiązaniem umownym wykonawcy: podlega "
            "dokumentowaniu, kontroli i karom umownym na zasadach określonych w projektowanych "
            "postanowieniach umowy."
        ),
    },
    {
        "clause_type": "art361",
        "title": "Zamówienie na usługi społeczne zastrzeżone (art. 361 Pzp)",
        "legal_basis": f"art. 361 {PZP}",
        "text": (
            "Na podstawie art. 361 ust. 1 " + PZP + " zamawiający zastrzega, że o udzielenie "
            "zamówienia „{przedmiot}” mogą ubiegać się wyłącznie wykonawcy, którzy spełniają "
            "łącznie następujące warunki:\n"
            "1) celem ich działalności jest realizacja zadań w zakresie użyteczności publicznej "
            "związanych ze świadczeniem usług zdrowotnych, społecznych lub kulturalnych "
            "objętych zamówieniem;\n"
            "2) zyski są reinwestowane w celu osiągnięcia celu ich działalności, a w przypadku "
            "podziału lub redystrybucji zysków podział ten lub redystrybucja opierają się na "
            "zasadzie partycypacji;\n"
            "3) struktura zarządzania lub własności wykonawcy opiera się na zasadzie własności "
            "pracowniczej lub partycypacji albo wymaga aktywnego uczestnictwa pracowników, "
            "użytkowników lub zainteresowanych stron;\n"
            "4) w ciągu ostatnich 3 lat zamawiający nie udzielił im zamówienia na podstawie "
            "art. 361 Pzp.\n"
            "Umowa zostanie zawarta na okres {czas_trwania}, nie dłuższy niż 3 lata. Wykonawca "
            "wykazuje spełnienie warunków oświadczeniem oraz statutem, umową spółki lub innym "
            "dokumentem określającym cel działalności i zasady podziału zysków."
        ),
    },
]
