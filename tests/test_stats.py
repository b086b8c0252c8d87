"""`openll stats`: each derived figure on data built for it, and imported values kept until it runs."""

from __future__ import annotations

import datetime as dt
import io
import json
from types import SimpleNamespace

import pytest
from conftest import LL2_FILES, utc
from django.core.management import call_command

from openll.catalog.models import (
    Agency,
    Astronaut,
    AstronautFlight,
    CelestialBody,
    DockingEvent,
    DockingLocation,
    Expedition,
    FirstStage,
    Landing,
    LandingLocation,
    Launch,
    Launcher,
    LauncherConfig,
    LauncherConfigFamily,
    LaunchStatus,
    Location,
    Mission,
    Orbit,
    Pad,
    PayloadFlight,
    Rocket,
    Spacecraft,
    SpacecraftConfig,
    SpacecraftConfigFamily,
    SpacecraftFlight,
    SpaceStation,
    Spacewalk,
)
from openll.stats import launches, people, spacecraft, stations, tallies, vehicles
from openll.stats.common import Snapshot
from openll.stats.recompute import FIGURES, recompute_all

NOW = utc(2025, 1, 1)
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def launch_statuses(db):
    """The nine statuses come with the migrations, but a module-scoped flush in another test module
    empties the table; the figures only need the ids."""
    for pk in range(1, 10):
        LaunchStatus.objects.get_or_create(pk=pk)


def snap() -> Snapshot:
    return Snapshot(now=NOW)


def refreshed(obj):
    obj.refresh_from_db()
    return obj


def stage(launch, launcher, *, attempt=True, success=None, at=None):
    landing = Landing.objects.create(attempt=attempt, success=success, landing_location=at)
    return FirstStage.objects.create(rocket=launch.rocket, launcher=launcher, landing=landing)


@pytest.fixture
def launch_world(db):
    """One provider, one pad, one configuration: L0 (2023, sub-orbital) success, L1 success,
    L2 failure, L3 and L4 success at the same NET, L5 Go (upcoming)."""
    earth = CelestialBody.objects.create(name="Earth")
    cape = Location.objects.create(name="Cape", celestial_body=earth)
    pad = Pad.objects.create(name="SLC-40", location=cape)
    spacex = Agency.objects.create(name="SpaceX")
    family = LauncherConfigFamily.objects.create(name="Falcon")
    f9 = LauncherConfig.objects.create(name="Falcon 9")
    f9.families.add(family)
    sub = Orbit.objects.create(name="Suborbital", abbrev="Sub")
    leo = Orbit.objects.create(name="Low Earth Orbit", abbrev="LEO")

    def launch(net, status, orbit=leo):
        made = Launch.objects.create(
            net=net,
            status_id=status,
            launch_service_provider=spacex,
            pad=pad,
            mission=Mission.objects.create(orbit=orbit),
        )
        Rocket.objects.create(configuration=f9, launch=made)
        return made

    w = SimpleNamespace(earth=earth, cape=cape, pad=pad, spacex=spacex, family=family, f9=f9)
    w.l0 = launch(utc(2023, 12, 31, 23), 3, orbit=sub)
    w.l1 = launch(utc(2024, 1, 10), 3)
    w.l2 = launch(utc(2024, 3, 1), 4)
    w.l3 = launch(utc(2024, 3, 5), 3)
    w.l4 = launch(utc(2024, 3, 5), 3)
    w.l5 = launch(utc(2025, 2, 1), 1)
    w.lz = LandingLocation.objects.create(name="LZ-1", location=cape, celestial_body=earth)
    w.asds = LandingLocation.objects.create(name="ASDS", celestial_body=earth)
    w.b1 = Launcher.objects.create(serial_number="B1")
    w.b2 = Launcher.objects.create(serial_number="B2")
    w.s0 = stage(w.l0, w.b1, success=True, at=w.lz)
    w.s1 = stage(w.l1, w.b2, success=False, at=w.asds)
    w.s3 = stage(w.l3, w.b1, success=True, at=w.lz)
    stage(w.l5, w.b2, success=None, at=w.lz)  # upcoming: not counted
    craft_flight = SpacecraftFlight.objects.create(
        launch=w.l3, landing=Landing.objects.create(attempt=True, success=True)
    )
    PayloadFlight.objects.create(launch=w.l4, landing=Landing.objects.create(attempt=True, success=False))
    w.craft_flight = craft_flight
    return w


