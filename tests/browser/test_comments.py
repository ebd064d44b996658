"""A reader comments from a phone, sees it waiting, an editor approves it, everyone sees it."""

import pytest
from django.urls import reverse

from articles.models import Comment
from tests.browser.conftest import MOBILE, axe_violations, horizontal_overflow
from tests.factories import ArticleFactory, CommentFactory, UserFactory

# Transactional: the browser's requests run in the live server's own thread.
pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "rahasia-sekali-123"  # set by UserFactory


@pytest.fixture
def story(settings):
    # The minimum time is tested over HTTP with a moved clock; a scripted browser types fast.
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 0
    article = ArticleFactory(title="Polres Buka Layanan SIM Keliling di Kecamatan")
    CommentFactory(article=article, name="Rina", body="Apakah buka hari Sabtu?")
    return article


@pytest.fixture
def page(request, live_url, story):
    """A phone-sized page, opened only once the database is ready.

    Started before the database fixtures (its natural order as a session fixture), Chromium's
    first launch came before the database fixtures had run.
    """
    return request.getfixturevalue("browser_page")


def fill_and_send(page, body):
    page.locator("#kf-name").fill("Budi Santoso")
    page.locator("#kf-email").fill("budi@contoh.test")
    page.locator("#kf-body").fill(body)
    page.locator("#kf-consent").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Kirim komentar").click()


