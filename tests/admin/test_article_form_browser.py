"""The story form in a real browser, under the admin's CSP: editor, paste, counter, save."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from articles import publishing
from articles.models import Article
from tests.browser.conftest import _chromium_holder, chromium, live_url  # noqa: F401 (fixtures)
from tests.factories import ArticleFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WORD_HTML = (
    '<p class="MsoNormal" style="mso-margin-top-alt:auto"><span style="font-size:12pt">'
    "Polres menggelar patroli malam.<o:p></o:p></span></p>"
    '<h2 style="mso-outline-level:2"><span>Hasil Patroli</span></h2>'
    '<p class="MsoNormal" onclick="steal()">Aman <a href="javascript:alert(1)">terkendali</a>.'
    "<script>alert(1)</script></p>"
)


# The body's editable area (the menu's heading picker reuses the class for its previews).
EDITOR = '.ProseMirror[contenteditable="true"]'


@pytest.fixture
def desk_page(chromium, live_url):  # noqa: F811 (fixtures imported above)
    """A logged-in editor's page that keeps the admin's CSP and records any violation."""
    unit = UnitFactory(name="Polres Tasikmalaya Kota")
    editor = UserFactory(role="redaktur", unit=unit, first_name="Rudi")
    context = chromium.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []

    def record(message):
        # (A missing favicon is the only resource error a bare test server gives.)
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            page.problems.append(message.text)

    page.on("console", record)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    client = Client()
    client.force_login(editor)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_url}])
    page.unit = unit
    yield page
    context.close()


def paste_html(page, html):
    """Paste ``html`` into the body editor the way a browser delivers a paste from Word."""
    page.click(EDITOR)
    page.evaluate(
        """([html, editor]) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", html.replace(/<[^>]+>/g, ""));
            const event = new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                       cancelable: true});
            document.querySelector(editor).dispatchEvent(event);
        }""",
        [html, EDITOR],
    )


def test_editor_counter_and_paste_work_under_the_admin_csp(desk_page, live_url):  # noqa: F811
    page = desk_page
    response = page.goto(live_url + "/admin/articles/article/add/")
    assert response.status == 200
    page.wait_for_selector(EDITOR)

    page.locator("#id_title").press_sequentially("Patroli Malam Polres")
    # The slug follows the title as it is typed (Django's prepopulate, a static file).
    assert page.input_value("#id_slug") == "patroli-malam-polres"
    page.fill("#id_lead", "x" * 170)
    counter = page.locator("#id_lead-counter")
    assert re.match(r"170 karakter", counter.inner_text())
    assert "char-counter--over" in counter.get_attribute("class")

    # The form's own scripts (editor, counter, prepopulate, presence) run under the policy.
    assert page.problems == []

    paste_html(page, WORD_HTML)
    page.select_option("#id_unit", str(page.unit.pk))
    page.click('input[name="_save"]')
    page.wait_for_url(re.compile(r"/admin/articles/article/(\?.*)?$"))

    story = Article.objects.get(slug="patroli-malam-polres")
    # Word's markup gone, the editor's allowlist kept; the javascript: link lost its link.
    assert story.body == (
        "<p>Polres menggelar patroli malam.</p><h2>Hasil Patroli</h2><p>Aman terkendali.</p>"
    )
    # The only complaints are the browser refusing the pasted handler: the CSP at work.
    assert all("inline event handler" in problem for problem in page.problems)


def open_story_in_review(page, base_url, **fields):
    """Open the change form of a story waiting for review; return it and the form's address."""
    story = ArticleFactory(unit=page.unit, status=Article.Status.REVIEW, publish_at=None, **fields)
    publishing.record_revision(story, None, "Dibuat")
    change = base_url + reverse("admin:articles_article_change", args=[story.pk])
    assert page.goto(change).status == 200
    page.wait_for_selector(EDITOR)
    return story, change


def test_a_workflow_button_keeps_unsaved_edits_and_says_to_save_first(desk_page, live_url):  # noqa: F811
    """The panel's actions work on the stored version: with edits unsaved they are held back."""
    page = desk_page
    story, change = open_story_in_review(page, live_url, title="Patroli Malam Polres")

    page.fill("#id_title", "Patroli Malam Polres Tasikmalaya")
    page.get_by_role("button", name="Terbitkan sekarang").click()

    message = page.get_by_role("alert").filter(has_text="Simpan perubahan Anda dulu")
    message.wait_for()
    assert "“Terbitkan sekarang”" in message.inner_text()
    assert "muat ulang halaman" in message.inner_text()
    # Still on the form, with the edit in the field; the stored story untouched.
    assert page.url == change
    assert page.input_value("#id_title") == "Patroli Malam Polres Tasikmalaya"
    story.refresh_from_db()
    assert (story.status, story.title) == (Article.Status.REVIEW, "Patroli Malam Polres")
    assert page.problems == []


def test_a_workflow_button_on_an_unedited_form_acts_at_once(desk_page, live_url):  # noqa: F811
    page = desk_page
    story, _change = open_story_in_review(page, live_url)

    with page.expect_navigation():
        page.get_by_role("button", name="Terbitkan sekarang").click()
    assert page.locator(".workflow-unsaved").count() == 0
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED


def test_the_unsaved_edits_message_is_translated(desk_page, live_url):  # noqa: F811
    page = desk_page
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_url}]
    )
    story, _change = open_story_in_review(page, live_url)

    page.fill("#id_title", "Night Patrol")
    page.get_by_role("button", name="Publish now").click()
    message = page.get_by_role("alert").filter(has_text="Save your changes before")
    message.wait_for()
    assert "“Publish now”" in message.inner_text()
