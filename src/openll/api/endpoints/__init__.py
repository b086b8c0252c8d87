"""The declared endpoints, one module per resource family. Importing this package registers
them all (declaration.REGISTRY)."""

from . import docking_events, spacecraft  # noqa: F401
