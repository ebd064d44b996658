"""The ceiling for `make bench`: a story's bytes from memory, with no framework in between."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_CEILING_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def app(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
