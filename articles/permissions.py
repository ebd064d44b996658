"""Who may see and touch what: the one place the newsroom's rules live.

A staff member works inside their own unit and the units below it; superusers see all.
Within that tree the role decides the action: a Penulis drafts and submits, a Redaktur
reviews, publishes, schedules, takes down and corrects, a Kepala Humas also manages staff.
Every admin builds on ``UnitScopedAdminMixin`` and every action in ``publishing`` asks ``can``.
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from . import roles

# Actions a role may take on a story in its tree (the writer's are narrowed further below).
WRITE = "edit"
SUBMIT = "submit"
RETURN = "return"
PUBLISH = "publish"
UNPUBLISH = "unpublish"
CORRECT = "correct"
RESTORE = "restore"
NOTE = "note"
VIEW = "view"
PREVIEW = "preview"
# Whoever may make preview links may revoke them all (a link can leak from anyone's hands).
REVOKE_PREVIEW = "revoke_preview"
DELETE = "delete"
MANAGE_STAFF = "manage_staff"

WRITER_ACTIONS = frozenset({VIEW, PREVIEW, REVOKE_PREVIEW, NOTE, WRITE, SUBMIT, RESTORE})
EDITOR_ACTIONS = WRITER_ACTIONS | {RETURN, PUBLISH, UNPUBLISH, CORRECT}

DENIED_MESSAGES = {
    WRITE: _("Anda tidak berhak mengubah berita ini."),
    SUBMIT: _("Anda tidak berhak mengajukan berita ini untuk ditinjau."),
    RETURN: _("Hanya redaktur yang dapat mengembalikan berita ke penulis."),
    PUBLISH: _("Hanya redaktur yang dapat menerbitkan atau menjadwalkan berita."),
    UNPUBLISH: _("Hanya redaktur yang dapat menurunkan berita."),
    CORRECT: _("Hanya redaktur yang dapat menambahkan ralat."),
    RESTORE: _("Anda tidak berhak memulihkan revisi berita ini."),
    NOTE: _("Anda tidak berhak menulis catatan pada berita ini."),
    VIEW: _("Berita ini berada di luar satuan Anda."),
    PREVIEW: _("Berita ini berada di luar satuan Anda."),
    REVOKE_PREVIEW: _("Anda tidak berhak mencabut tautan pratinjau berita ini."),
    DELETE: _("Hanya superuser yang dapat menghapus berita; gunakan Turunkan."),
    MANAGE_STAFF: _("Hanya Kepala Humas yang dapat mengelola staf."),
}


def role_of(user):
    """Return "kepala", "redaktur", "penulis" or None (the highest role the user holds).

    Cached on the user object: one query per request however many checks run.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_newsroom_role", False)
    if cached is not False:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    role = None
    for key, group in (
        ("kepala", roles.HEAD),
        ("redaktur", roles.EDITOR),
        ("penulis", roles.WRITER),
    ):
        if group in names:
            role = key
            break
    user._newsroom_role = role
    return role


def is_editor(user):
    """Return True for a Redaktur, a Kepala Humas or a superuser."""
    return bool(user.is_superuser or role_of(user) in ("redaktur", "kepala"))


def in_scope(user, unit):
    """Return True when ``unit`` lies in ``user``'s unit tree."""
    if user.is_superuser:
        return True
    if not user.is_active or not user.unit_id or unit is None:
        return False
    return unit.is_within(user.unit)


def can(user, action, article=None):
    """Return True when ``user`` may take ``action`` on ``article`` (None: on a new story)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if action == DELETE:
        return False
    role = role_of(user)
    if action == MANAGE_STAFF:
        return role == "kepala"
    if role is None or not user.unit_id:
        return False
    if article is not None and not in_scope(user, article.unit):
        return False
    if role in ("redaktur", "kepala"):
        return action in EDITOR_ACTIONS
    if action not in WRITER_ACTIONS:
        return False
    if action in (VIEW, PREVIEW, REVOKE_PREVIEW, NOTE) or article is None or article.pk is None:
        return True
    # A writer touches only their own drafts (including those returned to them).
    own = article.writer_id == user.pk
    if action == SUBMIT:
        return own and article.status == article.Status.DRAFT
    return own and article.status == article.Status.DRAFT


def denied_message(action):
    return DENIED_MESSAGES.get(action, DENIED_MESSAGES[WRITE])


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


def editable_stories(queryset, user):
    """Return ``queryset`` narrowed to the stories ``user`` may edit (``can(user, WRITE, …)``).

    For the pickers that attach something to a story (the photo library's "berita" choice).
    """
    if not can(user, WRITE):
        return queryset.none()
    queryset = scope_queryset(queryset, user)
    if is_editor(user):
        return queryset
    # A writer edits only their own drafts, as in ``can``.
    return queryset.filter(writer=user, status=queryset.model.Status.DRAFT)


def units_in_scope(user):
    """Return the units ``user`` may choose (their own and every unit below it)."""
    from .models import Unit

    return scope_queryset(Unit.objects.all(), user, "path")


def reviewing_unit(unit):
    """Return the unit whose editors review stories of ``unit``: the chain of command.

    A unit with an active editor of its own reviews its own stories; otherwise the nearest
    unit above that has one (a Polsek's stories go to its Polres). Units above that may act too.
    """
    from .models import Unit, User

    chain = [*Unit.objects.ancestors_of(unit), unit]
    with_editors = set(
        User.objects.filter(
            is_active=True,
            unit__in=chain,
            groups__name__in=[roles.EDITOR, roles.HEAD],
        ).values_list("unit_id", flat=True)
    )
    for candidate in reversed(chain):
        if candidate.pk in with_editors:
            return candidate
    return None


def first_in_line(unit):
    """Return the condition "``unit``'s editors are first in line to review this story".

    The chain of command of ``reviewing_unit`` as one SQL condition on stories, for whole
    lists: a story of ``unit``'s tree is ``unit``'s unless a unit between them has an active
    editor of its own. Meant for a unit that has an editor (the dashboard asks for its user's).
    """
    from .models import User

    nearer_editors = (
        User.objects.filter(
            is_active=True,
            groups__name__in=[roles.EDITOR, roles.HEAD],
            unit__path__startswith=unit.path,
        )
        .exclude(unit=unit)
        .alias(story_path=ExpressionWrapper(OuterRef("unit__path"), output_field=CharField()))
        .filter(story_path__startswith=F("unit__path"))
    )
    return Q(unit__path__startswith=unit.path) & ~Exists(nearer_editors)


def reviewers_for(article):
    """Return the active editors who are first in line to review ``article``."""
    from .models import User

    unit = reviewing_unit(article.unit)
    if unit is None:
        return User.objects.none()
    return User.objects.filter(
        is_active=True, unit=unit, groups__name__in=[roles.EDITOR, roles.HEAD]
    ).distinct()


class UnitScopedAdminMixin:
    """Admin mixin: changelist, change form, autocomplete and history see only the user's tree."""

    scope_lookup = "unit__path"

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user, self.scope_lookup)
