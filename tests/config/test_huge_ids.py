"""Every URL with an id answers 404 to an id no database row can have (issue 14).

The test walks the whole URLconf (``get_resolver()``), so a pattern added later is covered
without being listed here. Ids of 20 and 40 digits are beyond a ``bigint``: with Django's
``<int:…>`` they reached the database and SQLite raised ``OverflowError`` (a 500).
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from accounts.converters import BIGINT_MAX, IdConverter
from tests.factories import UserFactory

HUGE_IDS = ["9" * 20, "1" + "0" * 39]
# What the other converters get: any value they accept (the id decides the answer).
OTHER_VALUES = {
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
PLACEHOLDER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def _patterns(resolver=None, prefix="", converters=None):
    """(route, converters) of every leaf pattern, prefixes joined."""
    resolver = resolver or get_resolver()
    converters = dict(converters or {})
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        merged = {**converters, **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route, merged)
        elif isinstance(entry, URLPattern):
            yield route, merged


def _id_routes():
    routes = []
    for route, converters in _patterns():
        if route.startswith("admin/"):
            continue  # Django's admin: see test_the_admin_never_fails_on_a_huge_id
        if any(isinstance(c, IdConverter | IntConverter) for c in converters.values()):
            routes.append(route)
    return sorted(set(routes))


def _admin_object_routes():
    """The admin's object pages (``<path:object_id>``), one per model."""
    return sorted(
        {
            route
            for route, _ in _patterns()
            if route.startswith("admin/") and "<path:object_id>" in route
        }
    )


def _url(route: str, huge: str, id_converters=frozenset({"id", "int"})) -> str:
    def fill(match):
        conv = match.group("conv") or "str"
        return huge if conv in id_converters else OTHER_VALUES[conv]

    return "/" + PLACEHOLDER.sub(fill, route)


ID_ROUTES = _id_routes()


def test_the_walk_finds_the_id_patterns_of_every_app():
    """The walk is not vacuous: the known id pages are among what it finds."""
    assert len(ID_ROUTES) >= 24
    for expected in ("portal/rejestr/<id:pk>/", "katalog/rejestr/<id:pk>/historia/"):
        assert expected in ID_ROUTES


def test_no_pattern_uses_the_unbounded_int_converter():
    offending = [
        route
        for route, converters in _patterns()
        if any(type(c) is IntConverter for c in converters.values())
    ]
    assert offending == []


def test_the_converter_takes_every_bigint_and_nothing_beyond():
    converter = IdConverter()
    assert converter.to_python(str(BIGINT_MAX)) == BIGINT_MAX
    assert converter.to_python("0") == 0
    with pytest.raises(ValueError, match="beyond the range"):
        converter.to_python(str(BIGINT_MAX + 1))


@pytest.mark.django_db
@pytest.mark.parametrize("route", ID_ROUTES)
@pytest.mark.parametrize("huge", HUGE_IDS, ids=["20-digits", "40-digits"])
@pytest.mark.parametrize("who", ["anonymous", "staff", "superuser"])
def test_a_huge_id_is_404(client, route, huge, who):
    if who != "anonymous":
        client.force_login(
            UserFactory(is_staff=True, is_superuser=who == "superuser", email=f"{who}@example.pl")
        )
    url = _url(route, huge)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 404, f"{method.__name__.upper()} {url} as {who}"


ADMIN_ROUTES = _admin_object_routes()


@pytest.mark.django_db
@pytest.mark.parametrize("huge", HUGE_IDS, ids=["20-digits", "40-digits"])
def test_the_admin_never_fails_on_a_huge_id(client, huge):
    """The admin's object pages take any text as an id and answer a missing object the
    admin's own way (back to the list with a message, or a refusal): never a 500."""
    assert len(ADMIN_ROUTES) >= 10
    client.force_login(UserFactory(is_staff=True, is_superuser=True, email="root@example.pl"))
    for route in ADMIN_ROUTES:
        url = _url(route, huge, id_converters={"path"})
        response = client.get(url)
        assert response.status_code in {302, 403, 404}, f"GET {url}"
