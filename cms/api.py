"""The public, read-only JSON API (Wagtail API v2) at /api/v2/, so councils can show Practice Hub
content on their own sites.

Only the pages endpoint is published. It lists live pages outside any private section, and
shows of each page type only the fields that type declares in ``api_fields``: a field not
declared (a mentor's email address, say) cannot be selected, filtered on or ordered by. Images
and documents have no endpoint, because they may belong to drafts.
"""

from django.core.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    renderer_classes = [JSONRenderer]

    def get_queryset(self):
        """Let a page type fetch the relations its ``api_fields`` read in a fixed number of
        queries (a classmethod ``api_listing_queryset(queryset)`` on the model)."""
        queryset = super().get_queryset()
        optimise = getattr(queryset.model, "api_listing_queryset", None)
        return optimise(queryset) if optimise else queryset

    def handle_exception(self, exc):
        """A filter value the field cannot read (``?published_date=yesterday``) is bad input."""
        if isinstance(exc, ValidationError):
            exc = BadRequestError("field filter error: " + "; ".join(exc.messages))
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        """Public data, no credentials: any site may read it from a browser."""
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
