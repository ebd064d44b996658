"""Turn whatever HTML arrives (editor, Word paste, importers) into the body allowlist."""

import re
from html import unescape

import nh3

BODY_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "br",
}
BODY_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_EMPTY_PARAGRAPH = re.compile(r"<p>(\s|&nbsp;|<br>)*</p>")
# Google Docs wraps a whole paste in <b id="docs-internal-guid-…">; left in, every paragraph
# and heading would end up inside one bold element. The parser drops the orphaned </b>.
_DOCS_WRAPPER = re.compile(r"<b\b[^>]*\bid=[\"']?docs-internal-guid[^>]*>", re.IGNORECASE)
_EDGE_BREAKS = re.compile(r"^(\s|<br>)+|(\s|<br>)+$")
_TAG = re.compile(r"<[^>]+>")


def clean_body_html(html):
    """Return ``html`` reduced to paragraphs, h2–h4, emphasis, links, lists and quotes."""
    if not html:
        return ""
    html = _DOCS_WRAPPER.sub("", html)
    cleaned = nh3.clean(
        html,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        # Drop the content of these tags entirely rather than keeping their text.
        clean_content_tags={"script", "style", "template", "iframe", "object", "noscript", "title"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _EDGE_BREAKS.sub("", _EMPTY_PARAGRAPH.sub("", cleaned))


def html_to_text(html):
    """Return the visible text of an HTML fragment (for counts, search and feeds)."""
    return re.sub(r"\s+", " ", unescape(_TAG.sub(" ", html or ""))).strip()


# The C0 control characters XML 1.0 cannot carry, and DEL; tab, newline and carriage return
# stay. The one rule for the story form, the feeds and the importers.
CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_characters(text):
    """Return ``text`` without control characters (NUL too: feeds refuse it as well)."""
    if not text:
        return text
    return CONTROL_CHARACTERS.sub("", text.replace("\x00", ""))
