"""The declared endpoints, one module per resource family. Importing this package imports every
module in it, and so registers every declaration (declaration.REGISTRY)."""

import importlib
import pkgutil

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    importlib.import_module(f"{__name__}.{_module.name}")
