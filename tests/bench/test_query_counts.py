"""The advisor's queue page runs the same number of queries at two generated sizes."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.generate import STATE_WEIGHTS, cases_bulk_create, volume_generate
from directory.models import Membership

pytestmark = pytest.mark.django_db

URLS = ["/sprawy/kolejka/?queue=all", "/sprawy/kolejka/?queue=mine", "/portal/rejestr/?q=catering"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queue_and_registry_pages_query_counts_do_not_grow_with_volume(client):
    staff = volume_generate(seed=5, cases=40, orgs=10, entries=20, log=lambda _: None)
    client.force_login(staff.advisors[0])
    for url in URLS:  # warm what lives for the process (the registry's cached place lists)
        client.get(url)
    before = {url: _queries(client, url) for url in URLS}
    rnd = random.Random(9)
    members = list(Membership.objects.filter(user__email__startswith="clerk"))
    specs = [
        {
            "organisation": m.organisation,
            "clerk": m.user,
            "status": rnd.choices(list(STATE_WEIGHTS), list(STATE_WEIGHTS.values()))[0],
        }
        for m in rnd.choices(members, k=400)
    ]
    cases_bulk_create(specs=specs, staff=staff, rnd=rnd)
    after = {url: _queries(client, url) for url in URLS}
    assert after == before
