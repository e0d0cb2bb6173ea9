"""The suite's own PostgreSQL connections may TRUNCATE the append-only tables.

pytest-django empties the database after every transactional test with ``manage.py flush``,
which is one TRUNCATE of all tables, and the append-only tables refuse TRUNCATE. Every
connection the suite opens therefore sets ``esflow.allow_truncate``, the convenience that
``workflows.dbguards`` documents (any session may set it; it is not a barrier). The guard
tests open a connection without it (``without_truncate_setting``) to show what the
application's connections get.
"""

from contextlib import contextmanager

from django.db import connection as default_connection
from django.db import connections
from django.db.backends.signals import connection_created

from workflows.dbguards import TRUNCATE_SETTING

DISPATCH_UID = "tests.dbreset.allow_truncate"


def allow_truncate(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [TRUNCATE_SETTING])


def install():
    """Set the convenience on every connection the suite opens from now on (and on any
    already open)."""
    connection_created.connect(allow_truncate, dispatch_uid=DISPATCH_UID)
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            allow_truncate(None, connection)


@contextmanager
def without_truncate_setting():
    """The default connection, reopened as the application opens it (no truncate setting);
    closed again afterwards so the next one is the suite's again.

    Only in transactional tests: it closes the connection.
    """
    default_connection.close()
    installed = connection_created.disconnect(dispatch_uid=DISPATCH_UID)
    try:
        yield default_connection
    finally:
        default_connection.close()
        if installed:
            connection_created.connect(allow_truncate, dispatch_uid=DISPATCH_UID)