def test_attempt_ordinals_count_every_launch_at_or_before_the_net_and_equal_nets_share_the_highest(
    launch_world,
):
    w = launch_world
    launches.attempt_ordinals(snap())
    got = {
        name: [getattr(refreshed(launch), name) for launch in (w.l0, w.l1, w.l2, w.l3, w.l4, w.l5)]
        for name in (
            "pad_launch_attempt_count",
            "pad_launch_attempt_count_year",
            "location_launch_attempt_count",
            "agency_launch_attempt_count_year",
            "orbital_launch_attempt_count",
            "orbital_launch_attempt_count_year",
        )
    }
    assert got["pad_launch_attempt_count"] == [1, 2, 3, 5, 5, 6]  # the failure and the upcoming Go count
    assert got["pad_launch_attempt_count_year"] == [1, 1, 2, 4, 4, 1]  # years of NET, UTC
    assert got["location_launch_attempt_count"] == [1, 2, 3, 5, 5, 6]
    assert got["agency_launch_attempt_count_year"] == [1, 1, 2, 4, 4, 1]
    assert got["orbital_launch_attempt_count"] == [None, 1, 2, 4, 4, 5]  # sub-orbital L0: none
    assert got["orbital_launch_attempt_count_year"] == [None, 1, 2, 4, 4, 1]


def test_pad_turnaround_is_the_time_since_the_previous_earlier_launch_from_the_pad(launch_world):
    w = launch_world
    launches.pad_turnaround(snap())
    assert refreshed(w.l0).pad_turnaround is None
    assert refreshed(w.l1).pad_turnaround == w.l1.net - w.l0.net
    # equal NETs are not each other's previous launch
    assert refreshed(w.l3).pad_turnaround == refreshed(w.l4).pad_turnaround == 4 * DAY


def test_agency_launch_tallies_count_launched_statuses_and_the_streak_since_the_last_failure(launch_world):
    tallies.agency_launches(snap())
    agency = refreshed(launch_world.spacex)
    assert (agency.total_launch_count, agency.successful_launches, agency.failed_launches) == (5, 4, 1)
    assert agency.pending_launches == 1
    assert agency.consecutive_successful_launches == 2


def test_an_agency_without_launches_gets_zero_not_its_imported_value(launch_world):
    other = Agency.objects.create(name="Old", total_launch_count=40)
    tallies.agency_launches(snap())
    assert refreshed(other).total_launch_count == 0


def test_agency_landing_tallies_split_boosters_spacecraft_and_payloads(launch_world):
    tallies.agency_landings(snap())
    a = refreshed(launch_world.spacex)
    assert (a.attempted_landings, a.successful_landings, a.failed_landings) == (3, 2, 1)
    assert a.consecutive_successful_landings == 1  # L1's landing failed, L3's succeeded
    assert (
        a.attempted_landings_spacecraft,
        a.successful_landings_spacecraft,
        a.failed_landings_spacecraft,
    ) == (
        1,
        1,
        0,
    )
    assert (a.attempted_landings_payload, a.successful_landings_payload, a.failed_landings_payload) == (
        1,
        0,
        1,
    )


def test_launcher_configuration_launch_tallies(launch_world):
    tallies.launcher_config_launches(snap())
    c = refreshed(launch_world.f9)
    assert (c.total_launch_count, c.successful_launches, c.failed_launches, c.pending_launches) == (
        5,
        4,
        1,
        1,
    )
    assert c.consecutive_successful_launches == 2


def test_launcher_configuration_landing_tallies_count_first_stages_of_launched_launches(launch_world):
    tallies.launcher_config_landings(snap())
    c = refreshed(launch_world.f9)
    assert (c.attempted_landings, c.successful_landings, c.failed_landings) == (3, 2, 1)
    assert c.consecutive_successful_landings == 1


def test_family_tallies_count_the_launches_of_its_configurations(launch_world):
    tallies.launcher_family_launches(snap())
    tallies.launcher_family_landings(snap())
    f = refreshed(launch_world.family)
    assert (f.total_launch_count, f.successful_launches, f.consecutive_successful_launches) == (5, 4, 2)
    assert (f.attempted_landings, f.successful_landings, f.consecutive_successful_landings) == (3, 2, 1)


def test_pad_tallies_leave_sub_orbital_launches_out_of_the_orbital_count(launch_world):
    tallies.pad_launches(snap())
    pad = refreshed(launch_world.pad)
    assert (pad.total_launch_count, pad.orbital_launch_attempt_count) == (5, 4)


def test_location_counts_launches_from_its_pads_and_landings_at_its_landing_zones(launch_world):
    tallies.location_launches(snap())
    tallies.location_landings(snap())
    cape = refreshed(launch_world.cape)
    assert cape.total_launch_count == 5
    assert cape.total_landing_count == 2  # L0 and L3 on LZ-1; L5's planned landing is not counted