def approve_in_admin(browser, live_url, editor, text):
    context = browser.new_context(viewport=MOBILE, locale="id-ID")
    page = context.new_page()
    page.goto(live_url + reverse("admin:login"))
    page.locator("#id_username").fill(editor.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    page.goto(live_url + reverse("admin:articles_comment_changelist"))  # opens on the queue
    row = page.locator("#result_list tbody tr", has_text=text)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("approve")
    with page.expect_navigation():
        page.locator("button[name=index]").click()
    context.close()


def test_reader_posts_sees_pending_editor_approves_it_appears(page, live_url, story):
    page.goto(live_url + story.get_absolute_url())
    # The served (cacheable) page has no token: the script fetches one and the stamp.
    page.wait_for_function(
        "() => document.querySelector('form.comment-form input[name=csrfmiddlewaretoken]')?.value"
        " && document.querySelector('form.comment-form input[name=stamp]').value"
    )
    fill_and_send(page, "Terima kasih, sangat membantu.\nSemoga rutin diadakan.")

    notice = page.get_by_text("Komentar Anda menunggu moderasi.")
    assert notice.is_visible()
    comment = Comment.objects.get(body__startswith="Terima kasih, sangat")
    assert comment.status == Comment.Status.PENDING
    assert page.url.endswith(f"#komentar-{comment.pk}")
    assert horizontal_overflow(page) <= 0
    assert axe_violations(page) == []

    stranger = page.context.browser.new_page(viewport=MOBILE)
    stranger.goto(live_url + story.get_absolute_url())
    assert stranger.get_by_text("Terima kasih, sangat membantu.").count() == 0

    editor = UserFactory(role="redaktur", unit=story.unit)
    approve_in_admin(page.context.browser, live_url, editor, "Terima kasih, sangat")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED

    stranger.goto(live_url + story.get_absolute_url())
    shown = stranger.locator(f"#komentar-{comment.pk}")
    assert shown.get_by_text("Terima kasih, sangat membantu.").is_visible()
    assert shown.get_by_text("Budi Santoso", exact=True).is_visible()
    assert stranger.get_by_text("Komentar Anda menunggu moderasi.").count() == 0
    assert stranger.get_by_role("heading", name="2 komentar").is_visible()
    stranger.close()


def test_reply_moves_the_form_under_the_comment_and_posts_a_reply(page, live_url, story):
    page.goto(live_url + story.get_absolute_url())
    question = Comment.objects.get(name="Rina")

    page.locator(f"#komentar-{question.pk} .comment-reply-link").click()
    assert page.locator(f"#komentar-{question.pk} #tinggalkan-balasan").count() == 1
    assert page.get_by_text("Membalas Rina").is_visible()
    assert page.locator("input[name=parent]").input_value() == str(question.pk)

    fill_and_send(page, "Buka, mulai pukul 08.00.")

    reply = Comment.objects.get(parent=question)
    assert reply.body == "Buka, mulai pukul 08.00."
    nested = page.locator(f"#komentar-{question.pk} .comment-children #komentar-{reply.pk}")
    assert nested.get_by_text("Komentar Anda menunggu moderasi.").is_visible()
    assert axe_violations(page) == []


def test_without_javascript_the_reader_sends_twice_and_keeps_the_text(request, live_url, story):
    context = request.getfixturevalue("chromium").new_context(
        viewport=MOBILE, java_script_enabled=False, locale="id-ID"
    )
    page = context.new_page()
    page.goto(live_url + story.get_absolute_url())
    fill_and_send(page, "Dikirim tanpa JavaScript.")

    assert Comment.objects.filter(body="Dikirim tanpa JavaScript.").count() == 0
    assert page.locator("#kf-body").input_value() == "Dikirim tanpa JavaScript."
    assert page.get_by_role("alert").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Kirim komentar").click()

    assert Comment.objects.filter(body="Dikirim tanpa JavaScript.").count() == 1
    assert page.get_by_text("Komentar Anda menunggu moderasi.").is_visible()
    context.close()


def test_the_uncached_form_page_is_accessible(page, live_url, story):
    question = Comment.objects.get(name="Rina")
    page.goto(live_url + reverse("articles:comment_reply", args=[story.pk, question.pk]))
    assert page.get_by_text("Apakah buka hari Sabtu?").is_visible()
    assert horizontal_overflow(page) <= 0
    assert axe_violations(page) == []


def fill_form(page, body):
    page.locator("#kf-name").fill("Budi Santoso")
    page.locator("#kf-email").fill("budi@contoh.test")
    page.locator("#kf-body").fill(body)
    page.locator("#kf-consent").check()


def count_posts(page, story):
    """Count the comment posts the page sends (a list that grows as the page posts)."""
    posts = []
    post_url = reverse("articles:comment_post", args=[story.pk])
    page.on(
        "request",
        lambda req: posts.append(req.url) if req.method == "POST" and post_url in req.url else None,
    )
    return posts


@pytest.mark.parametrize("token", ["ready", "loading"])
def test_a_double_tap_on_send_posts_once_and_shows_the_pending_comment(
    page, live_url, story, token
):
    """Two quick taps on "Kirim komentar", with the token fetched or still loading: one post."""
    held = []
    if token == "loading":
        # Hold the first token request until both taps are in.
        def hold_first(route):
            if not held:
                held.append(route)
            else:
                route.continue_()

        page.route("**" + reverse("articles:comment_token") + "*", hold_first)
    posts = count_posts(page, story)
    page.goto(live_url + story.get_absolute_url(), wait_until="domcontentloaded")
    if token == "ready":
        page.wait_for_function(
            "() => document.querySelector('form.comment-form input[name=stamp]').value"
        )
    fill_form(page, "Dua kali ketuk, satu komentar.")
    button = page.get_by_role("button", name="Kirim komentar")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(150)  # a thumb's second tap
    page.mouse.click(x, y)
    if held:
        held[0].continue_()
    # The answer: the story at the new comment, or the comment form page.
    page.wait_for_url(lambda url: "#komentar-" in url or "/kirim/" in url)
    page.wait_for_load_state()
    page.wait_for_timeout(300)  # a second post, if any, would be on its way by now

    assert len(posts) == 1
    comment = Comment.objects.get(body="Dua kali ketuk, satu komentar.")
    assert page.get_by_text("Komentar Anda menunggu moderasi.").is_visible()
    assert page.locator(f"#komentar-{comment.pk}").get_by_text(comment.body).is_visible()
    assert page.get_by_text("Komentar yang sama sudah Anda kirim").count() == 0
