"""The theme registry: folders become themes, broken folders are refused with a precise message."""
import json

import pytest

from themes.registry import REQUIRED_COLOURS, ThemeError, all_themes, discover, get_theme, load_theme_folder



def write_theme(folder, **overrides):
    folder.mkdir(parents=True)
    data = {"label": "测试主题", "tokens": {"color": {key: "#000000" for key in REQUIRED_COLOURS}}}
    data.update(overrides)
    (folder / "theme.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def test_the_two_shipped_themes_are_registered():
    names = {theme.name for theme in all_themes()}
    assert {"city", "department"} <= names
    assert get_theme("city").tokens["color"]["primary"] != get_theme("department").tokens["color"]["primary"]


def test_tokens_flatten_into_css_variables():
    variables = get_theme("city").css_variables()
    assert variables["--color-primary"] == get_theme("city").tokens["color"]["primary"]
    assert "--font-family-body" in variables


@pytest.fixture
def isolated_registry():
    """Themes registered by a test are forgotten after it."""
    from themes import registry

    saved = dict(registry._registry)
    yield
    registry._registry.clear()
    registry._registry.update(saved)


def test_a_folder_with_theme_json_becomes_a_theme(tmp_path, isolated_registry):
    write_theme(tmp_path / "harbour")
    registered = discover([str(tmp_path)])
    assert "harbour" in {theme.name for theme in registered}
    assert get_theme("harbour").label == "测试主题"


def test_missing_colour_tokens_are_named(tmp_path):
    folder = write_theme(tmp_path / "broken", tokens={"color": {"primary": "#000"}})
    with pytest.raises(ThemeError, match=r"tokens.color: missing primary-dark"):
        load_theme_folder(folder)


def test_invalid_json_names_the_file(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "theme.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ThemeError, match="bad/theme.json"):
        load_theme_folder(folder)


def test_unknown_theme_lists_the_registered_ones():
    with pytest.raises(ThemeError, match="city"):
        get_theme("no-such-theme")
