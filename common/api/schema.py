"""The OpenAPI schema lists, on every operation, each error status it can answer, all with the
one error body (``common/api/errors.py``), so a generated client can trust it:

- 401 without valid credentials, 403 when the role may not, 429 over the rate (throttles);
- 404 on a path with an id (outside the user's scope is "not found", as on the pages) and on
  lists (a page number past the end);
- 400 on writes and on lists with query parameters; 413 on writes (the size limit);
- whatever else the view names in ``error_statuses`` (e.g. ``(409, 428)`` for optimistic
  locking), or through ``extend_schema(responses={201: ..., 409: error(409)})``.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse

from common.api.errors import ErrorSerializer

DESCRIPTIONS = {
    400: _("The input is refused: see the fields in errors."),
    401: _("No valid credentials (token or session)."),
    403: _("The user's role may not do this."),
    404: _("Not found, or outside the user's committee."),
    405: _("Method not allowed."),
    409: _("Someone else changed it since it was read."),
    412: _("The version sent (If-Match) is no longer the current one."),
    413: _("The request is too large."),
    415: _("Unsupported media type."),
    428: _("The version read (If-Match or version) is required."),
    429: _("Too many requests: wait Retry-After seconds."),
}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def error(status_code: int) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=DESCRIPTIONS.get(status_code, ""))


class AutoSchema(openapi.AutoSchema):
    def error_statuses(self) -> set[int]:
        codes = {401, 403}
        if self.view.get_throttles():
            codes.add(429)
        if "{" in self.path:
            codes.add(404)
        if self.method in WRITES:
            codes |= {400, 413}
        elif self._is_list_view():
            codes |= {400, 404}  # a filter's value refused; a page past the end
        elif self.get_filter_backends() or self._get_paginator():
            codes.add(400)
        return codes | set(getattr(self.view, "error_statuses", ()))

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in sorted(self.error_statuses()):
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(error(code), str(code))
        return responses


# Request bodies' rules across fields, stated as the code enforces them (component: the sets of
# fields one of which must be given whole).
ANY_OF = {
    "ReportRequestRequest": [["period"], ["start", "end"]],  # reports.forms.ReportRequestForm
}


def state_the_rules(result, generator, request, public):
    """Postprocessing hook (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``): what a
    serializer cannot say, so a request the schema calls valid is one the code accepts.

    - An update with optimistic locking (an operation taking If-Match) requires ``version`` in
      its body: If-Match with the ETag is the alternative its description gives, and the
      header's value is a version ("3", W/"3").
    - ``ANY_OF``: bodies that need one of several sets of fields.
    """
    components = result.get("components", {}).get("schemas", {})
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            headers = [p for p in operation.get("parameters", ()) if p["name"] == "If-Match"]
            if not headers:
                continue
            for header in headers:
                header["schema"]["pattern"] = r'^(W/)?"?[0-9]+"?$'
            for content in operation.get("requestBody", {}).get("content", {}).values():
                name = content.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
                schema = components.get(name, {})
                if "version" in schema.get("properties", {}):
                    schema["required"] = sorted({*schema.get("required", ()), "version"})
    for name, alternatives in ANY_OF.items():
        if name in components:
            components[name]["anyOf"] = [{"required": fields} for fields in alternatives]
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            body = operation.get("requestBody", {})
            for content in body.get("content", {}).values():
                if content.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1] in ANY_OF:
                    body["required"] = True
    return result
