"""Who may see and touch what: the unit tree scopes every staff member.

A staff member works inside their own unit and the units below it; superusers see all.
Every admin builds on ``UnitScopedAdminMixin`` so the rule lives here and only here.
"""


def scope_queryset(queryset, user, path_lookup="unit__path"):
    """Return ``queryset`` narrowed to rows whose unit lies in ``user``'s unit tree.

    ``path_lookup`` names the unit's materialised path from the queryset's model,
    e.g. ``"unit__path"`` for stories or ``"article__unit__path"`` for comments.
    """
    if user.is_superuser:
        return queryset
    if not user.is_active or not user.unit_id:
        return queryset.none()
    return queryset.filter(**{f"{path_lookup}__startswith": user.unit.path})


class UnitScopedAdminMixin:
    """Admin mixin: changelist, change form, autocomplete and history see only the user's tree."""

    scope_lookup = "unit__path"

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user, self.scope_lookup)
