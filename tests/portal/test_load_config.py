"""portal_load_config: line-precise errors, nothing written on error, idempotent loading."""
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from portal.models import DefaultLayout, WidgetDefinition

pytestmark = pytest.mark.django_db

DEFAULT = Path(__file__).resolve().parents[2] / "portal" / "fixtures" / "default_portal.yaml"

GOOD = """\
widgets:
  - key: todo
    title: 待办
    type: todo
    connector: rest
    backend: oa
    roles: [审批人员]
    connector_config:
      url: "{backend}/api/todos"
      items_path: items
layouts:
  - name: 审批
    role: 审批人员
    widgets:
      - {widget: todo, width: 2}
"""

BAD = """\
widgets:
  - key: todo
    title: 待办
    type: todo
    connector: rest
    backend: oa
    connector_config:
      url: "https://elsewhere.example.com/api"
  - key: chart
    title: 图表
    type: pie
  - key: todo
    title: 重复
    type: launcher
    settings: {apps: []}
    timeout: -1
layouts:
  - name: 默认
    widgets:
      - {widget: todo, width: 9}
      - {widget: missing}
"""


def run(tmp_path, text, name="portal.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_it_loads_widgets_roles_and_layouts(tmp_path, capsys):
    call_command("portal_load_config", str(run(tmp_path, GOOD)))
    widget = WidgetDefinition.objects.get(key="todo")
    assert list(widget.roles.values_list("name", flat=True)) == ["审批人员"]
    layout = DefaultLayout.objects.get(name="审批")
    assert layout.role.name == "审批人员" and [(s.widget.key, s.width) for s in layout.slots.all()] == [("todo", 2)]
    assert "loaded 1 widget(s), 1 layout(s)" in capsys.readouterr().out


def test_loading_twice_updates_instead_of_duplicating(tmp_path):
    path = run(tmp_path, GOOD)
    call_command("portal_load_config", str(path))
    path.write_text(GOOD.replace("title: 待办", "title: 待办事项"), encoding="utf-8")
    call_command("portal_load_config", str(path))
    assert WidgetDefinition.objects.get().title == "待办事项"
    assert DefaultLayout.objects.get().slots.count() == 1


def test_every_error_is_reported_with_its_line_and_nothing_is_written(tmp_path, capsys):
    path = run(tmp_path, BAD)
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("portal_load_config", str(path))
    lines = capsys.readouterr().err.splitlines()
    assert f"{path}:8: widgets[0].connector_config.url: must start with {{backend}} or stay on" in "\n".join(lines)
    assert any(line.startswith(f"{path}:11: widgets[1].type: unknown widget type 'pie'") for line in lines)
    assert any(line.startswith(f"{path}:12: widgets[2].key: duplicate key 'todo'") for line in lines)
    assert any(line.startswith(f"{path}:16: widgets[2].timeout: ") for line in lines)
    assert any(line.startswith(f"{path}:20: layouts[0].widgets[0].width: ") for line in lines)
    assert any(line.startswith(f"{path}:21: layouts[0].widgets[1].widget: unknown widget 'missing'") for line in lines)
    assert WidgetDefinition.objects.count() == 0 and DefaultLayout.objects.count() == 0


def test_json_files_get_lines_too(tmp_path, capsys):
    config = {"widgets": [{"key": "x", "title": "X", "type": "todo", "connector": "nope", "backend": "oa"}]}
    path = run(tmp_path, json.dumps(config, indent=2, ensure_ascii=False), "portal.json")
    with pytest.raises(CommandError):
        call_command("portal_load_config", str(path))
    assert capsys.readouterr().err.startswith(f"{path}:7: widgets[0].connector: unknown connector 'nope'")


@pytest.mark.parametrize("name, text, line", [
    ("broken.json", '{\n  "widgets": [\n    {"key": "x",,}\n  ]\n}\n', 3),
    ("broken.yaml", "widgets:\n  - key: x\n   title: bad indent\n", 3),
])
def test_syntax_errors_name_their_line(tmp_path, capsys, name, text, line):
    path = run(tmp_path, text, name)
    with pytest.raises(CommandError):
        call_command("portal_load_config", str(path))
    assert capsys.readouterr().err.startswith(f"{path}:{line}: (file): invalid")


def test_check_validates_without_writing(tmp_path, capsys):
    call_command("portal_load_config", str(run(tmp_path, GOOD)), "--check")
    assert WidgetDefinition.objects.count() == 0
    assert "valid 1 widget(s)" in capsys.readouterr().out


def test_the_shipped_default_configuration_is_valid():
    call_command("portal_load_config", str(DEFAULT), "--check")


@pytest.mark.parametrize("fmt, suffix", [([], ".yaml"), (["--json"], ".json")])
def test_dump_then_load_gives_the_same_configuration(tmp_path, capsys, fmt, suffix):
    from portal.config_file import dump

    call_command("portal_load_config", str(DEFAULT))
    before = dump()
    capsys.readouterr()
    call_command("portal_dump_config", *fmt)
    exported = run(tmp_path, capsys.readouterr().out, "export" + suffix)
    WidgetDefinition.objects.all().delete()
    DefaultLayout.objects.all().delete()
    call_command("portal_load_config", str(exported))
    assert dump() == before
