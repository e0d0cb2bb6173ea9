"""The form renderer: Django's widget templates, with the common widgets drawn in Python.

A page with a few select boxes of a hundred options each (the TERYT units of a region) spent
a third of its time rendering ``select_option.html`` once per option. ``FastRenderer`` writes
exactly what Django's own templates write — same attributes, same escaping, same whitespace
(tests/test_form_renderer.py compares the two on every widget it covers) — for the widgets
whose templates are only ``input.html``, ``select.html`` and ``select_option.html``; anything
else goes through the templates as before. (No app of ours overrides Django's widget
templates; one that did would need to leave this renderer.)
"""

import html

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

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


# Long, fixed choice lists (the TERYT units of a region) ---------------------------------

#: Rendered ``<option>`` lists by language and choices (see ``PlainSelect``); small.
_OPTIONS: dict[tuple, tuple[str, tuple[tuple[str, str], ...]]] = {}
_OPTIONS_MAX = 256


def _options(choices) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``(html, ((value, option html), ...))`` of ``choices``, none selected. Cached by the
    language and the choices as printed (a label's text, and whether it is safe HTML)."""
    key = (
        get_language(),
        tuple((v, str(label), isinstance(label, SafeData)) for v, label in choices),
    )
    cached = _OPTIONS.get(key)
    if cached is None:
        parts = []
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            text = str(label)
            if not isinstance(label, SafeData):
                text = html.escape(text)  # what django.utils.html.escape calls
            parts.append(
                (option_value, f'<option value="{html.escape(option_value)}">{text}</option>')
            )
        cached = ("\n".join(p for _v, p in parts), tuple(parts))
        if len(_OPTIONS) >= _OPTIONS_MAX:
            _OPTIONS.clear()
        _OPTIONS[key] = cached
    return cached


class PlainSelect(forms.Select):
    """Django's ``<select>`` markup, built in Python instead of through one template per
    option, and its options rendered once per language: the place filters have ~120
    options, which the template widget renders in milliseconds on every search."""

    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, (list, tuple)) for _v, label in self.choices):
            return super().render(name, value, attrs, renderer)  # option groups
        options, parts = _options(self.choices)
        selected = set(self.format_value(value))
        for option_value, option in parts:
            if option_value in selected:  # a single select marks only its first match
                marked = option.replace(">", " selected>", 1)
                options = options.replace(option, marked, 1)
                break
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # noqa: S308 (escaped in _options)
        )


class PlainCheckbox(forms.CheckboxInput):
    """Django's checkbox markup, built in Python (see ``PlainSelect``)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.check_test(value):
            attrs["checked"] = True
        formatted = self.format_value(value)
        if formatted is not None:
            attrs["value"] = formatted
        return format_html('<input type="checkbox" name="{}"{}>', name, flatatt(attrs))


class PlainChoiceField(forms.ChoiceField):
    """A choice field whose choices are ``(value, label)`` pairs, kept as given: Django would
    normalise them twice and deep-copy them for every form, and these are never changed
    in place (a form assigns new lists)."""

    widget = PlainSelect

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)  # shares the choices list

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = self.widget._choices = list(value)
