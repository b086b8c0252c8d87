from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

from openll.api.filters import INT64_MAX


class Pagination(LimitOffsetPagination):
    """LL2's envelope and links: `next`/`previous` keep the query and carry `limit`; the previous
    link of the second page drops `offset` (DRF's own behaviour, which LL2 runs on). A bad `limit`
    or `offset` is ignored, as DRF does, but an offset no database can skip is a 400."""

    default_limit = 10
    max_limit = 100

    def get_offset(self, request):
        offset = super().get_offset(request)
        if offset > INT64_MAX:
            raise ValidationError({self.offset_query_param: [f"Ensure this value is at most {INT64_MAX}."]})
        return offset
