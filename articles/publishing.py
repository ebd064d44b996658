"""The editorial actions: every change to a story goes through here.

Each action checks ``permissions.can`` (user=None means the system: imports, the demo),
runs in one transaction, records a revision and an audit entry, and tells the caches, the
search index and related stories on commit through ``signals.article_changed``.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import permissions as perms
from .models import (
    Article,
    AuditEntry,
    Category,
    Correction,
    EditorialNote,
    LegacyRedirect,
    Partner,
    Photo,
    Revision,
    Unit,
    User,
)
from .models.stories import new_preview_key
from .related import relatedness
from .signals import article_changed

# The fields a restore puts back. A revision also keeps the publishing state, which a restore
# leaves as it is: restoring words never publishes, takes down or un-credits a story (the
# editor who published it stays credited). Old revisions still hold editor_id: ignored.
CONTENT_FIELDS = [
    "title",
    "slug",
    "dateline",
    "lead",
    "body",
    "unit_id",
    "category_id",
    "writer_id",
    "byline",
    "photographer",
    "source_name",
    "source_url",
    "event_date",
    "is_featured",
    "allow_comments",
    "featured_photo_id",
]
STATE_FIELDS = ["status", "publish_at", "expire_at", "editor_id"]
# What a restore compares and applies: the content fields, the tags and the partners.
RESTORED_KEYS = [*CONTENT_FIELDS, "tags", "partner_ids"]


class EditConflict(Exception):
    """The story changed since the editor opened it; nothing was saved."""

    def __init__(self, article, current):
        self.article = article
        self.current = current
        super().__init__(_("Berita ini telah diubah orang lain sejak Anda membukanya."))


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------
def log(action, actor, *, article=None, unit=None, target="", detail=""):
    """Append an audit entry (readable by staff of ``unit``'s tree, editable by nobody)."""
    if unit is None and article is not None:
        unit = article.unit
    return AuditEntry.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        article=article,
        unit=unit,
        target=(target or (article.title if article is not None else ""))[:255],
        detail=str(detail),
    )


def snapshot(article):
    """Return the story's full content as plain JSON data."""
    data = {}
    for field in CONTENT_FIELDS + STATE_FIELDS:
        value = getattr(article, field)
        if isinstance(value, datetime.datetime | datetime.date):
            value = value.isoformat()
        data[field] = value
    if article.pk:
        data["tags"] = sorted(article.tags.names())
        data["partner_ids"] = sorted(article.partners.values_list("pk", flat=True))
    return data


def restorable(content):
    """Return the part of a snapshot a restore puts back (what the confirmation compares)."""
    return {key: content[key] for key in RESTORED_KEYS if key in content}


def record_revision(article, user, summary=""):
    """Store the story as it is now as its current version."""
    return Revision.objects.update_or_create(
        article=article,
        version=article.version,
        defaults={
            "author": user if getattr(user, "pk", None) else None,
            "summary": str(summary)[:200],
            "content": snapshot(article),
        },
    )[0]


def _announce(article, *, was_public, old_urls=(), before=None):
    public_changed = was_public or article.is_public()
    urls = [url for url in old_urls if url]

    def send():
        article_changed.send(
            sender=Article,
            article=article,
            old_urls=urls,
            public_changed=public_changed,
            before=before,
        )

    transaction.on_commit(send)


def _keep_old_address(article, old_slug):
    """Make a public story's previous address (in every language) redirect to the new one.

    Its links are already out (WhatsApp, search engines, other sites); the old-address
    middleware answers them with a 301, only where no page answers the address itself.
    """
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            old_path = Article(slug=old_slug).get_absolute_url()
            new_path = article.get_absolute_url()
        LegacyRedirect.objects.update_or_create(old_path=old_path, defaults={"article": article})
        # Back to an earlier address: that one answers again and must not point anywhere.
        LegacyRedirect.objects.filter(old_path=new_path).delete()


def _require(user, action, article):
    if user is not None and not perms.can(user, action, article):
        raise PermissionDenied(perms.denied_message(action))


def _was_public(article):
    if article.pk is None:
        return False, None
    old = Article.objects.filter(pk=article.pk).values("status", "publish_at", "expire_at", "slug")
    old = old.first()
    if old is None:
        return False, None
    ghost = Article(status=old["status"], publish_at=old["publish_at"], expire_at=old["expire_at"])
    return ghost.is_public(), old["slug"]


