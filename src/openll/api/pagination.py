from django.core.exceptions import EmptyResultSet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

from openll.api.filters import INT64_MAX
from openll.api.fragments import fragments


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

    def get_count(self, queryset) -> int:
        # Shared while the data generation holds (fragments.py): the next pages of a list cost
        # no COUNT over the whole table. The key is the query itself, with its parameters (the
        # clock's moments among them, for upcoming and previous lists).
        try:
            sql, params = queryset.query.sql_with_params()
            key = ("count", queryset.db, sql, tuple(params))
            hash(key)
        except (EmptyResultSet, TypeError):  # empty by its filters; a parameter that is no key
            return super().get_count(queryset)
        return fragments.value(key, lambda: super(Pagination, self).get_count(queryset))
