"""The API's pagination (``REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]``): its own module, as
DRF imports it while ``rest_framework.generics`` loads."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


def _whole(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() else None


class Pagination(PageNumberPagination):
    """``count``, ``next``, ``previous`` and ``results``; ``?page=`` and ``?page_size=``, both
    refused (400 naming them) when not what the schema says, rather than silently replaced."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value is None or value in self.last_page_strings:
            return super().get_page_number(request, paginator)
        number = _whole(value)
        if not number:
            raise ValidationError({self.page_query_param: [_("Enter a page number: 1, 2, 3...")]})
        return number

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        size = _whole(value)
        if not size or size > self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Enter a page size from 1 to %(max)s.") % {"max": self.max_page_size}
                    ]
                }
            )
        return size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
