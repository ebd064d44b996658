"""A reader on a 360 px phone: home, a story, a list; axe-core finds nothing on any of them."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image

from tests.browser.conftest import MOBILE, axe_violations, horizontal_overflow
from tests.factories import ArticleFactory, CategoryFactory, PartnerFactory, UserFactory
from tests.views.utils import make_photo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom():
    category = CategoryFactory(name="Lalu Lintas")
    writer = UserFactory(first_name="Lina", last_name="Sari")
    now = timezone.now()
    for i in range(25):
        ArticleFactory(
            title=f"Polres Gelar Operasi Keselamatan Lalu Lintas Tahap {i:02d}",
            category=category,
            publish_at=now - datetime.timedelta(hours=i + 2),
        )
    featured = ArticleFactory(
        title="Kapolres dan Dinas Kesehatan Perkuat Kerja Sama Layanan Masyarakat",
        slug="kerja-sama-layanan",
        lead="Kerja sama keamanan dan kesehatan diperkuat lewat pertemuan silaturahmi.",
        body="".join(f"<p>Paragraf isi berita nomor {i}.</p>" for i in range(8)),
        category=category,
        is_featured=True,
        writer=writer,
        byline="(LS)",
        photographer="Andi",
        source_name="Humas Polres Contoh",
        source_url="https://humas.example.test/sumber",
        tags=["kesehatan", "kamtibmas", "sinergi"],
        partners=[PartnerFactory(name="Kementerian Kesehatan", acronym="Kemenkes")],
        featured_photo=make_photo(caption="Penyerahan plakat", credit="Andi"),
    )
    return {"category": category, "featured": featured}


def assert_fits_and_accessible(page):
    assert horizontal_overflow(page) <= 0
    assert axe_violations(page) == []


def test_reader_opens_home_follows_a_story_and_pages_through_a_list(
    browser_page, live_url, newsroom
):
    page = browser_page
    page.goto(live_url + "/")
    assert page.locator("h2#utama").count() == 1
    assert_fits_and_accessible(page)

    page.get_by_role("link", name=newsroom["featured"].title).first.click()
    page.wait_for_url("**/berita/kerja-sama-layanan/")
    assert page.locator("h1").inner_text() == newsroom["featured"].title
    assert page.get_by_text("Baca juga").count() == 0  # none stored, none invented
    assert page.get_by_role("link", name="WhatsApp").count() == 1
    assert_fits_and_accessible(page)
    # A 360 px screenshot of the whole story is exactly 360 px wide: nothing sticks out.
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True)))
    assert shot.width == MOBILE["width"]

    page.locator("nav.breadcrumbs").get_by_role("link", name="Lalu Lintas").click()
    page.wait_for_url("**/kategori/lalu-lintas/")
    assert "26 berita" in page.locator(".list-count").inner_text()
    assert "Halaman 1 dari 2" in page.locator(".pagination").inner_text()
    assert_fits_and_accessible(page)

    page.get_by_role("link", name="Berikutnya").click()
    page.wait_for_url("**/kategori/lalu-lintas/?page=2")
    assert "Halaman 2 dari 2" in page.locator(".pagination").inner_text()
    assert page.locator("article.card").count() == 6
    assert_fits_and_accessible(page)


def test_keyboard_reader_meets_the_skip_link_first_and_sees_where_focus_is(
    browser_page, live_url, newsroom
):
    page = browser_page
    page.goto(live_url + newsroom["featured"].get_absolute_url())

    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const el = document.activeElement; const box = el.getBoundingClientRect();"
        " const style = getComputedStyle(el);"
        " return {text: el.textContent, top: box.top, outline: style.outlineStyle}; }"
    )
    assert focused["text"] == "Langsung ke isi"
    assert focused["top"] >= 0  # on screen once focused
    assert focused["outline"] != "none"

    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#isi"


def test_english_story_page_is_accessible_too(browser_page, live_url, newsroom):
    browser_page.goto(live_url + "/en" + newsroom["featured"].get_absolute_url())

    assert browser_page.locator("html").get_attribute("lang") == "en"
    assert_fits_and_accessible(browser_page)


def test_other_list_pages_and_the_404_page_are_accessible(browser_page, live_url, newsroom):
    story = newsroom["featured"]
    local = timezone.localtime(story.publish_at)
    for path in (
        story.unit.get_absolute_url(),
        "/tag/kesehatan/",
        f"/arsip/{local.year}/",
        f"/arsip/{local.year}/{local.month}/",
        "/halaman-yang-tidak-ada/",
    ):
        browser_page.goto(live_url + path)
        assert browser_page.locator("h1").count() == 1, path
        assert horizontal_overflow(browser_page) <= 0, path
        assert axe_violations(browser_page) == [], path


def test_copy_link_copies_the_story_address(browser_page, live_url, newsroom):
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_url)
    page.goto(live_url + newsroom["featured"].get_absolute_url())

    page.get_by_role("link", name="Salin tautan").click()

    page.get_by_text("Tautan disalin").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()").endswith(
        "/berita/kerja-sama-layanan/"
    )


def test_printed_story_leaves_out_menus_share_links_and_comments(browser_page, live_url, newsroom):
    page = browser_page
    page.goto(live_url + newsroom["featured"].get_absolute_url())

    page.emulate_media(media="print")

    assert page.locator("h1").is_visible()
    assert page.locator(".story-body").is_visible()
    for hidden in (".site-nav", ".share", ".skip-link", ".site-footer"):
        assert not page.locator(hidden).is_visible(), hidden
