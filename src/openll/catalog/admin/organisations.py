"""Agencies: their countries and social media links are ordered-list inlines (CatalogAdmin)."""

from django.contrib import admin

from ..models import Agency
from .base import CatalogAdmin


@admin.register(Agency)
class AgencyAdmin(CatalogAdmin):
    list_display = ("id", "name", "abbrev", "type", "featured", "total_launch_count")
    ordering = ("name", "pk")
