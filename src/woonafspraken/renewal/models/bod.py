"""bod."""

__all__: list[str] = []
