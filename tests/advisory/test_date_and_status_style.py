"""Must-hold 3 (second half) of issue 14: no mixed date style and no disagreeing status form
on the case page, its history, the queue and the requester's list — in Polish and English,
for a request in every state.

Every date-like text on the rendered pages (tags stripped: ``<time datetime>`` values are
machine-readable and checked elsewhere) is found with broad patterns — numeric in any order
and separator, long dates with any month name in either language — and each one must be in
the literal list of expected forms for the language; every status label shown must be in
the literal list of forms that agree with the kind's noun ("wniosek", masculine).
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from workflows import calendar

from .helpers import apply, new_request, write_opinion

pytestmark = pytest.mark.django_db

#: Every date the pages may show, as the language writes it: prose (long) and tables (short),
#: datetimes with a comma before the time. Anything else found on a page is a failure.
EXPECTED_DATES = {
    "pl": {
        # received, events (the fake "now" follows the engine's calendar) and due dates
        "02.03.2026",
        "2 marca 2026 r.",
        "01.04.2026",
        "1 kwietnia 2026 r.",
        "03.03.2026",
        "3 marca 2026 r.",
        # intake: planned publication, needed by (prose in the request's details)
        "15 kwietnia 2026 r.",
        # the queue filter's example
        "31.03.2026",
    },
    "en": {
        "02/03/2026",
        "2 March 2026",
        "01/04/2026",
        "1 April 2026",
        "03/03/2026",
        "3 March 2026",
        "15 April 2026",
        "31/03/2026",
    },
}

#: The status forms a page may show (the Polish ones agree with "wniosek").
EXPECTED_STATUSES = {
    "pl": {
        "roboczy",
        "złożony",
        "w rozpatrzeniu",
        "oczekuje na informacje",
        "w zatwierdzaniu",
        "zatwierdzony",
        "załatwiony (wydano opinię)",
        "odrzucony",
        "wycofany",
    },
    "en": {
        "draft",
        "submitted",
        "in review",
        "awaiting information",
        "in approval",
        "approved",
        "published",
        "rejected",
        "withdrawn",
    },
}
#: Feminine or neuter forms that must never appear as a status beside "wniosek".
DISAGREEING = ["złożona", "zatwierdzona", "opublikowana", "odrzucona", "wycofana", "opublikowany"]

PL_MONTHS = (
    "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|"
    "listopada|grudnia|styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|"
    "październik|listopad|grudzień"
)
EN_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
#: Broad on purpose: any numeric date in any order with any separator, any long date in
#: either language and in either order (day-month or month-day), with or without "r.".
DATE_PATTERNS = [
    re.compile(r"(?<![\d])\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(?![\d])"),
    re.compile(rf"(?<![\d])\d{{1,2}} (?:{PL_MONTHS}|{EN_MONTHS})\.? \d{{4}}(?: r\.)?"),
    re.compile(rf"(?:{EN_MONTHS})\.? \d{{1,2}}, \d{{4}}"),
]


class _Text(HTMLParser):
    """The page's text, and the text of the elements that show a status."""

    STATUS_MARKERS = ("case-status", "event-status", "status-cell")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.statuses: list[str] = []
        self._status_depth = 0
        self._buffer: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        marker = attrs.get("id", "") + " " + (attrs.get("class") or "")
        if any(m in marker.split() for m in self.STATUS_MARKERS):
            self._status_depth = 1
            self._buffer = []
        elif self._status_depth:
            self._status_depth += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if self._status_depth:
            self._status_depth -= 1
            if not self._status_depth:
                self.statuses.append(" ".join("".join(self._buffer).split()))

    def handle_data(self, data):
        if self._skip:
            return
        self.parts.append(data)
        if self._status_depth:
            self._buffer.append(data)


def parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def dates_in(text: str) -> set[str]:
    found = set()
    for pattern in DATE_PATTERNS:
        found.update(m.group(0) for m in pattern.finditer(text))
    return found


@pytest.fixture
def now_follows_the_calendar(monkeypatch, clock):
    """Events are stamped at 14:05 Warsaw time on the engine's fake 'today'."""
    warsaw = timezone.get_default_timezone()

    def fake_now():
        moment = datetime.datetime.combine(calendar.today(), datetime.time(14, 5))
        return moment.replace(tzinfo=warsaw).astimezone(datetime.UTC)

    monkeypatch.setattr(timezone, "now", fake_now)
    return fake_now


@pytest.fixture
def cases_in_every_state(
    now_follows_the_calendar, clock, gmina, clerk, advisor, coordinator, member2
):
    """One request in each state of the advisory flow (all received on 2 March 2026)."""
    made = {"draft": new_request(gmina, clerk, title="Wniosek roboczy")}
    made["submitted"] = apply(new_request(gmina, clerk, title="Złożony"), "submit", clerk)
    made["in_review"] = apply(
        apply(new_request(gmina, clerk, title="Rozpatrywany"), "submit", clerk), "accept", advisor
    )
    waiting = apply(
        apply(new_request(gmina, clerk, title="Czeka"), "submit", clerk), "accept", advisor
    )
    made["awaiting_info"] = apply(waiting, "request_info", advisor, question="Proszę o OPZ.")
    deciding = apply(
        apply(new_request(gmina, clerk, title="Decyzja"), "submit", clerk), "accept", advisor
    )
    write_opinion(deciding, advisor)
    made["in_approval"] = apply(deciding, "submit_for_approval", advisor)
    approving = apply(
        apply(new_request(gmina, clerk, title="Zatwierdzany"), "submit", clerk), "accept", advisor
    )
    write_opinion(approving, advisor)
    approving = apply(approving, "submit_for_approval", advisor)
    sha = approving.advisory.current_version.sha256
    made["approved"] = apply(approving, "approve", member2, version=sha)
    publishing = apply(
        apply(new_request(gmina, clerk, title="Wydany"), "submit", clerk), "accept", advisor
    )
    write_opinion(publishing, advisor)
    publishing = apply(publishing, "submit_for_approval", advisor)
    sha = publishing.advisory.current_version.sha256
    publishing = apply(publishing, "approve", member2, version=sha)
    clock.advance(1)  # issued the next day: the actual date differs from the received one
    made["published"] = apply(publishing, "publish", advisor)
    clock.day = datetime.date(2026, 3, 2)
    made["rejected"] = apply(
        apply(new_request(gmina, clerk, title="Odrzucony"), "submit", clerk),
        "decline",
        coordinator,
        reason="Poza zakresem programu.",
    )
    made["withdrawn"] = apply(
        apply(new_request(gmina, clerk, title="Wycofany"), "submit", clerk),
        "withdraw",
        clerk,
        reason="Zamówienie odwołane.",
    )
    assert {status: case.status for status, case in made.items()} == {s: s for s in made}
    return made


