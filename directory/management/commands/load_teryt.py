from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from directory.services import territorial_units_load
from directory.teryt import TerytFileError, parse_shipped, parse_terc, read_text, validate_region


class Command(BaseCommand):
    help = (
        "Load a voivodeship with its powiats and gminas from the TERYT files shipped with "
        "esflow, or from an official GUS TERC CSV (--file). Idempotent; a bad file loads nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--region",
            default=None,
            help="Voivodeship TERYT code (two digits); default: ESFLOW_REGION.",
        )
        parser.add_argument(
            "--file", type=Path, default=None, help="An official GUS TERC CSV (WOJ;POW;GMI;…)."
        )

    def handle(self, *args, region=None, file=None, **options):
        try:
            region = validate_region(region or settings.ESFLOW_REGION)
            if file is not None:
                units = parse_terc(read_text(file), region=region, source=file.name)
            else:
                units = parse_shipped(region=region)
        except TerytFileError as e:
            raise CommandError(str(e)) from e
        result = territorial_units_load(units=units)
        self.stdout.write(
            _(
                "TERYT %(region)s: %(total)d units (%(created)d new, %(updated)d updated, "
                "%(unchanged)d unchanged)."
            )
            % {
                "region": region,
                "total": result.total,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
