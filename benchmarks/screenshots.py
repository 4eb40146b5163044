"""First-view screenshots of the page: desktop, tablet (both ways up) and phone, in English
and Japanese, each the size of the screen (what a reader sees before scrolling), with where
the first graph starts.

    .venv/bin/python benchmarks/screenshots.py [--model japan] [--out benchmarks/results]

Writes ``web_first_view[_<device>]_<lang>.png`` and prints one line per picture: the device,
the language and the first graph's top in screens (1.0 = the bottom of the first screen).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import Server  # noqa: E402

from doomloop.web.headless import launch  # noqa: E402

DEVICES = {
    "": (1400, 950),
    "tablet": (820, 1180),
    "tablet_landscape": (1180, 820),
    "phone": (390, 844),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="japan")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    ap.add_argument("--members", type=int, default=10, help="live band members")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with Server(args.model, 2, args.members) as srv, sync_playwright() as pw:
        browser = launch(pw)
        for device, (w, h) in DEVICES.items():
            for lang in ("en", "ja"):
                page = browser.new_page(viewport={"width": w, "height": h})
                page.goto(f"{srv.url}/?lang={lang}")
                page.wait_for_function(
                    "() => window.doomloop && window.doomloop.ready", timeout=300000
                )
                page.wait_for_timeout(500)
                top = page.evaluate(
                    "() => document.getElementById('g1').getBoundingClientRect().top + scrollY"
                )
                name = "_".join(x for x in ("web_first_view", device, lang) if x) + ".png"
                page.screenshot(path=str(args.out / name))
                print(
                    f"{device or 'desktop':17s} {lang}  {w}x{h}  first graph at "
                    f"{top / h:.2f} screens  -> {name}",
                    flush=True,
                )
                page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
