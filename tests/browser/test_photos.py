"""On a 360 px phone the browser fetches the small rendition; on a desktop a larger one.
In the admin, a click on the preview sets the focal point the crops centre on."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from articles.images import store_photo
from tests.browser.conftest import axe_violations, horizontal_overflow
from tests.factories import ArticleFactory, UserFactory
from tests.images import samples

pytestmark = pytest.mark.django_db(transaction=True)

LOADED = "(img) => img.complete && img.naturalWidth > 0"


def photo(size, **fields):
    upload = SimpleUploadedFile("foto.jpg", samples.plain_jpeg(size), content_type="image/jpeg")
    return store_photo(upload, **fields)


@pytest.fixture
def story():
    main = photo((2400, 1600), alt_text="Kapolres memimpin apel pagi", credit="Bripda Sari")
    # A long story, as many are: the gallery below it starts far beyond the first screen.
    body = "".join(f"<p>Paragraf {i} tentang jalannya apel pagi gabungan.</p>" for i in range(150))
    story = ArticleFactory(
        slug="apel-pagi", title="Apel Pagi Gabungan", body=body, featured_photo=main
    )
    main.article = story
    main.save()
    photo((1800, 1200), article=story, position=1, alt_text="Peserta apel berbaris")
    return story


def main_photo(page):
    image = page.locator(".story-photo img").first
    image.wait_for()
    page.wait_for_function(f"() => ({LOADED})(document.querySelector('.story-photo img'))")
    return image


def test_a_360_px_phone_loads_the_480_px_rendition_of_the_main_photo(browser_page, live_url, story):
    page = browser_page
    assert page.viewport_size["width"] == 360
    page.goto(live_url + story.get_absolute_url())

    image = main_photo(page)
    current = image.evaluate("(img) => img.currentSrc")
    assert current.endswith("_w480.webp"), current
    # Nothing larger was fetched: not a bigger rendition, not the original.
    fetched = page.evaluate(
        "() => performance.getEntriesByType('resource').map((entry) => entry.name)"
    )
    photos = [url for url in fetched if "/media/photos/" in url]
    assert photos and all(url.endswith("_w480.webp") for url in photos), photos
    width = page.evaluate(
        "async (url) => (await createImageBitmap(await (await fetch(url)).blob())).width", current
    )
    assert width == 480
    # Shown at the width of the screen with its proportions kept: no layout shift.
    box = image.bounding_box()
    assert box["width"] <= 360
    assert abs(box["height"] - box["width"] * 1600 / 2400) <= 1
    assert image.get_attribute("fetchpriority") == "high"
    assert horizontal_overflow(page) <= 0
    assert axe_violations(page) == []


def test_the_gallery_photo_waits_until_it_is_scrolled_to(browser_page, live_url, story):
    page = browser_page
    page.goto(live_url + story.get_absolute_url())
    main_photo(page)
    gallery = page.locator(".story-gallery img").first
    assert gallery.get_attribute("loading") == "lazy"
    assert gallery.evaluate("(img) => img.currentSrc") == ""  # not fetched yet, far below
    gallery.scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({LOADED})(document.querySelector('.story-gallery img'))")
    assert gallery.evaluate("(img) => img.currentSrc").endswith("_w480.webp")


def test_a_wide_desktop_screen_gets_a_larger_rendition(chromium, live_url, story):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    try:
        page = context.new_page()
        page.goto(live_url + story.get_absolute_url())
        current = main_photo(page).evaluate("(img) => img.currentSrc")
        # 46rem = 736 CSS px: the 800 px rendition is the smallest that is sharp enough.
        assert current.endswith("_w800.webp"), current
    finally:
        context.close()


def test_an_editor_sets_the_focal_point_by_clicking_the_preview(browser_page, live_url):
    editor = UserFactory(role="redaktur")
    upload = SimpleUploadedFile("pisah.jpg", samples.split_jpeg(), content_type="image/jpeg")
    photo = store_photo(upload, alt_text="Dua sisi", focal=(0.1, 0.5), uploaded_by=editor)
    client = Client()
    client.force_login(editor)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page = browser_page
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_url}])
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_url}/admin/articles/photo/{photo.pk}/change/")
    preview = page.locator("img.photo-focal-preview")
    marker = page.locator(".photo-focal-marker")
    assert marker.evaluate("(ring) => ring.style.left") == "10%"  # where the point is now
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.9, "y": box["height"] * 0.5})
    assert abs(float(page.locator("input[name=focal_x]").input_value()) - 0.9) < 0.02
    assert abs(float(marker.evaluate("(ring) => ring.style.left").rstrip("%")) - 90) < 2
    with page.expect_navigation():
        page.locator("input[name=_save]").click()

    photo.refresh_from_db()
    assert abs(photo.focal_x - 0.9) < 0.02
    with photo.file.storage.open(photo.renditions["thumb.jpg"]) as handle:
        thumb = Image.open(handle).convert("RGB")
    red, _green, blue = thumb.getpixel((200, 200))
    assert blue > 180 and red < 60  # now cut from the right (blue) half
