"""Two administrators erasing the same person at once: the row lock makes it happen once."""

import threading

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection

from accounts.services import ERASED_LOG_MESSAGE, user_erase
from tests.factories import UserFactory


@pytest.mark.pg_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_erasures_of_one_person_erase_once(django_user_model, password):
    person = UserFactory(email="jan.rownolegly@example.pl", full_name="Jan Równoległy")
    admins = [
        django_user_model.objects.create_superuser(f"su{i}@example.pl", password, full_name="Su")
        for i in range(2)
    ]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def erase(actor):
        try:
            barrier.wait(timeout=10)
            user_erase(user=person, actor=actor)
        except BaseException as e:  # reported below, in the test's thread
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=erase, args=(a,)) for a in admins]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert errors == []
    erasures = LogEntry.objects.filter(object_id=str(person.pk), change_message=ERASED_LOG_MESSAGE)
    assert erasures.count() == 1
    person.refresh_from_db()
    assert person.email == f"erased-{person.pk}@invalid"
