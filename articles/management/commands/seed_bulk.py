"""Fill the database with a large generated archive, fast, for load tests and query budgets.

    python manage.py seed_bulk --stories 100000 --comments 1000000

Units of a Polda tree in three time zones, staff, partners, categories, tags, related picks and
threaded comments in every status, written in bulk (COPY on PostgreSQL, executemany on SQLite)
in chunks of one transaction each. Seeded stories carry an import key ``seed-NNNNNNN``: a second
run tops the archive up to the number asked for, and does nothing when it is already there.
Bulk writes send no signals, so the command makes cached pages stale itself when it is done.
"""

import contextlib
import datetime
import hashlib
import math
import random
import sys
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _, gettext_lazy, ngettext
from taggit.models import Tag, TaggedItem

from articles import cache as page_cache, roles
from articles.management.base import TranslatedCommand
from articles.models import Article, Category, Comment, Partner, RelatedArticle, Unit

SEED_KEY = "seed-{:07d}"
CHUNK = 2000

# Polda → (time zone, cities that have a Polres).
POLDAS = {
    "Aceh": ("Asia/Jakarta", ["Banda Aceh", "Lhokseumawe", "Langsa", "Aceh Besar"]),
    "Sumatera Utara": ("Asia/Jakarta", ["Medan", "Binjai", "Pematangsiantar", "Deli Serdang"]),
    "Sumatera Barat": ("Asia/Jakarta", ["Padang", "Bukittinggi", "Solok", "Pariaman"]),
    "Riau": ("Asia/Jakarta", ["Pekanbaru", "Dumai", "Kampar", "Siak"]),
    "Sumatera Selatan": ("Asia/Jakarta", ["Palembang", "Prabumulih", "Lubuklinggau", "Ogan Ilir"]),
    "Lampung": ("Asia/Jakarta", ["Bandar Lampung", "Metro", "Lampung Selatan", "Tanggamus"]),
    "Metro Jaya": ("Asia/Jakarta", ["Jakarta Pusat", "Jakarta Selatan", "Bekasi Kota", "Depok"]),
    "Jawa Barat": ("Asia/Jakarta", ["Bandung", "Tasikmalaya Kota", "Garut", "Cirebon"]),
    "Jawa Tengah": ("Asia/Jakarta", ["Semarang", "Surakarta", "Banyumas", "Pekalongan"]),
    "DI Yogyakarta": ("Asia/Jakarta", ["Yogyakarta", "Sleman", "Bantul", "Gunungkidul"]),
    "Jawa Timur": ("Asia/Jakarta", ["Surabaya", "Malang", "Kediri", "Banyuwangi"]),
    "Kalimantan Barat": ("Asia/Jakarta", ["Pontianak", "Singkawang", "Sambas", "Ketapang"]),
    "Bali": ("Asia/Makassar", ["Denpasar", "Badung", "Gianyar", "Buleleng"]),
    "Nusa Tenggara Barat": ("Asia/Makassar", ["Mataram", "Lombok Timur", "Bima", "Sumbawa"]),
    "Nusa Tenggara Timur": ("Asia/Makassar", ["Kupang", "Ende", "Manggarai", "Sikka"]),
    "Kalimantan Timur": (
        "Asia/Makassar",
        ["Samarinda", "Balikpapan", "Bontang", "Kutai Kartanegara"],
    ),
    "Sulawesi Selatan": ("Asia/Makassar", ["Makassar", "Gowa", "Bone", "Palopo"]),
    "Sulawesi Utara": ("Asia/Makassar", ["Manado", "Bitung", "Tomohon", "Minahasa"]),
    "Maluku": ("Asia/Jayapura", ["Ambon", "Tual", "Maluku Tengah", "Buru"]),
    "Papua": ("Asia/Jayapura", ["Jayapura Kota", "Jayapura", "Keerom", "Sarmi"]),
}
CATEGORIES = [
    "Kamtibmas", "Lalu Lintas", "Reserse Kriminal", "Narkoba", "Bhabinkamtibmas",
    "Bakti Sosial", "Penanggulangan Bencana", "Pelayanan Publik", "Pembinaan Personel", "Siber",
]  # fmt: skip
PARTNERS = [
    ("Tentara Nasional Indonesia Angkatan Darat", "TNI AD", "military"),
    ("Badan Narkotika Nasional", "BNN", "law_enforcement"),
    ("Badan Nasional Penanggulangan Bencana", "BNPB", "ministry"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "regional_agency"),
    ("Dinas Perhubungan", "Dishub", "regional_agency"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "regional_agency"),
    ("Kejaksaan Negeri", "Kejari", "law_enforcement"),
    ("Lembaga Pemasyarakatan", "Lapas", "corrections"),
    ("Dinas Kesehatan", "Dinkes", "regional_agency"),
    ("Palang Merah Indonesia", "PMI", "ngo"),
    ("Majelis Ulama Indonesia", "MUI", "ngo"),
    ("Jasa Raharja", "", "private"),
    ("Universitas Negeri Setempat", "", "education"),
    ("Badan Search and Rescue Nasional", "Basarnas", "ministry"),
    ("Komisi Pemilihan Umum Daerah", "KPUD", "regional_agency"),
]
TAGS = [
    "operasi zebra", "operasi ketupat", "mudik", "curanmor", "narkoba", "banjir", "tanah longsor",
    "kebakaran", "jumat curhat", "patroli dialogis", "vaksinasi", "bansos", "pilkada", "tawuran",
    "judi online", "penipuan online", "begal", "balap liar", "sabhara", "satlantas", "karhutla",
    "ramadan", "natal dan tahun baru", "hari bhayangkara", "polisi cilik", "sekolah aman",
    "pasar tertib", "ronda malam", "cooling system", "restorative justice", "tilang elektronik",
    "sim keliling", "donor darah", "bedah rumah", "air bersih", "stunting", "ketahanan pangan",
    "pengamanan ibadah", "unjuk rasa", "kamtibmas", "premanisme", "illegal logging", "pencurian",
    "pembunuhan", "kekerasan anak", "kdrt", "perdagangan orang", "senjata api", "bom ikan",
]  # fmt: skip
SUBJECTS = [
    "Kapolres", "Wakapolres", "Kasat Lantas", "Kasat Reskrim", "Kasat Narkoba", "Kapolsek",
    "Personel Sat Samapta", "Bhabinkamtibmas", "Tim Resmob", "Polwan",
]  # fmt: skip
VERBS = [
    "Amankan", "Gelar", "Ungkap", "Tinjau", "Salurkan", "Pimpin", "Kawal", "Sosialisasikan",
    "Tangkap", "Resmikan", "Bagikan", "Laksanakan",
]  # fmt: skip
OBJECTS = [
    "Pelaku Curanmor", "Pengedar Sabu", "Apel Gelar Pasukan", "Bantuan Sembako",
    "Arus Mudik", "Pos Pengamanan", "Kegiatan Jumat Curhat", "Patroli Skala Besar",
    "Komplotan Begal", "Bakti Kesehatan", "Pengamanan Ibadah", "Ratusan Knalpot Brong",
    "Korban Banjir", "Razia Balap Liar", "Vaksinasi Massal", "Penyuluhan Tertib Lalu Lintas",
]  # fmt: skip
PLACES = ["Kecamatan", "Desa", "Kelurahan", "Pasar", "Terminal", "Pelabuhan", "Jalan Lintas"]
SENTENCES = [
    "Kegiatan tersebut dilaksanakan sebagai upaya menjaga situasi kamtibmas tetap kondusif.",
    "Ia mengimbau masyarakat agar segera melapor apabila menemukan hal yang mencurigakan.",
    "Dalam kegiatan itu, petugas juga memberikan edukasi kepada warga sekitar.",
    "Pelaku beserta barang bukti telah diamankan di Mapolres untuk pemeriksaan lebih lanjut.",
    "Atas perbuatannya, tersangka dijerat pasal berlapis dengan ancaman hukuman penjara.",
    "Sinergi dengan TNI dan pemerintah daerah terus diperkuat hingga ke tingkat desa.",
    "Warga menyambut baik kehadiran petugas yang rutin berpatroli pada malam hari.",
    "Kegiatan berlangsung aman, tertib, dan lancar hingga selesai.",
    "Pihaknya akan terus meningkatkan pelayanan kepada masyarakat.",
    "Bantuan diberikan kepada keluarga yang terdampak secara langsung.",
    "Petugas mendirikan posko terpadu yang beroperasi selama 24 jam.",
    "Masyarakat diminta tidak mudah percaya pada informasi yang belum jelas sumbernya.",
]  # fmt: skip
FIRST_NAMES = [
    "Budi", "Siti", "Agus", "Dewi", "Rudi", "Nur", "Andi", "Rina", "Yusuf", "Fitri", "Made",
    "Ketut", "Putu", "Wayan", "Hendra", "Sri", "Joko", "Ayu", "Ahmad", "Maria", "Yohanes", "Lestari",
]  # fmt: skip
LAST_NAMES = [
    "Santoso", "Wijaya", "Saputra", "Lubis", "Siregar", "Nasution", "Hidayat", "Pratama",
    "Kurniawan", "Setiawan", "Harahap", "Sembiring", "Manurung", "Rahman", "Sulistyo", "Wenda",
]  # fmt: skip
COMMENTS = [
    "Terima kasih Pak Polisi, lingkungan kami jadi lebih aman.",
    "Mantap, terus semangat menjaga kamtibmas!",
    "Semoga pelakunya dihukum seberat-beratnya.",
    "Mohon patroli juga di daerah kami, sering ada balap liar tiap malam Minggu.",
    "Salut untuk Bhabinkamtibmas yang selalu hadir di tengah warga.",
    "Informasinya sangat bermanfaat, mohon terus diperbarui.",
    "Apakah layanan SIM keliling buka hari Sabtu?",
    "Semoga korban banjir segera mendapat bantuan yang cukup.",
    "Polri Presisi, makin dekat dengan masyarakat.",
    "Tolong ditindak juga knalpot brong di jalan provinsi.",
]
STATUS_WEIGHTS = [("approved", 70), ("pending", 14), ("spam", 9), ("removed", 7)]
USER_AGENTS = [
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/124.0 Mobile",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
]


