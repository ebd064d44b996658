"""Staff management: a Kepala Humas manages the staff of their unit tree, and only that."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import roles
from articles.models import AuditEntry, User
from tests.factories import FAST_HASHERS, UserFactory

from .desk_support import admin_url, build_tree

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sandi-Baru-Panjang-2025"


@pytest.fixture
def tree(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_tree()


def group_names(user):
    return set(user.groups.values_list("name", flat=True))


def change_data(client, user, **changes):
    """The staff change form as the browser would post it back, with ``changes`` applied."""
    page = client.get(admin_url("user", "change", user.pk))
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
    }
    if "unit" in form.fields:
        data["unit"] = user.unit_id
    if "peran" in form.fields:
        data["peran"] = form.initial["peran"]
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def role_entries():
    return AuditEntry.objects.filter(action=AuditEntry.Action.ROLE_CHANGE)


def test_head_sees_only_the_staff_of_their_tree(client, tree):
    UserFactory(username="akar", is_superuser=True, unit=tree.polres)
    client.force_login(tree.head)

    response = client.get(admin_url("user", "changelist"))

    assert response.status_code == 200
    listed = {user.username for user in response.context["cl"].result_list}
    assert listed == {"redaktur.tasik", "kepala.tasik", "penulis.tasik", "penulis.cihideung"}
    assert b"Orang Papua" not in response.content
    # The head's tools: unlock a locked-out login from here.
    assert b'href="/admin/keamanan/buka-kunci/"' in response.content


def test_head_creates_a_staff_account_with_a_role_and_password(client, tree):
    client.force_login(tree.head)
    page = client.get(admin_url("user", "add"))
    form = page.context["adminform"].form
    assert {"peran", "unit", "password1", "password2"} <= set(form.fields)
    assert not {"is_superuser", "groups", "user_permissions", "is_staff"} & set(form.fields)
    assert set(form.fields["unit"].queryset) == {tree.polres, tree.polsek}

    response = client.post(
        admin_url("user", "add"),
        {
            "username": "penulis.baru",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "first_name": "Budi",
            "unit": tree.polsek.pk,
            "peran": "penulis",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(username="penulis.baru")
    assert (user.unit, user.is_staff, user.is_active, user.is_superuser) == (
        tree.polsek,
        True,
        True,
        False,
    )
    assert group_names(user) == {roles.WRITER}
    assert user.check_password(NEW_PASSWORD)
    entry = role_entries().get(target="penulis.baru")
    assert entry.actor == tree.head and entry.unit == tree.polsek
    assert "Penulis" in entry.detail and "Polsek Cihideung" in entry.detail


def test_head_cannot_create_staff_outside_the_tree_or_without_a_unit(client, tree):
    client.force_login(tree.head)
    base = {"username": "penyusup", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    for unit in [tree.jayapura.pk, ""]:
        response = client.post(admin_url("user", "add"), {**base, "unit": unit, "peran": "kepala"})
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["unit"]
    assert not User.objects.filter(username="penyusup").exists()
    assert not role_entries().exists()


def test_role_change_updates_the_group_and_is_audited(client, tree):
    client.force_login(tree.head)
    writer = tree.writer

    response = client.post(
        admin_url("user", "change", writer.pk), change_data(client, writer, peran="redaktur")
    )

    assert response.status_code == 302
    assert group_names(writer) == {roles.EDITOR}
    entry = role_entries().get(target=writer.username)
    assert entry.actor == tree.head
    assert entry.unit == tree.polres
    assert entry.detail == "peran: Penulis → Redaktur"


def test_moving_and_deactivating_staff_are_audited(client, tree):
    client.force_login(tree.head)
    writer = tree.writer

    client.post(
        admin_url("user", "change", writer.pk),
        change_data(client, writer, unit=tree.polsek.pk, is_active=""),
    )

    writer.refresh_from_db()
    assert writer.unit == tree.polsek and writer.is_active is False
    detail = role_entries().get(target=writer.username).detail
    assert "satuan: Polres Tasikmalaya Kota → Polsek Cihideung" in detail
    assert "status: aktif → nonaktif" in detail


def test_saving_without_changes_writes_no_audit_entry(client, tree):
    client.force_login(tree.head)
    client.post(admin_url("user", "change", tree.writer.pk), change_data(client, tree.writer))
    assert not role_entries().exists()


def test_head_cannot_grant_superuser_raw_groups_or_permissions(client, tree):
    client.force_login(tree.head)
    writer = tree.writer
    perm = Permission.objects.get(codename="delete_article")
    data = change_data(
        client,
        writer,
        first_name="Nama Baru",
        is_superuser="on",
        is_staff="on",
        user_permissions=[perm.pk],
        groups=[Group.objects.get(name=roles.HEAD).pk],
    )

    response = client.post(admin_url("user", "change", writer.pk), data)

    assert response.status_code == 302
    writer.refresh_from_db()
    assert writer.first_name == "Nama Baru"
    assert writer.is_superuser is False
    assert not writer.user_permissions.exists()
    assert group_names(writer) == {roles.WRITER}


def test_head_cannot_change_their_own_role_unit_or_status(client, tree):
    head = tree.head
    client.force_login(head)
    page = client.get(admin_url("user", "change", head.pk))
    assert not {"peran", "unit", "is_active"} & set(page.context["adminform"].form.fields)
    assert "Kepala Humas" in page.content.decode()

    response = client.post(
        admin_url("user", "change", head.pk),
        change_data(
            client, head, first_name="Kepala", peran="penulis", unit=tree.polda.pk, is_active=""
        ),
    )

    assert response.status_code == 302
    head.refresh_from_db()
    assert head.first_name == "Kepala"
    assert (head.unit, head.is_active) == (tree.polres, True)
    assert group_names(head) == {roles.HEAD}
    assert not role_entries().exists()


def test_head_cannot_reach_staff_outside_the_tree_or_superusers(client, tree):
    root = UserFactory(username="akar", is_superuser=True, unit=tree.polres)
    client.force_login(tree.head)
    for user in [tree.outsider, tree.polda_editor, root]:
        response = client.get(admin_url("user", "change", user.pk))
        assert response.status_code == 302 and response["Location"] == "/admin/"
        response = client.post(
            admin_url("user", "change", user.pk),
            {"username": user.username, "peran": "penulis", "unit": tree.polres.pk},
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.unit != tree.polres or user == root
    assert group_names(tree.polda_editor) == {roles.EDITOR}
    assert not role_entries().exists()


def test_heads_cannot_delete_accounts(client, tree):
    client.force_login(tree.head)
    response = client.post(admin_url("user", "delete", tree.writer.pk), {"post": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk=tree.writer.pk).exists()


@pytest.mark.parametrize("who", ["editor", "writer"])
def test_editors_and_writers_cannot_manage_staff(client, tree, who):
    client.force_login(getattr(tree, who))
    for url in [
        admin_url("user", "changelist"),
        admin_url("user", "add"),
        admin_url("user", "change", tree.writer.pk),
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(
        admin_url("user", "change", tree.writer.pk),
        {"username": tree.writer.username, "peran": "kepala", "unit": tree.polres.pk},
    )
    assert response.status_code == 403
    assert group_names(tree.writer) == {roles.WRITER}


def test_an_editor_given_the_raw_permission_still_cannot_manage_staff(client, tree):
    """The rule is the role (permissions.can), not a stray model permission."""
    editor = tree.editor
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(editor)
    assert client.get(admin_url("user", "change", tree.writer.pk)).status_code == 403


def test_superuser_sets_roles_and_superuser_flags(client, tree):
    root = UserFactory(username="akar", is_superuser=True, unit=None)
    client.force_login(root)
    page = client.get(admin_url("user", "change", tree.outsider.pk))
    fields = set(page.context["adminform"].form.fields)
    assert {"peran", "is_superuser", "is_staff", "user_permissions"} <= fields

    client.post(
        admin_url("user", "change", tree.outsider.pk),
        change_data(client, tree.outsider, peran="kepala", is_staff="on"),
    )

    assert group_names(tree.outsider) == {roles.HEAD}
    entry = role_entries().get(target=tree.outsider.username)
    assert entry.unit == tree.jayapura and entry.detail == "peran: Penulis → Kepala Humas"


def test_a_move_out_of_the_tree_is_on_record_for_the_unit_left_behind(client, tree):
    root = UserFactory(username="akar", is_superuser=True, unit=None)
    client.force_login(root)
    writer = tree.writer

    client.post(
        admin_url("user", "change", writer.pk),
        change_data(client, writer, unit=tree.jayapura.pk, is_staff="on"),
    )

    entries = role_entries().filter(target=writer.username)
    assert {entry.unit for entry in entries} == {tree.polres, tree.jayapura}
    assert {entry.detail for entry in entries} == {
        f"satuan: {tree.polres.name} → {tree.jayapura.name}"
    }


def test_admin_access_and_direct_permissions_given_or_taken_are_audited(client, tree):
    root = UserFactory(username="akar", is_superuser=True, unit=None)
    client.force_login(root)
    editor = tree.editor
    publish = Permission.objects.get(codename="change_article")

    client.post(
        admin_url("user", "change", editor.pk),
        change_data(client, editor, is_staff="", user_permissions=[publish.pk]),
    )

    detail = role_entries().get(target=editor.username).detail
    assert "akses admin: ya → tidak" in detail
    assert "izin langsung: — → change_article" in detail


def test_every_admin_page_links_to_two_factor_setup(client, tree):
    client.force_login(tree.writer)
    for url in [admin_url("article", "changelist"), admin_url("article", "add")]:
        response = client.get(url)
        assert response.status_code == 200
        assert b'href="/admin/keamanan/2fa/daftar/"' in response.content, url


def add_staff(count, tree, start=0):
    """Add ``count`` writers and editors to the Polres and the Polsek, without hashing passwords."""
    users = User.objects.bulk_create(
        User(
            username=f"staf.uji.{i}",
            first_name=f"Staf {i}",
            unit=tree.polsek if i % 2 else tree.polres,
            is_staff=True,
            password="!",
        )
        for i in range(start, start + count)
    )
    groups = {role: Group.objects.get(name=name) for role, name in roles.ROLE_GROUPS.items()}
    membership = User.groups.through
    membership.objects.bulk_create(
        membership(user_id=user.pk, group_id=groups["redaktur" if i % 3 else "penulis"].pk)
        for i, user in enumerate(users)
    )


def test_the_staff_list_runs_the_same_queries_for_10_and_200_accounts(
    client, tree, django_assert_num_queries
):
    add_staff(10, tree)
    client.force_login(tree.head)
    changelist = admin_url("user", "changelist")
    client.get(changelist)
    with CaptureQueriesContext(connection) as small:
        response = client.get(changelist)
    assert b"Redaktur" in response.content and b"Penulis" in response.content

    add_staff(190, tree, start=10)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(changelist)
    assert response.context["cl"].result_count == 204
