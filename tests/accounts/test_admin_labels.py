"""Non-superusers never meet English labels in the admin (issue 14): third-party models with
English names (django-axes, django-tasks-db) are for superusers only; every model anyone else
may see has a Polish name, app and model alike."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

THIRD_PARTY_ENGLISH = ["axes", "django_tasks_database"]


@pytest.fixture
def staff_with_every_permission(db):
    user = UserFactory(is_staff=True, email="staff@example.pl")
    user.user_permissions.set(Permission.objects.all())
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True, email="root@example.pl")


def _changelists(app_label):
    return [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry
        if m._meta.app_label == app_label
    ]


def test_every_model_a_non_superuser_may_see_has_a_polish_name(staff_with_every_permission):
    request = RequestFactory().get("/admin/")
    request.user = staff_with_every_permission
    visible = [
        model
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_module_permission(request) and model_admin.has_view_permission(request)
    ]
    assert len(visible) >= 15
    untranslated = []
    for model in visible:
        names = []
        for language in ("pl", "en"):
            with translation.override(language):
                names.append(
                    (str(model._meta.app_config.verbose_name), str(model._meta.verbose_name_plural))
                )
        (pl_app, pl_model), (en_app, en_model) = names
        if pl_app == en_app or pl_model == en_model:
            untranslated.append(f"{model._meta.label}: {pl_app} / {pl_model}")
    assert untranslated == []


@pytest.mark.parametrize("app_label", THIRD_PARTY_ENGLISH)
def test_english_third_party_admin_is_hidden_from_non_superusers(
    client, staff_with_every_permission, app_label
):
    client.force_login(staff_with_every_permission)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert f"/admin/{app_label}/" not in index.content.decode()
    assert client.get(reverse("admin:app_list", args=[app_label])).status_code == 404
    urls = _changelists(app_label)
    assert urls
    for url in urls:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("app_label", THIRD_PARTY_ENGLISH)
def test_superusers_keep_the_technical_records(client, superuser, app_label):
    client.force_login(superuser)
    assert f"/admin/{app_label}/" in client.get(reverse("admin:index")).content.decode()
    for url in _changelists(app_label):
        assert client.get(url).status_code == 200, url
