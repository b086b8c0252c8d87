"""Launch vehicles: launchers (individual boosters), launcher configurations and their families."""

from openll.api.declaration import Endpoint
from openll.api.filters import CharInFilter, ModelMultipleChoiceFilter, NumberInFilter, filterset_for
from openll.catalog.models import Launcher, LauncherConfig, LauncherConfigFamily, Program

COUNTS = ["exact", "gt", "gte", "lt", "lte"]
TEXT = ["exact", "contains"]

# The launch and landing counters that configurations and families share.
STATISTICS = (
    "attempted_landings",
    "consecutive_successful_landings",
    "consecutive_successful_launches",
    "failed_landings",
    "failed_launches",
    "pending_launches",
    "successful_landings",
    "successful_launches",
    "total_launch_count",
)

# `id__contains` (launchers) and `manufacturer__id__contains` (families) are LL2's integer
# "contains": Django matches the id as text (`id::text LIKE '%12%'` on PostgreSQL), so
# `id__contains=12` finds 12, 112 and 1203. openll keeps that meaning, on SQLite too.

Endpoint(
    "launchers",
    filterset=filterset_for(
        Launcher,
        {
            "attempted_landings": COUNTS,
            "first_launch_date": ["exact"],
            "flight_proven": ["exact"],
            "flights": COUNTS,
            "id": TEXT,
            "is_placeholder": ["exact"],
            "last_launch_date": ["exact"],
            "launcher_config__manufacturer__name": TEXT,
            "serial_number": TEXT,
            "status": ["exact"],
            "successful_landings": COUNTS,
        },
        launcher_config__ids=NumberInFilter(
            field_name="launcher_config__id",
            lookup_expr="in",
            label="Launcher configuration ids",
            help_text="Comma-separated launcher config IDs.",
        ),
    ),
    search=("serial_number", "status__name"),
    ordering=("attempted_landings", "flight_proven", "flights", "id", "successful_landings"),
    # LL2's Launcher model is ordered by serial number (Space Launch Now server, api/models.py).
    default_ordering=("serial_number", "id"),
    examples={"filter": "is_placeholder=True", "search": "B1048", "ordering": "-flights"},
)

# `families`/`program` are repeatable (`families=1&families=2`): configurations in any of the
# families. LL2 also lists `families__contains`/`program__contains`, a lookup Django has no meaning
# for on a relation; openll reads them as "contains all of": `families__contains=1&families__contains=2`
# are the configurations in both families.
launcher_configurations = filterset_for(
    LauncherConfig,
    {
        **dict.fromkeys(STATISTICS, COUNTS),
        "active": ["exact"],
        "families": ["exact"],
        "full_name": TEXT,
        "is_placeholder": ["exact"],
        "maiden_flight": COUNTS,
        "manufacturer__name": TEXT,
        "name": TEXT,
        "program": ["exact"],
    },
    families__contains=ModelMultipleChoiceFilter(
        field_name="families",
        queryset=LauncherConfigFamily.objects.all(),
        conjoined=True,
        label="Families contains",
    ),
    program__contains=ModelMultipleChoiceFilter(
        field_name="program", queryset=Program.objects.all(), conjoined=True, label="Program contains"
    ),
)

Endpoint(
    "launcher_configurations",
    filterset=launcher_configurations,
    search=("full_name", "manufacturer__abbrev", "manufacturer__name", "name"),
    ordering=(
        *STATISTICS,
        "gto_capacity",
        "launch_cost",
        "launch_mass",
        "leo_capacity",
        "maiden_flight",
        "name",
    ),
    # LL2's LauncherConfig model is ordered by name (Space Launch Now server, api/models.py).
    default_ordering=("name", "id"),
    examples={"filter": "manufacturer__name=SpaceX", "search": "Soyuz", "ordering": "-total_launch_count"},
)

# A family's manufacturers are a list: a family matches when any of them does, listed once.
launcher_configuration_families = filterset_for(
    LauncherConfigFamily,
    {
        **dict.fromkeys(STATISTICS, COUNTS),
        "maiden_flight": COUNTS,
        "manufacturer__abbrev": TEXT,
        "manufacturer__id": TEXT,
        "manufacturer__name": TEXT,
        "name": TEXT,
    },
    # LL2 country codes are comma-separated ISO 3166-1 alpha-3 codes (FAQ); a manufacturer matches
    # when any of its countries is listed.
    manufacturer__country_code=CharInFilter(
        field_name="manufacturer__country__alpha_3_code", lookup_expr="in", label="Manufacturer country code"
    ),
)
for name, declared in launcher_configuration_families.base_filters.items():
    if name.startswith("manufacturer__"):
        declared.distinct = True

Endpoint(
    "launcher_configuration_families",
    filterset=launcher_configuration_families,
    search=("manufacturer__abbrev", "manufacturer__name", "name"),
    ordering=STATISTICS + ("name",),
    default_ordering=("id",),
    examples={"filter": "manufacturer__name=SpaceX", "search": "Ariane", "ordering": "-total_launch_count"},
)
