"""axe-core (vendored from npm, see vendor/README.md) run inside the real browser."""
from __future__ import annotations

from pathlib import Path

AXE_VERSION = "4.14.1"
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    """All WCAG 2.1 A/AA violations axe finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not added as a <script> tag: the site's
        # Content-Security-Policy (no inline scripts) must stay on while axe looks at the page.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def blocking_violations(page) -> list[str]:
    """Serious and critical violations, one readable line each (rule, impact, first targets)."""
    lines = []
    for violation in axe_violations(page):
        if violation.get("impact") in BLOCKING:
            targets = [" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                       for node in violation["nodes"][:3]]
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return lines
