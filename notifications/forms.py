from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notifications.channels import CHANNELS
from notifications.kinds import KINDS, PORTAL
from notifications.models import ChannelChoice


class PreferencesForm(forms.Form):
    """A box per kind and channel other than the portal (which shows everything), and the
    language of the user's messages."""

    language = forms.ChoiceField(
        label=_("Language of e-mails"),
        choices=[("", _("The portal's default (Vietnamese)")), *settings.LANGUAGES],
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_profile = hasattr(user, "profile")
        if self.has_profile:
            self.fields["language"].initial = user.profile.language
        else:
            del self.fields["language"]
        chosen = {(c.kind, c.channel): c.enabled for c in ChannelChoice.objects.filter(user=user)}
        self.channels = [channel for name, channel in CHANNELS.items() if name != PORTAL]
        self.rows = []
        for code, kind in KINDS.items():
            boxes = []
            for channel in self.channels:
                name = f"{code}__{channel.name}"
                self.fields[name] = forms.BooleanField(
                    label=f"{kind.label}: {channel.label}",
                    required=False,
                    initial=chosen.get((code, channel.name), channel.name in kind.channels),
                )
                boxes.append(self[name])
            self.rows.append((kind, boxes))

    def enabled(self) -> set[tuple[str, str]]:
        return {
            tuple(name.split("__", 1))
            for name, value in self.cleaned_data.items()
            if "__" in name and value
        }