def test_landing_location_tallies(launch_world):
    tallies.landing_location_landings(snap())
    lz, asds = refreshed(launch_world.lz), refreshed(launch_world.asds)
    assert (lz.attempted_landings, lz.successful_landings, lz.failed_landings) == (2, 2, 0)
    assert (asds.attempted_landings, asds.successful_landings, asds.failed_landings) == (1, 0, 1)


def test_celestial_body_tallies(launch_world):
    tallies.celestial_body_launches(snap())
    tallies.celestial_body_landings(snap())
    earth = refreshed(launch_world.earth)
    assert (earth.total_attempted_launches, earth.successful_launches, earth.failed_launches) == (5, 4, 1)
    assert (earth.total_attempted_landings, earth.successful_landings, earth.failed_landings) == (3, 2, 1)


def test_first_stage_flight_number_and_previous_flight_of_its_booster(launch_world):
    w = launch_world
    vehicles.first_stages(snap())
    s3 = refreshed(w.s3)
    assert s3.launcher_flight_number == 2
    assert s3.previous_flight_id == w.l0.id
    assert s3.previous_flight_date == w.l0.net
    assert s3.turn_around_time == w.l3.net - w.l0.net
    s0 = refreshed(w.s0)
    assert (s0.launcher_flight_number, s0.previous_flight_id, s0.turn_around_time) == (1, None, None)


def test_launcher_flights_dates_landings_and_fastest_turnaround(launch_world):
    w = launch_world
    vehicles.launchers(snap())
    b1, b2 = refreshed(w.b1), refreshed(w.b2)
    assert (b1.flights, b1.first_launch_date, b1.last_launch_date) == (2, w.l0.net, w.l3.net)
    assert b1.fastest_turnaround == w.l3.net - w.l0.net
    assert (b1.attempted_landings, b1.successful_landings) == (2, 2)
    assert (b2.flights, b2.fastest_turnaround) == (1, None)  # its Go launch has not flown
    assert (b2.attempted_landings, b2.successful_landings) == (1, 0)


def test_launcher_configuration_fastest_turnaround_is_its_fastest_booster_reflight(launch_world):
    vehicles.launcher_config_turnaround(snap())
    assert refreshed(launch_world.f9).fastest_turnaround == launch_world.l3.net - launch_world.l0.net


def test_pad_fastest_turnaround_is_the_shortest_gap_between_launched_launches(launch_world):
    vehicles.pad_turnaround(snap())
    assert refreshed(launch_world.pad).fastest_turnaround == 4 * DAY  # L2 -> L3; L3/L4 share a NET


@pytest.fixture
def crew_world(db):
    """Dragon C1: flight F1 (2024-01-01 to 01-11), flight F2 from 2024-03-01, still up; astronaut X
    on both, landed from F1 only; a spacewalk, a station with one active expedition and F2 docked."""
    family = SpacecraftConfigFamily.objects.create(name="Dragon family")
    config = SpacecraftConfig.objects.create(name="Dragon")
    config.family.add(family)
    c1 = Spacecraft.objects.create(name="C1", spacecraft_config=config)
    a = Launch.objects.create(net=utc(2024, 1, 1), status_id=3)
    b = Launch.objects.create(net=utc(2024, 3, 1), status_id=3)
    f1 = SpacecraftFlight.objects.create(
        spacecraft=c1,
        launch=a,
        mission_end=utc(2024, 1, 11),
        landing=Landing.objects.create(attempt=True, success=True),
    )
    f2 = SpacecraftFlight.objects.create(spacecraft=c1, launch=b)
    x = Astronaut.objects.create(name="X", date_of_birth=dt.date(1980, 6, 15))
    seat1, seat2 = AstronautFlight.objects.create(astronaut=x), AstronautFlight.objects.create(astronaut=x)
    f1.launch_crew.add(seat1)
    f1.landing_crew.add(seat1)
    f2.launch_crew.add(seat2)
    walk = Spacewalk.objects.create(start=utc(2024, 4, 1, 10), end=utc(2024, 4, 1, 16, 30))
    walk.crew.add(seat2)
    station = SpaceStation.objects.create(name="ISS", onboard_crew=7, docked_vehicles=5)
    Expedition.objects.create(spacestation=station, start=utc(2023, 9, 1), end=utc(2024, 3, 10))
    current = Expedition.objects.create(spacestation=station, start=utc(2024, 3, 10))
    current.crew.add(seat2)
    port = DockingLocation.objects.create(name="Harmony forward", spacestation=station)
    DockingEvent.objects.create(
        flight_vehicle_chaser=f1,
        space_station_target=station,
        docking_location=port,
        docking=utc(2024, 1, 2),
        departure=utc(2024, 1, 10),
    )
    docked = DockingEvent.objects.create(
        flight_vehicle_chaser=f2, space_station_target=station, docking_location=port, docking=utc(2024, 3, 2)
    )
    return SimpleNamespace(**locals())


