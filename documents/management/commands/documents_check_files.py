from django.core.management.base import BaseCommand, CommandError

from documents.services import documents_check_files


class Command(BaseCommand):
    help = "Hash every stored document file again and compare with the register."

    def handle(self, *args, **options):
        checked, problems = documents_check_files()
        for problem in problems:
            doc = problem.document
            self.stderr.write(f"{problem.problem}: {doc.number} v{doc.version} ({doc.file.name})")
        self.stdout.write(f"{checked} file(s) checked, {len(problems)} problem(s)")
        if problems:
            raise CommandError(f"{len(problems)} document file(s) missing or changed")