# ---------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------
def save_story(article, user, *, summary="", expected_version=None, record=True):
    """Save ``article`` as a new version; refuse with ``EditConflict`` if it moved on.

    ``expected_version`` is the version the editor opened; None skips the check (imports,
    actions that locked the row themselves). ``record=False`` lets a caller that still
    has related data to save (the admin's tags and partners) record the revision itself.
    """
    creating = article.pk is None
    if user is not None:
        _require(user, perms.WRITE, None if creating else _stored(article))
        if not perms.in_scope(user, article.unit):
            raise PermissionDenied(_("Satuan berita harus berada di lingkup satuan Anda."))
    with transaction.atomic():
        if not creating:
            current = Article.objects.select_for_update().filter(pk=article.pk).first()
            if current is None:
                raise ValidationError(_("Berita ini sudah tidak ada."))
            if expected_version is not None and current.version != int(expected_version):
                raise EditConflict(article, current)
            was_public, old_slug = current.is_public(), current.slug
            # Read before the admin saves tags and partners in this same transaction.
            before = relatedness(current)
            article.version = current.version + 1
            # The form's copy may predate a revocation: never write an old key back.
            article.preview_key = current.preview_key
        else:
            was_public, old_slug, before = False, None, None
            article.version = 1
            if user is not None and article.writer_id is None:
                article.writer = user
        article.save()
        if record:
            record_revision(article, user, summary or (_("Dibuat") if creating else _("Diubah")))
        if creating:
            log(AuditEntry.Action.CREATE, user, article=article, detail=summary)
        old_urls = []
        if old_slug and old_slug != article.slug:
            old_urls.append(Article(slug=old_slug).get_absolute_url())
            if was_public:
                _keep_old_address(article, old_slug)
        _announce(article, was_public=was_public, old_urls=old_urls, before=before)
    return article


def _stored(article):
    """Return the story as stored (permission checks judge the saved state, not the form's)."""
    return Article.objects.select_related("unit").get(pk=article.pk)


def _changed_since(story):
    """Return the refusal for an editor acting on a story that moved on: who changed it, how."""
    last = story.revisions.select_related("author").order_by("-version").first()
    author = last.author if last is not None else None
    who = (author.get_full_name() or author.get_username()) if author else _("sistem")
    what = last.summary if last is not None and last.summary else story.get_status_display()
    return ValidationError(
        _(
            "Berita ini sudah diubah oleh %(who)s sejak Anda membukanya: %(what)s; "
            "muat ulang halaman."
        )
        % {"who": who, "what": what}
    )


def _transition(
    article,
    user,
    action,
    *,
    audit,
    summary,
    apply,
    detail="",
    note_kind=None,
    from_status=None,
    expected_version=None,
):
    """Lock, check, change state, record a revision and an audit entry, announce.

    ``from_status`` is ``(statuses, message)``: the stored story must be in one of them (judged
    under the lock, so two editors acting at once cannot both succeed). ``expected_version``
    is the version the editor saw (None: no check). ``apply`` may return a note for the
    summary (and the audit entry). ``note_kind`` also files ``detail`` in the story's
    editorial thread (why it went back or down).
    """
    with transaction.atomic():
        locked = Article.objects.select_for_update().select_related("unit").get(pk=article.pk)
        _require(user, action, locked)
        if expected_version is not None and locked.version != int(expected_version):
            raise _changed_since(locked)
        if from_status and locked.status not in from_status[0]:
            raise ValidationError(from_status[1])
        was_public, before = locked.is_public(), relatedness(locked)
        extra = apply(locked)
        if extra:
            summary = f"{summary}; {extra}"
        locked.version += 1
        locked.save()
        record_revision(locked, user, summary)
        log(audit, user, article=locked, detail=detail or summary)
        if note_kind:
            EditorialNote.objects.create(article=locked, author=user, kind=note_kind, body=detail)
        _announce(locked, was_public=was_public, before=before)
    # Hand the caller the state as saved.
    for field in (
        CONTENT_FIELDS + STATE_FIELDS + ["version", "updated_at", "word_count", "preview_key"]
    ):
        setattr(article, field, getattr(locked, field))
    return article


