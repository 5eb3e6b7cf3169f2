"""signing."""

__all__: list[str] = []