def pages(client, cases, clerk, coordinator):
    """(name, html) of the case page and history of every case, the queue (all) and the
    requester's list."""
    found = []
    client.force_login(coordinator)
    for status, case in cases.items():
        if status == "draft":
            continue
        found.append(
            (f"case {status}", client.get(reverse("casework:case-detail", args=[case.pk])))
        )
        found.append(
            (f"history {status}", client.get(reverse("casework:case-events", args=[case.pk])))
        )
    found.append(("queue", client.get(reverse("casework:queue") + "?queue=all")))
    client.force_login(clerk)
    draft = cases["draft"]
    found.append(("case draft", client.get(reverse("casework:case-detail", args=[draft.pk]))))
    found.append(("my requests", client.get(reverse("casework:my-cases"))))
    for name, response in found:
        assert response.status_code == 200, name
    return [(name, response.content.decode()) for name, response in found]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_every_date_and_status_on_the_case_queue_and_history_pages_is_in_the_expected_form(
    client, cases_in_every_state, clerk, coordinator, language
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    rendered = pages(client, cases_in_every_state, clerk, coordinator)
    seen_dates, seen_statuses = set(), set()
    for name, html in rendered:
        assert f'lang="{language}"' in html.split(">", 2)[1] or name.startswith("history"), name
        parsed = parse(html)
        text = " ".join(" ".join(parsed.parts).split())
        dates = dates_in(text)
        unexpected = dates - EXPECTED_DATES[language]
        assert not unexpected, (name, unexpected)
        seen_dates |= dates
        statuses = set(parsed.statuses)
        assert statuses <= EXPECTED_STATUSES[language], (name, statuses)
        if name in ("queue", "my requests") or name.startswith("history"):
            assert statuses, name  # the status cells are found, so they are checked
        seen_statuses |= statuses
        if language == "pl":
            for wrong in DISAGREEING:
                assert not re.search(rf"\b{wrong}\b", " ".join(parsed.statuses)), (name, wrong)
    # Every state's label was met, and the pages really showed dates of both styles.
    assert seen_statuses == EXPECTED_STATUSES[language]
    short, long_ = (
        ("02.03.2026", "2 marca 2026 r.") if language == "pl" else ("02/03/2026", "2 March 2026")
    )
    assert short in seen_dates
    assert long_ in seen_dates


def test_a_published_request_keeps_its_promised_date_beside_the_actual_one(
    client, cases_in_every_state, clerk, coordinator
):
    """After publication the promised date is still shown (not "—"), with the actual date and
    whether it was kept; the requester's list shows the same in the table style."""
    published = cases_in_every_state["published"]
    assert published.due_date is None
    assert published.promised_date == datetime.date(2026, 4, 1)
    client.force_login(clerk)
    page = client.get(reverse("casework:case-detail", args=[published.pk])).content.decode()
    assert "obiecano do 1 kwietnia 2026 r., załatwiono 3 marca 2026 r." in page
    assert "(w terminie)" in page
    listing = client.get(reverse("casework:my-cases")).content.decode()
    assert "obiecano do 01.04.2026, załatwiono 03.03.2026" in listing


def test_a_late_answer_is_marked_late(client, now_follows_the_calendar, clock, gmina, clerk):
    case = apply(new_request(gmina, clerk, title="Spóźniony"), "submit", clerk)
    clock.advance(40)  # past the 30 days
    case = apply(case, "withdraw", clerk, reason="Zamówienie odwołane.")
    client.force_login(clerk)
    page = client.get(reverse("casework:case-detail", args=[case.pk])).content.decode()
    assert "obiecano do 1 kwietnia 2026 r., załatwiono 11 kwietnia 2026 r." in page
    assert "(po terminie)" in page


@pytest.mark.parametrize(
    ("needed_by", "flagged"), [("2026-03-20", True), ("2026-04-01", False), ("2026-05-01", False)]
)
def test_the_queue_shows_the_needed_by_date_flagged_when_the_deadline_is_later(
    client, now_follows_the_calendar, clock, gmina, clerk, coordinator, needed_by, flagged
):
    from .helpers import SCHOOL_CATERING, complete_intake

    intake = complete_intake(data={**SCHOOL_CATERING, "requested_date": needed_by})
    apply(new_request(gmina, clerk, intake=intake), "submit", clerk)  # due 01.04.2026
    client.force_login(coordinator)
    html = client.get(reverse("casework:queue") + "?queue=all").content.decode()
    assert '<th scope="col">Opinia potrzebna do</th>' in html
    shown = datetime.date.fromisoformat(needed_by).strftime("%d.%m.%Y")
    assert f"<td>{shown}" in html
    assert ("(termin późniejszy)" in html) is flagged
