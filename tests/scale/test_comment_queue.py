"""The moderation queue on a large site: its count is taken once, and again after a decision."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:articles_comment_changelist")


def view_queue(client, query=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(QUEUE, query or {})
    assert response.status_code == 200
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    return response.content.decode(), counts


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


def test_the_queue_is_counted_once_then_again_after_a_decision(
    editor_client, django_capture_on_commit_callbacks
):
    story = ArticleFactory()
    waiting = CommentFactory.create_batch(4, article=story, status=Comment.Status.PENDING)

    html, counts = view_queue(editor_client)
    assert len(counts) == 1 and "4 komentar" in html

    html, counts = view_queue(editor_client)
    assert counts == [] and "4 komentar" in html  # the count is remembered

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            QUEUE,
            {"action": "approve", "_selected_action": [waiting[0].pk], "index": 0},
        )
    assert response.status_code == 302

    html, counts = view_queue(editor_client)
    assert len(counts) == 1 and "3 komentar" in html


def test_each_filter_keeps_its_own_count(editor_client):
    story = ArticleFactory()
    CommentFactory.create_batch(2, article=story, status=Comment.Status.PENDING)
    CommentFactory.create_batch(5, article=story, status=Comment.Status.APPROVED)

    assert "2 komentar" in view_queue(editor_client)[0]
    assert "7 komentar" in view_queue(editor_client, {"antrean": "semua"})[0]
    assert "5 komentar" in view_queue(editor_client, {"antrean": "approved"})[0]
    assert "2 komentar" in view_queue(editor_client)[0]
