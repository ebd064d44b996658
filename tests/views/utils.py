"""Helpers for the public-site tests: photos built in memory, and a newsroom of any size."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from taggit.models import Tag

from articles.models import Article, Comment, Correction, Photo, RelatedArticle


def make_photo(**kwargs):
    """Save a small JPEG as a Photo (Pillow, in memory)."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (11, 61, 145)).save(buffer, "JPEG")
    kwargs.setdefault("alt_text", "Petugas berdiri di depan markas")
    photo = Photo(file=ContentFile(buffer.getvalue(), name="foto.jpg"), **kwargs)
    photo.save()
    return photo


def grow_newsroom(count, unit, category, partner, writer, start=0):
    """Bulk-create ``count`` published stories with tags, comments and related links."""
    now = timezone.now()
    stories = Article.objects.bulk_create(
        Article(
            title=f"Berita massal nomor {i}",
            slug=f"berita-massal-{i}",
            lead="Ringkasan berita massal.",
            body="<p>Isi berita.</p>",
            unit=unit,
            category=category,
            writer=writer,
            status=Article.Status.PUBLISHED,
            publish_at=now - datetime.timedelta(minutes=10 + i),
        )
        for i in range(start, start + count)
    )
    tags = [Tag.objects.get_or_create(name=f"tagar{i}", slug=f"tagar{i}")[0] for i in range(10)]
    through = Article.tags.through
    through.objects.bulk_create(
        through(content_object=story, tag=tags[(story.pk + k) % len(tags)])
        for story in stories
        for k in range(3)
    )
    Article.partners.through.objects.bulk_create(
        Article.partners.through(article=story, partner=partner) for story in stories
    )
    Comment.objects.bulk_create(
        Comment(
            article=story,
            name="Pembaca",
            email="p@contoh.test",
            body="Mantap.",
            status=Comment.Status.APPROVED,
        )
        for story in stories
    )
    return stories


def enrich(story, others, tags=0, corrections=0):
    """Give one story many tags, related links and corrections."""
    story.tags.add(*[f"topik{i}" for i in range(tags)])
    RelatedArticle.objects.bulk_create(
        (
            RelatedArticle(article=story, target=other, is_manual=i % 2 == 0, position=i, score=i)
            for i, other in enumerate(others)
            if other.pk != story.pk
        ),
        ignore_conflicts=True,
    )
    Correction.objects.bulk_create(
        Correction(article=story, text=f"Ralat {i}") for i in range(corrections)
    )
