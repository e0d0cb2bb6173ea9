# ruff: noqa: RUF001 (a period is written with an en dash)
"""The report pages: who may see them, what they show, the charts, the exports and the number of
queries (the same at 5 and at 60 objects)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import resolve_url
from django.urls import reverse

from casework.kinds.advisory.models import AdvisoryRequest
from directory.models import TerritorialUnit
from reports.models import Activity, ProgressEntry
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import advisory, at, issued, stamped, version_with

pytestmark = pytest.mark.django_db

PERIOD = "?start=2026-01-01&end=2026-12-31"
COORDINATOR_URLS = [
    reverse("reports:coordinator"),
    reverse("reports:chart", args=["requests-topic"]),
    reverse("reports:export", args=["requests-topic", "csv"]),
    reverse("reports:export", args=["wszystkie", "xlsx"]),
    reverse("reports:funder_export", args=["csv"]),
    reverse("reports:funder_export", args=["xlsx"]),
]


@pytest.mark.parametrize("url", COORDINATOR_URLS)
def test_coordinator_pages_refuse_others_with_404(client, advisor, url):
    client.force_login(advisor)
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", COORDINATOR_URLS)
def test_coordinator_pages_send_anonymous_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_unknown_indicator_or_format_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("reports:chart", args=["nope"])).status_code == 404
    assert client.get(reverse("reports:export", args=["nope", "csv"])).status_code == 404
    assert client.get(reverse("reports:export", args=["certificates", "pdf"])).status_code == 404


def test_private_indicator_is_not_public(client):
    assert client.get(reverse("reports:public_chart", args=["requests-status"])).status_code == 404
    assert client.get(reverse("reports:public_chart", args=["requests-topic"])).status_code == 200


def test_coordinator_page_shows_indicators_and_plan(client, coordinator, requests_2026):
    client.force_login(coordinator)
    response = client.get(reverse("reports:coordinator") + PERIOD, HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 200
    html = response.content.decode()
    items = dict(response.context["items"])
    assert len(items) == 20
    topic = next(r for i, r in response.context["items"] if i.slug == "requests-topic")
    assert topic.total == 4
    # The plan of DOMAIN.md, seeded by the migration: three tasks, nineteen activities.
    assert len(response.context["plan"]) == 19
    assert "Spójność działań regionalnych" in html
    assert (
        'src="/raporty/panel/wykres/requests-topic.svg?start=2026-01-01&amp;end=2026-12-31"' in html
    )


def test_bad_period_falls_back_with_an_error(client, coordinator):
    client.force_login(coordinator)
    for query in ("?start=2026-12-31&end=2026-01-01", "?start=99999-01-01", "?end=abc"):
        response = client.get(reverse("reports:coordinator") + query)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert response.context["period"].start.month == 1


def test_plan_progress_counts_and_entries(client, coordinator, opinions_2026, events_2026):
    client.force_login(coordinator)
    activity = Activity.objects.get(title="Kampanie społeczne z mediami lokalnymi")
    ProgressEntry.objects.create(
        activity=activity, on=datetime.date(2026, 5, 1), quantity=1,
        note="Spot radiowy w Radiu Kielce", entered_by=coordinator,
    )  # fmt: skip
    plan = {p.activity.source or p.activity.title: p for p in
            client.get(reverse("reports:coordinator")).context["plan"]}  # fmt: skip
    # Opinions issued in 2026-2027: the four of 2026 and the one of 1 January 2027.
    assert plan["opinions_issued"].done == 5
    assert plan["workshop_1"].done == 1
    assert plan["workshop_2"].done == 1
    assert plan["conference"].done == 1
    assert plan["fair"].done == 0  # held in 2025, before the programme's period
    campaigns = plan["Kampanie społeczne z mediami lokalnymi"]
    assert (campaigns.done, campaigns.computed, campaigns.notes) == (
        1, False, ["Spot radiowy w Radiu Kielce"],
    )  # fmt: skip
    assert campaigns.percent == 50.0


def test_chart_is_svg_without_script_running(client, coordinator, requests_2026):
    client.force_login(coordinator)
    response = client.get(reverse("reports:chart", args=["requests-topic"]) + PERIOD)
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith("<svg")
    assert "social" in svg or "klauzule" in svg
    # pygal's interactive script file is not included (js=[]); an <img> runs no script anyway.
    assert "pygal-tooltips" not in svg


def _csv(response):
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_csv_export_is_for_a_polish_spreadsheet(client, coordinator, requests_2026):
    client.force_login(coordinator)
    url = reverse("reports:export", args=["requests-powiat", "csv"]) + PERIOD
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = _csv(response)
    assert rows[0] == ["okres", "01.01.2026 – 31.12.2026"]
    assert rows[2][0] == "Wnioski o doradztwo według powiatów"
    assert rows[3:] == [["powiat", "wnioski"], ["kielecki", "2"], ["Kielce", "2"], ["razem", "4"]]


def test_exports_neutralise_formulas(client, coordinator, powiats):
    """A label beginning with "=" (here a powiat's name, as imported data could be) stays text."""
    from directory.models import TerritorialUnit

    TerritorialUnit.objects.filter(code="2661").update(name="=1+1")
    advisory(powiats["2661"], topic="cooperation", status="submitted",
             received=datetime.date(2026, 3, 3))  # fmt: skip
    client.force_login(coordinator)
    rows = _csv(client.get(reverse("reports:export", args=["requests-powiat", "csv"]) + PERIOD))
    assert ["'=1+1", "1"] in rows
    response = client.get(reverse("reports:export", args=["requests-powiat", "xlsx"]) + PERIOD)
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = {c.value: c for row in ws.iter_rows() for c in row}
    formula = cells["=1+1"]
    assert formula.data_type == "s"
    assert formula.quotePrefix
    count = ws.cell(row=formula.row, column=2)
    assert count.value == 1
    assert count.data_type == "n"


def test_xlsx_of_all_indicators_has_a_sheet_each(client, coordinator, requests_2026):
    client.force_login(coordinator)
    response = client.get(reverse("reports:export", args=["wszystkie", "xlsx"]) + PERIOD)
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(wb.worksheets) == 20
    ws = wb.worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[-1][1] == 4
    assert isinstance(values[-1][1], int)


def test_public_page_shows_public_aggregates_only(client, requests_2026):
    response = client.get(reverse("reports:public") + PERIOD)
    assert response.status_code == 200
    slugs = [i.slug for i, _r in response.context["items"]]
    assert "requests-status" not in slugs
    assert "requests-topic" in slugs
    html = response.content.decode()
    assert "/raporty/panel/" not in html  # no coordinator links
    assert "Wniosek" not in html  # no case titles


def _requests(n, org):
    for i in range(n):
        advisory(org, topic="local_plan", status="submitted",
                 received=datetime.date(2026, 1 + i % 12, 1 + i % 28))  # fmt: skip


def _opinions(n, org):
    for i in range(n):
        case = issued(
            org, started=datetime.date(2026, 2, 1), issued_at=at(2026, 3, 1 + i % 28),
            promised=datetime.date(2026, 3, 3),
            pauses=[(datetime.date(2026, 2, 2), datetime.date(2026, 2, 4))],
        )  # fmt: skip
        version_with(case, ["art94", "art96"][: 1 + i % 2])


def _practices(n, org):
    from casework.kinds.practice.models import GoodPractice
    from casework.models import Case, CaseEvent

    actor = UserFactory()
    for i in range(n):
        case = Case.objects.create(
            kind="practice", title="Praktyka", requesting_organisation=org, filed_by=actor,
            status="published",
        )  # fmt: skip
        GoodPractice.objects.create(case=case, area=["reintegration", "rops_owes"][i % 2])
        stamped(at(2026, 4, 1 + i % 28), lambda case=case: CaseEvent.objects.create(
            case=case, actor=actor, action="publish", from_status="in_approval",
            to_status="published"))  # fmt: skip


def _employment(n):
    from directory.registry.models import EmploymentFigure
    from tests.registry.factories import make_entry

    for i in range(n):
        entry = make_entry(f"Spółdzielnia {i}")
        for as_of in (datetime.date(2025, 12, 1), datetime.date(2026, 6, 1)):
            EmploymentFigure.objects.create(
                entry=entry,
                as_of=as_of,
                headcount=5 + i % 3,
                fte="4.50",
                at_risk={"disabled": 1, "unemployed": i % 2},
            )


def _agreements(n, orgs):
    from casework.kinds.agreement.models import Agreement, AgreementParty, AgreementVersion
    from casework.models import Case, CaseEvent

    actor = UserFactory()
    for i in range(n):
        case = Case.objects.create(
            kind="agreement", title="Porozumienie", requesting_organisation=orgs[0],
            filed_by=actor, status="in_force",
        )  # fmt: skip
        row = Agreement.objects.create(case=case)
        version = AgreementVersion.objects.create(
            agreement=row, number=1, sha256="0" * 64, sent_by=actor, title="Porozumienie"
        )
        for org in orgs:
            AgreementParty.objects.create(agreement=row, organisation=org, signed_version=version)
        stamped(at(2026, 5, 1 + i % 28), lambda case=case: CaseEvent.objects.create(
            case=case, actor=actor, action="enter_into_force", from_status="signing",
            to_status="in_force"))  # fmt: skip


def _bodies():
    from committee.models import Body

    return [
        Body.objects.create(
            organisation=OrganisationFactory(kind="committee", name=f"Organ {i}"),
            kind="committee",
            term_start=datetime.date(2023, 1, 1),
            is_public=i == 0,
        )
        for i in range(2)
    ]


def _meetings(n, bodies):
    from committee.models import Attendance, Meeting, Resolution

    actor = UserFactory()
    for i in range(n):
        body = bodies[i % 2]
        when = at(2026, 1 + i % 12, 1 + i % 28)
        meeting = Meeting.objects.create(
            body=body, title="Posiedzenie", place="Kielce", starts_at=when,
            ends_at=when + datetime.timedelta(hours=1), status="held", created_by=actor,
        )  # fmt: skip
        seat = MembershipFactory(organisation=body.organisation)
        Attendance.objects.create(
            meeting=meeting, membership=seat, status=["present", "absent"][i % 2],
            recorded_by=actor,
        )  # fmt: skip
        seq = Resolution.objects.count() + 1
        Resolution.objects.create(
            body=body, year=2026, seq=seq, number=f"{seq}/2026",
            title="Uchwała", text="…", adopted_on=when.date(), meeting=meeting, adopted_by=actor,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "public"), [("reports:coordinator", False), ("reports:public", True)]
)
def test_pages_run_the_same_queries_at_5_and_at_60(
    client,
    coordinator,
    powiats,
    events_2026,
    django_assert_num_queries,
    django_assert_max_num_queries,
    name,
    public,
):
    if not public:
        client.force_login(coordinator)
    url = reverse(name) + PERIOD
    from events.models import Event

    Event.objects.filter(module__isnull=False).update(
        gmina=TerritorialUnit.objects.get(code="2661011")
    )
    _requests(5, powiats["2661"])
    _opinions(5, powiats["2604"])
    _practices(5, powiats["2661"])
    _employment(5)
    bodies = _bodies()
    _agreements(5, [powiats["2661"], powiats["2604"]])
    _meetings(5, bodies)
    client.get(url)  # warm caches (sessions, the PKD tables)
    cache.clear()  # the public page's figures: computed, not read from the cache
    with django_assert_max_num_queries(60) as small:
        assert client.get(url).status_code == 200
    _requests(55, powiats["2604"])
    _opinions(55, powiats["2661"])
    _practices(55, powiats["2604"])
    _employment(55)
    _agreements(55, [powiats["2604"], powiats["2661"]])
    _meetings(55, bodies)
    Event.objects.filter(module__isnull=True).update(
        gmina=TerritorialUnit.objects.get(code="2604011")
    )
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
    assert AdvisoryRequest.objects.count() == 120


