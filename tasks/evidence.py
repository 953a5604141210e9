"""Evidence files: checked by their content (not their name) and stored privately.

Files are saved under MEDIA_ROOT, which no URL serves; ``views.evidence_download`` streams
them after a permission check.
"""

from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_EVIDENCE_BYTES = settings.UPLOAD_MAX_FILE_BYTES

# File-name extension -> the content types the file's bytes may show. Old Office formats
# (.doc, .xls) share one container format, so either detection is accepted for both.
ALLOWED = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "doc": {"application/msword", "application/vnd.ms-excel"},
    "xls": {"application/msword", "application/vnd.ms-excel"},
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
}


def validate_evidence(upload) -> str:
    """Return the detected content type, or raise ValidationError naming the file."""
    name = upload.name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED:
        raise ValidationError(
            _('"%(name)s": only PDF, Word, Excel and image (PNG, JPEG) files are accepted.')
            % {"name": name}
        )
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _('"%(name)s" is larger than %(limit)s MB.')
            % {"name": name, "limit": MAX_EVIDENCE_BYTES // (1024 * 1024)}
        )
    head = upload.read(256 * 1024)  # enough for Office files to show their inner parts
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED[extension]:
        raise ValidationError(
            _('"%(name)s" is not really a .%(extension)s file: its content does not match.')
            % {"name": name, "extension": extension}
        )
    return kind.mime


def store_evidence(*, update, upload):
    from tasks.models import Evidence

    content_type = validate_evidence(upload)
    return Evidence.objects.create(
        update=update,
        file=upload,
        original_name=PurePath(upload.name).name[:255],
        content_type=content_type,
        size=upload.size,
    )
