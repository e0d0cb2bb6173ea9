"""The registry search and profile pages run a fixed number of queries, whatever the data."""

import pytest
from django.urls import reverse

from tests.registry.factories import make_entry

pytestmark = pytest.mark.django_db


def _entries(n):
    return [
        make_entry(f"Podmiot {i:03d}", offer="catering", rich=True, ready_for_public_contracts=True)
        for i in range(n)
    ]


@pytest.mark.parametrize(
    "params", ["", "?q=catering", "?powiat=2661&sort=name", "?ready=on&kind=social_cooperative"]
)
def test_registry_search_queries_do_not_grow_with_entries(
    client, teryt, django_assert_num_queries, params
):
    url = reverse("portal:registry") + params
    _entries(5)
    client.get(url)  # warm the caches (the map's projection, the region's units)
    # The counts per powiat (one grouped aggregate), the paginator's count, the page.
    expected = 3
    with django_assert_num_queries(expected) as small:
        assert client.get(url).status_code == 200
    _entries(55)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["profiles"]) == 20


def test_profile_queries_do_not_grow_with_entries(client, teryt, django_assert_num_queries):
    first = _entries(5)[0]
    url = reverse("portal:registry-entry", args=[first.pk])
    # Five for the profile, one for the organisation's good practices in the catalogue, one
    # for its partnership agreements (one query each, however many).
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
    last = _entries(55)[-1]
    with django_assert_num_queries(7):
        response = client.get(reverse("portal:registry-entry", args=[last.pk]))
    assert "56.21.Z" in response.content.decode()
