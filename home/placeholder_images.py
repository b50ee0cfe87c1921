"""Placeholder pictures drawn with Pillow: photos of places, landscapes and partner logos.

Nothing is downloaded or read from disk; every picture is deterministic for a given seed,
so that two runs produce the same files. Used by the image factories (home.factories) and
by ``manage.py seed_demo`` (provisioning.demo.images).
"""

import random
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont

DEMO_CREDIT = "Image générée – données de démonstration"

PALETTES = [
    ((198, 224, 236), (52, 96, 125), (241, 196, 120)),
    ((222, 235, 211), (74, 122, 79), (236, 168, 110)),
    ((244, 226, 205), (156, 96, 62), (112, 156, 180)),
    ((230, 222, 240), (96, 82, 140), (240, 200, 96)),
    ((250, 236, 214), (184, 120, 64), (90, 140, 110)),
    ((214, 230, 230), (50, 110, 110), (220, 120, 100)),
]


def _font(size):
    return ImageFont.load_default(size=size)


def _draw_facade(draw, rng, width, height, palette):
    sky, main, accent = palette
    draw.rectangle([0, 0, width, height], fill=sky)
    draw.rectangle([0, int(height * 0.82), width, height], fill=(120, 130, 120))
    left, right = int(width * 0.12), int(width * 0.88)
    top = int(height * rng.uniform(0.22, 0.32))
    draw.rectangle([left, top, right, int(height * 0.82)], fill=(236, 230, 220), outline=main, width=4)
    draw.polygon([(left - 20, top), (width // 2, top - int(height * 0.14)), (right + 20, top)], fill=main)
    columns, rows = rng.choice([4, 5, 6]), 2
    cell_w = (right - left) / columns
    for col in range(columns):
        for row in range(rows):
            x0 = left + col * cell_w + cell_w * 0.2
            y0 = top + 30 + row * 110
            draw.rectangle([x0, y0, x0 + cell_w * 0.6, y0 + 70], fill=(170, 200, 220), outline=main, width=3)
    door_x = width // 2 - 45
    draw.rectangle([door_x, int(height * 0.82) - 130, door_x + 90, int(height * 0.82)], fill=accent)


def _draw_interior(draw, rng, width, height, palette):
    wall, main, accent = palette
    draw.rectangle([0, 0, width, height], fill=wall)
    draw.polygon([(0, height), (width, height), (width * 0.8, height * 0.65), (width * 0.2, height * 0.65)], fill=main)
    draw.rectangle(
        [width * 0.58, height * 0.15, width * 0.85, height * 0.5], fill=(200, 225, 240), outline=main, width=6
    )
    draw.line([width * 0.715, height * 0.15, width * 0.715, height * 0.5], fill=main, width=4)
    desk_y = height * rng.uniform(0.62, 0.7)
    draw.rectangle([width * 0.18, desk_y, width * 0.52, desk_y + 24], fill=accent)
    draw.rectangle([width * 0.2, desk_y + 24, width * 0.23, desk_y + 120], fill=accent)
    draw.rectangle([width * 0.47, desk_y + 24, width * 0.5, desk_y + 120], fill=accent)
    draw.ellipse([width * 0.62, height * 0.55, width * 0.72, height * 0.65], fill=(90, 150, 90))
    draw.rectangle([width * 0.65, height * 0.65, width * 0.69, height * 0.78], fill=(150, 100, 70))


def _draw_landscape(draw, rng, width, height, palette):
    sky, main, accent = palette
    draw.rectangle([0, 0, width, height], fill=sky)
    sun_x = width * rng.uniform(0.6, 0.85)
    draw.ellipse([sun_x - 50, 60, sun_x + 50, 160], fill=accent)
    for layer, shade in enumerate([0.55, 0.75, 1.0]):
        base = height * (0.45 + 0.15 * layer)
        colour = tuple(int(c * shade) for c in main)
        points = [(0, height)]
        for step in range(9):
            points.append((width * step / 8, base - rng.uniform(0, height * 0.18)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    for row in range(5):
        y = height * 0.86 + row * 14
        draw.line([0, y, width, y - 40], fill=(160, 120, 190), width=6)


def _draw_logo(draw, rng, width, height, palette, label):
    _, main, accent = palette
    draw.rectangle([0, 0, width, height], fill=(255, 255, 255))
    margin = width * 0.1
    draw.ellipse([margin, margin, width - margin, height - margin], fill=main)
    draw.arc([margin * 1.6, margin * 1.6, width - margin * 1.6, height - margin * 1.6], 200, 340, fill=accent, width=10)
    font = _font(int(height * 0.22))
    draw.text((width / 2, height / 2), label[:6], fill=(255, 255, 255), font=font, anchor="mm")


def draw_placeholder(kind, *, seed, label="", width=800, height=600, image_format="JPEG"):
    """Return the bytes of a placeholder picture of ``kind`` (facade, interior, landscape, logo)."""
    rng = random.Random(f"{kind}-{seed}")  # noqa: S311 - a stable layout, not a secret
    palette = PALETTES[rng.randrange(len(PALETTES))]
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    if kind == "logo":
        _draw_logo(draw, rng, width, height, palette, label)
    else:
        {"facade": _draw_facade, "interior": _draw_interior, "landscape": _draw_landscape}[kind](
            draw, rng, width, height, palette
        )
        if label:
            font = _font(26)
            draw.rectangle([0, height - 44, width, height], fill=(0, 0, 0))
            draw.text((16, height - 22), label, fill=(255, 255, 255), font=font, anchor="lm")
    buffer = BytesIO()
    picture.save(buffer, format=image_format, quality=85)
    buffer.seek(0)
    return buffer


def placeholder_image_file(kind, *, seed, label="", filename=None, **kwargs):
    """A Django ImageFile of a placeholder picture, ready for an image model's ``file``."""
    image_format = "PNG" if kind == "logo" else "JPEG"
    extension = "png" if image_format == "PNG" else "jpg"
    buffer = draw_placeholder(kind, seed=seed, label=label, image_format=image_format, **kwargs)
    return ImageFile(buffer, name=filename or f"demo-{kind}-{seed}.{extension}")
