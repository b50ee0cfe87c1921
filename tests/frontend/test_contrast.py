"""WCAG 2.1 contrast of the site's colour pairs, computed from site.css itself.

Text needs 4.5:1 (AA), focus outlines and other interface parts 3:1.
"""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static_src" / "css" / "site.css").read_text()
WHITE = "#ffffff"


def variable(name):
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS).group(1)


def luminance(hex_colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    ("foreground", "background", "minimum"),
    [
        ("ink", WHITE, 4.5),
        ("muted", WHITE, 4.5),
        ("muted", "surface", 4.5),
        ("accent", WHITE, 4.5),
        ("accent", "surface", 4.5),
        ("accent-dark", WHITE, 4.5),
        ("accent-ink", "accent", 4.5),  # button text
        ("accent-ink", "accent-dark", 4.5),
        ("green", WHITE, 4.5),
        ("warm", WHITE, 4.5),
        ("focus", WHITE, 3.0),  # focus outline against the page
    ],
)
def test_colour_pairs_meet_wcag_aa(foreground, background, minimum):
    fg = foreground if foreground.startswith("#") else variable(foreground)
    bg = background if background.startswith("#") else variable(background)
    assert contrast(fg, bg) >= minimum, f"{foreground} on {background}: {contrast(fg, bg):.2f}:1"
