"""Which organisation and role a single sign-on user gets from their claims: plain, typed, no Django.

An identity provider's mappings are rules "claim ``groups`` holds ``kampen-coordinatoren`` -> Gemeente
Kampen, coordinator". A user matches a rule when the claim equals the value or, for a list claim such as
``groups``, contains it. All matching rules must name one organisation (else the login is refused as
ambiguous); the user gets the highest role among them. No matching rule: no organisation, refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rule:
    claim: str
    value: str
    organisation_id: int
    role: str


@dataclass(frozen=True)
class Membership:
    organisation_id: int
    role: str
    matched: tuple[Rule, ...]


class AmbiguousClaimsError(ValueError):
    """The claims match rules of more than one organisation."""

    def __init__(self, organisation_ids: Sequence[int]) -> None:
        super().__init__(f"claims map to organisations {sorted(organisation_ids)}")
        self.organisation_ids = sorted(organisation_ids)


def claim_values(claims: Mapping[str, Any], name: str) -> set[str]:
    """A claim's values as strings: a list claim gives each item, a single value itself, missing nothing."""
    value = claims.get(name)
    if value is None:
        return set()
    if isinstance(value, list | tuple | set):
        return {str(item) for item in value if item is not None}
    if isinstance(value, bool):
        return {"true" if value else "false"}
    return {str(value)}


def membership(
    claims: Mapping[str, Any], rules: Iterable[Rule], role_rank: Sequence[str]
) -> Membership | None:
    """The organisation and role the claims map to, or None when no rule matches.

    ``role_rank`` lists the roles from least to most (reader … administrator): with several matching
    rules of one organisation the user gets the highest. Raises ``AmbiguousClaimsError`` when the matching
    rules name more than one organisation.
    """
    matched = tuple(rule for rule in rules if rule.value in claim_values(claims, rule.claim))
    if not matched:
        return None
    organisations = {rule.organisation_id for rule in matched}
    if len(organisations) > 1:
        raise AmbiguousClaimsError(list(organisations))
    role = max((rule.role for rule in matched), key=role_rank.index)
    return Membership(organisation_id=matched[0].organisation_id, role=role, matched=matched)
