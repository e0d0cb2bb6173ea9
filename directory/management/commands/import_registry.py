from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.registry.importer import registry_import_file


class Command(BaseCommand):
    help = (
        "Import social-economy entities from a CSV (UTF-8) or XLSX file. Without --apply it is "
        "a dry run that reports what would happen; with --apply the file is imported entirely "
        "or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--apply", action="store_true", help="store the changes")

    def handle(self, *args, path, apply, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        report = registry_import_file(name=file.name, content=file.read_bytes(), dry_run=not apply)
        for error in report.errors:
            self.stderr.write(error)
        for row, label in report.labelled_rows():
            line = f"line {row.line}: {row.name or '-'}: {label}"
            if row.reasons:
                line += " — " + " ".join(row.reasons)
            elif row.changes:
                line += " (" + ", ".join(row.changes) + ")"
            self.stdout.write(line)
        summary = ", ".join(
            f"{action}: {report.count(action)}"
            for action in ("create", "update", "unchanged", "refused")
        )
        self.stdout.write(summary)
        if not report.ok:
            raise CommandError("Nothing was imported: fix the refused rows and run it again.")
        self.stdout.write(
            self.style.SUCCESS("Imported.") if report.applied else "Dry run: nothing was stored."
        )
