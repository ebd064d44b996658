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
    """Return what an audit entry compares, read from the database: role, unit, active, admin
    access, superuser and permissions given to the account directly (beside its role)."""
    row = (
        User.objects.filter(pk=user.pk)
        .values("unit_id", "unit__name", "is_active", "is_staff", "is_superuser")
        .first()
    )
    if row is None:
        return None
    direct = sorted(user.user_permissions.values_list("codename", flat=True))
    return {
        "peran": role_label(current_role(user)),
        "satuan": row["unit__name"] or "—",
        "status": _("aktif") if row["is_active"] else _("nonaktif"),
        "akses_admin": _("ya") if row["is_staff"] else _("tidak"),
        "superuser": _("ya") if row["is_superuser"] else _("tidak"),
        "izin": ", ".join(direct) or "—",
        "_unit_id": row["unit_id"],  # compared, not shown: where the entries are filed
    }


def describe(before, after):
    """Return "peran: Penulis → Redaktur; status: aktif → nonaktif" ("" when nothing changed)."""
    labels = {
        "peran": _("peran"),
        "satuan": _("satuan"),
        "status": _("status"),
        "akses_admin": _("akses admin"),
        "superuser": _("superuser"),
        "izin": _("izin langsung"),
    }
    if before is None:
        return _("Akun dibuat: peran %(role)s, satuan %(unit)s, %(status)s.") % {
            "role": after["peran"],
            "unit": after["satuan"],
            "status": after["status"],
        }
    return "; ".join(
        f"{labels[key]}: {before[key]} → {after[key]}"
        for key in labels
        if before.get(key) != after.get(key)
    )


def record_change(actor, user, before, after):
    """Write a ROLE_CHANGE audit entry when role, unit, status, access or permissions changed.

    A move out of a unit's tree is filed under both units: the head left behind sees it too.
    """
    detail = describe(before, after)
    if not detail:
        return None
    units = [user.unit if user.unit_id else getattr(actor, "unit", None)]
    if before and before["_unit_id"] and before["_unit_id"] != after["_unit_id"]:
        left = Unit.objects.get(pk=before["_unit_id"])
        if not (units[0] and units[0].is_within(left)):  # else its head sees the first entry
            units.append(left)
    entries = [
        log(
            AuditEntry.Action.ROLE_CHANGE,
            actor,
            unit=unit,
            target=user.get_username(),
            detail=detail,
        )
        for unit in units
    ]
    return entries[0]


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
