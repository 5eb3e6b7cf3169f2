"""The next covenant: one module per aggregate (bod, negotiation, signing)."""

from .bod import *  # noqa: F403
from .negotiation import *  # noqa: F403
from .signing import *  # noqa: F403
