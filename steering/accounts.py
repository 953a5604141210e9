"""Signing in and passwords: the login page names the portal's committee, and a forgotten
password is reset through a link sent by e-mail (Django's token views, styled and translated).

The reset answers the same whether or not the address is known, so the form cannot be used to
find out who has an account.
"""

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.db import DatabaseError
from django.urls import path, reverse_lazy

from common.forms import BootstrapFormMixin
from steering.models import Committee


def portal_owner() -> str:
    """The committee named on the login page: ``PORTAL_OWNER`` if set, else the one committee
    at the top of the tree (empty when there are several)."""
    if settings.PORTAL_OWNER:
        return settings.PORTAL_OWNER
    try:
        roots = list(Committee.objects.filter(parent=None).values_list("name", flat=True)[:2])
    except DatabaseError:  # the login page still loads while the database is down
        return ""
    return roots[0] if len(roots) == 1 else ""


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(portal_owner=portal_owner(), **kwargs)


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(BootstrapFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    pass


urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=SetPasswordForm, success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
