"""Lighthouse performance of the rendered HTML report, on a phone (Lighthouse's mobile emulation: a slow
4G network and a 4× slower CPU) and on a desktop. Targets: mobile ≥ 0,9, desktop ≥ 0,95.

Lighthouse 12.2.3 comes from npm (pinned in tools/lighthouse, installed by tools/ensure-lighthouse from
``make bench``) and runs Debian's chromium headless; the page is served from a local HTTP server on
127.0.0.1 with gzip, as a web server serves it (Lighthouse does not audit file: URLs). Renders the
default run first when no report exists. Also prints what the page weighs and what vega.js adds on request.
Usage: .venv/bin/python benchmarks/bench_html.py [RUN_FOLDER]
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths

LIGHTHOUSE = paths.ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
DOELEN = {"mobiel": 0.9, "desktop": 0.95}


class _StilleHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the report as a web server would (gzip when the browser accepts it), without a log line."""

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        pad = Path(self.translate_path(self.path))
        if not pad.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        inhoud = gzip.compress(pad.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(pad)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(inhoud)))
        self.end_headers()
        self.wfile.write(inhoud)


def _rapport_map() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    from vt_analysis.bouw.render import render_report

    return render_report(paths.DEFAULT_PARAMS, stil=True).directory


def _lighthouse(url: str, vorm: str) -> dict:
    with tempfile.TemporaryDirectory() as profiel:
        args = [
            "node",
            str(LIGHTHOUSE),
            url,
            f"--chrome-path={shutil.which('chromium')}",
            f"--chrome-flags=--headless --no-sandbox --disable-gpu --user-data-dir={profiel}",
            "--only-categories=performance",
            "--output=json",
            "--quiet",
        ]
        if vorm == "desktop":
            args.append("--preset=desktop")
        uit = subprocess.run(args, capture_output=True, text=True, timeout=600, check=True).stdout
    return json.loads(uit)


def main() -> None:
    subprocess.run([str(paths.ROOT / "tools" / "ensure-lighthouse")], check=True)
    map_ = _rapport_map()
    handler = functools.partial(_StilleHandler, directory=str(map_))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/impactanalyse.html"
    for naam in ("impactanalyse.html", "vega.js"):
        if (map_ / naam).is_file():
            inhoud = (map_ / naam).read_bytes()
            kib, kib_gzip = (fmt.getal(n / 1024, 0) for n in (len(inhoud), len(gzip.compress(inhoud))))
            print(
                f"{naam}: {kib} KiB, met gzip {kib_gzip} KiB"
                + (" (alleen geladen als een lezer een interactieve figuur opent)" if naam == "vega.js" else "")
            )
    try:
        for vorm, doel in DOELEN.items():
            r = _lighthouse(url, vorm)
            audits = r["audits"]
            score = r["categories"]["performance"]["score"]
            print(
                f"lighthouse {vorm:<8} prestatie {fmt.getal(score, 2)} (doel ≥ {fmt.getal(doel, 2)}: "
                f"{'gehaald' if score >= doel else 'niet gehaald'}); "
                + ", ".join(
                    f"{naam} {audits[sleutel]['displayValue']}"
                    for naam, sleutel in (
                        ("FCP", "first-contentful-paint"),
                        ("LCP", "largest-contentful-paint"),
                        ("TBT", "total-blocking-time"),
                        ("CLS", "cumulative-layout-shift"),
                        ("DOM", "dom-size"),
                    )
                    if audits.get(sleutel, {}).get("displayValue")
                )
            )
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
