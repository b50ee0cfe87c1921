"""axe-core in the browser tests: inject it from node_modules and report its violations.

axe-core is a pinned dev dependency (package.json, installed by `npm ci` in
scripts/install.sh). It is injected with `page.add_script_tag(path=...)`: the file's text
becomes an inline script added by Playwright, so nothing is fetched from any network and
it runs even when the page's own scripts are blocked (the "without JavaScript" variant of
the tests aborts the page's script requests instead of disabling JavaScript, which would
also stop Playwright's `page.evaluate`).

Rules: the WCAG 2.0 and 2.1 levels A and AA (what RGAA 4.1 follows) plus axe's best
practices. WCAG 2.2's own rules (tag wcag22aa, e.g. target-size) are not run.
"""

from pathlib import Path

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING_IMPACTS = ("serious", "critical")

# Runs in the page: axe's violations, compacted to what a failure message needs.
RUN_SCRIPT = """async ({options, maxNodes}) => {
  const results = await axe.run(document, options);
  return {
    version: results.testEngine.version,
    violations: results.violations.map((rule) => ({
      id: rule.id,
      impact: rule.impact,
      help: rule.help,
      nodes: rule.nodes.length,
      targets: rule.nodes.slice(0, maxNodes).map((node) => node.target.join(' ')),
      html: rule.nodes.slice(0, maxNodes).map((node) => node.html.slice(0, 240)),
    })),
  };
}"""


def inject_axe(page):
    """Add axe-core to the page unless it is already there (once per loaded document)."""
    if not AXE_PATH.exists():
        raise RuntimeError(f"axe-core introuvable ({AXE_PATH}) : lancez scripts/install.sh (npm ci).")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_PATH))


def axe_run(page, *, tags=AXE_TAGS, max_nodes=3):
    """Every violation on the current page, whatever its impact, as
    {"version": ..., "violations": [{id, impact, help, nodes, targets, html}]}."""
    inject_axe(page)
    options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    return page.evaluate(RUN_SCRIPT, {"options": options, "maxNodes": max_nodes})


def axe_violations(page, *, impacts=BLOCKING_IMPACTS, tags=AXE_TAGS, max_nodes=3):
    """The current page's violations of the given impacts (serious and critical by default)."""
    return [rule for rule in axe_run(page, tags=tags, max_nodes=max_nodes)["violations"] if rule["impact"] in impacts]


def count_by_impact(violations):
    """{impact: number of violated rules}, every impact present (0 when none)."""
    counts = dict.fromkeys(IMPACTS, 0)
    for rule in violations:
        counts[rule["impact"]] = counts.get(rule["impact"], 0) + 1
    return counts


def format_violations(violations, indent="  "):
    """One readable block per rule: id, impact, help, node count and the first targets."""
    lines = []
    for rule in violations:
        lines.append(f"{indent}{rule['id']} ({rule['impact']}, {rule['nodes']} élément(s)) : {rule['help']}")
        for target, html in zip(rule["targets"], rule["html"], strict=False):
            lines.append(f"{indent}  → {target}    {html}")
    return "\n".join(lines)
