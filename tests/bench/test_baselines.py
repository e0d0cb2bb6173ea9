"""The raw-SQL baselines do the work their page does: the queue baseline prints the very rows
the advisor's queue page prints (the same cells, the same order), so the ratio between them
measures only how the page gets there (bench/README.md, "the queue figure")."""

import re

import pytest
from django.test import override_settings

from bench.generate import volume_generate
from casework.kinds.practice.constants import ThematicArea
from casework.kinds.practice.services import practice_create, practice_update
from casework.models import Case
from directory.models import Membership
from tests.practice.conftest import TEXT
from workflows.services import transition_apply

pytestmark = [pytest.mark.django_db, pytest.mark.pg_only]

ROW = re.compile(r"<tr>.*?</tr>", re.S)


def _rows(html: str) -> list[str]:
    """The table rows of the queue's body, whitespace collapsed."""
    body = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(row.split()) for row in ROW.findall(body)]


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_queue_baseline_prints_the_rows_the_page_prints(client):
    staff = volume_generate(seed=7, cases=40, orgs=12, entries=5, log=lambda _: None)
    advisor = staff.advisors[0]
    # A case of a second kind, so that both kinds' columns are filled in the rows.
    clerk = Membership.objects.filter(user__email__startswith="clerk").first()
    practice = practice_create(
        requesting_organisation=clerk.organisation,
        title="Stołówka spółdzielni socjalnej",
        area="reintegration",
        filed_by=clerk.user,
    )
    practice_update(case=practice, actor=clerk.user, title=practice.title, **TEXT)
    practice.refresh_from_db()
    transition_apply(
        case=practice, name="submit", actor=clerk.user, expected_status=practice.status
    )
    client.force_login(advisor)
    visible = Case.objects.visible_to(advisor).count()

    page = client.get("/sprawy/kolejka/?queue=all")
    baseline = client.get("/bench/queue/")

    assert page.status_code == baseline.status_code == 200
    page_rows, baseline_rows = _rows(page.text), _rows(baseline.text)
    assert len(page_rows) == visible < 50  # one page: every visible case is a row
    assert baseline_rows == page_rows
    practice_row = next(row for row in page_rows if "Stołówka spółdzielni socjalnej" in row)
    assert str(ThematicArea.REINTEGRATION.label) in practice_row