def test_flight_duration_runs_from_launch_net_to_mission_end(crew_world):
    spacecraft.flight_durations(snap())
    assert refreshed(crew_world.f1).duration == 10 * DAY
    assert refreshed(crew_world.f2).duration is None  # still flying


def test_flight_turnaround_runs_from_the_previous_mission_end_to_the_next_launch(crew_world):
    spacecraft.flight_turnarounds(snap())
    assert refreshed(crew_world.f1).turn_around_time is None
    assert refreshed(crew_world.f2).turn_around_time == utc(2024, 3, 1) - utc(2024, 1, 11)


def test_spacecraft_time_in_space_counts_an_open_flight_until_now_and_docked_time_per_event(crew_world):
    spacecraft.spacecraft(snap())
    c1 = refreshed(crew_world.c1)
    assert (c1.flights_count, c1.mission_ends_count, c1.in_space) == (2, 1, True)
    assert c1.time_in_space == 10 * DAY + (NOW - utc(2024, 3, 1))
    assert c1.time_docked == 8 * DAY + (NOW - utc(2024, 3, 2))
    assert c1.fastest_turnaround == 50 * DAY


def test_spacecraft_configuration_tallies_and_fastest_turnaround(crew_world):
    spacecraft.spacecraft(snap())
    spacecraft.spacecraft_configs(snap())
    config = refreshed(crew_world.config)
    assert (config.spacecraft_flown, config.total_launch_count, config.successful_launches) == (1, 2, 2)
    assert (config.failed_launches, config.attempted_landings, config.successful_landings) == (0, 1, 1)
    assert config.fastest_turnaround == 50 * DAY


def test_spacecraft_family_tallies(crew_world):
    spacecraft.spacecraft_families(snap())
    family = refreshed(crew_world.family)
    assert (family.spacecraft_flown, family.total_launch_count, family.attempted_landings) == (1, 2, 1)


def test_spacewalk_duration_is_end_minus_start(crew_world):
    people.spacewalk_durations(snap())
    assert refreshed(crew_world.walk).duration == dt.timedelta(hours=6, minutes=30)


def test_astronaut_flights_landings_spacewalks_and_time_in_space(crew_world):
    people.astronauts(snap())
    x = refreshed(crew_world.x)
    assert (x.flights_count, x.landings_count, x.spacewalks_count) == (2, 1, 1)
    assert (x.first_flight, x.last_flight) == (utc(2024, 1, 1), utc(2024, 3, 1))
    assert x.eva_time == dt.timedelta(hours=6, minutes=30)
    assert x.time_in_space == 10 * DAY + (NOW - utc(2024, 3, 1))
    assert x.in_space is True
    assert x.age == 44


def test_station_onboard_crew_counts_the_crew_of_active_expeditions(crew_world):
    stations.expeditions(snap())
    station = refreshed(crew_world.station)
    assert station.onboard_crew == 1
    assert list(station.active_expeditions.all()) == [crew_world.current]


def test_a_docking_without_departure_is_a_docked_vehicle(crew_world):
    stations.docking(snap())
    station = refreshed(crew_world.station)
    assert station.docked_vehicles == 1
    assert list(station.active_docking_events.all()) == [crew_world.docked]
    assert refreshed(crew_world.port).currently_docked == crew_world.docked


def test_recompute_all_runs_every_figure_and_a_second_run_changes_nothing(launch_world):
    first = recompute_all(snap())
    assert list(first) == [name for name, _ in FIGURES]
    assert first["launch attempt ordinals"] == 6
    assert sum(recompute_all(snap()).values()) == 0


def test_imported_counts_stay_as_imported_until_stats_runs(load):
    """Mirrored data must not be rewritten behind the user's back: only `openll stats` recomputes,
    and then from what is stored locally (here: no launches at all)."""
    path = next(p for p in LL2_FILES if p.name == "locations.detailed.json")
    upstream = next(item for item in json.loads(path.read_text()) if item["total_launch_count"])
    load(path)
    location = Location.objects.get(pk=upstream["id"])
    assert location.total_launch_count == upstream["total_launch_count"]
    recompute_all(snap())
    assert refreshed(location).total_launch_count == 0


def test_the_stats_command_prints_each_figure_and_a_summary_line(launch_world):
    out = io.StringIO()
    call_command("stats", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == len(FIGURES) + 1
    assert lines[0].startswith("launch attempt ordinals")
    assert lines[-1].startswith("stats: ") and f"by {len(FIGURES)} figures" in lines[-1]
