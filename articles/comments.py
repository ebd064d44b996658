"""How reader comments are accepted, held or refused, moderated, and forgotten.

The story page is cached and shared by every anonymous reader, so nothing here may put
per-visitor data into it: the form carries no CSRF token (``static/js/comments.js`` fetches one
with a signed timestamp from an uncached endpoint) and a reader's own pending comments are
shown only to requests carrying the signed pending cookie, which the page cache bypasses.
"""

import hashlib
import json
import logging
import re
import time
import unicodedata
from datetime import timedelta

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy as _

from . import roles
from .models import Article, AuditEntry, Comment, ModerationWord, User
from .signals import comment_changed

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "situs"
_STAMP_SALT = "articles.comments.form-stamp"
_PENDING_SALT = "articles.comments.pending"
_STAMP_MAX_AGE = 24 * 3600

# Zero-width characters, bidirectional overrides/isolates and the BOM: invisible, and used to
# disguise words from the lists or to flip how a name reads.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
# A bare domain counts as a link too ("situsgacor.com/daftar"), but not an email's domain.
_BARE_DOMAIN = (
    r"(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|net|org|id|xyz|site|online|top|info|bet|vip|link|club|live|biz|io|me|cc|co|asia"
    r"|shop|store|win|fun|icu|pro|app|ly)(?![\w-])(?:/[^\s<>\"'`]*)?"
)
_LINK = re.compile(rf"{_URL.pattern}|{_BARE_DOMAIN}", re.IGNORECASE)
# Indonesian clitics a listed word may carry: "anjingnya" is still the listed word.
_CLITICS = r"(?:nya|lah|kah|pun|mu|ku)"
# A letter written three times or more ("anjiiing") stands for one.
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
_TRAILING_PUNCTUATION = ".,;:!?)]}'\""


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------
def normalize_text(value, *, multiline=True):
    """Return ``value`` in NFC without zero-width, bidi-override or control characters."""
    value = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    value = value.translate(_INVISIBLE)
    kept = []
    for char in value:
        if char == "\n" and multiline:
            kept.append(char)
        elif char in "\t\n":
            kept.append(" ")
        elif unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co"}:
            kept.append(char)
    text = "".join(kept)
    if multiline:
        text = re.sub(r"\n{3,}", "\n\n", text)
        return "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return re.sub(r"\s+", " ", text).strip()


