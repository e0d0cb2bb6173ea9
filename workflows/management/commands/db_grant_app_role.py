from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from workflows.dbguards import app_role_grant_sql


class Command(BaseCommand):
    help = (
        "PostgreSQL: grant the application's database role what the web and worker processes "
        "need, and no UPDATE, DELETE or TRUNCATE on the append-only tables. Run as the owner "
        "of the tables (the DATABASE_URL of migrate) after every migrate; idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role the application connects as")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, role, database, **options):
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are a PostgreSQL matter; nothing to do here.")
        try:
            statements = app_role_grant_sql(role)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        with transaction.atomic(using=database), connection.cursor() as cursor:
            # A superuser or the owner of the tables (or a member of the owner role) gets
            # past every trigger: refuse to pretend that such a role is limited.
            cursor.execute(
                "SELECT r.rolsuper, EXISTS (SELECT 1 FROM pg_tables t "
                "WHERE t.schemaname = 'public' AND pg_has_role(r.rolname, t.tableowner, 'MEMBER')) "
                "FROM pg_roles r WHERE r.rolname = %s",
                [role],
            )
            row = cursor.fetchone()
            if row is None:
                raise CommandError(f"There is no role {role}; create it first (README).")
            if row[0] or row[1]:
                raise CommandError(
                    f"{role} is a superuser or owns the tables; the application must connect "
                    "as a role that is neither (README, Production database)."
                )
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"Granted {role} the application's privileges.")
