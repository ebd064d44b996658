"""A story page's HTML, CSS and JS stay under 100 KB compressed."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from tests.factories import ArticleFactory, PartnerFactory
from tests.views.utils import make_photo

pytestmark = pytest.mark.django_db

LIMIT = 100 * 1024


def test_story_page_with_its_css_and_js_is_under_100_kb_compressed(client):
    body = "".join(
        f"<p>Paragraf berita nomor {i} dengan isi yang cukup panjang.</p>" for i in range(80)
    )
    story = ArticleFactory(
        body=body,
        featured_photo=make_photo(),
        tags=[f"tag{i}" for i in range(15)],
        partners=[PartnerFactory() for _ in range(4)],
    )

    html = client.get(story.get_absolute_url()).content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    total = len(gzip.compress(html))
    for asset in assets:
        with open(finders.find(asset.decode()), "rb") as handle:
            total += len(gzip.compress(handle.read()))

    assert {a.rsplit(b".", 1)[1] for a in assets} == {b"css", b"js"}
    assert total < LIMIT, total