def _unmarked(text):
    """Return ``text`` compatibility-folded (NFKC), casefolded and without combining marks."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text or "").casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(_INVISIBLE))


def fold_for_matching(text):
    """Return the copy of ``text`` the word lists are matched against (never stored or shown).

    Look-alike letters (𝗔, ａ) become plain ones, case and accents go, and a letter stretched
    to three or more ("anjiiing") counts once; list phrases are folded the same way.
    """
    return _STRETCHED.sub(r"\1", _unmarked(text))


def count_links(text):
    """Return how many URLs and bare domains ("situs.com/daftar") ``text`` holds."""
    return len(_LINK.findall(_unmarked(text)))


def render_body(text):
    """Return ``text`` as escaped HTML paragraphs with its URLs as nofollow links."""
    parts, position = [], 0
    for match in _URL.finditer(text or ""):
        url = match.group(0).rstrip(_TRAILING_PUNCTUATION)
        end = match.start() + len(url)
        href = url if url.lower().startswith("http") else f"http://{url}"
        parts.append(escape(text[position : match.start()]))
        parts.append(f'<a href="{escape(href)}" rel="nofollow ugc noopener">{escape(url)}</a>')
        position = end
    parts.append(escape((text or "")[position:]))
    # Already escaped: linebreaks only adds <p> and <br>.
    return mark_safe(linebreaks("".join(parts), autoescape=False))


def _phrase_pattern(phrase):
    """Return the pattern finding ``phrase`` as whole words, perhaps with a clitic after it.

    A word boundary is required only on a side where the phrase begins or ends with a letter
    or digit: ".xyz" is found in "menang.xyz", "id:" in "ID:agen88".
    """
    folded = fold_for_matching(phrase)
    start = r"(?<!\w)" if folded[:1].isalnum() else ""
    end = rf"{_CLITICS}?(?!\w)" if folded[-1:].isalnum() else ""
    return re.compile(rf"{start}{re.escape(folded)}{end}")


def moderation_verdict(email, body):
    """Return the status a new comment starts in, from the word lists and the link count.

    The word lists judge the comment's body only, never the reader's name or email address:
    "Judi" is a common first name, and judi.santoso@… or rina.slot@… are real readers. A
    spammer's name is shown only beside a body the desk sees before it is published anyway.
    """
    words = list(ModerationWord.objects.values_list("phrase", "action"))
    haystack = fold_for_matching(body)
    # Inside a link words run together ("situsgacor.com"): there a phrase counts anywhere.
    links = [fold_for_matching(link) for link in _LINK.findall(_unmarked(body))]

    def found(phrase):
        folded = fold_for_matching(phrase).strip()
        return bool(folded) and (
            _phrase_pattern(phrase).search(haystack) is not None
            or any(folded in link for link in links)
        )

    def listed(action):
        return any(found(phrase) for phrase, kind in words if kind == action)

    if listed(ModerationWord.Action.SPAM):
        return Comment.Status.SPAM
    if (
        listed(ModerationWord.Action.HOLD)
        or count_links(body) > settings.NEWSROOM_COMMENT_MAX_LINKS
    ):
        return Comment.Status.PENDING
    if (
        settings.NEWSROOM_COMMENT_AUTO_APPROVE_KNOWN
        and Comment.objects.approved().filter(email__iexact=email, is_staff_reply=False).exists()
    ):
        return Comment.Status.APPROVED
    return Comment.Status.PENDING


# ---------------------------------------------------------------------------
# Rules about the story and the thread
# ---------------------------------------------------------------------------
def comments_open(article, now=None):
    """Return whether readers may still comment on ``article``."""
    if not article.allow_comments:
        return False
    days = settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS
    if days and article.publish_at:
        return (now or timezone.now()) < article.publish_at + timedelta(days=days)
    return True


def next_closing(now=None):
    """Return the next instant a public story's comments close by themselves, or None.

    The story's page changes then (the form goes), so cached copies must not outlive it.
    """
    days = settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS
    if not days:
        return None
    now = now or timezone.now()
    opened = (
        Article.objects.published(now)
        .filter(allow_comments=True, publish_at__gt=now - timedelta(days=days))
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    return opened + timedelta(days=days) if opened else None


def comment_depth(comment):
    """Return how deep ``comment`` sits (1 for a top-level comment)."""
    depth = 1
    while comment.parent_id:
        comment = comment.parent
        depth += 1
    return depth


# ---------------------------------------------------------------------------
# Visitor data: IP hash, form stamp, pending cookie
# ---------------------------------------------------------------------------
def client_ip(request):
    """Return the reader's address, as the trusted proxy saw it when there is one.

    ``NEWSROOM_COMMENT_IP_HEADER`` names the header explicitly; otherwise, behind the TLS proxy,
    X-Forwarded-For is read, and without a proxy REMOTE_ADDR.
    """
    header = settings.NEWSROOM_COMMENT_IP_HEADER or (
        "HTTP_X_FORWARDED_FOR" if settings.NEWSROOM_COMMENT_BEHIND_PROXY else ""
    )
    value = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR", "")
    # In X-Forwarded-For only the last entry, appended by our own proxy, can be trusted.
    return value.split(",")[-1].strip()


def ip_hash(ip):
    """Return a keyed hash of ``ip``: stable for rate limits, useless without SECRET_KEY."""
    if not ip:
        return ""
    return salted_hmac("articles.comments.ip", ip, algorithm="sha256").hexdigest()


def _text_mark(body):
    return hashlib.sha256(normalize_text(body).encode()).hexdigest()[:32]


def form_stamp(resend_body=None):
    """Return a signed "form shown now" stamp; the minimum time is measured from it.

    ``resend_body`` marks the stamp of the form given back to be sent again (a post without
    a token): the reader already wrote and sent that text, so sending it again at once is no
    sign of a bot. The mark holds for that text only.
    """
    now = time.time()
    value = now if resend_body is None else [now, _text_mark(resend_body)]
    return signing.dumps(value, salt=_STAMP_SALT)


def read_stamp(stamp):
    """Return (seconds since ``stamp`` was issued, its resend mark or ""), or (None, "").

    None when the stamp is missing, forged or stale.
    """
    try:
        value = signing.loads(stamp, salt=_STAMP_SALT, max_age=_STAMP_MAX_AGE)
        issued, mark = value if isinstance(value, list) else (value, "")
        return time.time() - float(issued), str(mark)
    except (signing.BadSignature, TypeError, ValueError):
        return None, ""


def stamp_age(stamp):
    """Return seconds since ``stamp`` was issued, or None if it is missing, forged or stale."""
    return read_stamp(stamp)[0]


def pending_ids(request):
    """Return the ids of comments this visitor posted and may still see while pending."""
    raw = request.get_signed_cookie(
        settings.NEWSROOM_PENDING_COMMENT_COOKIE, default="", salt=_PENDING_SALT
    )
    return [int(part) for part in raw.split(",") if part.isdigit()][-20:]


def remember_pending(request, response, comment):
    ids = [*pending_ids(request), comment.pk][-20:]
    response.set_signed_cookie(
        settings.NEWSROOM_PENDING_COMMENT_COOKIE,
        ",".join(map(str, ids)),
        salt=_PENDING_SALT,
        max_age=3 * 24 * 3600,  # the page cache is bypassed while it lives: keep it short
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


# ---------------------------------------------------------------------------
# Rate limits and duplicates (cache-based: shared by every app server when Redis is set)
# ---------------------------------------------------------------------------
def _hit(key, limit, period):
    """Count one hit on ``key`` in the current window; return False once over ``limit``."""
    window = int(time.time() // period)
    full_key = f"comments:rate:{key}:{window}"
    cache.add(full_key, 0, timeout=period)
    try:
        count = cache.incr(full_key)
    except ValueError:  # expired between add and incr
        cache.add(full_key, 1, timeout=period)
        count = 1
    return count <= limit


def within_rate_limits(ip_digest, email):
    """Count one comment against its email and its address; return False once either is over.

    The address limit is the higher one: many phones share a carrier's address.
    """
    period = settings.NEWSROOM_COMMENT_RATE_PERIOD
    email_key = hashlib.sha256(email.casefold().encode()).hexdigest()
    ok_email = _hit(f"email:{email_key}", settings.NEWSROOM_COMMENT_RATE_LIMIT, period)
    ok_ip = _hit(f"ip:{ip_digest or 'none'}", settings.NEWSROOM_COMMENT_IP_RATE_LIMIT, period)
    return ok_email and ok_ip


def _duplicate_key(article, email, body):
    digest = hashlib.sha256(f"{article.pk}\0{email.casefold()}\0{body}".encode()).hexdigest()
    return f"comments:dup:{digest}"


def claim_text(article, email, body):
    """Return True if this text is new from this commenter on this story, and reserve it.

    The cache ``add`` is atomic, so two simultaneous submissions cannot both pass.
    """
    if not cache.add(_duplicate_key(article, email, body), 1, timeout=24 * 3600):
        return False
    return not article.comments.filter(email__iexact=email, body=body).exists()


def release_text(article, email, body):
    cache.delete(_duplicate_key(article, email, body))


# A second tap on "Kirim", or a phone resending a slow post, arrives within seconds of the
# first: it is answered like the first, which it repeats. Later the same text is refused.
RESEND_WINDOW = 60
# How long a resend waits for the first post, still being saved, to be committed.
_RESEND_WAIT = 3.0


def recent_twin(article, email, body, ip_digest):
    """Return the comment this visitor stored with the same text in the last minute, or None.

    While the first post is still being saved (its text claimed, not yet committed) this waits
    for it a little, so a double tap answers twice with the same comment.
    """
    deadline = time.monotonic() + _RESEND_WAIT
    while True:
        stored = (
            article.comments.filter(email__iexact=email, body=body)
            .order_by("-created_at", "-pk")
            .first()
        )
        if stored is not None:
            recent = stored.created_at >= timezone.now() - timedelta(seconds=RESEND_WINDOW)
            same_visitor = stored.ip_hash == ip_digest and not stored.is_staff_reply
            return stored if recent and same_visitor else None
        if time.monotonic() >= deadline or cache.get(_duplicate_key(article, email, body)) is None:
            return None
        time.sleep(0.05)


# ---------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------
class NormalizedCharField(forms.CharField):
    """Normalise before validating, so invisible and control characters are dropped, not refused."""

    def __init__(self, *, multiline=True, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_text(value, multiline=self.multiline) if value else value


class CommentForm(forms.Form):
    name = NormalizedCharField(label=_("Nama"), max_length=80, multiline=False)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Tidak ditampilkan kepada publik."),
    )
    body = NormalizedCharField(label=_("Komentar"), widget=forms.Textarea(attrs={"rows": 5}))
    consent = forms.BooleanField(
        label=_(
            "Saya setuju nama dan komentar saya ditampilkan, dan email serta data teknis saya "
            "disimpan redaksi untuk moderasi sesuai UU 27/2022 tentang Pelindungan Data Pribadi."
        ),
        error_messages={"required": _("Centang persetujuan penggunaan data untuk mengirim.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)
    # Honeypot: hidden from people by CSS, filled in by naive bots.
    situs = forms.CharField(
        label=_("Jangan isi kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, article, **kwargs):
        kwargs.setdefault("auto_id", "kf-%s")
        super().__init__(*args, **kwargs)
        self.article = article
        # The form tag and any CSRF token are the templates' business (the page is cached).
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.parent_comment = None
        self.fields["name"].error_messages["required"] = _("Nama wajib diisi.")
        self.fields["email"].error_messages.update(
            required=_("Email wajib diisi."), invalid=_("Alamat email tidak valid.")
        )
        self.fields["body"].error_messages["required"] = _("Komentar tidak boleh kosong.")

    @property
    def is_bot(self):
        return bool(self.data.get(HONEYPOT_FIELD))

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_body(self):
        body = self.cleaned_data["body"]
        limit = settings.NEWSROOM_COMMENT_MAX_LENGTH
        if len(body) > limit:
            raise forms.ValidationError(
                _("Komentar terlalu panjang: %(length)s karakter, paling banyak %(limit)s.")
                % {"length": len(body), "limit": limit}
            )
        return body

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = (
            Comment.objects.select_related("parent__parent")
            .filter(pk=parent_id, article=self.article)
            .first()
        )
        if parent is None or parent.status != Comment.Status.APPROVED:
            raise forms.ValidationError(
                _("Komentar yang Anda balas tidak ada di berita ini atau sudah dihapus.")
            )
        # Past the deepest level a reply joins its parent's level, as threads cannot go deeper.
        while comment_depth(parent) >= settings.NEWSROOM_COMMENT_MAX_DEPTH and parent.parent_id:
            parent = parent.parent
        self.parent_comment = parent
        return parent.pk

    def clean_stamp(self):
        age, mark = read_stamp(self.cleaned_data.get("stamp"))
        # The text given back to be sent again went through one form already (see form_stamp).
        body = self.cleaned_data.get("body")
        resent = bool(mark and body) and mark == _text_mark(body)
        if age is None or (age < settings.NEWSROOM_COMMENT_MIN_SECONDS and not resent):
            raise forms.ValidationError(
                _("Formulir dikirim terlalu cepat. Periksa komentar Anda lalu kirim sekali lagi.")
            )
        return ""

    def clean(self):
        cleaned = super().clean()
        # Hidden fields have nowhere to show their error: show it above the form.
        for name in ("parent", "stamp"):
            for message in self._errors.pop(name, []):
                self.add_error(None, message)
        if not comments_open(self.article):
            raise forms.ValidationError(_("Komentar untuk berita ini sudah ditutup."))
        return cleaned


class RateLimited(Exception):
    pass


class DuplicateComment(Exception):
    pass


def post_comment(form, request):
    """Save a valid form's comment; raise ``RateLimited`` or ``DuplicateComment`` to refuse.

    The same text sent again by the same visitor within ``RESEND_WINDOW`` saves nothing and
    returns the comment stored the first time.
    """
    data, article = form.cleaned_data, form.article
    digest = ip_hash(client_ip(request))
    if not claim_text(article, data["email"], data["body"]):
        twin = recent_twin(article, data["email"], data["body"], digest)
        if twin is None:
            raise DuplicateComment
        return twin
    if not within_rate_limits(digest, data["email"]):
        release_text(article, data["email"], data["body"])
        raise RateLimited
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                article=article,
                parent=form.parent_comment,
                name=data["name"],
                email=data["email"],
                body=data["body"],
                status=moderation_verdict(data["email"], data["body"]),
                ip_hash=digest,
                user_agent=normalize_text(request.META.get("HTTP_USER_AGENT", ""), multiline=False)[
                    :300
                ],
            )
            if comment.status == Comment.Status.APPROVED:
                _send_changed(comment)
            if comment.status != Comment.Status.SPAM:
                transaction.on_commit(lambda: notify_desk(comment))
    except Exception:
        release_text(article, data["email"], data["body"])
        raise
    return comment


def desk_recipients(article):
    """Return the addresses told of new comments: the setting's, plus the story's editors."""
    unit_ids = [int(part) for part in article.unit.path.strip("/").split("/") if part]
    editors = User.objects.filter(
        is_active=True, unit_id__in=unit_ids, groups__name__in=[roles.EDITOR, roles.HEAD]
    ).exclude(email="")
    return sorted({*settings.NEWSROOM_NOTIFY_EMAILS, *editors.values_list("email", flat=True)})


def notify_desk(comment):
    """Email the desk that a comment arrived (Django's email backend)."""
    article = comment.article
    recipients = desk_recipients(article)
    if not recipients:
        return
    admin_url = settings.SITE_URL + reverse("admin:articles_comment_change", args=[comment.pk])
    subject = gettext("[%(site)s] Komentar baru: %(title)s") % {
        "site": settings.SITE_NAME,
        "title": article.title,
    }
    message = "\n".join(
        [
            gettext("Berita: %(title)s") % {"title": article.title},
            gettext("Dari: %(name)s") % {"name": comment.name},
            gettext("Status: %(status)s") % {"status": comment.get_status_display()},
            "",
            comment.body,
            "",
            gettext("Moderasi: %(url)s") % {"url": admin_url},
        ]
    )
    try:
        send_mail(
            normalize_text(subject[:150], multiline=False),
            message,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    except Exception:  # the comment is saved; a mail outage must not fail the reader
        logger.exception("Could not notify the desk of comment %s", comment.pk)


# ---------------------------------------------------------------------------
# Moderation (admin actions and commands call these)
# ---------------------------------------------------------------------------
def _send_changed(comment):
    transaction.on_commit(lambda: comment_changed.send(sender=Comment, comment=comment))


def _audit(actor, comment, detail):
    from .publishing import log

    log(
        AuditEntry.Action.COMMENT_MODERATE,
        actor,
        article=comment.article,
        unit=comment.article.unit,
        target=gettext("komentar #%(pk)s") % {"pk": comment.pk},
        detail=detail,
    )


def moderate(comments, status, actor):
    """Set ``status`` on ``comments``, stamp and audit each; return how many changed."""
    changed = 0
    with transaction.atomic():
        ids = [c.pk for c in comments]
        locked = (
            Comment.objects.select_for_update().filter(pk__in=ids).select_related("article__unit")
        )
        for comment in locked:
            if comment.status == status:
                continue
            was_public = comment.status == Comment.Status.APPROVED
            comment.status = status
            comment.moderated_by = actor
            comment.moderated_at = timezone.now()
            comment.save(update_fields=["status", "moderated_by", "moderated_at"])
            _audit(actor, comment, gettext("status: %(status)s") % {"status": status})
            if was_public or status == Comment.Status.APPROVED:
                _send_changed(comment)
            changed += 1
    return changed


def reply_as_desk(parent, actor, body):
    """Publish the desk's reply to ``parent``, shown with a staff badge."""
    body = normalize_text(body)
    if not body:
        raise ValueError("empty reply")
    unit = getattr(actor, "unit", None)
    with transaction.atomic():
        reply = Comment.objects.create(
            article=parent.article,
            parent=parent,
            name=str(_("Redaksi %(unit)s") % {"unit": unit.short_name or unit.name})
            if unit
            else str(_("Redaksi")),
            email=actor.email or settings.DEFAULT_FROM_EMAIL,
            body=body,
            status=Comment.Status.APPROVED,
            is_staff_reply=True,
            author_user=actor,
            moderated_by=actor,
            moderated_at=timezone.now(),
        )
        _audit(actor, reply, gettext("balasan redaksi untuk komentar #%(pk)s") % {"pk": parent.pk})
        _send_changed(reply)
    return reply


def commenter_comments(email):
    return Comment.objects.filter(email__iexact=email.strip(), is_staff_reply=False)


def export_commenter(email, queryset=None):
    """Return everything stored about the commenter at ``email`` as JSON-ready data."""
    queryset = commenter_comments(email) if queryset is None else queryset
    rows = queryset.select_related("article").order_by("created_at", "pk")
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                "id": c.pk,
                "article": c.article.title,
                "url": settings.SITE_URL + c.article.get_absolute_url(),
                "parent": c.parent_id,
                "name": c.name,
                "email": c.email,
                "body": c.body,
                "status": c.status,
                "created_at": c.created_at.isoformat(),
                "ip_hash": c.ip_hash,
                "user_agent": c.user_agent,
            }
            for c in rows
        ],
    }


