"""The unit tree: subtrees, ancestors, moves and time zones."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, Unit
from tests.factories import ArticleFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    mabes = UnitFactory(name="Mabes Polri", kind=Unit.Kind.MABES)
    polda = UnitFactory(name="Polda Jawa Barat", kind=Unit.Kind.POLDA, parent=mabes)
    polres = UnitFactory(name="Polres Tasikmalaya Kota", kind=Unit.Kind.POLRES, parent=polda)
    polsek = UnitFactory(name="Polsek Cihideung", kind=Unit.Kind.POLSEK, parent=polres)
    papua = UnitFactory(
        name="Polda Papua", kind=Unit.Kind.POLDA, parent=mabes, time_zone=Unit.TimeZone.WIT
    )
    return mabes, polda, polres, polsek, papua


def test_subtree_holds_the_unit_and_everything_below_it(tree):
    mabes, polda, polres, polsek, papua = tree
    assert set(Unit.objects.subtree(polda)) == {polda, polres, polsek}
    assert set(Unit.objects.subtree(mabes)) == set(tree)
    assert list(Unit.objects.ancestors_of(polsek)) == [mabes, polda, polres]
    assert polsek.is_within(polda) and not papua.is_within(polda)
    assert polsek.depth == 3


def test_stories_of_sub_units_count_for_the_parent(tree):
    _, polda, _, polsek, papua = tree
    story = ArticleFactory(unit=polsek)
    ArticleFactory(unit=papua)
    assert list(Article.objects.in_units(polda)) == [story]


def test_moving_a_unit_moves_its_subtree(tree):
    mabes, polda, polres, polsek, papua = tree
    polres.parent = papua
    polres.save()
    polsek.refresh_from_db()
    assert polsek.path.startswith(papua.path)
    assert set(Unit.objects.subtree(papua)) == {papua, polres, polsek}
    assert set(Unit.objects.subtree(polda)) == {polda}


def test_a_unit_cannot_be_moved_below_itself(tree):
    _, polda, _, polsek, _ = tree
    polda.parent = polsek
    with pytest.raises(ValidationError):
        polda.save()


def test_time_zone_abbreviations(tree):
    *_, polsek, papua = tree
    assert polsek.tz_abbreviation == "WIB"
    assert papua.tz_abbreviation == "WIT"
    makassar = UnitFactory(name="Polda Sulawesi Selatan", time_zone=Unit.TimeZone.WITA)
    assert makassar.tz_abbreviation == "WITA"
