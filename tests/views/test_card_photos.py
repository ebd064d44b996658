"""Story cards (home, lists, search) show the small 4:3 crop around the focal point."""

from html.parser import HTMLParser

import pytest

from articles.models import Photo
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory

pytestmark = pytest.mark.django_db

# The card column in static/css/site.css: 6.5rem on phones, 14rem from 48rem up.
CARD_SIZES = "(min-width: 48rem) 14rem, 6.5rem"


class CardPictures(HTMLParser):
    """Collect the <picture> (sources and img) of every card, by the card's title."""

    def __init__(self, html):
        super().__init__()
        self.cards, self._picture, self._in_card, self._pending = {}, None, False, None
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "article" and "card" in classes:
            self._in_card, self._pending = True, {"sources": [], "img": None, "big": False}
            self._pending["big"] = "card-big" in classes
        elif self._in_card and tag == "source":
            self._pending["sources"].append(attrs)
        elif self._in_card and tag == "img":
            self._pending["img"] = attrs
        elif self._in_card and tag == "a":
            self._in_title = True

    def handle_data(self, data):
        if self._in_title and data.strip():
            # The first card of a title (the home page may show a story twice).
            self.cards.setdefault(data.strip(), self._pending)
            self._in_title, self._in_card = False, False


def card_of(client, url, title):
    response = client.get(url)
    assert response.status_code == 200
    return CardPictures(response.content.decode()).cards[title]


def files(srcset):
    return [item.split(" ")[0].rsplit("_", 1)[1] for item in srcset.split(", ")]


def widths(srcset):
    return [item.rsplit(" ", 1)[1] for item in srcset.split(", ")]


def test_a_card_offers_the_small_focal_crops_sized_to_the_card_column(client):
    category = CategoryFactory(name="Lalu Lintas")
    ArticleFactory(
        title="Operasi Zebra", category=category, featured_photo=PhotoFactory(size=(1000, 750))
    )

    card = card_of(client, category.get_absolute_url(), "Operasi Zebra")

    webp, jpeg = card["sources"]
    assert webp["type"] == "image/webp" and jpeg["type"] == "image/jpeg"
    assert files(webp["srcset"]) == ["card240.webp", "card480.webp"]
    assert files(jpeg["srcset"]) == ["card240.jpg", "card480.jpg"]
    assert widths(jpeg["srcset"]) == ["240w", "480w"]
    assert webp["sizes"] == jpeg["sizes"] == CARD_SIZES
    img = card["img"]
    assert img["src"].endswith("_card480.jpg")
    # The crop's own 4:3 size: the space is kept before the photo arrives.
    assert (img["width"], img["height"]) == ("480", "360")
    assert img["loading"] == "lazy"
    assert "style" not in img


def test_a_photo_stored_before_card_crops_existed_still_shows_in_its_card(client):
    category = CategoryFactory(name="Bansos")
    photo = PhotoFactory(size=(1000, 750))
    Photo.objects.filter(pk=photo.pk).update(
        renditions={k: v for k, v in photo.renditions.items() if not k.startswith("card")}
    )
    ArticleFactory(title="Bansos Ramadan", category=category, featured_photo=photo)

    card = card_of(client, category.get_absolute_url(), "Bansos Ramadan")

    webp, jpeg = card["sources"]
    assert files(jpeg["srcset"]) == ["w480.jpg", "w800.jpg", "w1000.jpg"]
    assert files(webp["srcset"]) == ["w480.webp", "w800.webp", "w1000.webp"]
    assert webp["sizes"] == jpeg["sizes"] == CARD_SIZES
    assert (card["img"]["width"], card["img"]["height"]) == ("1000", "750")
    assert card["img"]["src"].endswith("_w800.jpg")


def test_the_home_page_lead_story_keeps_its_full_frame_and_small_cards_use_crops(client, clock):
    ArticleFactory(
        title="Kapolda Resmikan Posko",
        is_featured=True,
        featured_photo=PhotoFactory(size=(2000, 1500)),
    )
    ArticleFactory(title="Patroli Subuh", featured_photo=PhotoFactory(size=(2000, 1500)))

    response = client.get("/")
    assert response.status_code == 200
    cards = CardPictures(response.content.decode()).cards

    lead = cards["Kapolda Resmikan Posko"]
    assert lead["big"]
    assert widths(lead["sources"][1]["srcset"]) == ["480w", "800w", "1200w", "1600w"]
    assert lead["img"]["loading"] == "eager"
    small = cards["Patroli Subuh"]
    assert files(small["sources"][1]["srcset"]) == ["card240.jpg", "card480.jpg"]
    assert small["sources"][1]["sizes"] == CARD_SIZES
