"""JSON as LL2 writes it: `?format=json` compact (with orjson, for speed), `?format=api` the
browsable page with the endpoint's generated documentation on top."""

from __future__ import annotations

import orjson
from rest_framework import renderers


class JSONRenderer(renderers.JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        if indent:  # the browsable page pretty-prints; keep DRF's 4-space layout there
            return super().render(data, accepted_media_type, renderer_context)
        return orjson.dumps(data)


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    def get_filter_form(self, data, view, request):
        # The docs header lists the filters; rendering a form of 90 filters per page is slow.
        return None

    def get_context(self, data, accepted_media_type, renderer_context):
        context = super().get_context(data, accepted_media_type, renderer_context)
        # A read-only page submits no form: without a CSRF token it sets no cookie and is the
        # same text for every client, so the response cache can keep it.
        context["csrf_token"] = ""
        return context
