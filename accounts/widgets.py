"""Date and date-and-time inputs as the browser's pickers take them, in every language.

An ``<input type="date">`` holds only ``YYYY-MM-DD`` and an ``<input type="datetime-local">``
only ``YYYY-MM-DDTHH:MM``. Django's own ``DateInput`` and ``DateTimeInput`` print a value in
the active language's first input format ("04.03.2026", "04.03.2026 10:00:00" in Polish),
which such an input does not take: the browser shows an empty field and saving the form
loses the date. Every form that offers the browser's picker uses these two widgets; what the
user types is read by the field's own input formats, which take the ISO forms too.
"""

from django import forms

#: HTML's "valid date string" and "valid normalized local date and time string".
ISO_DATE = "%Y-%m-%d"
ISO_LOCAL_DATETIME = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """``<input type="date">`` showing a saved date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)


class DateTimeInput(forms.DateTimeInput):
    """``<input type="datetime-local">`` showing a saved time (in the current time zone)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_LOCAL_DATETIME)
