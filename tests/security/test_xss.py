"""Hostile text in every field a reader or staff member can fill is shown as text, never run."""

import html
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Comment
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    PartnerFactory,
    UnitFactory,
    UserFactory,
)
from tests.views.utils import make_photo

from .htmlscan import scan

pytestmark = pytest.mark.django_db

# Each closes a different context: element, attribute, <script> data, URL.
PAYLOAD = "\"'><script>alert('xss')</script><img src=x onerror=alert(1)></textarea></title>"
# Fits the 80-character name field with its label.
SHORT = '"><script>alert(1)</script><img src=x onerror=alert(1)>'
TINY = '"><script>alert(1)</script>'
RAW_MARKERS = ["<script>alert", "<img src=x onerror", "onerror=alert(1)>"]


def payload(label):
    return f"{label} {PAYLOAD}"


def assert_inert(content, *, expect_text=()):
    """No payload markup survives and each expected label is shown (escaped) as text."""
    text = content.decode() if isinstance(content, bytes) else content
    for marker in RAW_MARKERS:
        assert marker not in text, marker
    problems, tags = scan(text)
    assert problems == []
    assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in tags)
    for label in expect_text:
        assert label in html.unescape(text), label


@pytest.fixture
def hostile_story():
    unit = UnitFactory(name=payload("SatuanX"), short_name=f"SatuanPendek {TINY}")
    writer = UserFactory(first_name=payload("PenulisX"), last_name="Jahat", unit=unit)
    story = ArticleFactory(
        title=payload("JudulX"),
        slug="berita-jahat",
        lead=payload("RingkasanX"),
        dateline=f"DatelineX {SHORT}",
        byline=payload("BylineX"),
        photographer=payload("FotograferX"),
        source_name=payload("SumberX"),
        source_url='https://contoh.test/?q="><script>alert(1)</script>',
        body=(
            "<p>Isi aman.</p><script>alert('body')</script>"
            '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">tautan</a>'
            '<p style="background:url(javascript:alert(1))" onclick="alert(1)">gaya</p>'
            "<iframe src=//evil.example></iframe><svg onload=alert(1)></svg>"
        ),
        unit=unit,
        category=CategoryFactory(name=payload("KategoriX"), slug="kategori-jahat"),
        tags=[payload("TagarX")],
        partners=[PartnerFactory(name=payload("MitraX"), acronym="MJ", slug="mitra-jahat")],
        featured_photo=make_photo(
            caption=payload("KeteranganX"), credit=payload("KreditX"), alt_text=payload("AltX")
        ),
    )
    story.writer = writer
    story.save()
    parent = CommentFactory(article=story, name=f"NamaX {SHORT}", body=payload("KomentarX"))
    CommentFactory(article=story, parent=parent, name=f"BalasX {SHORT}", body=payload("IsiBalasX"))
    return story


def test_story_page_shows_hostile_fields_as_text(client, hostile_story):
    response = client.get(hostile_story.get_absolute_url())
    assert response.status_code == 200
    assert_inert(
        response.content,
        expect_text=["JudulX", "RingkasanX", "KomentarX", "NamaX", "IsiBalasX", "KeteranganX"],
    )
    text = response.content.decode()
    assert "javascript:" not in text
    assert 'href="https://contoh.test/?q=&quot;&gt;&lt;script&gt;' in text
    assert "<iframe" not in text and "<svg" not in text
    assert "Isi aman." in text


def test_listing_pages_show_hostile_fields_as_text(client, hostile_story):
    tag_slug = hostile_story.tags.get().slug
    urls = [
        reverse("articles:home"),
        hostile_story.category.get_absolute_url(),
        hostile_story.unit.get_absolute_url(),
        hostile_story.partners.get().get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": tag_slug}),
        reverse("articles:writer", kwargs={"pk": hostile_story.writer_id}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content, expect_text=["JudulX"])


def feed_texts(content):
    root = ET.fromstring(content)
    return [(el.tag, el.text or "") for el in root.iter()]


@pytest.mark.parametrize("name", ["articles:feed_rss", "articles:feed_atom"])
def test_feeds_carry_hostile_text_only_as_escaped_text(client, hostile_story, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert b"<script>" not in response.content
    for tag, text in feed_texts(response.content):
        # Readers render descriptions and content as HTML: no live markup in them.
        if tag.endswith(("description", "summary", "content")):
            problems, tags = scan(text)
            assert problems == [], text
            assert [t for t, _attrs in tags if t in {"script", "img", "iframe", "svg"}] == []
    titles = [text for tag, text in feed_texts(response.content) if tag.endswith("title")]
    assert any(text == hostile_story.title for text in titles)


def test_posted_hostile_comment_is_held_and_inert_everywhere(client, hostile_story, settings):
    """A reader's posted payload is stored as typed and never runs, in public or in the admin."""
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 0
    token = client.get(reverse("articles:comment_token")).json()
    response = client.post(
        reverse("articles:comment_post", kwargs={"article_pk": hostile_story.pk}),
        {
            "csrfmiddlewaretoken": token["csrfToken"],
            "stamp": token["stamp"],
            "name": f"PengirimX {SHORT}",
            "email": "pengirim@contoh.test",
            "body": payload("DikirimX"),
            "consent": "on",
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get(name__startswith="PengirimX")
    assert comment.body.startswith("DikirimX")
    assert comment.status == Comment.Status.PENDING

    # The moderation queue and the change form show it as text.
    staff = Client()
    staff.force_login(UserFactory(role="redaktur", unit=hostile_story.unit))
    for url in [
        reverse("admin:articles_comment_changelist"),
        reverse("admin:articles_comment_change", args=[comment.pk]),
    ]:
        page = staff.get(url)
        assert page.status_code == 200, url
        assert_inert(page.content, expect_text=["PengirimX"])

    comment.status = Comment.Status.APPROVED
    comment.save()
    assert_inert(client.get(hostile_story.get_absolute_url()).content, expect_text=["DikirimX"])


def test_admin_lists_show_hostile_staff_fields_as_text(client, hostile_story):
    client.force_login(UserFactory(is_superuser=True, unit=None))
    for url in [
        reverse("admin:articles_unit_changelist"),
        reverse("admin:articles_user_changelist"),
        reverse("admin:articles_category_changelist"),
        reverse("admin:articles_partner_changelist"),
        reverse("admin:articles_unit_change", args=[hostile_story.unit_id]),
    ]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert_inert(page.content)


def test_staff_cannot_store_a_script_url_as_the_source_link():
    from django.core.exceptions import ValidationError

    story = ArticleFactory.build(unit=UnitFactory(), category=None)
    for url in ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"]:
        story.source_url = url
        with pytest.raises(ValidationError) as err:
            story.full_clean(exclude=["slug"])
        assert "source_url" in err.value.message_dict
