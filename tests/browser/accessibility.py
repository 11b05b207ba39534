"""axe-core (npm `axe-core`, installed by `make assets`) run in the page: the violations it finds."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def axe(page) -> list[str]:
    page.evaluate(AXE.read_text())
    return page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ['violations']});
          return r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.html.slice(0, 200)).join(' | '));
        }"""
    )
