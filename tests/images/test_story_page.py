"""How photos show on a story: <picture> with srcset and sizes, no layout shift, one eager photo."""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles.images import store_photo
from articles.models import Photo
from tests.factories import ArticleFactory
from tests.images import samples

pytestmark = pytest.mark.django_db

STORY_SIZES = "(min-width: 48rem) 46rem, 100vw"


class Pictures(HTMLParser):
    """Collect every <picture> (its sources and img) and the page's <meta property> tags."""

    def __init__(self, html):
        super().__init__()
        self.pictures, self.meta, self._current = [], {}, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self._current = {"sources": [], "img": None}
        elif tag == "source" and self._current is not None:
            self._current["sources"].append(attrs)
        elif tag == "img" and self._current is not None:
            self._current["img"] = attrs
            self.pictures.append(self._current)
            self._current = None
        elif tag == "meta" and "property" in attrs:
            self.meta[attrs["property"]] = attrs.get("content")
        elif tag == "meta" and attrs.get("name", "").startswith("twitter:"):
            self.meta[attrs["name"]] = attrs.get("content")


def photo(size=(2000, 1333), **fields):
    fields.setdefault("alt_text", "Petugas mengatur lalu lintas")
    data = samples.plain_jpeg(size)
    return store_photo(SimpleUploadedFile("foto.jpg", data, content_type="image/jpeg"), **fields)


def page(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return Pictures(response.content.decode())


def srcset_widths(srcset):
    return [int(item.rsplit(" ", 1)[1].rstrip("w")) for item in srcset.split(", ")]


def test_the_main_photo_is_a_responsive_picture_loaded_first_with_its_size_set(client):
    main = photo(caption="Pengaturan arus mudik", credit="Bripka Dedi")
    story = ArticleFactory(featured_photo=main)
    main.article = story
    main.save()

    parsed = page(client, story)
    assert len(parsed.pictures) == 1
    picture = parsed.pictures[0]
    webp, jpeg = picture["sources"]
    assert webp["type"] == "image/webp" and jpeg["type"] == "image/jpeg"
    assert srcset_widths(webp["srcset"]) == [480, 800, 1200, 1600]
    assert srcset_widths(jpeg["srcset"]) == [480, 800, 1200, 1600]
    assert all(url.split(" ")[0].endswith(".webp") for url in webp["srcset"].split(", "))
    assert webp["sizes"] == jpeg["sizes"] == STORY_SIZES
    img = picture["img"]
    assert (img["width"], img["height"]) == ("2000", "1333")
    assert img["alt"] == "Petugas mengatur lalu lintas"
    assert img["loading"] == "eager" and img["fetchpriority"] == "high"
    assert img["src"].endswith("_w800.jpg")


def test_gallery_photos_follow_their_order_load_lazily_and_show_caption_and_credit(client):
    main = photo()
    story = ArticleFactory(featured_photo=main)
    main.article, main.position = story, 0
    main.save()
    photo((900, 600), article=story, position=2, alt_text="Foto kedua", credit="Briptu Ani")
    photo((900, 600), article=story, position=1, alt_text="Foto pertama", caption="Apel pagi")

    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    parsed = Pictures(html)
    alts = [p["img"]["alt"] for p in parsed.pictures]
    # The featured photo leads the story and is not repeated in the gallery.
    assert alts == ["Petugas mengatur lalu lintas", "Foto pertama", "Foto kedua"]
    eager = [p for p in parsed.pictures if p["img"]["loading"] == "eager"]
    assert len(eager) == 1
    for gallery_picture in parsed.pictures[1:]:
        img = gallery_picture["img"]
        assert img["loading"] == "lazy" and "fetchpriority" not in img
        assert (img["width"], img["height"]) == ("900", "600")
        assert srcset_widths(gallery_picture["sources"][0]["srcset"]) == [480, 800, 900]
    assert "Galeri foto" in html
    assert "Apel pagi" in html and "Foto: Briptu Ani" in html


def test_opengraph_and_twitter_use_the_1200_by_630_social_crop(client, settings):
    settings.SITE_URL = "https://humas.example.test"
    main = photo()
    story = ArticleFactory(featured_photo=main)

    parsed = page(client, story)
    social = f"https://humas.example.test{main.file.storage.url(main.renditions['social.jpg'])}"
    assert parsed.meta["og:image"] == social
    assert parsed.meta["twitter:image"] == social
    assert parsed.meta["og:image:alt"] == "Petugas mengatur lalu lintas"


@pytest.mark.parametrize("size", [(2000, 1333), (900, 600), (700, 1400)])
def test_opengraph_states_the_real_size_of_the_social_crop(client, size):
    main = photo(size)
    story = ArticleFactory(featured_photo=main)

    parsed = page(client, story)
    with main.file.storage.open(main.renditions["social.jpg"]) as handle:
        actual = Image.open(handle).size
    stated = (int(parsed.meta["og:image:width"]), int(parsed.meta["og:image:height"]))
    assert stated == actual


def test_a_story_without_photos_has_no_picture_and_no_gallery(client):
    story = ArticleFactory()
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert "<picture>" not in html and "Galeri foto" not in html
    assert "og:image" not in html


def test_the_gallery_costs_the_same_queries_for_10_or_200_photos(client):
    story = ArticleFactory()

    def add_photos(count):
        start = Photo.objects.count()
        Photo.objects.bulk_create(
            Photo(
                article=story,
                position=index,
                file=f"photos/2025/01/{index:032x}.jpg",
                width=800,
                height=600,
                alt_text=f"Foto galeri {index}",
                renditions={
                    "w480.webp": f"photos/2025/01/{index:032x}_w480.webp",
                    "w480.jpg": f"photos/2025/01/{index:032x}_w480.jpg",
                },
            )
            for index in range(start, start + count)
        )

    def count():
        with CaptureQueriesContext(connection) as captured:
            parsed = page(client, story)
        return len(captured), len(parsed.pictures)

    add_photos(10)
    queries_for_10, pictures = count()
    assert pictures == 10
    add_photos(190)
    queries_for_200, pictures = count()
    assert pictures == 200
    assert queries_for_200 == queries_for_10
