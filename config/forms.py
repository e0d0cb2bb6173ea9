"""The form renderer: Django's widget templates, with the common widgets drawn in Python.

A page with a few select boxes of a hundred options each (the TERYT units of a region) spent
a third of its time rendering ``select_option.html`` once per option. ``FastRenderer`` writes
exactly what Django's own templates write — same attributes, same escaping, same whitespace
(tests/test_form_renderer.py compares the two on every widget it covers) — for the widgets
whose templates are only ``input.html``, ``select.html`` and ``select_option.html``; anything
else (or a template overridden by an app) goes through the templates as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
#: Templates that are nothing but ``{% include "django/forms/widgets/input.html" %}``.
INPUT_TEMPLATES = frozenset(
    WIDGETS + name
    for name in (
        "input.html",
        "text.html",
        "hidden.html",
        "date.html",
        "email.html",
        "password.html",
        "number.html",
        "url.html",
        "search.html",
        "tel.html",
        "checkbox.html",
        "datetime.html",
        "time.html",
    )
)
SELECT_TEMPLATE = WIDGETS + "select.html"
OPTION_TEMPLATE = WIDGETS + "select_option.html"


def _attrs(attrs: dict) -> str:
    """``attrs.html``: `` name="value"`` pairs; True is a bare name, False leaves it out."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = f' value="{conditional_escape(str(value))}"' if value is not None else ""
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _option(option: dict) -> str:
    return (
        f'<option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>"
    )


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option.get("template_name") != OPTION_TEMPLATE:
                return None
            # select_option.html ends with a newline, which its include keeps
            parts.append("\n  " + _option(option) + "\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastRenderer(DjangoTemplates):
    """Django's default form renderer, with ``input`` and ``select`` widgets drawn in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            html = None
            if template_name in INPUT_TEMPLATES:
                html = _input(widget)
            elif template_name == SELECT_TEMPLATE:
                html = _select(widget)
            if html is not None:
                # every name, value and label in ``html`` went through conditional_escape
                return mark_safe(html)  # noqa: S308
        return super().render(template_name, context, request)
