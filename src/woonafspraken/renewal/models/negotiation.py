"""negotiation."""

__all__: list[str] = []