def export_commenter_json(email, queryset=None):
    return json.dumps(export_commenter(email, queryset), ensure_ascii=False, indent=2)


def erase_commenter(email, actor=None, queryset=None):
    """Erase a commenter's data; rows stay as "komentar dihapus" so threads keep their shape."""
    queryset = commenter_comments(email) if queryset is None else queryset
    with transaction.atomic():
        comments = list(queryset.select_for_update().select_related("article__unit"))
        for comment in comments:
            was_public = comment.status == Comment.Status.APPROVED
            comment.name = comment.email = comment.body = comment.ip_hash = comment.user_agent = ""
            comment.status = Comment.Status.REMOVED
            comment.moderated_by = actor
            comment.moderated_at = timezone.now()
            comment.save()
            _audit(actor, comment, gettext("data komentator dihapus atas permintaan"))
            if was_public:
                _send_changed(comment)
    return len(comments)


def purge_visitor_data(days=None, now=None, dry_run=False):
    """Clear the IP hash and user agent of comments older than the retention period."""
    days = settings.NEWSROOM_COMMENT_DATA_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    stale = Comment.objects.filter(created_at__lt=cutoff).filter(~Q(ip_hash="") | ~Q(user_agent=""))
    if dry_run:
        return stale.count()
    with transaction.atomic():
        return stale.update(ip_hash="", user_agent="")
