"""The writers and the personal-data functions of accounts.

Other apps add what they hold about a person through two settings, so that accounts needs to
import none of them: ``ESFLOW_PERSONAL_DATA_EXPORTERS`` (callables ``(user) -> dict`` whose
results are merged into the export) and ``ESFLOW_PERSONAL_DATA_ERASERS`` (callables
``(user, old_names: list[str]) -> None`` run inside the erasure transaction).
"""

from typing import Any

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

User = get_user_model()

ERASE_NOT_ALLOWED = gettext_lazy("Only a superuser may erase a person's data.")
ERASED_NAME = gettext_lazy("Erased user #%(pk)d")
ERASED_EMAIL = "erased-{pk}@invalid"
ERASED_LOG_MESSAGE = "Personal data erased (pseudonymised)."


def _hooks(setting: str) -> list:
    return [import_string(dotted) for dotted in getattr(settings, setting, [])]


def user_export(*, user) -> dict[str, Any]:
    """Everything esflow holds about a person, as JSON-ready data (GDPR art. 15 and 20)."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "is_active": user.is_active,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "erased_at": user.erased_at.isoformat() if user.erased_at else None,
        },
    }
    for exporter in _hooks("ESFLOW_PERSONAL_DATA_EXPORTERS"):
        data.update(exporter(user))
    return data


def _forget_login_records(emails: list[str]) -> None:
    """django-axes keeps the username (our e-mail) of every attempt; drop this person's."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__in=emails).delete()


def _sessions_of(user) -> list[str]:
    keys = []
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            keys.append(session.session_key)
    return keys


@transaction.atomic
def user_erase(*, user, actor) -> User:
    """Pseudonymise a person instead of deleting them: what points at the row still resolves,
    but no name or e-mail of theirs is left anywhere."""
    if not (actor and actor.is_active and actor.is_superuser):
        raise PermissionDenied(ERASE_NOT_ALLOWED)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.erased_at:
        return user
    old_names = [v for v in {user.full_name, user.email, str(user)} if v]
    with translation.override(settings.LANGUAGE_CODE):
        pseudonym = _(ERASED_NAME) % {"pk": user.pk}
    user.full_name = pseudonym
    user.email = ERASED_EMAIL.format(pk=user.pk)
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.preferred_language = settings.LANGUAGE_CODE
    user.erased_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    Session.objects.filter(session_key__in=_sessions_of(user)).delete()
    _forget_login_records(old_names)
    # The admin history names objects by their str(), which for users and memberships
    # contains the person's name or e-mail; rewrite those labels, keep the entries.
    for entry in LogEntry.objects.all().only("pk", "object_repr", "change_message").iterator():
        repr_, message = entry.object_repr, entry.change_message
        for old in old_names:
            repr_, message = repr_.replace(old, pseudonym), message.replace(old, pseudonym)
        if (repr_, message) != (entry.object_repr, entry.change_message):
            LogEntry.objects.filter(pk=entry.pk).update(object_repr=repr_, change_message=message)
    for eraser in _hooks("ESFLOW_PERSONAL_DATA_ERASERS"):
        eraser(user, old_names)
    LogEntry.objects.create(
        user=actor,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=pseudonym,
        action_flag=CHANGE,
        change_message=ERASED_LOG_MESSAGE,
    )
    return user
