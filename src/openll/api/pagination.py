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

    def paginate_queryset(self, queryset, request, view=None):
        """DRF's paging, with what fragments.py shares while the data generation holds: the count
        of a list, and the ordered ids of a list asked before (a search reads its matches once,
        not once per page; a page deep in a long list skips no rows)."""
        key = query_key(queryset)
        if key is None:
            return super().paginate_queryset(queryset, request, view)
        recurring = fragments.has(("count", *key))
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.count = fragments.value(("count", *key), lambda: super(Pagination, self).get_count(queryset))
        self.offset = self.get_offset(request)
        if self.count > self.limit and self.template is not None:
            self.display_page_controls = True
        if self.count == 0 or self.offset > self.count:
            return []
        if recurring and self.count <= MAX_SHARED_IDS:
            ids = fragments.value(("ids", *key), lambda: list(queryset), weight=len)
            return ids[self.offset : self.offset + self.limit]
        return list(queryset[self.offset : self.offset + self.limit])


MAX_SHARED_IDS = 100_000  # ids of one list kept (fragments.MAX_VALUE_WEIGHT bounds them all)


def query_key(queryset) -> tuple | None:
    """The query itself, with its parameters (the clock's moments among them, for upcoming and
    previous lists); None for a query that is empty by its filters or has a parameter that is
    no key."""
    try:
        sql, params = queryset.query.sql_with_params()
        key = (queryset.db, sql, tuple(params))
        hash(key)
    except (EmptyResultSet, TypeError):
        return None
    return key
