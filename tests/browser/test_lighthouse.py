"""Lighthouse (mobile): accessibility and SEO scores, stable enough to assert.

Performance depends on the machine; `make lighthouse` reports it against gunicorn instead.
"""

import json
import os
import shutil
import subprocess

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, unavailable
from tests.factories import ArticleFactory, CategoryFactory, PartnerFactory, UserFactory
from tests.views.utils import make_photo

pytestmark = pytest.mark.django_db(transaction=True)

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
MINIMUM = 95


def lighthouse(url, tmp_path):
    if not LIGHTHOUSE.exists() or not shutil.which("node"):
        unavailable("Lighthouse not installed: run `npm install`")
    report = tmp_path / "report.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            "--form-factor=mobile",
            "--quiet",
            "--only-categories=accessibility,seo",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        ],
        check=True,
        timeout=180,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        cwd=tmp_path,
    )
    categories = json.loads(report.read_text())["categories"]
    return {key: round(category["score"] * 100) for key, category in categories.items()}


def test_home_and_story_score_at_least_95_for_accessibility_and_seo(chromium, live_url, tmp_path):
    category = CategoryFactory(name="Kamtibmas")
    for i in range(6):
        ArticleFactory(title=f"Patroli Dialogis Malam Minggu Tahap {i}", category=category)
    story = ArticleFactory(
        title="Polres dan Dinas Kesehatan Perkuat Layanan Kesehatan Jiwa",
        category=category,
        is_featured=True,
        writer=UserFactory(first_name="Lina", last_name="Sari"),
        tags=["kesehatan", "sinergi"],
        partners=[PartnerFactory(name="Dinas Kesehatan", acronym="Dinkes")],
        featured_photo=make_photo(caption="Pertemuan", credit="Andi"),
    )

    for path in ("/", story.get_absolute_url()):
        scores = lighthouse(live_url + path, tmp_path)
        assert scores["accessibility"] >= MINIMUM, (path, scores)
        assert scores["seo"] >= MINIMUM, (path, scores)
