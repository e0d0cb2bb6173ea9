"""Dates for machines: the ``datetime`` attribute of ``<time>``.

Django's ``date:'c'`` writes microseconds (``2026-12-06T10:15:30.123456+01:00``), which HTML
refuses: a fraction of a second has at most three digits. ``iso_datetime`` gives the moment to
the second with its offset from UTC, in the current time zone (what the visible text shows).
"""

import datetime

from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def iso_datetime(value) -> str:
    """``2026-12-06T10:15:30+01:00`` for a datetime, ``2026-12-06`` for a date, else ``""``."""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
