"""Find user-facing Chinese text that is not marked for translation.

Chinese is the source language, so an unmarked string is easy to spot: a string literal (Python)
or template text holding Chinese characters outside ``gettext``/``gettext_lazy``/``ngettext``/
``pgettext`` (Python) or ``{% translate %}``/``{% blocktranslate %}``/``_("...")`` (templates).
``tests/test_unmarked_strings.py`` fails on every such string, so English readers never meet
Chinese the catalogues could have translated.

Not user interface, so never reported: docstrings, log messages (``logger.info(...)`` and the
like: they are for operators' log tools), the stored values of ``TextChoices`` (the label is what
people see), and the folders in ``SKIPPED``. Everything else that is data, not interface, is in
``ALLOWED``, one entry per reason.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
# Chinese words (ideographs) and Chinese punctuation (a "：" or "、" outside the marks would stay
# Chinese in English pages); the ideographic space U+3000 and the full-width ＋/－ glyphs are not text.
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff0a\uff0c\uff0e-\uff60]")
GETTEXT = frozenset({"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy",
                     "npgettext", "npgettext_lazy", "gettext_noop"})
LOGGERS = frozenset({"logger", "logging", "log", "_logger", "LOGGER", "audit_logger"})
CHOICES_BASES = frozenset({"TextChoices", "Choices", "IntegerChoices"})

# Folders (fnmatch patterns on the path from the project root) that hold no interface.
SKIPPED = {
    ".*": "tool folders (.venv, .git)",
    "var/*": "runtime data",
    "locale/*": "the catalogues themselves",
    "tests/*": "tests",
    "bench/*": "benchmarks",
    "scripts/*": "developer scripts",
    "*/migrations/*": "frozen history: the models hold the marked verbose names",
    "*/static/*": "static files (the JavaScript reads its words from data attributes in marked templates)",
    "*/management/commands/*": "operators' terminal commands, like Django's own untranslated; they print "
                               "\"中文 / English\" where it matters",
}


@dataclass(frozen=True)
class Allowed:
    """Chinese that is data, not interface. ``path`` is an fnmatch pattern; ``text`` limits the entry
    to literals containing it, ``keywords`` to literals passed as one of these keyword arguments
    (neither: every literal in those files); ``why`` is required."""

    path: str
    why: str
    text: str | None = None
    keywords: frozenset[str] = frozenset()

    def covers(self, path: str, literal: str, keyword: str | None = None) -> bool:
        return (fnmatch(path, self.path) and (self.text is None or self.text in literal)
                and (not self.keywords or keyword in self.keywords))


ALLOWED = [
    Allowed("cms/demo_data/*", "demo content: pages an editor would write in Chinese"),
    Allowed("*/demo.py", "demo content and accounts loaded by ./run"),
    Allowed("portal/demo_backends/*", "demo back-office systems: stand-ins for other departments' software"),
    Allowed("sso/demo_idp/*", "the demo identity provider: a stand-in for an external system"),
    Allowed("sso/templates/sso/demo_idp/*", "the demo identity provider's pages, as above"),
    Allowed("search/lexicon/*", "search lexicon: Chinese words and synonyms the search engine matches"),
    Allowed("search/text.py", "patterns that parse Chinese document numbers (〔2024〕3号)"),
    Allowed("search/understanding.py", "separators of Chinese query syntax", "，、"),
    Allowed("search/understanding.py", "a pattern that finds the site's app names in its own texts "
                                        "(“青岚通”APP, “岚e办”小程序)", "微信小程序"),
    Allowed("search/models.py", "Chinese separators accepted when editors list synonyms", "，"),
    Allowed("search/models.py", "Chinese separators accepted when editors list synonyms", "、"),
    Allowed("themes/models.py", "Chinese separators accepted when editors list popular searches", "，、"),
    Allowed("cms/models/services.py", "fee texts that mean free of charge, matched in editors' content", "收费"),
    Allowed("cms/models/services.py", "fee texts that mean free of charge, matched in editors' content", "免费"),
    Allowed("cms/models/services.py", "national item types (行政许可 …) suggested as editors' content", "行政"),
    Allowed("cms/models/services.py", "national item types (行政许可 …) suggested as editors' content", "公共服务"),
    Allowed("cms/permissions.py", "names of the groups created in the database (admins rename them)"),
    Allowed("cms/workflows.py", "names of the workflow and its tasks created in the database"),
    Allowed("cms/site_tree.py", "the first pages' titles and text: content created in the database"),
    Allowed("config/settings/*", "the site's and SMS sender's names, the language's own name (简体中文) and "
                                 "group names: configuration data"),
    Allowed("config/embedded.py", "the ./run supervisor's terminal output (\"中文 / English\")"),
    Allowed("ops/*", "backup and restore messages printed by the operators' commands (\"中文 / English\")"),
    Allowed("themes/catalogue.py", "titles of the shared catalogue pages created in the database"),
    Allowed("*/api*.py", "the HTTP APIs' reference (OpenAPI at /api/docs/): one language, like the "
                         "content.schema.json contract it documents; their error messages are marked",
            keywords=frozenset({"summary", "description", "title"})),
    Allowed("cms/delivery/api/*", "the content API's reference (OpenAPI at /api/docs/), as above",
            keywords=frozenset({"summary", "description", "title"})),
    Allowed("cms/delivery/api/__init__.py", "the content API's reference (OpenAPI at /api/docs/), as above",
            "只返回公开内容"),
    Allowed("config/unmarked_strings.py", "this scanner's own pattern and the examples in its reasons"),
]


@dataclass(frozen=True)
class Unmarked:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text[:80]!r}"


def skipped(path: str) -> bool:
    return any(fnmatch(path, pattern) for pattern in SKIPPED)


def allowed(path: str, literal: str, keyword: str | None = None) -> bool:
    return any(entry.covers(path, literal, keyword) for entry in ALLOWED)


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _is_log_call(node: ast.Call) -> bool:
    func = node.func
    if not isinstance(func, ast.Attribute):
        return False
    owner = func.value
    name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
    return name in LOGGERS


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _choice_values(tree: ast.AST) -> set[int]:
    """The stored value (first item) of each member of a ``TextChoices`` class."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(
                (base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")) in CHOICES_BASES
                for base in node.bases):
            for statement in node.body:
                if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Tuple) and statement.value.elts:
                    found.add(id(statement.value.elts[0]))
    return found


