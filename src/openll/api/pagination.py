from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """LL2's envelope and links: `next`/`previous` keep the query and carry `limit`; the previous
    link of the second page drops `offset` (DRF's own behaviour, which LL2 runs on)."""

    default_limit = 10
    max_limit = 100