def stories_text(count):
    return ngettext("%(count)d berita", "%(count)d berita", count) % {"count": count}


def comments_text(count):
    return ngettext("%(count)d komentar", "%(count)d komentar", count) % {"count": count}


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Isi basis data dengan arsip besar buatan (satuan, mitra, tagar, berita terkait, "
        "komentar berutas) untuk uji beban. Menambah sampai jumlah yang diminta."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stories",
            type=int,
            default=100_000,
            help=gettext_lazy("Jumlah berita buatan yang diinginkan di arsip."),
        )
        parser.add_argument(
            "--comments",
            type=int,
            default=1_000_000,
            help=gettext_lazy("Jumlah komentar untuk seluruh arsip buatan."),
        )
        parser.add_argument(
            "--years",
            type=int,
            default=6,
            help=gettext_lazy("Berapa tahun ke belakang tanggal berita tersebar."),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help=gettext_lazy("Benih acak (hasil yang sama bila diulang)."),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("Laporkan saja, jangan tulis.")
        )

    def handle(self, *args, stories, comments, years, seed, dry_run, **options):
        if stories < 1 or comments < 0:
            raise CommandError(_("--stories harus positif dan --comments tidak boleh negatif."))
        self.verbosity = options["verbosity"]
        self.random = random.Random(seed)
        existing = Article.objects.filter(import_key__startswith="seed-").count()
        missing = max(0, stories - existing)
        if dry_run or not missing:
            present = ngettext(
                "%(count)d berita buatan sudah ada", "%(count)d berita buatan sudah ada", existing
            ) % {"count": existing}
            if missing:
                self.stdout.write(
                    _("%(present)s; akan ditambah %(stories)s dan ~%(comments)s.")
                    % {
                        "present": present,
                        "stories": stories_text(missing),
                        "comments": comments_text(comments * missing // stories),
                    }
                )
            else:
                self.stdout.write(
                    _("%(present)s; tidak ada yang perlu ditambah.") % {"present": present}
                )
            if not missing:
                self.report(time.monotonic())
            return

        started = time.monotonic()
        self.now = timezone.now()
        self.start = self.now - datetime.timedelta(days=365 * years)
        self.span = (self.now - self.start).total_seconds()
        self.stories_total = stories
        self.dt = self.adapter()
        try:
            with transaction.atomic():
                self.prepare_taxonomy()
            self.write_stories(existing, stories, comments)
            self.finish()
            page_cache.bump_generation()
        except DatabaseError as err:
            raise CommandError(_("Pengisian gagal: %(error)s") % {"error": err}) from err
        self.report(started)

    # -- the small things, through the ORM (idempotent) --------------------------------------
    def prepare_taxonomy(self):
        root, _created = Unit.objects.get_or_create(
            slug="mabes-polri",
            defaults={"name": "Mabes Polri", "short_name": "Mabes", "kind": Unit.Kind.MABES},
        )
        units = []
        for province, (zone, cities) in POLDAS.items():
            polda = self.unit(f"Polda {province}", Unit.Kind.POLDA, root, province, zone)
            units.append(polda)
            for city in cities:
                kind = Unit.Kind.POLRESTA if "Kota" in city else Unit.Kind.POLRES
                polres = self.unit(f"{kind.label} {city}", kind, polda, city, zone)
                units.append(polres)
                units.append(self.unit(f"Polsek {city} Kota", Unit.Kind.POLSEK, polres, city, zone))
        self.units = units
        self.categories = [
            Category.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "position": position}
            )[0]
            for position, name in enumerate(CATEGORIES)
        ]
        self.partners = [
            Partner.objects.get_or_create(
                slug=slugify(acronym or name),
                defaults={"name": name, "acronym": acronym, "kind": kind},
            )[0]
            for name, acronym, kind in PARTNERS
        ]
        self.tags = [
            Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in TAGS
        ]
        writers = Group.objects.filter(name=roles.ROLE_GROUPS["penulis"]).first()
        User = get_user_model()
        self.writers = {}
        for unit in units[::4]:
            user, created = User.objects.get_or_create(
                username=f"penulis-{unit.slug}"[:150],
                defaults={"first_name": "Penulis", "last_name": unit.short_name, "unit": unit},
            )
            if created:
                user.is_staff = True
                user.set_unusable_password()
                user.save()
                if writers:
                    user.groups.add(writers)
            self.writers[unit.pk] = user.pk
        self.content_type = ContentType.objects.get_for_model(Article).pk
        self.readers = [self.reader(n) for n in range(20_000)]

    def unit(self, name, kind, parent, city, zone):
        unit, _created = Unit.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "short_name": name.split(" ", 1)[-1] if kind == Unit.Kind.POLDA else name,
                "kind": kind,
                "parent": parent,
                "city": city,
                "time_zone": zone,
            },
        )
        return unit

    def reader(self, n):
        first = self.random.choice(FIRST_NAMES)
        last = self.random.choice(LAST_NAMES)
        ip = f"10.{n % 250}.{n // 250 % 250}.{n % 97}"
        return (
            f"{first} {last}",
            f"{first}.{last}{n}@contoh.id".lower(),
            hashlib.sha256(ip.encode()).hexdigest(),
            self.random.choice(USER_AGENTS),
        )

    # -- the large things, in bulk ------------------------------------------------------------
    def write_stories(self, first, last, comments_total):
        self.article_id = (Article.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.comment_id = (Comment.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.made = {"stories": 0, "comments": 0, "tags": 0, "partners": 0, "related": 0}
        self.recent_public = []
        per_story = comments_total / self.stories_total
        with self.plans_for_growing_tables():
            for chunk_start in range(first, last, CHUNK):
                chunk_end = min(last, chunk_start + CHUNK)
                quota = round(chunk_end * per_story) - round(chunk_start * per_story)
                with transaction.atomic():
                    self.write_chunk(chunk_start, chunk_end, quota)
                self.progress(chunk_end - first, last - first)
        if self.stdout.isatty():
            self.stdout.write("")

    @contextlib.contextmanager
    def plans_for_growing_tables(self):
        """On PostgreSQL, plan each row's checks for the table as it is now.

        Every reply COPYed runs the same-story trigger and the parent foreign key check. Their
        plans are kept for the session once made, and made while the comment table was a few
        pages, they scan it whole for every later row: the first 120,000 comments read 1.3
        billion rows. Custom plans see the table grow and use its primary key.
        """
        if connection.vendor != "postgresql":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_custom_plan")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET plan_cache_mode")

    def write_chunk(self, first, last, comment_quota):
        rnd = self.random
        articles, tagged, partnered, related = [], [], [], []
        public_ids = []
        for n in range(first, last):
            pk = self.article_id
            self.article_id += 1
            story = self.story(n, pk)
            articles.append(story)
            picked = rnd.sample(self.tags, rnd.randint(1, 4))
            tagged += [(tag.pk, self.content_type, pk) for tag in picked]
            if rnd.random() < 0.45:
                for partner in rnd.sample(self.partners, rnd.randint(1, 2)):
                    partnered.append((pk, partner.pk))
            if story["status"] == "published" and story["publish_at"] <= self.now:
                public_ids.append(pk)
                if self.recent_public and rnd.random() < 0.5:
                    targets = rnd.sample(self.recent_public, min(len(self.recent_public), 3))
                    related += [
                        (pk, target, True, position, 0.0) for position, target in enumerate(targets)
                    ]
                self.recent_public = (self.recent_public + [pk])[-300:]
        self.insert(Article, self.article_columns(), [self.article_row(a) for a in articles])
        self.insert_raw(
            TaggedItem._meta.db_table, ["tag_id", "content_type_id", "object_id"], tagged
        )
        self.insert_raw(
            Article.partners.through._meta.db_table, ["article_id", "partner_id"], partnered
        )
        self.insert_raw(
            RelatedArticle._meta.db_table,
            ["article_id", "target_id", "is_manual", "position", "score"],
            related,
        )
        comment_rows = self.comments_for(articles, public_ids, comment_quota)
        self.insert_raw(Comment._meta.db_table, COMMENT_COLUMNS, comment_rows)
        self.made["stories"] += len(articles)
        self.made["tags"] += len(tagged)
        self.made["partners"] += len(partnered)
        self.made["related"] += len(related)
        self.made["comments"] += len(comment_rows)

    def story(self, n, pk):
        rnd = self.random
        unit = rnd.choice(self.units)
        place = f"{rnd.choice(PLACES)} {rnd.choice(LAST_NAMES)}"
        title = f"{rnd.choice(SUBJECTS)} {unit.city} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)} di {place}"
        paragraphs = [
            " ".join(rnd.sample(SENTENCES, rnd.randint(2, 4))) for _ in range(rnd.randint(4, 8))
        ]
        body = "".join(f"<p>{text}</p>" for text in paragraphs)
        # Older stories first, as an archive grows; the newest few are scheduled ahead.
        offset = self.span * (n + rnd.random()) / self.stories_total
        publish_at = self.start + datetime.timedelta(seconds=offset)
        roll = rnd.random()
        status, expire_at = "published", None
        if roll < 0.02:
            status = "draft"
        elif roll < 0.03:
            status = "review"
        elif roll < 0.04:
            status = "archived"
        elif roll < 0.05:
            expire_at = publish_at + datetime.timedelta(days=rnd.randint(1, 400))
        if n >= self.stories_total - max(3, self.stories_total // 300):
            status, expire_at = "published", None
            publish_at = self.now + datetime.timedelta(hours=rnd.randint(1, 240))
        return {
            "id": pk,
            "title": title[:200],
            "slug": f"{slugify(title)[:200]}-{n}",
            "dateline": unit.city.upper(),
            "lead": " ".join(rnd.sample(SENTENCES, 2))[:300],
            "body": body,
            "unit_id": unit.pk,
            "category_id": rnd.choice(self.categories).pk,
            "writer_id": self.writers.get(unit.pk),
            "byline": f"({rnd.choice('ABCDEFGHJKLMNPRSTW')}{rnd.choice('ABDHNRS')})",
            "event_date": publish_at.date(),
            "status": status,
            "publish_at": publish_at if status in ("published", "archived") else None,
            "expire_at": expire_at,
            "created_at": publish_at - datetime.timedelta(hours=rnd.randint(1, 48)),
            "updated_at": publish_at + datetime.timedelta(minutes=rnd.randint(0, 600)),
            "is_featured": rnd.random() < 0.01,
            "allow_comments": rnd.random() < 0.95,
            "word_count": sum(len(text.split()) for text in paragraphs),
            "import_key": SEED_KEY.format(n),
        }

    def comments_for(self, articles, public_ids, quota):
        """Spread ``quota`` comments over the public stories, a few stories drawing crowds."""
        if not public_ids or not quota:
            return []
        rnd = self.random
        weights = [rnd.paretovariate(1.3) for _ in public_ids]
        counts = dict.fromkeys(public_ids, 0)
        for pk in rnd.choices(public_ids, weights=weights, k=quota):
            counts[pk] += 1
        published = {a["id"]: a["publish_at"] for a in articles}
        statuses = [status for status, _ in STATUS_WEIGHTS]
        status_weights = [weight for _, weight in STATUS_WEIGHTS]
        rows = []
        for pk, count in counts.items():
            if not count:
                continue
            moment = published[pk]
            threads = []  # (comment id, depth) of approved comments one may reply to
            for status in rnd.choices(statuses, weights=status_weights, k=count):
                moment = min(moment + datetime.timedelta(seconds=rnd.randint(30, 7200)), self.now)
                parent, depth = None, 0
                if threads and rnd.random() < 0.3:
                    parent, depth = rnd.choice(threads)
                    depth += 1
                cid = self.comment_id
                self.comment_id += 1
                name, email, ip_hash, agent = rnd.choice(self.readers)
                moderated = status != "pending"
                rows.append(
                    (
                        cid,
                        pk,
                        parent,
                        name,
                        email,
                        rnd.choice(COMMENTS),
                        status,
                        self.dt(moment),
                        ip_hash,
                        agent,
                        False,
                        self.dt(moment + datetime.timedelta(minutes=20)) if moderated else None,
                    )
                )
                if status == "approved" and depth < 2:
                    threads.append((cid, depth))
        return rows

    # -- writing ------------------------------------------------------------------------------
    def adapter(self):
        if connection.vendor == "sqlite":
            return connection.ops.adapt_datetimefield_value
        return lambda value: value

    def article_columns(self):
        return [field for field in Article._meta.concrete_fields]

    def article_row(self, story):
        row = []
        for field in Article._meta.concrete_fields:
            if field.attname in story:
                value = story[field.attname]
                if value is not None and field.get_internal_type() == "DateTimeField":
                    value = self.dt(value)
                row.append(value)
            else:
                row.append(self.default(field))
        return row

    def default(self, field):
        if field.has_default() and callable(field.default):
            # A per-row default (the preview key) must differ from row to row.
            return field.get_db_prep_save(field.get_default(), connection)
        cache = self.__dict__.setdefault("_defaults", {})
        if field.attname not in cache:
            cache[field.attname] = field.get_db_prep_save(field.get_default(), connection)
        return cache[field.attname]

    def insert(self, model, fields, rows):
        self.insert_raw(model._meta.db_table, [field.column for field in fields], rows)

    def insert_raw(self, table, columns, rows):
        if not rows:
            return
        quote = connection.ops.quote_name
        names = ", ".join(quote(column) for column in columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)

    def finish(self):
        """Move PostgreSQL's id sequences past the ids written by hand; refresh statistics."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for model in (Article, Comment):
                    table = model._meta.db_table
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                    )
                # Every table written in bulk: without statistics the planner guesses, and a
                # guess of "many rows per story" picks sequential scans (the related block did).
                # VACUUM too (outside a transaction), as autovacuum would later: counts then
                # read the list indexes alone instead of visiting every story's row.
                analyze = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
                for table in (
                    Article._meta.db_table,
                    Comment._meta.db_table,
                    TaggedItem._meta.db_table,
                    Article.partners.through._meta.db_table,
                    RelatedArticle._meta.db_table,
                ):
                    cursor.execute(f"{analyze} {table}")
            else:
                cursor.execute("ANALYZE")

    # -- output -------------------------------------------------------------------------------
    def progress(self, done, total):
        if self.verbosity < 1:
            return
        if self.stdout.isatty():
            width = 40
            filled = math.floor(width * done / total)
            bar = "#" * filled + "-" * (width - filled)
            self.stdout.write(f"\r[{bar}] {self.progress_text(f'{done:>7}', total)}", ending="")
            sys.stdout.flush()
        elif done == total or done % (CHUNK * 10) == 0:
            self.stdout.write(self.progress_text(done, total))

    def progress_text(self, done, total):
        return _("%(done)s/%(stories)s, %(comments)s") % {
            "done": done,
            "stories": stories_text(total),
            "comments": comments_text(self.made["comments"]),
        }

    def report(self, started):
        made = getattr(self, "made", None)
        if made:
            parts = [
                stories_text(made["stories"]),
                comments_text(made["comments"]),
                ngettext("%(count)d tagar", "%(count)d tagar", made["tags"])
                % {"count": made["tags"]},
                ngettext("%(count)d tautan mitra", "%(count)d tautan mitra", made["partners"])
                % {"count": made["partners"]},
                ngettext("%(count)d berita terkait", "%(count)d berita terkait", made["related"])
                % {"count": made["related"]},
            ]
            self.stdout.write(
                self.style.SUCCESS(
                    _("Dibuat %(parts)s dalam %(seconds)s s.")
                    % {"parts": ", ".join(parts), "seconds": f"{time.monotonic() - started:.0f}"}
                )
            )
        seeded = Article.objects.filter(import_key__startswith="seed-")
        by_status = Comment.objects.filter(article__import_key__startswith="seed-")
        counts = {
            "seeded": seeded.count(),
            "published": Article.objects.published().count(),
            "scheduled": Article.objects.scheduled().count(),
            "units": Unit.objects.count(),
            "partners": Partner.objects.count(),
            "categories": Category.objects.count(),
            "tags": Tag.objects.count(),
            "comments": by_status.count(),
        }
        phrases = {
            "seeded": ngettext(
                "%(count)d berita buatan", "%(count)d berita buatan", counts["seeded"]
            ),
            "published": ngettext("%(count)d tayang", "%(count)d tayang", counts["published"]),
            "scheduled": ngettext(
                "%(count)d terjadwal", "%(count)d terjadwal", counts["scheduled"]
            ),
            "units": ngettext("%(count)d satuan", "%(count)d satuan", counts["units"]),
            "partners": ngettext("%(count)d mitra", "%(count)d mitra", counts["partners"]),
            "categories": ngettext(
                "%(count)d kategori", "%(count)d kategori", counts["categories"]
            ),
            "tags": ngettext("%(count)d tagar", "%(count)d tagar", counts["tags"]),
            "comments": ngettext("%(count)d komentar", "%(count)d komentar", counts["comments"]),
        }
        self.stdout.write(
            _(
                "Arsip: %(seeded)s (%(published)s, %(scheduled)s), %(units)s, %(partners)s, "
                "%(categories)s, %(tags)s, %(comments)s."
            )
            % {key: phrase % {"count": counts[key]} for key, phrase in phrases.items()}
        )


COMMENT_COLUMNS = [
    "id",
    "article_id",
    "parent_id",
    "name",
    "email",
    "body",
    "status",
    "created_at",
    "ip_hash",
    "user_agent",
    "is_staff_reply",
    "moderated_at",
]
