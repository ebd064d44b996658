"""Load the demo newsroom: units, partners, categories, staff, stories and comments.

All text is written for the demo. Running the command again changes nothing: every object
is looked up by its natural key (slug, username) before it is created.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _, gettext_lazy, ngettext

from articles import images, publishing, roles
from articles.demo import photos as demo_photos, stories as demo_stories, units as demo_units
from articles.management.base import TranslatedCommand
from articles.models import (
    Article,
    Category,
    Comment,
    Correction,
    Partner,
    RelatedArticle,
    Unit,
    User,
)

WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

PUBLISHED_COUNT = 34
# The newest stories get a drawn photo, made by the real upload pipeline.
DEMO_PHOTO_COUNT = 8
PUBLISHING_UNITS = [
    "polres-tasikmalaya-kota",
    "polda-metro-jaya",
    "polrestabes-makassar",
    "polresta-jayapura-kota",
    "polrestabes-palembang",
    "polresta-pangkalpinang",
    "polsek-cihideung",
    "polrestabes-bandung",
    "polres-metro-jakarta-selatan",
    "polda-papua",
    "polda-sulawesi-selatan",
]


def render_body(paragraphs):
    """Turn template lines into the body's HTML: "## " lines become subheadings."""
    html = []
    for line in paragraphs:
        if line.startswith("## "):
            html.append(f"<h2>{line[3:]}</h2>")
        else:
            html.append(f"<p>{line}</p>")
    return "".join(html)


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Muat konten demo (satuan, mitra, kategori, staf, berita, komentar). Aman dijalankan ulang."
    )

    def handle(self, *args, **options):
        self.now = timezone.now().replace(second=0, microsecond=0)
        with transaction.atomic():
            units = self.load_units()
            partners = self.load_partners()
            categories = self.load_categories()
            staff = self.load_staff(units)
            created = self.load_stories(units, partners, categories, staff)
        verbosity = options["verbosity"]
        if verbosity:
            if created:
                self.stdout.write(
                    self.style.SUCCESS(
                        ngettext(
                            "Konten demo dimuat: %(count)d berita baru.",
                            "Konten demo dimuat: %(count)d berita baru.",
                            created,
                        )
                        % {"count": created}
                    )
                )
            else:
                self.stdout.write(_("Konten demo sudah ada; tidak ada yang berubah."))
            self.print_logins()

    # -- reference data ---------------------------------------------------------------
    def load_units(self):
        units = {}
        for slug, name, short, kind, parent, city, tz in demo_units.UNITS:
            unit = Unit.objects.filter(slug=slug).first()
            if unit is None:
                unit = Unit.objects.create(
                    slug=slug,
                    name=name,
                    short_name=short,
                    kind=kind,
                    parent=units.get(parent),
                    city=city,
                    time_zone=tz,
                )
            units[slug] = unit
        return units

    def load_partners(self):
        return {
            slug: Partner.objects.get_or_create(
                slug=slug, defaults={"name": name, "acronym": acronym, "kind": kind}
            )[0]
            for slug, name, acronym, kind in demo_units.PARTNERS
        }

    def load_categories(self):
        return {
            slug: Category.objects.get_or_create(
                slug=slug, defaults={"name": name, "position": position}
            )[0]
            for slug, name, position in demo_units.CATEGORIES
        }

    def load_staff(self, units):
        staff = {}
        for username, first, last, unit_slug, role in demo_units.STAFF:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@humas.demo",
                    "is_staff": True,
                    "is_superuser": role is None,
                    "unit": units.get(unit_slug),
                },
            )
            if created:
                user.set_password(demo_units.DEMO_PASSWORD)
                user.save(update_fields=["password"])
                if role:
                    user.groups.add(Group.objects.get(name=roles.ROLE_GROUPS[role]))
            staff[username] = user
        return staff

    # -- stories ------------------------------------------------------------------------
    def story_plan(self):
        """Yield (index, topic, unit slug, status, publish_at) for every demo story."""
        topics = demo_stories.TOPICS
        plan = []
        for i in range(PUBLISHED_COUNT):
            topic = topics[i % len(topics)]
            unit = PUBLISHING_UNITS[(i * 4 + i // len(topics)) % len(PUBLISHING_UNITS)]
            publish_at = self.now - datetime.timedelta(hours=7 + i * 17)
            status = Article.Status.ARCHIVED if i in (30, 31) else Article.Status.PUBLISHED
            plan.append((i, topic, unit, status, publish_at))
        extra = [
            (Article.Status.DRAFT, None),
            (Article.Status.DRAFT, None),
            (Article.Status.DRAFT, None),
            (Article.Status.DRAFT, None),
            (Article.Status.REVIEW, None),
            (Article.Status.REVIEW, None),
            (Article.Status.PUBLISHED, self.now + datetime.timedelta(hours=20)),
            (Article.Status.PUBLISHED, self.now + datetime.timedelta(days=2)),
            (Article.Status.PUBLISHED, self.now + datetime.timedelta(days=4)),
        ]
        for j, (status, publish_at) in enumerate(extra):
            i = PUBLISHED_COUNT + j
            topic = topics[(i * 5) % len(topics)]
            unit = PUBLISHING_UNITS[(i * 3 + 1) % len(PUBLISHING_UNITS)]
            plan.append((i, topic, unit, status, publish_at))
        return plan

    def load_stories(self, units, partners, categories, staff):
        writers_by_unit = {
            user.unit.slug: user
            for user in staff.values()
            if user.unit and user.groups.filter(name=roles.WRITER).exists()
        }
        editors = [u for u in staff.values() if u.groups.filter(name=roles.EDITOR).exists()]
        created = 0
        seen_titles = set()
        made = []
        for i, topic, unit_slug, status, publish_at in self.story_plan():
            unit = units[unit_slug]
            story_partners = [partners[slug] for slug in topic["partners"]]
            lead_partner = story_partners[0] if story_partners else None
            city = unit.city.upper()
            local_day = timezone.localtime(publish_at or self.now, ZoneInfo(unit.time_zone)).date()
            event_date = local_day - datetime.timedelta(days=i % 2)
            values = {
                "unit": unit.name,
                "city_title": unit.city,
                "partner": lead_partner.name if lead_partner else "warga",
                "partner_short": lead_partner.display_name if lead_partner else "Warga",
                "officer": demo_stories.OFFICERS[i % len(demo_stories.OFFICERS)],
                "weekday": WEEKDAYS[event_date.weekday()],
                "date": f"{event_date.day}/{event_date.month}/{event_date.year}",
            }
            title = topic["title"].format(**values)
            if title in seen_titles:
                title = f"{title} ({event_date.day}/{event_date.month})"
            seen_titles.add(title)
            slug = slugify(title)[:200]
            article = Article.objects.filter(slug=slug).first()
            if article is not None:
                made.append((topic["key"], article))
                continue
            writer = writers_by_unit.get(unit_slug) or writers_by_unit.get(
                unit.parent.slug if unit.parent else ""
            )
            article = Article.objects.create(
                title=title,
                slug=slug,
                dateline=city,
                lead=topic["lead"].format(**values),
                body=render_body([line.format(**values) for line in topic["body"]]),
                unit=unit,
                category=categories[topic["category"]],
                writer=writer,
                editor=editors[i % len(editors)] if status == Article.Status.PUBLISHED else None,
                byline=demo_stories.INITIALS[i % len(demo_stories.INITIALS)],
                photographer=demo_stories.PHOTOGRAPHERS[i % len(demo_stories.PHOTOGRAPHERS)],
                source_name=f"Humas {unit.short_name or unit.name}",
                event_date=event_date,
                status=status,
                publish_at=publish_at,
                # One time-boxed notice leaves the site by itself next week.
                expire_at=publish_at + datetime.timedelta(days=9) if i == 4 else None,
                is_featured=i in (0, 3, 9),
                allow_comments=i % 7 != 6,
            )
            article.tags.add(*topic["tags"], re.sub(r"[^a-z]", "", unit.slug))
            article.partners.add(*story_partners)
            if i < DEMO_PHOTO_COUNT:
                self.add_photo(article, i, writer, values)
            # Start each story's history, so the admin's revision list has its first version.
            publishing.record_revision(article, writer, "Dimuat dari konten demo")
            if i == 2:
                Correction.objects.create(
                    article=article,
                    text="Sebelumnya tertulis dua tersangka ditangkap di rumah kos; yang benar di rumah kontrakan.",
                    created_at=publish_at + datetime.timedelta(hours=3),
                )
            if article.status == Article.Status.PUBLISHED and publish_at <= self.now:
                self.add_comments(article, i)
            made.append((topic["key"], article))
            created += 1
        self.link_related(made)
        return created

    def add_photo(self, article, i, writer, values):
        photo = images.store_photo(
            demo_photos.drawn_scene(i),
            alt_text=f"Ilustrasi kegiatan {values['unit']} bersama {values['partner_short']}",
            caption=f"Kegiatan {values['unit']} di {values['city_title']}.",
            credit=demo_stories.PHOTOGRAPHERS[i % len(demo_stories.PHOTOGRAPHERS)],
            article=article,
            uploaded_by=writer,
            focal=(0.5, 0.7),
        )
        article.featured_photo = photo
        article.save(update_fields=["featured_photo"])

    def link_related(self, made):
        """Give some stories manual "Baca juga" picks: earlier stories on the same topic."""
        by_topic = {}
        for key, article in made:
            by_topic.setdefault(key, []).append(article)
        for stories in by_topic.values():
            for newer, older in zip(stories, stories[1:], strict=False):
                if newer.status == Article.Status.PUBLISHED:
                    RelatedArticle.objects.get_or_create(
                        article=newer, target=older, defaults={"is_manual": True, "position": 0}
                    )

    def add_comments(self, article, i):
        texts = demo_stories.COMMENTS
        first = Comment.objects.create(
            article=article,
            name="Budi Santoso",
            email="budi@pembaca.demo",
            body=texts[i % len(texts)],
            status=Comment.Status.APPROVED,
        )
        reply = Comment.objects.create(
            article=article,
            parent=first,
            name="Humas",
            email="humas@humas.demo",
            body="Terima kasih atas dukungannya. Informasi kegiatan berikutnya kami umumkan di kanal resmi.",
            status=Comment.Status.APPROVED,
            is_staff_reply=True,
        )
        if i % 3 == 0:
            Comment.objects.create(
                article=article,
                parent=reply,
                name="Siti Aminah",
                email="siti@pembaca.demo",
                body=texts[(i + 1) % len(texts)],
                status=Comment.Status.APPROVED,
            )
        if i % 4 == 0:
            Comment.objects.create(
                article=article,
                name="Rudi",
                email="rudi@pembaca.demo",
                body=texts[(i + 2) % len(texts)],
                status=Comment.Status.PENDING,
            )
        if i % 5 == 0:
            Comment.objects.create(
                article=article,
                name="Promo Murah",
                email="promo@spam.demo",
                body="Dapatkan pinjaman cepat tanpa syarat, klik tautan ini http://contoh.invalid",
                status=Comment.Status.SPAM,
            )
        if i % 6 == 0:
            Comment.objects.create(
                article=article,
                name="Anonim",
                email="anonim@pembaca.demo",
                body="Komentar ini melanggar aturan dan telah dihapus redaksi.",
                status=Comment.Status.REMOVED,
            )

    def print_logins(self):
        self.stdout.write("")
        self.stdout.write(
            _("Akun demo (kata sandi semua akun: %(password)s)")
            % {"password": demo_units.DEMO_PASSWORD}
        )
        for username, _first, _last, unit_slug, role in demo_units.STAFF:
            label = role or "superuser"
            self.stdout.write(f"  {username:<20} {label:<10} {unit_slug or '-'}")
        self.stdout.write(
            _("Situs: %(site)s   Admin: %(admin)s")
            % {"site": "http://127.0.0.1:8000/", "admin": "http://127.0.0.1:8000/admin/"}
        )
