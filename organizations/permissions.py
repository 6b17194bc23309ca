"""Who may see and change what: the whole rule, in one place.

A user belongs to units through `Membership` with a role. From those memberships:

| role         | sees (view)                      | changes (change)          | manages (assign, appraise) |
|--------------|----------------------------------|---------------------------|----------------------------|
| viewer       | own unit                         | nothing                   | nothing                    |
| officer      | own unit                         | own unit                  | nothing                    |
| leader       | own unit and every unit beneath  | the same                  | the same                   |
| focal point  | the whole tree (from its root)   | the whole tree            | the whole tree             |
| leader of a unit with a focal point | + the whole tree (read only) | as leader      | as leader                  |
| superuser    | everything                       | everything                | everything                 |

Shared catalogues (procedures, criteria sets, …) have an owner unit ("catalogue" action): only a focal
point changes the catalogue records owned by a unit of its tree, an administrator changes everything, and a
record without an owner (the national catalogue) only an administrator. Leaders and officers never change a
catalogue. Everyone sees the records without an owner and those owned by a unit of their own trees.

"publish" is the public site's news (portal): only the communications role (its unit and the units beneath)
and administrators write, edit and publish articles; no other role publishes, whatever its scope.

Imports check every row: a row about a unit outside the user's "change" scope is refused with a row error
(and nothing is written), see `refuse_unit_message`.

"directory" is the unit directory: everyone sees the units of the trees they belong to (to
pick coordinators, read names), never another tree's. Domain records are scoped through
`scoped(queryset, user, action, field)` — never filtered by hand in a view. Drafts are kept to
the "manage" scope by each app.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from django.db.models import QuerySet

from organizations.choices import Role

Action = Literal["view", "change", "manage", "directory", "catalogue", "publish"]
ACTIONS: tuple[Action, ...] = ("view", "change", "manage", "directory", "catalogue", "publish")
_CACHE_ATTR = "_tiendo_unit_scope"


def memberships_of(user):
    from organizations.models import Membership

    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True).select_related("unit", "unit__level")


def _tree():
    """(children map, parent map) of the whole unit tree: one query, a few thousand rows at most."""
    from organizations.models import Unit

    children: dict[int | None, list[int]] = defaultdict(list)
    parents: dict[int, int | None] = {}
    for pk, parent_id in Unit.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
        parents[pk] = parent_id
    return children, parents


def _subtree(root: int, children: dict[int | None, list[int]]) -> set[int]:
    found, stack = set(), [root]
    while stack:
        node = stack.pop()
        if node not in found:
            found.add(node)
            stack.extend(children.get(node, ()))
    return found


def _root(node: int, parents: dict[int, int | None]) -> int:
    seen = set()
    while parents.get(node) is not None and node not in seen:
        seen.add(node)
        node = parents[node]  # type: ignore[assignment]
    return node


def _compute_scope(user) -> dict[str, set[int] | None]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return dict.fromkeys(ACTIONS, set())
    if user.is_superuser:
        return dict.fromkeys(ACTIONS)  # None means "no restriction"
    memberships = list(memberships_of(user).values_list("unit_id", "role"))
    scope: dict[str, set[int]] = {action: set() for action in ACTIONS}
    if not memberships:
        return dict(scope)
    children, parents = _tree()
    led = [unit_id for unit_id, role in memberships if role == Role.LEADER]
    if led:
        # The head of a unit reads what the unit's focal points work on (e.g. the head of Phòng Nội vụ opens the
        # commune assessments his officer appraises): view only, changes stay with the focal point.
        from organizations.models import Membership

        for unit_id in set(
            Membership.objects.filter(unit_id__in=led, role=Role.FOCAL_POINT, is_active=True).values_list(
                "unit_id", flat=True
            )
        ):
            scope["view"] |= _subtree(_root(unit_id, parents), children)
    for unit_id, role in memberships:
        root_tree = _subtree(_root(unit_id, parents), children)
        scope["directory"] |= root_tree
        if role == Role.FOCAL_POINT:
            for action in ("view", "change", "manage", "catalogue"):
                scope[action] |= root_tree
        elif role == Role.LEADER:
            below = _subtree(unit_id, children)
            for action in ("view", "change", "manage"):
                scope[action] |= below
        elif role == Role.OFFICER:
            scope["view"].add(unit_id)
            scope["change"].add(unit_id)
        elif role == Role.VIEWER:
            scope["view"].add(unit_id)
        elif role == Role.COMMUNICATIONS:
            scope["publish"] |= _subtree(unit_id, children)
    return dict(scope)


def unit_ids(user, action: Action = "view") -> set[int] | None:
    """The ids of units whose records `user` may act on; None means all (superuser).

    Cached on the user object, i.e. per request.
    """
    scope = getattr(user, _CACHE_ATTR, None)
    if scope is None:
        scope = _compute_scope(user)
        try:
            setattr(user, _CACHE_ATTR, scope)
        except AttributeError:  # AnonymousUser is fine to recompute
            pass
    return scope[action]


def forget(user) -> None:
    """Drop the cached scope after memberships change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def scoped(queryset: QuerySet, user, action: Action = "view", field: str = "unit") -> QuerySet:
    """Restrict `queryset` to rows whose `field` (a Unit FK path) is within the user's scope."""
    ids = unit_ids(user, action)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