# ---------------------------------------------------------------------------
# The workflow
# ---------------------------------------------------------------------------
def submit_for_review(article, user):
    """A writer hands a draft to the editors of their chain of command."""

    def apply(story):
        story.status = Article.Status.REVIEW

    return _transition(
        article,
        user,
        perms.SUBMIT,
        audit=AuditEntry.Action.SUBMIT,
        summary=_("Diajukan untuk ditinjau"),
        apply=apply,
        from_status=([Article.Status.DRAFT], _("Hanya draf yang dapat diajukan untuk ditinjau.")),
    )


def return_to_writer(article, user, note):
    """An editor sends a story back to its writer as a draft, with a note saying why."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Tuliskan catatan untuk penulis: apa yang perlu diperbaiki."))

    def apply(story):
        story.status = Article.Status.DRAFT

    return _transition(
        article,
        user,
        perms.RETURN,
        audit=AuditEntry.Action.RETURN,
        summary=_("Dikembalikan ke penulis"),
        detail=note,
        apply=apply,
        note_kind=EditorialNote.Kind.RETURNED,
        from_status=(
            [Article.Status.REVIEW, Article.Status.DRAFT],
            _("Hanya draf atau berita yang menunggu tinjauan dapat dikembalikan."),
        ),
    )


def publish(
    article,
    user,
    at=None,
    *,
    expire_at=None,
    expected_version=None,
    expected_status=None,
    clear_past_expiry=False,
):
    """Publish now (``at`` None or past) or schedule for ``at`` in the future.

    The publishing editor is credited. ``user`` None is the system (imports keep the
    original release time, which may lie in the past). ``expected_version`` is the version
    the editor saw and ``expected_status`` the statuses the story may still be in (None: no
    check); both are judged under the row lock. ``clear_past_expiry``: with no new expiry
    given, drop a stored one that has already passed (an expired notice published again from
    its page) instead of refusing.
    """
    now = timezone.now()
    publish_now = at is None
    at = at or now
    if expire_at is not None and expire_at <= at:
        raise ValidationError(_("Waktu kedaluwarsa harus sesudah waktu terbit."))
    scheduled = at > now
    if expected_status is not None and isinstance(expected_status, str):
        expected_status = [expected_status]

    def apply(story):
        if expected_status is not None and story.status not in expected_status:
            if story.status == Article.Status.ARCHIVED:
                raise ValidationError(
                    _(
                        "Berita ini sudah diturunkan dari situs; terbitkan kembali hanya dari "
                        "halaman berita itu sendiri."
                    )
                )
            raise _changed_since(story)
        if story.is_public(now):
            if publish_now:
                # "Now" would move its date: to the top of every list, feed and sitemap.
                raise ValidationError(_("Berita ini sudah tayang; waktu terbitnya tidak diubah."))
            if scheduled:
                # Off the site until the new time: a take-down that leaves no reason on record.
                raise ValidationError(
                    _(
                        "Berita ini sedang tayang; untuk menariknya dari situs, turunkan dulu, "
                        "atau biarkan terbit seperti sekarang."
                    )
                )
        note = ""
        story.status = Article.Status.PUBLISHED
        story.publish_at = at
        if expire_at is not None:
            story.expire_at = expire_at
        elif story.expire_at is not None and story.expire_at <= now:
            if not clear_past_expiry:
                raise ValidationError(
                    _(
                        "Berita ini sudah kedaluwarsa; terbitkan dari halaman beritanya "
                        "(kedaluwarsa lama dihapus di sana)."
                    )
                )
            story.expire_at = None
            note = _("kedaluwarsa lama dihapus")
        if story.expire_at is not None and story.expire_at <= at:
            raise ValidationError(_("Waktu kedaluwarsa harus sesudah waktu terbit."))
        if user is not None and perms.is_editor(user):
            story.editor = user
        return note

    local = timezone.localtime(at)
    if scheduled:
        # Labelled: the desk types WIB, the unit's dashboard may show WITA or WIT.
        summary = _("Dijadwalkan terbit %(at)s") % {"at": local.strftime("%d/%m/%Y %H:%M WIB")}
    else:
        summary = _("Diterbitkan")
    return _transition(
        article,
        user,
        perms.PUBLISH,
        audit=AuditEntry.Action.SCHEDULE if scheduled else AuditEntry.Action.PUBLISH,
        summary=summary,
        apply=apply,
        expected_version=expected_version,
    )


def unpublish(article, user, reason):
    """Take a story down from the public site (kept, archived), with the reason on record."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan penurunan berita."))

    def apply(story):
        story.status = Article.Status.ARCHIVED
        # What was taken down stops showing everywhere, preview links included.
        story.preview_key = new_preview_key()

    return _transition(
        article,
        user,
        perms.UNPUBLISH,
        audit=AuditEntry.Action.UNPUBLISH,
        summary=_("Diturunkan"),
        detail=reason,
        apply=apply,
        note_kind=EditorialNote.Kind.TAKEDOWN,
        from_status=(
            [Article.Status.PUBLISHED],
            _("Hanya berita terbit atau terjadwal yang dapat diturunkan."),
        ),
    )


