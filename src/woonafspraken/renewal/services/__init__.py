"""Writes for the next covenant: one module per aggregate."""

from .bod import (  # noqa: F401
    bod_create,
    bod_item_add,
    bod_item_remove,
    bod_item_update,
    bod_respond,
    bod_submit,
    bod_update,
)
from .draft import covenant_draft  # noqa: F401
from .negotiation import *  # noqa: F403
from .signing import covenant_freeze, covenant_sign, covenant_unfreeze, signature_withdraw  # noqa: F401
from .structure import *  # noqa: F403
