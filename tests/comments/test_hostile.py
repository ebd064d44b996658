"""Hostile text is stored harmlessly and rendered as escaped plain text. Never HTML from a reader."""

from html.parser import HTMLParser

import pytest
from django.core import mail
from django.test import Client

from articles import comments as rules
from articles.models import Comment

from .conftest import post_comment

pytestmark = pytest.mark.django_db

HOSTILE_BODIES = [
    "<script>alert('xss')</script> tolong ditindak",
    '"><img src=x onerror="alert(1)"> mohon ditindak',
    '<a href="javascript:alert(1)">klik</a> javascript:alert(document.cookie)',
    "' onmouseover='alert(1)' data-x='",
    "<style>body{display:none}</style><iframe src=//evil.test></iframe>",
    'https://contoh.test/"onmouseover="alert(1)',
]


def approve_all(editor=None):
    rules.moderate(list(Comment.objects.all()), Comment.Status.APPROVED, editor)


class Elements(HTMLParser):
    """Collect every start tag and its attributes, as a browser would parse them."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


THREAD_TAGS = {"section", "h2", "ol", "li", "article", "header", "strong", "span", "a", "time"}
THREAD_TAGS |= {"p", "br", "div"}


def assert_only_our_markup(html):
    """No tag, attribute or link in ``html`` can have come from a reader."""
    for tag, attrs in Elements(html).elements:
        assert tag in THREAD_TAGS, tag
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not {"style", "src", "srcdoc", "formaction"} & set(attrs), (tag, attrs)
        if tag == "a":
            href = attrs["href"]
            assert href.startswith(("https://", "http://", "/", "#")), href
            if href.startswith("http"):
                assert attrs["rel"] == "nofollow ugc noopener"


def thread_html(article):
    html = Client().get(article.get_absolute_url()).content.decode()
    return html[html.index('id="komentar"') : html.index('id="tinggalkan-balasan"')]


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_hostile_markup_is_rendered_escaped(reader, article, body):
    assert (
        post_comment(reader, article, body=body, name="<b onclick=x>Iseng</b>").status_code == 302
    )
    approve_all()

    stored = Comment.objects.get()
    assert stored.body == body  # kept as the reader typed it: escaping happens on output
    html = thread_html(article)
    assert_only_our_markup(html)
    assert "&lt;b onclick=x&gt;Iseng&lt;/b&gt;" in html
    assert "javascript:" not in "".join(
        attrs.get("href", "") for _, attrs in Elements(html).elements
    )


def test_urls_become_nofollow_links_and_nothing_else_does(reader, article):
    body = "Info resmi di https://polri.go.id/berita?id=1&x=2. Juga www.contoh.test, bukan javascript:alert(1)"
    post_comment(reader, article, body=body)
    approve_all()

    html = thread_html(article)
    assert (
        '<a href="https://polri.go.id/berita?id=1&amp;x=2" rel="nofollow ugc noopener">'
        "https://polri.go.id/berita?id=1&amp;x=2</a>." in html
    )
    assert (
        '<a href="http://www.contoh.test" rel="nofollow ugc noopener">www.contoh.test</a>,' in html
    )
    assert_only_our_markup(html)
    links = [attrs for tag, attrs in Elements(html).elements if tag == "a" and "rel" in attrs]
    assert len(links) == 2


def test_line_breaks_are_kept_as_paragraphs_and_breaks(reader, article):
    post_comment(reader, article, body="Baris satu\nbaris dua\n\n\n\nParagraf baru")
    approve_all()
    assert "<p>Baris satu<br>baris dua</p>\n\n<p>Paragraf baru</p>" in thread_html(article)


def test_invisible_and_direction_characters_are_removed(reader, article):
    """RTL overrides, zero-width and control characters cannot disguise a name or a word."""
    name = "Adm\u200bin \u202eexe.gnp\u202c"
    body = "Cafe\u0301 \u202etsil\u202c ju\u200bdi\x00\x07 \ufefftamat"
    post_comment(reader, article, name=name, body=body)

    stored = Comment.objects.get()
    assert stored.name == "Admin exe.gnp"
    assert stored.body == "Café tsil judi tamat"  # NFC: e + combining acute is one character


def test_a_100_kb_body_is_refused_and_not_stored(reader, article):
    body = "spam " * 20_480  # 100 KB
    response = post_comment(reader, article, body=body)
    assert response.status_code == 400
    assert "Komentar terlalu panjang" in response.content.decode()
    assert Comment.objects.count() == 0


def test_newlines_in_the_name_cannot_inject_mail_headers(
    reader, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(reader, article, name="Budi\r\nBcc: korban@contoh.test\nSubject: x")

    stored = Comment.objects.get()
    assert "\n" not in stored.name and "\r" not in stored.name
    assert stored.name == "Budi Bcc: korban@contoh.test Subject: x"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].bcc == []
    assert "\n" not in mail.outbox[0].subject


@pytest.mark.parametrize(
    "email", ["budi@contoh.test\r\nBcc: korban@contoh.test", "budi@contoh.test\nx", "a@b.test%0a"]
)
def test_newlines_in_the_email_are_refused(reader, article, email):
    response = post_comment(reader, article, email=email)
    assert response.status_code == 400
    assert "Alamat email tidak valid." in response.content.decode()
    assert Comment.objects.count() == 0


def test_hostile_text_is_escaped_on_the_resend_form_too(reader, article):
    """The form that keeps the text after an error never turns it into markup."""
    body = "</textarea><script>alert(1)</script>" + "x" * 3001
    html = post_comment(reader, article, body=body).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
