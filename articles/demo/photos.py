"""Demo photos drawn here with Pillow (no borrowed pictures): a sky, hills and a crowd of
figures in the story's own colours, sent through the same pipeline as an upload."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

SIZE = (1600, 1000)
PALETTES = [
    ((250, 196, 120), (92, 140, 98), (30, 58, 95)),
    ((164, 208, 240), (120, 160, 80), (140, 40, 40)),
    ((255, 160, 110), (70, 110, 140), (40, 40, 60)),
    ((200, 220, 235), (150, 120, 80), (20, 80, 60)),
]


def drawn_scene(seed):
    """Return a JPEG of a simple outdoor scene, different for every ``seed``."""
    rng = random.Random(seed)
    sky, land, uniform = PALETTES[seed % len(PALETTES)]
    width, height = SIZE
    image = Image.new("RGB", SIZE, sky)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        shade = int(40 * y / (height / 2))
        draw.line([(0, y), (width, y)], fill=tuple(max(0, c - shade) for c in sky))
    horizon = int(height * rng.uniform(0.5, 0.62))
    draw.ellipse([-200, horizon - 160, width // 2 + 200, horizon + 300], fill=land)
    draw.ellipse([width // 3, horizon - 120, width + 300, horizon + 320], fill=land)
    draw.rectangle([0, horizon + 80, width, height], fill=tuple(c - 20 for c in land))
    for _ in range(rng.randint(9, 16)):
        x = rng.randint(60, width - 60)
        base = rng.randint(horizon + 120, height - 40)
        scale = base / height
        head = int(22 * scale) + 8
        body_w, body_h = int(46 * scale) + 14, int(130 * scale) + 40
        colour = uniform if rng.random() < 0.6 else (rng.randint(60, 220),) * 3
        draw.rectangle([x - body_w // 2, base - body_h, x + body_w // 2, base], fill=colour)
        draw.ellipse(
            [x - head, base - body_h - 2 * head, x + head, base - body_h], fill=(120, 85, 60)
        )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile(f"demo-{seed}.jpg", buffer.getvalue(), content_type="image/jpeg")
