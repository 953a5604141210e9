"""Model mixins shared by the apps."""

import unicodedata

from django.db import models


class NFCTextMixin(models.Model):
    """Stores the text fields named in ``nfc_fields`` NFC-normalised.

    Vietnamese pasted from Word often arrives decomposed (NFD); stored as is, "Quý" typed on a
    keyboard and "Quý" pasted from Word would be different strings.
    """

    nfc_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field in self.nfc_fields:
            value = getattr(self, field)
            if value:
                setattr(self, field, unicodedata.normalize("NFC", value).strip())
        super().save(*args, **kwargs)
