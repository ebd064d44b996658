"""Where the reference corpus of real press releases lives (read at test time, never copied)."""

import os
from pathlib import Path

from django.conf import settings

CORPUS = Path(
    os.environ.get("NEWSROOM_CORPUS_DIR", Path(settings.BASE_DIR).parent / "shared" / "corpus")
)
if not any(CORPUS.glob("*.txt")):
    raise RuntimeError(
        f"The press-release corpus is missing at {CORPUS}: the importer tests read "
        "../shared/corpus beside the checkout; set NEWSROOM_CORPUS_DIR to its folder."
    )
