"""Django's entry point to the catalog: the models live in one module per domain."""

from .events import *  # noqa: F403
from .launches import *  # noqa: F403
from .lookups import *  # noqa: F403
from .media import *  # noqa: F403
from .organisations import *  # noqa: F403
from .people import *  # noqa: F403
from .places import *  # noqa: F403
from .spacecraft import *  # noqa: F403
from .stations import *  # noqa: F403
from .vehicles import *  # noqa: F403
