"""The user's own API tokens: make one (its key shown once), list them, revoke one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apitokens import services
from apitokens.forms import TokenForm
from apitokens.models import ApiToken


def token_list(request):
    form = TokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        token, key = services.token_create(
            user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        form = TokenForm()
    context = {
        "form": form,
        "key": key,
        "tokens": ApiToken.objects.restrict(request.user),
    }
    response = render(request, "apitokens/tokens.html", context, status=400 if form.errors else 200)
    return response


@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken.objects.restrict(request.user, "revoke"), pk=pk)
    services.token_revoke(token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api_tokens")