def revoke_preview_links(article, user):
    """Give the story a new preview key: every preview link made so far stops working.

    Not a new version: the story's content is untouched and an editor's open form stays valid.
    """
    with transaction.atomic():
        locked = Article.objects.select_for_update().select_related("unit").get(pk=article.pk)
        _require(user, perms.REVOKE_PREVIEW, locked)
        locked.preview_key = new_preview_key()
        Article.objects.filter(pk=locked.pk).update(preview_key=locked.preview_key)
        log(AuditEntry.Action.PREVIEW_REVOKE, user, article=locked)
    article.preview_key = locked.preview_key
    return article


def add_correction(article, user, text):
    """Add a dated, public correction (Ralat) to a published story."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Isi ralat tidak boleh kosong."))
    with transaction.atomic():
        locked = Article.objects.select_for_update().select_related("unit").get(pk=article.pk)
        _require(user, perms.CORRECT, locked)
        if locked.status != Article.Status.PUBLISHED:
            raise ValidationError(_("Ralat hanya untuk berita yang sudah terbit."))
        correction = Correction.objects.create(article=locked, text=text, author=user)
        log(AuditEntry.Action.CORRECT, user, article=locked, detail=text)
        _announce(locked, was_public=locked.is_public())
    return correction


def add_note(article, user, body):
    """Add an internal note to the story's editorial thread."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Catatan tidak boleh kosong."))
    _require(user, perms.NOTE, article)
    return EditorialNote.objects.create(article=article, author=user, body=body)


def _drop_vanished_references(story):
    """Empty the links an old version makes to things deleted since (a photo, a category…).

    The database would refuse them only at commit; the story's own unit is required.
    """
    for field, model in (
        ("unit_id", Unit),
        ("category_id", Category),
        ("writer_id", User),
        ("featured_photo_id", Photo),
    ):
        value = getattr(story, field)
        if value is None or model.objects.filter(pk=value).exists():
            continue
        if field == "unit_id":
            raise ValidationError(_("Satuan pada versi ini sudah tidak ada; pilih versi lain."))
        setattr(story, field, None)


def restore_revision(article, revision, user):
    """Put an earlier version's content back, as a new revision (nothing is ever lost)."""
    if revision.article_id != article.pk:
        raise ValidationError(_("Revisi ini bukan milik berita tersebut."))
    content = revision.content
    with transaction.atomic():
        locked = Article.objects.select_for_update().select_related("unit").get(pk=article.pk)
        _require(user, perms.RESTORE, locked)
        was_public, old_slug = locked.is_public(), locked.slug
        for field in CONTENT_FIELDS:
            if field in content:
                value = content[field]
                if field == "event_date" and value:
                    value = datetime.date.fromisoformat(value)
                setattr(locked, field, value)
        _drop_vanished_references(locked)
        if user is not None and not perms.in_scope(user, locked.unit):
            raise PermissionDenied(_("Revisi ini memindahkan berita ke luar lingkup satuan Anda."))
        if locked.slug != old_slug and Article.objects.filter(slug=locked.slug).exists():
            locked.slug = old_slug
        locked.version += 1
        locked.save()
        if "tags" in content:
            locked.tags.set(content["tags"], clear=True)
        if "partner_ids" in content:
            locked.partners.set(Partner.objects.filter(pk__in=content["partner_ids"]))
        summary = _("Memulihkan versi %(version)s") % {"version": revision.version}
        record_revision(locked, user, summary)
        log(AuditEntry.Action.RESTORE, user, article=locked, detail=summary)
        old_urls = []
        if old_slug != locked.slug:
            old_urls.append(Article(slug=old_slug).get_absolute_url())
            if was_public:
                _keep_old_address(locked, old_slug)
        _announce(locked, was_public=was_public, old_urls=old_urls)
    return locked
