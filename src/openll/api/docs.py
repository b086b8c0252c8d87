"""The documentation block on top of every browsable page (Modes, Filters, Search, Ordering...),
written from the endpoint's declaration, in the words LL2 uses for the same block."""

from __future__ import annotations

from openll.api.declaration import Endpoint

HELP = (
    "#### Help\nFind all the FAQs and support links on the documentation homepage - "
    "[ll.thespacedevs.com/docs](https://ll.thespacedevs.com/docs/)"
)


def _codes(names) -> str:
    return ", ".join(f"`{name}`" for name in names)


def _example(endpoint: Endpoint, query: str) -> str:
    return f"Example - [/{endpoint.path}/?{query}](./?{query})"


def description(endpoint: Endpoint) -> str:
    sections = []
    modes = [m for m in endpoint.modes if m is not None]
    if modes:
        sections.append(
            f"#### Modes\nLevels of detail in the response - {_codes(modes)}\n\n"
            + _example(endpoint, f"mode={modes[0] if modes[0] == 'list' else modes[-1]}")
        )
    if endpoint.filter_names:
        sections.append(
            f"#### Filters\nParameters - {_codes(endpoint.filter_names)}\n\n"
            + _example(endpoint, endpoint.examples["filter"])
        )
    if endpoint.search:
        sections.append(
            f"#### Search\nFields searched - {_codes(sorted(endpoint.search))}\n\n"
            + _example(endpoint, f"search={endpoint.examples['search']}")
        )
    if endpoint.ordering:
        sections.append(
            f"#### Ordering\nFields - {_codes(sorted(endpoint.ordering))}\n\n"
            + _example(endpoint, f"ordering={endpoint.examples['ordering']}")
        )
    sections.append(
        "#### Number of results\nUse `limit` to control the number of objects in the response (max 100)\n\n"
        + _example(endpoint, "limit=2")
    )
    sections.append(
        "#### Format\nSwitch to JSON output - " + _example(endpoint, "format=json").removeprefix("Example - ")
    )
    sections.append(HELP)
    return "\n\n".join(sections)
