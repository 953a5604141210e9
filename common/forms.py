"""Form helpers shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

BLANK = "---------"
CHOOSE = _("— Choose —")


class BootstrapFormMixin:
    """Gives every widget the Bootstrap class it needs, so templates stay plain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            _name_the_blank_choice(field)


def _name_the_blank_choice(field) -> None:
    """Django's blank choice reads "---------"; say "— Choose —" instead."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == BLANK:
            field.empty_label = CHOOSE
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if any(label == BLANK for value, label in choices):
            field.choices = [(v, CHOOSE if label == BLANK else label) for v, label in choices]


class DateInput(forms.DateInput):
    """A text field showing dd/mm/yyyy whatever the browser's locale (type=date would not)."""

    def __init__(self, **kwargs):
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **kwargs.pop("attrs", {})}
        super().__init__(format="%d/%m/%Y", attrs=attrs, **kwargs)


class StyledForm(BootstrapFormMixin, forms.Form):
    """A plain form with Bootstrap classes (e.g. for django-filter's FilterSet.Meta.form)."""


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


SELECTED = mark_safe(" selected")


class FastSelect(forms.Select):
    """A <select> rendered in Python rather than through a template per <option>.

    Django's template-based widgets cost about 0.2 ms per option; on the register's filter bar
    the list of ~200 agencies was most of the page's server time (bench/RESULTS.md).
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        values = value if isinstance(value, list | tuple) else [value]
        selected = {str(v) for v in values if v not in (None, "")}
        # Groups come as Django writes them: (group label, [(value, label), ...]).
        parts, run = [], []
        for option, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(self._options(run, selected))
                run = []
                group = self._options(label, selected)
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', option, group))
            else:
                run.append((option, label))
        parts.append(self._options(run, selected))
        options = mark_safe("".join(parts))  # noqa: S308  (each part built by format_html)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)

    @staticmethod
    def _options(choices, selected: set[str]) -> str:
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, SELECTED if str(option) in selected else "", label)
                for option, label in choices
            ),
        )


class FastSelectMultiple(FastSelect):
    """A FastSelect choosing several options."""

    allow_multiple_selected = True
    value_from_datadict = forms.SelectMultiple.value_from_datadict
    value_omitted_from_data = forms.SelectMultiple.value_omitted_from_data

    def __init__(self, attrs=None):
        super().__init__({"multiple": True, **(attrs or {})})


PICKER = {"data-picker": "", "data-placeholder": _("Type to search…")}


class Picker(FastSelectMultiple):
    """A multiple choice people search by typing (static/js/pickers.js makes it a Tom Select
    box: diacritics optional, groups kept, chosen items removable); a plain list without JS.
    ``FastSelect(PICKER)`` is the single-choice one."""

    def __init__(self, attrs=None):
        super().__init__({**PICKER, **(attrs or {})})
