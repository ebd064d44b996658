"""Find what a strict Content-Security-Policy would block, and markup that should be text."""

from html.parser import HTMLParser

DATA_SCRIPT_TYPES = {"application/ld+json", "application/json", "importmap"}


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.tags = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"inline handler {name} on <{tag}>")
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL on <{tag}>")
        if tag == "style":
            self.problems.append("<style> element")
        script_type = (attributes.get("type") or "").lower()
        if tag == "script" and not attributes.get("src") and script_type not in DATA_SCRIPT_TYPES:
            self.problems.append("inline <script>")


def scan(html):
    """Return ``(problems, tags)`` for ``html``: inline code and every start tag seen."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems, scanner.tags
