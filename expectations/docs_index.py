"""An index page for the Data Docs site that works offline.

GX's own index builds its tables in the browser from scripts on public CDNs, so with no
network it shows nothing. Its per-suite and per-validation pages are plain HTML and read
fine; this page lists the suites with their contracts and links to those pages.
"""

from __future__ import annotations

import html
from pathlib import Path

from expectations.runner import load_suites

STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;color:#222;max-width:1100px}
h1{font-size:1.5rem} table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;font-size:.9rem;vertical-align:top}
th{background:#f3f3f3} .pass{color:#17692f;font-weight:600} .fail{color:#b00020;font-weight:600}
.warn{color:#a15c00;font-weight:600} code{font-size:.85rem}
"""


def _latest_validation(site: Path, suite: str) -> str | None:
    pages = sorted((site / "validations" / suite).rglob("*.html"))
    return pages[-1].relative_to(site).as_posix() if pages else None


def write_index(site: Path, results: list[tuple], run_id: str) -> Path:
    """results: (suite, check_name, column, severity, passed, observed, failing_rows) rows."""
    by_suite: dict[str, list[tuple]] = {}
    for row in results:
        by_suite.setdefault(row[0], []).append(row)
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>ogi-warehouse data "
             f"quality</title><style>{STYLE}</style></head><body>",
             "<h1>ogi-warehouse: data-quality contracts</h1>",
             f"<p>Build <code>{html.escape(run_id)}</code>. ERROR contracts block publishing; "
             "WARN contracts are recorded and shown. Every row is also in "
             "<code>quality.check_results</code> of the warehouse.</p>",
             "<table><tr><th>suite</th><th>what it guards</th><th>expectations</th>"
             "<th>result</th><th>pages</th></tr>"]
    for name, spec in sorted(load_suites().items()):
        rows = by_suite.get(name, [])
        errors = [r for r in rows if not r[4] and r[3] == "error"]
        warns = [r for r in rows if not r[4] and r[3] == "warn"]
        status = ("<span class='fail'>ERROR failed</span>" if errors else
                  "<span class='warn'>WARN failed</span>" if warns else
                  "<span class='pass'>passed</span>" if rows else "not run")
        links = [f"<a href='expectations/{name}.html'>expectations</a>"]
        if latest := _latest_validation(site, name):
            links.append(f"<a href='{latest}'>latest validation</a>")
        parts.append(
            f"<tr><td><b>{html.escape(name)}</b></td>"
            f"<td>{html.escape(spec.get('description', 'contracts on ' + name))}</td>"
            f"<td>{len(spec['expectations'])}</td><td>{status}</td>"
            f"<td>{' | '.join(links)}</td></tr>")
    parts.append("</table><h2>Every expectation</h2><table><tr><th>suite</th><th>expectation"
                 "</th><th>column</th><th>severity</th><th>why</th></tr>")
    for name, spec in sorted(load_suites().items()):
        for e in spec["expectations"]:
            column = e["kwargs"].get("column") or e["kwargs"].get("column_A") or ""
            parts.append(f"<tr><td>{name}</td><td>{e['type']}</td><td>{html.escape(column)}</td>"
                         f"<td>{e['severity'].upper()}</td><td>{html.escape(e.get('why', ''))}"
                         "</td></tr>")
    parts.append("</table><p><a href='gx_index.html'>GX's own index</a> (needs the internet "
                 "for its scripts).</p></body></html>")
    index = site / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    return index
