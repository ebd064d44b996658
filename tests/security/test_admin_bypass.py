"""Permission bypass through admin paths: change form, history, delete, autocomplete, actions."""

import pytest
from django.urls import reverse

from articles.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_desks():
    polda = UnitFactory(name="Polda Induk")
    mine = UnitFactory(name="Polres Saya", parent=polda)
    other = UnitFactory(name="Polres Lain", parent=polda)
    return {
        "polda": polda,
        "mine": mine,
        "other": other,
        "head": UserFactory(role="kepala", unit=mine),
        "editor": UserFactory(role="redaktur", unit=mine),
        "writer": UserFactory(role="penulis", unit=mine),
        "outsider": UserFactory(role="penulis", unit=other, first_name="Orang Lain"),
        "foreign_comment": CommentFactory(
            article=ArticleFactory(unit=other), status=Comment.Status.PENDING
        ),
    }


def admin_url(model, view, *args):
    return reverse(f"admin:articles_{model}_{view}", args=args)


def test_objects_outside_the_unit_tree_are_unreachable_by_every_admin_path(client, two_desks):
    client.force_login(two_desks["head"])
    outsider = two_desks["outsider"]
    other = two_desks["other"]
    comment = two_desks["foreign_comment"]
    for url in [
        admin_url("user", "change", outsider.pk),
        admin_url("user", "history", outsider.pk),
        admin_url("user", "delete", outsider.pk),
        reverse("admin:auth_user_password_change", args=[outsider.pk]),
        admin_url("unit", "change", other.pk),
        admin_url("unit", "history", other.pk),
        admin_url("comment", "change", comment.pk),
        admin_url("comment", "history", comment.pk),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/", url
        assert b"Orang Lain" not in response.content


def test_posting_to_a_foreign_change_form_changes_nothing(client, two_desks):
    client.force_login(two_desks["head"])
    outsider = two_desks["outsider"]
    response = client.post(
        admin_url("user", "change", outsider.pk),
        {"username": outsider.username, "first_name": "Diubah", "is_active": ""},
    )
    assert response.status_code in (302, 403, 404)
    outsider.refresh_from_db()
    assert (outsider.first_name, outsider.is_active) == ("Orang Lain", True)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[outsider.pk]),
        {"password1": "Sandi-baru-yang-panjang-1", "password2": "Sandi-baru-yang-panjang-1"},
    )
    assert response.status_code in (302, 403, 404)
    outsider.refresh_from_db()
    assert outsider.check_password("rahasia-sekali-123")


def test_bulk_actions_ignore_selected_ids_outside_the_tree(client, two_desks):
    client.force_login(two_desks["editor"])
    comment = two_desks["foreign_comment"]
    for action in ["approve", "mark_spam", "remove"]:
        client.post(
            admin_url("comment", "changelist"),
            {"action": action, "_selected_action": [str(comment.pk)], "index": "0"},
        )
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PENDING, action


def test_autocomplete_offers_only_units_in_the_tree(client, two_desks):
    client.force_login(two_desks["head"])
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "unit", "field_name": "parent", "term": "Polres"},
    )
    assert response.status_code == 200
    names = {item["text"] for item in response.json()["results"]}
    assert "Polres Saya" in names
    assert "Polres Lain" not in names and "Polda Induk" not in names


def test_writer_cannot_open_staff_or_unit_admin(client, two_desks):
    client.force_login(two_desks["writer"])
    for url in [
        admin_url("user", "changelist"),
        admin_url("user", "change", two_desks["head"].pk),
        admin_url("comment", "changelist"),
        admin_url("unit", "add"),
    ]:
        assert client.get(url).status_code == 403, url


def user_form_data(client, user, **changes):
    page = client.get(admin_url("user", "change", user.pk))
    assert page.status_code == 200
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [g.pk for g in user.groups.all()],
        # The staff form offers a role ("peran") in place of raw groups.
        "peran": page.context["adminform"].form.initial.get("peran", ""),
        "unit": user.unit_id,
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return data


def test_head_of_desk_cannot_grant_superuser_or_raw_permissions(client, two_desks):
    """A Kepala Humas manages staff in the tree; they may not mint superusers or raw perms."""
    from django.contrib.auth.models import Permission

    client.force_login(two_desks["head"])
    writer = two_desks["writer"]
    perm = Permission.objects.get(codename="delete_article")
    data = user_form_data(
        client, writer, first_name="Sah Diubah", is_superuser="on", user_permissions=[perm.pk]
    )
    response = client.post(admin_url("user", "change", writer.pk), data)
    assert response.status_code == 302
    writer.refresh_from_db()
    assert writer.first_name == "Sah Diubah"  # the legitimate part of the edit is saved
    assert writer.is_superuser is False
    assert not writer.user_permissions.exists()


def test_head_of_desk_cannot_move_staff_out_of_the_tree(client, two_desks):
    client.force_login(two_desks["head"])
    writer = two_desks["writer"]
    response = client.post(
        admin_url("user", "change", writer.pk),
        user_form_data(client, writer, unit=two_desks["other"].pk),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["unit"]
    writer.refresh_from_db()
    assert writer.unit == two_desks["mine"]


def test_head_of_desk_cannot_touch_a_superuser_in_the_tree(client, two_desks):
    root = UserFactory(is_superuser=True, unit=two_desks["mine"])
    client.force_login(two_desks["head"])
    response = client.get(admin_url("user", "change", root.pk))
    assert response.status_code == 302
    response = client.post(
        reverse("admin:auth_user_password_change", args=[root.pk]),
        {"password1": "Sandi-baru-yang-panjang-1", "password2": "Sandi-baru-yang-panjang-1"},
    )
    root.refresh_from_db()
    assert root.check_password("rahasia-sekali-123")
