"""Launch vehicles: configuration families, configurations and individual boosters."""

from __future__ import annotations

from django.db import models

from .base import (
    BigInt,
    Bool,
    Date,
    DateTime,
    Duration,
    Entity,
    Float,
    Int,
    Measured,
    Ordered,
    OrderedLink,
    Ref,
    Text,
)


class LauncherConfigFamily(Entity):
    name = Text()
    manufacturer = Ordered("Agency", through="LauncherConfigFamilyManufacturer")
    parent = Ref("self")
    description = Text()
    active = Bool()
    maiden_flight = Date()
    total_launch_count = Int()
    consecutive_successful_launches = Int()
    successful_launches = Int()
    failed_launches = Int()
    pending_launches = Int()
    attempted_landings = Int()
    successful_landings = Int()
    failed_landings = Int()
    consecutive_successful_landings = Int()


class LauncherConfig(Measured):
    name = Text()
    families = Ordered("LauncherConfigFamily", through="LauncherConfigFamilies")
    full_name = Text()
    variant = Text()
    active = Bool()
    is_placeholder = Bool()
    manufacturer = Ref("Agency", related_name="launcher_list")
    program = Ordered("Program", through="LauncherConfigProgram")
    reusable = Bool()
    image = Ref("Image")
    info_url = Text()
    wiki_url = Text()
    description = Text()
    alias = Text()
    min_stage = Int()
    max_stage = Int()
    length = Float()
    diameter = Float()
    maiden_flight = Date()
    launch_cost = BigInt()
    launch_mass = Float()
    leo_capacity = Float()
    gto_capacity = Float()
    geo_capacity = Float()
    sso_capacity = Float()
    to_thrust = Float()
    apogee = Float()
    total_launch_count = Int()
    consecutive_successful_launches = Int()
    successful_launches = Int()
    failed_launches = Int()
    pending_launches = Int()
    attempted_landings = Int()
    successful_landings = Int()
    failed_landings = Int()
    consecutive_successful_landings = Int()
    fastest_turnaround = Duration()


class Launcher(Entity):
    flight_proven = Bool()
    serial_number = Text()
    is_placeholder = Bool()
    status = Ref("LauncherStatus")
    image = Ref("Image")
    details = Text()
    successful_landings = Int()
    attempted_landings = Int()
    flights = Int()
    last_launch_date = DateTime()
    first_launch_date = DateTime()
    fastest_turnaround = Duration()
    launcher_config = Ref("LauncherConfig")


class LauncherConfigFamilyManufacturer(OrderedLink):
    launcherconfigfamily = models.ForeignKey("LauncherConfigFamily", models.CASCADE)
    agency = models.ForeignKey("Agency", models.CASCADE)


class LauncherConfigFamilies(OrderedLink):
    launcherconfig = models.ForeignKey("LauncherConfig", models.CASCADE)
    launcherconfigfamily = models.ForeignKey("LauncherConfigFamily", models.CASCADE)


class LauncherConfigProgram(OrderedLink):
    launcherconfig = models.ForeignKey("LauncherConfig", models.CASCADE)
    program = models.ForeignKey("Program", models.CASCADE)
