"""Django system check of ``ESFLOW_PRACTICE_MIN_AVERAGE``: read when a practice's scores are
complete, a value that is not a score would fail there (a server error for the reviewer)."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.checks import Error, register

from .constants import SCORE_MAX, SCORE_MIN


@register()
def min_average_check(app_configs=None, **kwargs):
    value = settings.ESFLOW_PRACTICE_MIN_AVERAGE
    try:
        ok = SCORE_MIN <= Decimal(str(value)) <= SCORE_MAX
    except InvalidOperation:
        ok = False
    if ok:
        return []
    return [
        Error(
            f"ESFLOW_PRACTICE_MIN_AVERAGE is {value!r}, not an average score.",
            hint=f"Give a number from {SCORE_MIN} to {SCORE_MAX}, e.g. 3.00 (a dot, not a comma).",
            id="practice.E001",
        )
    ]
