"""Writes for the next covenant: one module per aggregate."""

from woonafspraken.renewal.services.signing import (
    covenant_freeze,
    covenant_sign,
    covenant_unfreeze,
    signature_withdraw,
)

__all__ = ["covenant_freeze", "covenant_sign", "covenant_unfreeze", "signature_withdraw"]