def _translation_functions(tree: ast.AST) -> frozenset[str]:
    """The gettext names, with the aliases this module imports them under (``gettext_noop as N_``)."""
    aliases = {alias.asname for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
               for alias in node.names if alias.asname and alias.name in GETTEXT}
    return GETTEXT | aliases


def unmarked_in_python(source: str, path: str) -> list[Unmarked]:
    tree = ast.parse(source, path)
    translating = _translation_functions(tree)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    exempt = _docstrings(tree) | _choice_values(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and CHINESE.search(node.value)):
            continue
        if id(node) in exempt:
            continue
        keyword, ancestor = None, parents.get(id(node))
        while ancestor is not None:
            if isinstance(ancestor, ast.Call) and (_call_name(ancestor) in translating or _is_log_call(ancestor)):
                break
            if isinstance(ancestor, ast.keyword) and keyword is None:
                keyword = ancestor.arg
            ancestor = parents.get(id(ancestor))
        else:
            if not allowed(path, node.value, keyword):
                found.append(Unmarked(path, node.lineno, node.value))
    return found


# Template text that is marked, or not shown: translate tags, blocktranslate blocks, _("...")
# arguments, stored values compared in tags, comments. What is left must not hold Chinese.
_MARKED_IN_TEMPLATES = re.compile(
    r"{%\s*blocktranslate\b.*?%}.*?{%\s*endblocktranslate\s*%}"
    r"|{%\s*translate\b.*?%}"
    r"|_\(\s*(\"[^\"]*\"|'[^']*')\s*\)"
    r"|(==|!=)\s*(\"[^\"]*\"|'[^']*')"  # a stored value compared in a tag: data
    r"|{#.*?#}"
    r"|{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}"
    r"|<!--.*?-->", re.S)


def unmarked_in_template(source: str, path: str) -> list[Unmarked]:
    blanked = _MARKED_IN_TEMPLATES.sub(lambda m: "\n" * m.group(0).count("\n"), source)
    return [Unmarked(path, number, line.strip()) for number, line in enumerate(blanked.splitlines(), 1)
            if CHINESE.search(line) and not allowed(path, line)]


def unmarked(root: Path = ROOT) -> list[Unmarked]:
    """Every unmarked user-facing Chinese string in the project's Python modules and templates."""
    found = []
    for folder, folders, files in os.walk(root):
        here = Path(folder).relative_to(root).as_posix()
        prefix = "" if here == "." else here + "/"
        folders[:] = sorted(name for name in folders if not skipped(f"{prefix}{name}/"))
        for name in sorted(files):
            path = prefix + name
            if skipped(path):
                continue
            if name.endswith(".py"):
                found += unmarked_in_python((root / path).read_text(encoding="utf-8"), path)
            elif name.endswith((".html", ".txt")) and "/templates/" in f"/{path}":
                found += unmarked_in_template((root / path).read_text(encoding="utf-8"), path)
    return found
