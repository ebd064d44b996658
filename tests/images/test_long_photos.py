"""Long photos (phone screenshots): kept, with JPEG where a side is beyond WebP's 16,383 px."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse_lazy
from PIL import Image

from articles.images import prepare_image, store_photo
from articles.models import Photo
from tests.factories import ArticleFactory, UserFactory
from tests.images import samples

pytestmark = pytest.mark.django_db

ADD_URL = reverse_lazy("admin:articles_photo_add")


def screenshot(size=(1080, 18000)):
    """A long phone screenshot: 19 megapixels, within the 50 MP limit, 18,000 px tall."""
    return samples.encoded(Image.new("RGB", size, samples.BLUE), "PNG")


def form_data(data):
    return {
        "file": SimpleUploadedFile("tangkapan-layar.png", data, content_type="image/png"),
        "alt_text": "Tangkapan layar siaran pers Humas Polres",
        "caption": "",
        "credit": "",
        "article": "",
        "position": "0",
        "focal_x": "0.5",
        "focal_y": "0.5",
    }


class MediaUrls(HTMLParser):
    """Collect every <source> and <img> of the page's pictures."""

    def __init__(self, html):
        super().__init__()
        self.sources, self.imgs = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "source":
            self.sources.append(attrs)
        elif tag == "img":
            self.imgs.append(attrs)


def stored_name(url):
    return url.split("/media/", 1)[1]


def test_a_long_screenshot_is_kept_with_jpeg_only_where_webp_cannot_go(client, media_root):
    client.force_login(UserFactory(role="penulis"))
    response = client.post(ADD_URL, form_data(screenshot()))
    assert response.status_code == 302

    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (1080, 18000)
    # 480 and 800 wide are 8,000 and 13,333 px tall: both formats. 1080 wide is 18,000 tall.
    assert sorted(photo.renditions) == sorted(
        ["w480.webp", "w480.jpg", "w800.webp", "w800.jpg", "w1080.jpg"]
        + ["social.jpg", "thumb.webp", "thumb.jpg"]
        + ["card240.webp", "card240.jpg", "card480.webp", "card480.jpg"]
    )
    for name in photo.renditions.values():
        assert (media_root / name).is_file(), name
    assert Image.open(media_root / photo.renditions["w1080.jpg"]).size == (1080, 18000)

    story = ArticleFactory(featured_photo=photo)
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    parsed = MediaUrls(page.content.decode())
    picture_sources = [s for s in parsed.sources if "srcset" in s]
    # No WebP source capping the detail at 800 px: the JPEG set, every width, serves alone.
    assert [s["type"] for s in picture_sources] == ["image/jpeg"]
    urls = [item.split(" ")[0] for item in picture_sources[0]["srcset"].split(", ")]
    assert [u.rsplit("_", 1)[1] for u in urls] == ["w480.jpg", "w800.jpg", "w1080.jpg"]
    photo_imgs = [img for img in parsed.imgs if img.get("alt") == photo.alt_text]
    assert len(photo_imgs) == 1
    for url in [*urls, photo_imgs[0]["src"]]:
        assert (media_root / stored_name(url)).is_file(), url


def test_a_photo_longer_than_jpeg_allows_is_refused_with_a_message():
    """Beyond 65,500 px neither the cleaned original nor a JPEG can be written."""
    data = samples.encoded(Image.new("1", (200, 66000)), "PNG", optimize=True)
    with pytest.raises(ValidationError) as refused:
        prepare_image(SimpleUploadedFile("panjang.png", data, content_type="image/png"))
    assert refused.value.messages == [
        "Foto terlalu panjang (200 × 66000 piksel). Sisi terpanjangnya paling banyak 65500 piksel."
    ]


def test_a_long_narrow_photo_has_no_webp_and_shows_as_jpeg(client, media_root):
    data = samples.encoded(Image.new("RGB", (400, 20000), samples.RED), "PNG")
    photo = store_photo(
        SimpleUploadedFile("panjang.png", data, content_type="image/png"), alt_text="Spanduk"
    )
    assert sorted(photo.renditions) == sorted(
        ["w400.jpg", "social.jpg", "thumb.jpg", "thumb.webp", "card240.jpg", "card240.webp"]
    )
    story = ArticleFactory(featured_photo=photo)
    parsed = MediaUrls(client.get(story.get_absolute_url()).content.decode())
    assert [s["type"] for s in parsed.sources if "srcset" in s] == ["image/jpeg"]
