"""Files kept under MEDIA_ROOT, which no URL serves: a view streams one after its permission
check (evidence, quotations, imports, meeting notices, documents)."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def private_download(file: FieldFile, name: str, content_type: str = "") -> FileResponse:
    """The stored file as an attachment under its original name (the content type guessed from
    the name when not given); 404 when there is none."""
    if not file:
        raise Http404
    return FileResponse(
        file.open("rb"), as_attachment=True, filename=name, content_type=content_type or None
    )
