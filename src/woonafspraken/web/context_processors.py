from typing import Any

from django.http import HttpRequest

from woonafspraken.core.demo import fillers


def site(request: HttpRequest) -> dict[str, Any]:
    """Whether fictitious example data is stored: every page then shows a banner."""
    if not request.user.is_authenticated:
        return {"demo_data_present": False}
    # Ask every filler (no short-circuit), so a page does the same number of queries with or without demo data.
    present = [filler.present() for filler in fillers]
    return {"demo_data_present": any(present)}
