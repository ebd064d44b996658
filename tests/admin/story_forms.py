"""Build the POST data of the story change form, as a browser would send it."""

from django.urls import reverse
from django.utils import timezone

# Inline formsets on the story form (prefix: the related name of their foreign key).
INLINE_PREFIXES = ["photos", "related_links"]


def add_url():
    return reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def _split(moment):
    if moment is None:
        return "", ""
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def story_form_data(article=None, *, opened_version=None, **changes):
    """Return the form as it would be submitted for ``article`` (None: a new story).

    ``changes`` override fields; ``publish_at``/``expire_at`` take datetimes. Read-only fields
    a role does not get are simply ignored by the admin.
    """
    values = {
        "title": "",
        "slug": "",
        "dateline": "",
        "lead": "",
        "body": "",
        "unit": "",
        "category": "",
        "tags": "",
        "partners": [],
        "featured_photo": "",
        "writer": "",
        "byline": "",
        "photographer": "",
        "source_name": "",
        "source_url": "",
        "publish_at": None,
        "expire_at": None,
        "event_date": "",
        "is_featured": False,
        "allow_comments": True,
        "change_summary": "",
    }
    if article is not None:
        values.update(
            title=article.title,
            slug=article.slug,
            dateline=article.dateline,
            lead=article.lead,
            body=article.body,
            unit=article.unit_id,
            category=article.category_id or "",
            tags=", ".join(sorted(article.tags.names())),
            partners=list(article.partners.values_list("pk", flat=True)),
            featured_photo=article.featured_photo_id or "",
            writer=article.writer_id or "",
            byline=article.byline,
            photographer=article.photographer,
            source_name=article.source_name,
            source_url=article.source_url,
            publish_at=article.publish_at,
            expire_at=article.expire_at,
            event_date=article.event_date.isoformat() if article.event_date else "",
            is_featured=article.is_featured,
            allow_comments=article.allow_comments,
        )
        if opened_version is None:
            opened_version = article.version
    values.update(changes)
    data = {}
    for name, value in values.items():
        if name in ("publish_at", "expire_at"):
            data[f"{name}_0"], data[f"{name}_1"] = _split(value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = value
    if opened_version is not None:
        data["opened_version"] = opened_version
    for prefix in INLINE_PREFIXES:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data
