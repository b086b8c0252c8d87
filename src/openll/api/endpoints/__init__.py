"""The declared endpoints, one module per resource family. Importing this package imports every
module in it, and so registers every declaration (declaration.REGISTRY). A module may also list
`routes` (Django URL patterns) for endpoints that are not paginated lists."""

import importlib
import pkgutil
from types import ModuleType

_MODULES = [
    importlib.import_module(f"{__name__}.{info.name}")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
]


def modules() -> list[ModuleType]:
    return list(_MODULES)