def test_coordinator_records_progress_with_a_note(client, coordinator):
    campaigns = Activity.objects.get(title="Kampanie społeczne z mediami lokalnymi")
    client.force_login(coordinator)
    response = client.post(
        reverse("reports:progress"),
        {"entry-activity": campaigns.pk, "entry-on": "2026-05-01", "entry-quantity": "1",
         "entry-note": "Spot w Radiu Kielce"},
    )  # fmt: skip
    assert response.status_code == 302
    entry = ProgressEntry.objects.get()
    assert (entry.activity, entry.quantity, entry.note, entry.entered_by) == (
        campaigns, 1, "Spot w Radiu Kielce", coordinator,
    )  # fmt: skip


@pytest.mark.parametrize(
    "data",
    [
        {"entry-on": "2026-05-01", "entry-quantity": "1", "entry-note": "x"},  # no activity
        {"entry-activity": "999999999999999999999", "entry-on": "2026-05-01",
         "entry-quantity": "1", "entry-note": "x"},
        {"entry-activity": "ACT", "entry-on": "1800-01-01", "entry-quantity": "1",
         "entry-note": "x"},
        {"entry-activity": "ACT", "entry-on": "2026-05-01", "entry-quantity": "0",
         "entry-note": "x"},
        {"entry-activity": "ACT", "entry-on": "2026-05-01", "entry-quantity": "1",
         "entry-note": ""},
        # An activity esflow counts itself takes no entries.
        {"entry-activity": "COUNTED", "entry-on": "2026-05-01", "entry-quantity": "1",
         "entry-note": "x"},
    ],
)  # fmt: skip
def test_bad_progress_entry_stores_nothing(client, coordinator, data):
    ids = {
        "ACT": str(Activity.objects.get(title="Kampanie społeczne z mediami lokalnymi").pk),
        "COUNTED": str(Activity.objects.get(source="opinions_issued").pk),
    }
    data = {k: ids.get(v, v) for k, v in data.items()}
    client.force_login(coordinator)
    response = client.post(reverse("reports:progress"), data)
    assert response.status_code == 200
    assert response.context["entry_form"].errors
    assert not ProgressEntry.objects.exists()


