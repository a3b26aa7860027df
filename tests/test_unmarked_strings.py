"""Every user-facing Chinese string is marked for translation (config/unmarked_strings.py scans the
project's Python modules and templates); data that is not interface is allowed only with a reason.

When this fails: wrap the string in gettext/gettext_lazy (Python) or {% translate %} (templates),
run scripts/translations and translate the new entries; or, if it is data, add an ``Allowed`` entry
that says why."""
from __future__ import annotations

import pytest

from config import unmarked_strings as scan

pytestmark = pytest.mark.embedded


def test_no_user_facing_chinese_is_left_unmarked():
    found = scan.unmarked()
    assert not found, f"{len(found)} unmarked string(s):\n" + "\n".join(map(str, found[:60]))


def test_every_allowance_says_why():
    assert all(entry.why.strip() for entry in scan.ALLOWED) and all(scan.SKIPPED.values())


def test_the_scanner_finds_unmarked_python_strings():
    source = '''
from django.utils.translation import gettext as _, gettext_noop as N_
import logging
from django.db import models
logger = logging.getLogger(__name__)

class Kind(models.TextChoices):
    """种类 (a docstring is not interface)."""
    A = "甲", _("甲类")

LABEL = "未标记"
MARKED = _("已标记")
NOOP = N_("延后翻译")

def view(name):
    logger.warning("日志 %s", name)
    raise ValueError(f"没有 {name}")
'''
    found = {(u.line, u.text) for u in scan.unmarked_in_python(source, "app/views.py")}
    assert found == {(11, "未标记"), (17, "没有 ")}


def test_the_scanner_finds_unmarked_template_text():
    source = ('{% load i18n %}<h1>{% translate "标题" %}</h1>\n'
              '{% blocktranslate with n=count %}共 {{ n }} 项{% endblocktranslate %}\n'
              '<p>{{ fees|default:_("不收费") }}{% if status == "有效" %}ok{% endif %}</p>{# 注释 #}\n'
              '<p>漏掉的</p>\n')
    assert [(u.line, u.text) for u in scan.unmarked_in_template(source, "app/templates/x.html")] == [(4, "<p>漏掉的</p>")]


def test_an_allowance_covers_only_what_it_names():
    assert scan.allowed("cms/demo_data/services.py", "任何演示内容")
    assert scan.allowed("cms/delivery/api/content.py", "列出部门", keyword="summary")
    assert not scan.allowed("cms/delivery/api/content.py", "未知部门")
    assert not scan.allowed("cms/models/services.py", "事项编码")
