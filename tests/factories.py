"""factory_boy factories: the newsroom's objects in one line each, and a few shared builders."""

import datetime
import io
from types import SimpleNamespace

import factory
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image

from articles import images, roles
from articles.models import Article, Category, Comment, Partner, Photo, Unit, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Polres Contoh {n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Unit.Kind.POLRES
    city = "Kota Contoh"
    time_zone = Unit.TimeZone.WIB
    parent = None


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    acronym = factory.Sequence(lambda n: f"DC{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Partner.Kind.REGIONAL_AGENCY


class UserFactory(factory.django.DjangoModelFactory):
    """A staff user; pass ``role="penulis" | "redaktur" | "kepala"`` to put them in a group."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staf{n}")
    first_name = factory.Sequence(lambda n: f"Staf {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@humas.test")
    is_staff = True
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", "rahasia-sekali-123")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=roles.ROLE_GROUPS[extracted]))
        if create:
            self.save()


class ArticleFactory(factory.django.DjangoModelFactory):
    """A story published an hour ago unless told otherwise."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Polres Contoh Gelar Kegiatan Kamtibmas ke-{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    dateline = "TASIKMALAYA"
    lead = "Kegiatan bersama masyarakat untuk menjaga keamanan dan ketertiban."
    body = "<p>Paragraf pertama berita.</p><p>Paragraf kedua berita.</p>"
    unit = factory.SubFactory(UnitFactory)
    category = factory.SubFactory(CategoryFactory, name="Kamtibmas")
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.add(*extracted)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Pembaca {n}")
    email = factory.Sequence(lambda n: f"pembaca{n}@contoh.test")
    body = "Terima kasih atas informasinya."
    status = Comment.Status.APPROVED


class PhotoFactory(factory.django.DjangoModelFactory):
    """A photo stored by the real pipeline: its original and renditions are in MEDIA_ROOT.

    ``size=(w, h)`` sets the drawn JPEG's size (default 1000 × 750).
    """

    class Meta:
        model = Photo

    article = None
    alt_text = factory.Sequence(lambda n: f"Petugas membagikan bantuan kepada warga {n}")
    credit = "Bripda Sari"
    position = 0

    @classmethod
    def _create(cls, model_class, size=(1000, 750), **fields):
        buffer = io.BytesIO()
        Image.new("RGB", size, (20, 20, 220)).save(buffer, "JPEG", quality=90)
        upload = SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")
        return images.store_photo(upload, **fields)


# Hashing staff passwords with PBKDF2 is most of the run time of tests that make many staff; the
# hasher is not what they test.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build_units():
    """Polda Jawa Barat › Polres Tasikmalaya Kota › Polsek Cihideung, and the unrelated Polda
    Papua › Polres Jayapura: ``polda``, ``polres``, ``polsek``, ``papua`` and ``jayapura``."""
    polda = UnitFactory(name="Polda Jawa Barat", slug="polda-jabar", kind=Unit.Kind.POLDA)
    polres = UnitFactory(name="Polres Tasikmalaya Kota", slug="polres-tasik", parent=polda)
    polsek = UnitFactory(
        name="Polsek Cihideung", slug="polsek-cihideung", parent=polres, kind=Unit.Kind.POLSEK
    )
    papua = UnitFactory(name="Polda Papua", slug="polda-papua", kind=Unit.Kind.POLDA)
    jayapura = UnitFactory(name="Polres Jayapura", slug="polres-jayapura", parent=papua)
    return SimpleNamespace(
        polda=polda, polres=polres, polsek=polsek, papua=papua, jayapura=jayapura
    )


def hidden_stories(clock, **fields):
    """One story in each state readers must not see (a draft, scheduled, archived, expired), each
    titled "… Tersembunyi"; ``fields`` go to every one (unit, category, tags …)."""
    ArticleFactory(title="Draf Tersembunyi", status=Article.Status.DRAFT, publish_at=None, **fields)
    ArticleFactory(title="Terjadwal Tersembunyi", publish_at=clock.tomorrow, **fields)
    ArticleFactory(title="Arsip Tersembunyi", status=Article.Status.ARCHIVED, **fields)
    ArticleFactory(
        title="Turun Tersembunyi", publish_at=clock.yesterday, expire_at=clock.hour_ago, **fields
    )
