"""Staff accounts: giving a role, and recording every change of role, unit or status.

The staff admin and ``create_staff`` both come through here, so an account made either way
is audited the same. Who may do it is ``permissions.can(user, MANAGE_STAFF)``.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _, gettext_lazy

from . import roles
from .models import AuditEntry, Unit, User
from .publishing import log

ROLE_CHOICES = [(key, roles.ROLE_LABELS[group]) for key, group in roles.ROLE_GROUPS.items()]
NO_ROLE_LABEL = gettext_lazy("tanpa peran")


def role_label(role):
    return str(roles.ROLE_LABELS[roles.ROLE_GROUPS[role]]) if role else str(NO_ROLE_LABEL)


def current_role(user):
    """Return the user's role key read fresh from the database (never a cached one)."""
    if user.pk is None:
        return None
    names = set(user.groups.values_list("name", flat=True))
    return next((key for key, group in roles.ROLE_GROUPS.items() if group in names), None)


def assign_role(user, role):
    """Make ``role`` ("penulis", "redaktur", "kepala" or None) the user's only staff role."""
    user.groups.remove(*Group.objects.filter(name__in=roles.ROLE_GROUPS.values()))
    if role:
        user.groups.add(Group.objects.get(name=roles.ROLE_GROUPS[role]))
    # permissions.role_of caches the role on the object; drop it so checks see the new one.
    user.__dict__.pop("_newsroom_role", None)


def state_of(user):
    """Return what an audit entry compares: role, unit, active and superuser (from the database)."""
    row = (
        User.objects.filter(pk=user.pk)
        .values("unit_id", "unit__name", "is_active", "is_superuser")
        .first()
    )
    if row is None:
        return None
    return {
        "peran": role_label(current_role(user)),
        "satuan": row["unit__name"] or "—",
        "status": _("aktif") if row["is_active"] else _("nonaktif"),
        "superuser": _("ya") if row["is_superuser"] else _("tidak"),
    }


def describe(before, after):
    """Return "peran: Penulis → Redaktur; status: aktif → nonaktif" ("" when nothing changed)."""
    labels = {
        "peran": _("peran"),
        "satuan": _("satuan"),
        "status": _("status"),
        "superuser": _("superuser"),
    }
    if before is None:
        return _("Akun dibuat: peran %(role)s, satuan %(unit)s, %(status)s.") % {
            "role": after["peran"],
            "unit": after["satuan"],
            "status": after["status"],
        }
    return "; ".join(
        f"{labels[key]}: {before[key]} → {after[key]}" for key in after if before[key] != after[key]
    )


def record_change(actor, user, before, after):
    """Write a ROLE_CHANGE audit entry when role, unit, status or superuser changed."""
    detail = describe(before, after)
    if not detail:
        return None
    return log(
        AuditEntry.Action.ROLE_CHANGE,
        actor,
        unit=user.unit if user.unit_id else getattr(actor, "unit", None),
        target=user.get_username(),
        detail=detail,
    )


def create_account(
    *, username, unit, role, password, email="", first_name="", last_name="", actor=None
):
    """Create an active staff account with ``role`` in ``unit``, audited, in one transaction."""
    if not isinstance(unit, Unit):
        raise TypeError("unit must be a Unit")
    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            unit=unit,
            is_staff=True,
            is_active=True,
        )
        user.set_password(password)
        user.save()
        assign_role(user, role)
        record_change(actor, user, None, state_of(user))
    return user
