"""Polish formats (Django's FORMAT_MODULE_PATH): one style for prose, one for tables.

Django's own Polish module writes short dates as ``05-01-2027`` and long ones without the
customary "r."; Polish office writing (and the instrukcja kancelaryjna) uses ``06.12.2026`` in
tables and "6 grudnia 2026 r." in sentences. Templates use the named formats only
(``|date:"DATE_FORMAT"`` in prose, ``|date:"SHORT_DATE_FORMAT"`` in tables), so changing the
style here changes every page.
"""

# "E" is the month's genitive ("grudnia"); "\r" is a literal r.
DATE_FORMAT = "j E Y \\r."
DATETIME_FORMAT = "j E Y \\r., H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = ","
# A no-break space, so that an amount never wraps between its groups.
THOUSAND_SEPARATOR = "\u00a0"
NUMBER_GROUPING = 3
