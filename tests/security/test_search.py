"""The search page: the query is echoed as text, hidden stories are never found, junk is 200."""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory

from .htmlscan import scan

pytestmark = pytest.mark.django_db

PAYLOAD = '"><script>alert(1)</script><img src=x onerror=alert(1)>'


def test_search_echoes_a_hostile_query_as_text(client):
    response = client.get("/cari/", {"q": f"patroli {PAYLOAD}"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "<script>alert" not in text and "<img src=x" not in text
    assert scan(text)[0] == []


def test_search_never_finds_hidden_stories(client):
    ArticleFactory(title="Patroli Zebra Terbuka")
    ArticleFactory(title="Patroli Zebra RAHASIADRAF", status=Article.Status.DRAFT, publish_at=None)
    response = client.get("/cari/", {"q": "zebra"})
    assert response.status_code == 200
    assert "RAHASIADRAF" not in response.content.decode()
