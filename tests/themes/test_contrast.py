"""Every shipped theme's colour pairs meet WCAG 2.1 AA contrast (4.5:1 for text), so a theme
cannot make the site illegible unnoticed. axe checks the rendered pages too (tests/browser)."""
import pytest

from themes.registry import all_themes


TEXT_PAIRS = [
    ("text", "background"), ("muted", "background"), ("link", "background"), ("text", "surface"),
    ("muted", "surface"), ("link", "surface"), ("on-primary", "primary"), ("on-primary", "primary-dark"),
    ("on-accent", "accent"), ("heading", "background"), ("on-primary", "footer"),
]


def luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", all_themes(), ids=lambda t: t.name)
def test_theme_text_colours_meet_aa(theme):
    colours = theme.tokens["color"]
    failures = [
        f"{fg} on {bg}: {contrast(colours[fg], colours[bg]):.2f}"
        for fg, bg in TEXT_PAIRS if fg in colours and bg in colours and contrast(colours[fg], colours[bg]) < 4.5
    ]
    assert not failures, failures
