from django import forms
from django.utils.translation import gettext_lazy as _

from apitokens.models import ApiToken
from apitokens.services import MAX_DAYS
from common.forms import BootstrapFormMixin
from common.models import max_length


class TokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=max_length(ApiToken, "name"),
        help_text=_("What the token is for, e.g. the department's document system."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=90,
    )
