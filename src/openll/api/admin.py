from django.contrib import admin

from openll.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("id", "name", "rate", "created")
    search_fields = ("name",)
    readonly_fields = ("created",)