def can(user, action: Action, unit_id: int | None) -> bool:
    if unit_id is None:
        return bool(getattr(user, "is_superuser", False))
    ids = unit_ids(user, action)
    return ids is None or unit_id in ids


def may_see_history(user, record_units) -> bool:
    """A record's change history ("Lịch sử thay đổi") is for those who work on it: superusers and users who may
    change or manage one of the record's units. Viewers read the record, not who changed what."""
    if getattr(user, "is_superuser", False):
        return True
    change, manage = unit_ids(user, "change") or set(), unit_ids(user, "manage") or set()
    return any(u is not None and (u in change or u in manage) for u in record_units)


# --- Shared catalogues ---------------------------------------------------------------------------


def can_change_catalogue(user, owner_unit_id: int | None) -> bool:
    """May `user` change a catalogue record (procedure, criteria set, …) owned by `owner_unit_id`?
    Unowned records are the national catalogue: administrators only."""
    return can(user, "catalogue", owner_unit_id)


def may_edit_catalogues(user) -> bool:
    """Does `user` change some catalogue (shows the import and edit buttons)?"""
    ids = unit_ids(user, "catalogue")
    return ids is None or bool(ids)


def catalogue_owner(user):
    """The unit that owns what `user` adds to a catalogue (an import, a copy): the unit of the user's first
    focal-point membership; None for an administrator (the national catalogue)."""
    from organizations.models import Membership

    if getattr(user, "is_superuser", False):
        return None
    membership = (
        Membership.objects.filter(user=user, is_active=True, role="focal_point").select_related("unit").first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    return membership.unit if membership else None


def catalogue_visible(queryset: QuerySet, user, field: str = "owner_unit") -> QuerySet:
    """Catalogue records `user` sees: the national ones (no owner) and those owned within the user's trees."""
    from django.db.models import Q

    ids = unit_ids(user, "directory")
    if ids is None:
        return queryset
    return queryset.filter(Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__in": ids}))


def can_edit_unit_tree(user) -> bool:
    """The unit tree itself (units, levels, aliases) is a system-administration task."""
    return bool(getattr(user, "is_superuser", False) and user.is_active)


# --- Public site (portal) -------------------------------------------------------------------------


def can_publish(user, unit_id: int | None) -> bool:
    """May `user` write, edit and publish the public site's news of `unit_id` (communications role)?"""
    return can(user, "publish", unit_id)


def may_publish_somewhere(user) -> bool:
    """Does `user` write news for some unit (shows the newsroom pages)?"""
    ids = unit_ids(user, "publish")
    return ids is None or bool(ids)
