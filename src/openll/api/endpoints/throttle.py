"""`/api-throttle/`: the caller's rate limit and use, as LL2 reports it.

The spec types the body as an array of APIThrottle, but LL2 answers a single object
(`{"your_request_limit": 15, "limit_frequency_secs": 3600, ...}`, which is what its clients read),
and so does openll. Asking never counts against the limit.
"""

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from openll import spec
from openll.api import throttling


class ApiThrottleView(APIView):
    throttle_classes = ()  # calls to this endpoint do not count (LL2 FAQ)

    @property
    def allowed_methods(self):
        return ["GET"]

    def get_view_name(self):
        return "API Throttle"

    def get_view_description(self, html=False):
        from rest_framework.utils.formatting import markup_description

        text = spec.operations()["/api-throttle/"].description
        return markup_description(text) if html else text

    def get(self, request):
        # Per client and per moment: never stored by openll's response cache or any other.
        return Response(throttling.status(request.META), headers={"Cache-Control": "no-store"})


routes = [path("api-throttle/", ApiThrottleView.as_view(), name="api-throttle")]
