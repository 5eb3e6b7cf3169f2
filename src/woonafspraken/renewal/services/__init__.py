"""Writes for the next covenant: one module per aggregate."""

from .bod import (
    bod_create,
    bod_item_add,
    bod_item_remove,
    bod_item_update,
    bod_respond,
    bod_submit,
    bod_update,
)

__all__ = [
    "bod_create",
    "bod_item_add",
    "bod_item_remove",
    "bod_item_update",
    "bod_respond",
    "bod_submit",
    "bod_update",
]
