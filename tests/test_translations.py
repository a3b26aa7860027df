"""Translations the Django way: every marked string is in both catalogues (a fresh extraction is
compared with the committed .po files), none is empty or fuzzy, zh-hans maps each msgid to itself,
the committed .mo files match, and a request in English gets English pages and admin menus.

When this fails after someone marked new strings: run ``scripts/translations``, translate the
entries it lists in locale/en/LC_MESSAGES/django.po, run it again and commit the .po and .mo."""
from __future__ import annotations

import re
import shutil

import polib
import pytest
from django.utils import translation

from config import translations
from tests.conftest import require_service

pytestmark = pytest.mark.embedded


@pytest.fixture(scope="module")
def xgettext():
    if not shutil.which("xgettext"):
        require_service("XGETTEXT", "GNU gettext (xgettext, for makemessages)")


def test_every_marked_string_is_in_both_catalogues(xgettext):
    missing = translations.missing_from_catalogues()
    assert not missing, "run scripts/translations, then translate:\n" + "\n".join(map(str, missing[:40]))


@pytest.mark.parametrize("locale", translations.LOCALES)
def test_no_entry_is_untranslated_or_fuzzy_and_the_mo_file_matches(locale):
    problems = translations.problems_in(locale)
    assert not problems, f"run scripts/translations and translate {locale}:\n" + "\n".join(map(str, problems[:40]))


def test_chinese_is_the_source_language():
    po = polib.pofile(str(translations.po_path(translations.SOURCE_LOCALE)))
    assert len(po) > 300
    assert all(entry.msgstr == entry.msgid for entry in po if not entry.msgid_plural)


def test_the_catalogue_problems_are_found(tmp_path):
    """The checker itself: an empty English entry, a fuzzy one and a stale .mo are each reported."""
    po_file = translations.po_path("en", tmp_path)
    po_file.parent.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="工作门户", msgstr="Officials’ portal"))
    po.append(polib.POEntry(msgid="退出", msgstr=""))
    po.append(polib.POEntry(msgid="登录", msgstr="Sign in", flags=["fuzzy"]))
    po.save(str(po_file))
    po.save_as_mofile(str(po_file.with_suffix(".mo")))
    po[0].msgstr = "Portal"
    po.save(str(po_file))
    kinds = {(p.msgid, p.kind) for p in translations.problems_in("en", tmp_path)}
    assert kinds == {("退出", "untranslated"), ("登录", "fuzzy"), ("工作门户", "stale_mo")}


def test_english_pages_come_out_in_english(client, db):
    with translation.override("en"):
        assert translation.gettext("工作人员入口") == "Staff entrance"
    body = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en"' in body and "<h1>Staff sign-in</h1>" in body and "工作人员登录" not in body
    body = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="zh-Hans"' in body and "<h1>工作人员登录</h1>" in body


def menu_text(response) -> str:
    """The admin's menus are JSON inside the page (the sidebar renders them): decode its escapes."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), response.content.decode())


def menu_labels(response) -> list[str]:
    """Every label in the admin sidebar's menus and submenus (the JSON props the sidebar renders)."""
    import json

    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
                      response.content.decode(), re.S)
    labels: list[str] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            labels.extend(v for k, v in value.items() if k in ("label", "footer_text") and isinstance(v, str) and v)
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(json.loads(props.group(1)))
    return labels


def test_the_admin_menus_follow_the_users_language(client, db):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    admin = get_user_model().objects.create_superuser("root", "root@example.gov.cn", "pw-for-tests-123",
                                                      first_name="管理员", last_name="王")
    client.force_login(admin)
    zh = menu_text(client.get("/admin/"))
    assert "工作门户" in zh and "统一身份认证" in zh
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    response = client.get("/admin/")
    en = menu_text(response)
    assert "Officials’ portal" in en and "Single sign-on" in en and "工作门户" not in en
    labels = menu_labels(response)
    assert len(labels) > 30  # every menu and submenu item, the project's own included
    own_name = {admin.get_full_name(), admin.get_short_name(), admin.first_name, admin.last_name}  # data, not menus
    chinese = [label for label in labels if re.search(r"[\u4e00-\u9fff]", label) and label not in own_name]
    assert not chinese, chinese


def test_theme_json_words_follow_the_language():
    """theme.json is written in Chinese; its words reach the catalogues (scripts/translations) and
    Theme.in_language() shows them in the reader's language, names of bodies unchanged."""
    from themes.registry import get_theme

    city = get_theme("city")
    with translation.override("en"):
        english = city.in_language()
    assert english.label == "City government portal (red and gold)"
    assert english.footer["note"].startswith("This is a demonstration site")
    assert english.footer["organizer"] == city.footer["organizer"]
    with translation.override("zh-hans"):
        assert city.in_language().footer["note"] == city.footer["note"]
    department = get_theme("department")
    with translation.override("en"):
        links = department.in_language().header["links"]
    assert [link["label"] for link in links] == ["Notices", "Policies"]
