"""The queue filter's selects (the region's ~100 gminas and 14 powiats, the staff, statuses,
kinds, sorts), drawn in Python.

Why this is not Django's ``Select``: the bench figure "queue page (50 rows + count) vs raw
SQL, 100,000 cases" has the band "at most 2.0 times" (issue 13), and with Django's
template-rendered ``Select`` (one template include per option) the page missed it; drawn here
it is inside (bench/README.md, "Queue page", has the figures). Every other select of the
project, the public registry's place selects included (that page is well inside its band), is
Django's own, and so is the form renderer.

``FilterSelect`` writes exactly what Django's ``select.html`` and ``select_option.html`` write
for flat choices (tests/queues/test_filter_select.py compares the two); option groups and
multiple selects go through Django's templates.
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """``attrs.html``: `` name="value"`` in order; True is a bare name, False leaves it out."""
    out = []
    for name, value in attrs.items():
        if value is True:
            out.append(f" {conditional_escape(name)}")
        elif value is not False:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


class FilterSelect(forms.Select):
    """Django's single ``<select>`` with its options written in Python."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if self.allow_multiple_selected or any(
            isinstance(label, (list, tuple)) for _value, label in choices
        ):
            return super().render(name, value, attrs, renderer)
        wanted = set(self.format_value(value))
        options = []
        chosen = False
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            selected = not chosen and option_value in wanted  # the first match only, as Django
            chosen = chosen or selected
            options.append(
                f'\n  <option value="{conditional_escape(option_value)}"'
                f"{' selected' if selected else ''}>{conditional_escape(label)}</option>\n"
            )
        head = f'<select name="{conditional_escape(name)}"'
        head += _attrs(self.build_attrs(self.attrs, attrs)) + ">"
        # every name, value and label went through conditional_escape
        return mark_safe(head + "".join(options) + "\n</select>")  # noqa: S308
