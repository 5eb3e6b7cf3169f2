"""Writes for the next covenant: one module per aggregate."""

from .draft import covenant_draft  # noqa: F401
from .negotiation import *  # noqa: F403
from .structure import *  # noqa: F403