def test_progress_entry_refused_to_others(client, advisor):
    activity = Activity.objects.filter(source="").first()
    data = {"entry-activity": activity.pk, "entry-on": "2026-05-01", "entry-quantity": "1",
            "entry-note": "x"}  # fmt: skip
    client.force_login(advisor)
    assert client.post(reverse("reports:progress"), data).status_code == 404
    client.logout()
    assert client.post(reverse("reports:progress"), data).status_code == 302
    assert not ProgressEntry.objects.exists()


def test_csv_of_all_indicators_has_every_table(client, coordinator, requests_2026):
    client.force_login(coordinator)
    response = client.get(reverse("reports:export", args=["wszystkie", "csv"]) + PERIOD)
    rows = _csv(response)
    titles = [r[0] for r in rows if len(r) == 2 and r[1] == ""]
    assert len(titles) == 20
    assert titles[0] == "Wnioski o doradztwo według tematów"
    assert ["razem", "4"] in rows


def test_public_page_keeps_a_periods_figures_in_the_cache(
    client, requests_2026, django_assert_num_queries
):
    """The page and its charts compute the figures once per period and language; a new
    request within the cache's time reads them (and does not see a request filed since)."""
    url = reverse("reports:public") + PERIOD
    chart = reverse("reports:public_chart", args=["requests-topic"]) + PERIOD
    first = client.get(url)
    topic = dict(first.context["items"])
    assert next(r for i, r in topic.items() if i.slug == "requests-topic").total == 4
    advisory(AdvisoryRequest.objects.first().case.requesting_organisation, topic="local_plan",
             status="submitted", received=datetime.date(2026, 6, 1))  # fmt: skip
    with django_assert_num_queries(0):
        assert client.get(chart).status_code == 200
    again = client.get(url)
    assert next(r for i, r in again.context["items"] if i.slug == "requests-topic").total == 4
    # Another period, or another language, is computed anew.
    other = client.get(reverse("reports:public") + "?start=2026-01-01&end=2026-12-30")
    assert next(r for i, r in other.context["items"] if i.slug == "requests-topic").total == 4
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert next(r for i, r in english.context["items"] if i.slug == "requests-topic").total == 5
    cache.clear()
    fresh = client.get(url)
    assert next(r for i, r in fresh.context["items"] if i.slug == "requests-topic").total == 5


def test_coordinator_page_is_never_cached(client, coordinator, requests_2026):
    client.force_login(coordinator)
    url = reverse("reports:coordinator") + PERIOD
    assert client.get(url).status_code == 200
    advisory(AdvisoryRequest.objects.first().case.requesting_organisation, topic="local_plan",
             status="submitted", received=datetime.date(2026, 6, 1))  # fmt: skip
    items = client.get(url).context["items"]
    assert next(r for i, r in items if i.slug == "requests-topic").total == 5
