"""An image with its variants."""

from django.contrib import admin

from ..models import Image, ImageVariant
from .base import CatalogAdmin, ChildInline


class ImageVariantInline(ChildInline):
    model = ImageVariant
    fields = ("type", "image_url", "position")


@admin.register(Image)
class ImageAdmin(CatalogAdmin):
    inlines = [ImageVariantInline]
