"""Lighthouse scores for every page type in both variants (a benchmark, not a CI gate).

    .venv/bin/python bench/lighthouse.py

Builds the site into a temporary folder, serves it on 127.0.0.1 under a sub-path, runs
Lighthouse 12.2.3 (npm, through npx) in Debian's Chromium on each page, and prints the four
category scores. Goal: 100 in all four on every page type.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_src.pipeline import Project, build  # noqa: E402

PAGES = {"home": "index.html", "part": "review/index.html", "section": "plan/02.html",
         "industries": "industries/index.html", "industry": "industries/ceramics.html",
         "figures": "figures.html", "slogans": "slogans.html", "full": "full.html",
         "about": "about.html", "search": "search.html?q=陶瓷", "404": "404.html"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        www = Path(folder) / "www"
        www.mkdir()
        handler = functools.partial(_Quiet, directory=str(www))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/report/"
        # Built as deployed: base_url set, so canonical and hreflang links are absolute.
        project = Path(folder) / "project"
        shutil.copytree(ROOT / "content", project / "content")
        shutil.copytree(ROOT / "templates", project / "templates")
        site = project / "content" / "site.yaml"
        text = site.read_text(encoding="utf-8")
        site.write_text(text.replace("variants:", f"base_url: {base}\nvariants:", 1), encoding="utf-8")
        build(Project.of(project / "content", www / "report"))
        (www / "robots.txt").write_bytes((www / "report" / "robots.txt").read_bytes())
        env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
        flags = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                 "--disable-component-update --disable-sync --no-first-run")
        print(f"{'page':22} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES))
        worst = 100
        for variant in ("zh-hans", "zh-hant"):
            for name, route in PAGES.items():
                report_path = Path(folder) / f"{variant}-{name}.json"
                subprocess.run(["npx", "--yes", "lighthouse@12.2.3", base + f"{variant}/{route}",
                                "--quiet", "--output=json", f"--output-path={report_path}",
                                f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)],
                               env=env, check=True, capture_output=True)
                data = json.loads(report_path.read_text(encoding="utf-8"))
                scores = [round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES]
                worst = min(worst, *scores)
                failing = sorted(audit_id for c in CATEGORIES for audit_id in _failing(data, c))
                print(f"{variant + ' ' + name:22} " + " ".join(f"{s:>13}" for s in scores)
                      + (f"  ({', '.join(failing)})" if failing else ""))
        server.shutdown()
        print(f"lowest score: {worst}")
    return 0


def _failing(data: dict, category: str) -> list[str]:  # type: ignore[type-arg]
    """The audits that cost points in a category."""
    refs = data["categories"][category]["auditRefs"]
    return [ref["id"] for ref in refs if ref.get("weight", 0) > 0
            and (data["audits"][ref["id"]].get("score") is not None)
            and data["audits"][ref["id"]]["score"] < 1]


if __name__ == "__main__":
    sys.exit(main())
