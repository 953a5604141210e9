"""Model mixins shared by the apps."""

from django.db import models

from common.text import clean


class NFCTextMixin(models.Model):
    """Stores every text field (CharField, TextField) through ``common.text.clean``, stripped.

    Vietnamese pasted from Word often arrives decomposed (NFD); stored as is, "Quý" typed on a
    keyboard and "Quý" pasted from Word would be different strings. Control characters would
    break the reports' .xlsx and PDF. Code that writes rows in bulk (no ``save()``) calls
    :meth:`clean_text` itself.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.clean_text()
        super().save(*args, **kwargs)

    def clean_text(self) -> None:
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                if isinstance(value, str) and value:
                    setattr(self, field.attname, clean(value).strip())


def max_length(model: type[models.Model], name: str) -> int | None:
    """The length limit of a model's text column, for the form and API fields not built from
    the model: too long is then a message on the field, not a database error."""
    return model._meta.get_field(name).max_length
