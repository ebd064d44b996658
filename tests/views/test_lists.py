"""List pages: what each one is, how many stories it has, and paging through them."""

import datetime

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PartnerFactory,
    UnitFactory,
    UserFactory,
    hidden_stories,
)

pytestmark = pytest.mark.django_db


def assert_lists(html, shown, count):
    for title in shown:
        assert title in html
    assert "Tersembunyi" not in html
    assert f"{count} berita" in html


def test_category_list_names_the_category_and_counts_only_public_stories(client, clock):
    category = CategoryFactory(name="Lalu Lintas", description="Berita lalu lintas.")
    ArticleFactory(title="Operasi Zebra", category=category)
    ArticleFactory(title="Lain Kategori")
    hidden_stories(clock, category=category)

    html = client.get(category.get_absolute_url()).content.decode()

    assert "<h1>Lalu Lintas</h1>" in html
    assert "Berita lalu lintas." in html
    assert_lists(html, ["Operasi Zebra"], 1)
    assert "Lain Kategori" not in html


def test_tag_list(client, clock):
    ArticleFactory(title="Patroli Subuh", tags=["patroli"])
    ArticleFactory(title="Patroli Malam", tags=["patroli"])
    hidden_stories(clock, tags=["patroli"])

    html = client.get(reverse("articles:tag", args=["patroli"])).content.decode()

    assert "<h1>#patroli</h1>" in html
    assert_lists(html, ["Patroli Subuh", "Patroli Malam"], 2)


def test_tag_used_only_by_unpublished_stories_does_not_exist_for_readers(client):
    ArticleFactory(status=Article.Status.DRAFT, publish_at=None, tags=["rahasia"])

    assert client.get(reverse("articles:tag", args=["rahasia"])).status_code == 404


def test_unit_list_includes_its_sub_units_stories(client, clock):
    polda = UnitFactory(name="Polda Contoh", kind="polda")
    polres = UnitFactory(name="Polres Bawahan", parent=polda)
    other = UnitFactory(name="Polda Lain", kind="polda")
    ArticleFactory(title="Dari Polda", unit=polda)
    ArticleFactory(title="Dari Polres", unit=polres)
    ArticleFactory(title="Dari Polda Lain", unit=other)
    hidden_stories(clock, unit=polres)

    html = client.get(polda.get_absolute_url()).content.decode()

    assert "<h1>Polda Contoh</h1>" in html
    assert_lists(html, ["Dari Polda", "Dari Polres"], 2)
    assert "Dari Polda Lain" not in html
    assert polres.get_absolute_url() in html  # the sub-unit is linked


def test_partner_list(client, clock):
    partner = PartnerFactory(name="Dinas Perhubungan", acronym="Dishub")
    ArticleFactory(title="Razia Angkot", partners=[partner])
    hidden_stories(clock, partners=[partner])

    html = client.get(partner.get_absolute_url()).content.decode()

    assert "Dinas Perhubungan (Dishub)" in html
    assert_lists(html, ["Razia Angkot"], 1)


def test_writer_list_and_no_page_for_staff_without_public_stories(client, clock):
    writer = UserFactory(first_name="Lina", last_name="Sari")
    ArticleFactory(title="Tulisan Lina", writer=writer)
    hidden_stories(clock, writer=writer)
    silent = UserFactory()
    ArticleFactory(writer=silent, status=Article.Status.DRAFT, publish_at=None)

    html = client.get(reverse("articles:writer", args=[writer.pk])).content.decode()

    assert "<h1>Lina Sari</h1>" in html
    assert_lists(html, ["Tulisan Lina"], 1)
    assert client.get(reverse("articles:writer", args=[silent.pk])).status_code == 404


def test_archive_by_year_and_by_month(client):
    def at(year, month):
        return datetime.datetime(year, month, 10, 3, 0, tzinfo=datetime.UTC)

    ArticleFactory(title="Berita Maret", publish_at=at(2024, 3))
    ArticleFactory(title="Berita Juli", publish_at=at(2024, 7))
    ArticleFactory(title="Berita Tahun Lalu", publish_at=at(2023, 7))

    year = client.get(reverse("articles:archive_year", args=[2024])).content.decode()
    month = client.get(reverse("articles:archive_month", args=[2024, 7])).content.decode()

    assert_lists(year, ["Berita Maret", "Berita Juli"], 2)
    assert "Berita Tahun Lalu" not in year
    assert reverse("articles:archive_month", args=[2024, 3]) in year
    assert "Juli 2024" in month
    assert_lists(month, ["Berita Juli"], 1)
    assert "Berita Maret" not in month
    assert client.get(reverse("articles:archive_month", args=[2024, 13])).status_code == 404


def test_archive_pages_lead_to_every_year_with_stories(client):
    """The footer links this year only: from there every earlier year must be reachable."""

    def at(year):
        return datetime.datetime(year, 6, 10, 3, 0, tzinfo=datetime.UTC)

    for year in (2021, 2023, 2024):
        ArticleFactory(title=f"Berita {year}", publish_at=at(year))
    ArticleFactory(title="Draf 2019", status="draft", publish_at=at(2019))

    html = client.get(reverse("articles:archive_year", args=[2024])).content.decode()
    nav = html[html.index("Arsip per tahun") :]

    assert '<span aria-current="page">2024</span>' in nav
    for year in (2023, 2021):
        assert f'<a href="{reverse("articles:archive_year", args=[year])}">{year}</a>' in nav
    assert "2022" not in nav and "2019" not in nav
    month = client.get(reverse("articles:archive_month", args=[2023, 6])).content.decode()
    assert reverse("articles:archive_year", args=[2021]) in month


def test_paging_through_a_list(client, settings, clock):
    category = CategoryFactory(name="Banyak")
    for i in range(45):
        ArticleFactory(
            title=f"Urutan {i:02d}",
            category=category,
            publish_at=clock.now - datetime.timedelta(minutes=i + 1),
        )
    url = category.get_absolute_url()

    first = client.get(url).content.decode()
    last = client.get(url, {"page": 3}).content.decode()

    assert "45 berita" in first and "Halaman 1 dari 3" in first
    assert "Urutan 00" in first and "Urutan 20" not in first
    assert 'rel="next"' in first and 'href="?page=2"' in first
    assert "Urutan 44" in last and 'rel="prev"' in last and 'rel="next"' not in last
    assert client.get(url, {"page": 4}).status_code == 404


def test_unknown_subjects_are_not_found(client):
    for url in (
        reverse("articles:category", args=["tidak-ada"]),
        reverse("articles:unit", args=["tidak-ada"]),
        reverse("articles:partner", args=["tidak-ada"]),
        reverse("articles:writer", args=[999999]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Halaman tidak ditemukan" in response.content.decode()
