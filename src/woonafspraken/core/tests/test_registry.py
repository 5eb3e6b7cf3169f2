"""The one registry every plug-in point is made of."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from woonafspraken.core.registry import Registry


@dataclass(frozen=True)
class Item:
    name: str
    order: int = 100


def test_items_are_listed_by_order_then_name():
    registry = Registry[Item]("Item", key=lambda item: item.name, order=lambda item: item.order)
    for item in (Item("c", 20), Item("b", 10), Item("a", 20)):
        assert registry.register(item) is item
    assert [item.name for item in registry] == ["b", "a", "c"]
    assert registry.names() == ["b", "a", "c"] and len(registry) == 3


def test_without_an_order_items_keep_the_order_they_were_registered_in():
    registry = Registry[Item]("Item", key=lambda item: item.name)
    for name in ("pdf", "docx", "xlsx"):
        registry.register(Item(name))
    assert registry.names() == ["pdf", "docx", "xlsx"]


def test_lookup():
    registry = Registry[Item]("Item", key=lambda item: item.name)
    item = registry.register(Item("a"))
    assert registry["a"] is item and registry.get("a") is item and "a" in registry
    assert registry.get("b") is None and "b" not in registry
    with pytest.raises(KeyError):
        registry["b"]


def test_a_name_is_registered_once():
    registry = Registry[Item]("Report format", key=lambda item: item.name)
    registry.register(Item("pdf"))
    with pytest.raises(ValueError, match="Report format 'pdf' is registered twice."):
        registry.register(Item("pdf", order=1))
    assert registry["pdf"].order == 100


def test_temporarily_puts_everything_back():
    registry = Registry[Item]("Item", key=lambda item: item.name)
    registry.register(Item("a"))
    with registry.temporarily():
        assert registry.unregister("a") == Item("a") and registry.unregister("a") is None
        registry.register(Item("b"))
        assert registry.names() == ["b"]
    assert registry.names() == ["a"]
