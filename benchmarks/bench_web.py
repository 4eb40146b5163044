"""Benchmarks of the web simulator (not part of the test suite).

1. Slider latency in the browser: performance.now() at the slider's input event until
   Plotly's ``plotly_afterplot`` has fired on both graphs with the current run, the baseline
   and the 5-95% band (the page records this itself in ``window.doomloop.latencies``);
   median and p95 over ``--moves`` moves to fresh values. An assumption move
   (``--assumption-moves``) runs every band member whole: when the last such band took
   250 ms or more, the page draws a first band of the band's first members (``first_band``:
   input -> both graphs with it) and then the whole band (the latency above); when it was
   quicker, the whole band at once with the lines (``first_band`` then counts no moves).
2. A bounded loopback load test of the API: ``--clients`` concurrent httpx clients for
   ``--duration`` seconds against a server in a separate process on 127.0.0.1, each client
   doing what a page does on a slider move (one run; every ``--ensemble-every``-th move
   also one live ensemble); errors, lost requests and latency percentiles. Clients wait as
   long as it takes (timeout 600 s); the server's own limits (queue wait, time limit) apply.

Run: ``PYTHONPATH=src python benchmarks/bench_web.py [--model japan] [--json out.json]``.
Goals: slider -> redrawn graph with band <= 150 ms p95; load test: no errors, nothing lost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from doomloop.web.headless import launch  # noqa: E402


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """The app under uvicorn in a child process: the load generator does not share its GIL."""

    def __init__(
        self,
        model: str,
        workers: int,
        live_members: int,
        kernel: bool = False,
        first_members: int | None = None,
    ):
        self.kernel = kernel
        first = "" if first_members is None else f", first_members={first_members}"
        self.port = free_port()
        code = (
            "from doomloop.web import Settings, create_app\n"
            "from doomloop.web.server import serve\n"
            f"s = Settings(model={model!r}, port={self.port}, workers={workers}, "
            f"live_members={live_members}, use_kernel={kernel}{first})\n"
            "serve(create_app(s), s)\n"
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        self.proc = subprocess.Popen([sys.executable, "-c", code], env=env)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        import httpx

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the server exited during start-up")
            try:
                if httpx.get(self.url + "/api/health", timeout=1).status_code == 200:
                    httpx.get(self.url + "/api/parameters", timeout=120)  # warm the lever table
                    if self.kernel:
                        self._wait_for_kernel()
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not start in 120 s")

    def _wait_for_kernel(self, limit: float = 3600) -> None:
        """Wait until the server runs on the compiled kernel (numba: minutes the first time)
        and its start-up work (lever effects, the baseline's loops) is done."""
        import httpx

        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            health = httpx.get(self.url + "/api/health", timeout=10).json()
            if health.get("ensemble_engine") == "kernel" and not health.get("warming"):
                return  # measure the steady state, not the start-up work beside it
            time.sleep(5)
        raise RuntimeError("the kernel was not ready in time")

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def kernel_reference(model: str, members: int, repeats: int = 10) -> dict[str, Any]:
    """The machine's speed in this run, for comparing runs: *members* members of the model's
    compiled kernel over its whole horizon on one thread (what a band that runs whole costs
    the server), median of *repeats*. Loads the kernel the server compiled (disk cache)."""
    import numpy as np

    from doomloop.engine import load_model
    from doomloop.web.service import model_kernel, sample_parameters

    m = load_model(model)
    k = model_kernel(m)
    if k is None:
        return {}
    k.warmup()
    defaults = {p.name: p.value for p in m.parameters.values()}
    varied = [p for p in m.parameters.uncertain if p.group != "policy"]
    draws = sample_parameters(varied, {}, members, 1)
    params: dict[str, Any] = {**defaults, **{n: np.array([d[n] for d in draws]) for n in draws[0]}}
    ts = m.time_spec
    years = np.arange(ts.start, ts.stop + 0.5, 1.0)
    out = list(m.outputs)[:2]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        k.run(params, n_members=members, variables=out, times=years, output="arrays", threads=1)
        times.append(1000 * (time.perf_counter() - t0))
    return {"kernel_members": members, "kernel_one_thread_ms": round(statistics.median(times), 1)}


# Plotly.react of two 61-point lines and a band polygon in a spare div, to the next frame:
# the browser's speed in this run (median of 11), for comparing runs.
PLOTLY_REFERENCE = """async () => {
  const d = document.createElement("div");
  d.style.cssText = "width:800px;height:320px;position:absolute;left:0;top:0";
  document.body.append(d);
  const x = [...Array(61).keys()].map((i) => 2000 + i);
  const fig = (k) => [
    { x: [...x, ...[...x].reverse()], y: [...x.map((_, i) => 2 + Math.sin(i / 9 + k)),
      ...x.map((_, i) => Math.sin(i / 9 + k)).reverse()], fill: "toself", mode: "lines" },
    { x, y: x.map((_, i) => 1 + Math.sin(i / 9 + k)), mode: "lines" },
    { x, y: x.map((_, i) => 1.5 + Math.cos(i / 7 + k)), mode: "lines" }];
  await Plotly.newPlot(d, fig(0));
  const ts = [];
  for (let k = 1; k <= 11; k++) {
    const t0 = performance.now();
    await Plotly.react(d, fig(k));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    ts.push(performance.now() - t0);
  }
  Plotly.purge(d);
  d.remove();
  ts.sort((a, b) => a - b);
  return ts[5];
}"""


def bench_slider(
    url: str,
    moves: int,
    seed: int,
    shot: Path | None,
    panel: str = "levers",
    gap_ms: int = 50,
) -> dict[str, Any]:
    """Median and p95 of slider input -> both graphs redrawn with their band, in chromium.

    *panel* is ``levers`` (policy sliders) or ``assumptions``; each move sets a random
    slider of that panel to a random value in its range.
    """
    from playwright.sync_api import sync_playwright

    rng = random.Random(seed)
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": 1400, "height": 950})
        page.goto(url + "/?lang=en")
        page.wait_for_function("() => window.doomloop && window.doomloop.ready", timeout=120000)
        sliders = page.evaluate(
            f"() => [...document.querySelectorAll('#{panel} input[type=range]')].map("
            "s => [s.dataset.param, +s.min, +s.max])"
        ) or page.evaluate(
            "() => [...document.querySelectorAll('input[type=range]')].map("
            "s => [s.dataset.param, +s.min, +s.max])"
        )
        plotly_ms = page.evaluate(PLOTLY_REFERENCE)
        page.evaluate("() => { window.doomloop.latencies.length = 0; }")
        page.evaluate("() => { window.doomloop.lineLatencies.length = 0; }")
        page.evaluate("() => { window.doomloop.firstLatencies.length = 0; }")
        for _ in range(moves):
            name, lo, hi = rng.choice(sliders)
            value = lo + (hi - lo) * rng.random()
            before, errs = page.evaluate(
                "() => [window.doomloop.bandDraws, window.doomloop.errors.length]"
            )
            # the page resolves settled() when the band is drawn: no polling (Playwright's
            # default polls every animation frame, CPU a user's idle browser does not spend)
            page.evaluate(
                """([n, v, b, e]) => { const s = document.querySelector(`input[data-param="${n}"]`);
                   s.value = v; s.dispatchEvent(new Event('input', {bubbles: true}));
                   const late = new Promise((_, no) =>
                     setTimeout(() => no(new Error("no band in 600 s")), 600000));
                   return Promise.race([window.doomloop.settled(b, e), late]); }""",
                [name, value, before, errs],
            )
            page.wait_for_timeout(gap_ms)
        lat = page.evaluate("() => window.doomloop.latencies")
        lines = page.evaluate("() => window.doomloop.lineLatencies")
        first = page.evaluate("() => window.doomloop.firstLatencies")
        errors = page.evaluate("() => window.doomloop.errors")
        if shot is not None:
            try:  # the "why" panel's loop analysis takes seconds: show it in the picture
                page.wait_for_function(
                    "() => document.querySelector('#why li:not(.hint)')", timeout=120000
                )
            except Exception:  # Playwright's TimeoutError: the picture says "Analysing"
                pass
            page.wait_for_timeout(500)
            page.screenshot(path=str(shot), full_page=True)
        browser.close()
    return {
        "sliders": panel,
        "moves": len(lat),
        "median_ms": statistics.median(lat) if lat else None,
        "p95_ms": pct(lat, 95),
        "max_ms": max(lat) if lat else None,
        "lines_only": {
            "moves": len(lines),
            "median_ms": statistics.median(lines) if lines else None,
            "p95_ms": pct(lines, 95),
        },
        # an assumption move: both graphs with a first band of the band's first members
        # (settings.first_members), before the whole band above replaces it
        "first_band": {
            "moves": len(first),
            "median_ms": statistics.median(first) if first else None,
            "p95_ms": pct(first, 95),
        },
        "errors": errors,
        "goal_p95_ms": 150,
        "plotly_reference_ms": round(plotly_ms, 1),
    }


async def _client(
    url: str,
    until: float,
    params: list[dict[str, Any]],
    outputs: list[str],
    members: int,
    ensemble_every: int,
    seed: int,
    log: dict[str, list[float]],
    counts: dict[str, int],
    errors: list[str],
) -> None:
    import httpx

    rng = random.Random(seed)
    n = seed  # clients reach their ensembles at different times
    async with httpx.AsyncClient(base_url=url, timeout=600) as client:
        while time.monotonic() < until:
            p = rng.choice(params)
            value = p["low"] + (p["high"] - p["low"]) * rng.random()
            body = {"params": {p["name"]: value}, "outputs": outputs}
            calls: list[tuple[str, dict[str, Any]]] = [("/api/run", {})]
            n += 1
            if ensemble_every and n % ensemble_every == 0:
                calls.append(("/api/ensemble", {"members": members}))
            for path, extra in calls:
                counts["sent"] += 1
                t0 = time.perf_counter()
                try:
                    r = await client.post(path, json={**body, **extra})
                except httpx.HTTPError as exc:
                    errors.append(f"{path}: {type(exc).__name__}: {exc}")
                    continue
                counts["received"] += 1
                log.setdefault(path, []).append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    errors.append(f"{path}: HTTP {r.status_code}: {r.text[:200]}")


async def _load(
    url: str, clients: int, duration: float, members: int, ensemble_every: int
) -> dict[str, Any]:
    import httpx

    async with httpx.AsyncClient(base_url=url, timeout=120) as c:
        params = [
            p for p in (await c.get("/api/parameters")).json()["parameters"] if p["high"] > p["low"]
        ]
        info = (await c.get("/api/models")).json()["models"][0]
    outputs = (info["key_outputs"] or info["outputs"])[:2]
    log: dict[str, list[float]] = {}
    counts = {"sent": 0, "received": 0}
    errors: list[str] = []
    until = time.monotonic() + duration
    t0 = time.perf_counter()
    await asyncio.gather(
        *(
            _client(url, until, params, outputs, members, ensemble_every, i, log, counts, errors)
            for i in range(clients)
        )
    )
    wall = time.perf_counter() - t0
    return {
        "clients": clients,
        "duration_s": round(wall, 1),
        "sent": counts["sent"],
        "received": counts["received"],
        "lost": counts["sent"] - counts["received"],
        "errors": len(errors),
        "first_errors": errors[:5],
        "requests_per_s": round(counts["received"] / wall, 1),
        "latency_ms": {
            path: {
                "n": len(v),
                "p50": round(pct(v, 50), 1),
                "p95": round(pct(v, 95), 1),
                "p99": round(pct(v, 99), 1),
                "max": round(max(v), 1),
            }
            for path, v in log.items()
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="japan", help="model name or path (default japan)")
    ap.add_argument("--moves", type=int, default=50)
    ap.add_argument(
        "--gap",
        type=int,
        default=50,
        help="ms between a move's band drawn and the next move (default 50: the browser's "
        "drawing of one move still runs beside the next one's simulation)",
    )
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--members", type=int, default=30, help="live band members")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--ensemble-every",
        type=int,
        default=10,
        help="each client asks for a live band every N-th move (0: never)",
    )
    ap.add_argument(
        "--kernel",
        action="store_true",
        help="let the server compile doomloop.kernel and wait until its ensembles use it",
    )
    ap.add_argument(
        "--assumption-moves",
        type=int,
        default=0,
        help="also time this many moves of assumption sliders (default 0: levers only)",
    )
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument("--skip-load", action="store_true")
    ap.add_argument(
        "--first-members",
        type=int,
        default=None,
        help="members of the first band an assumption move draws (default: the server's "
        "setting, 10; 0: the whole band at once)",
    )
    ap.add_argument("--screenshot", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None, help="write the results here")
    args = ap.parse_args(argv)
    results: dict[str, Any] = {"model": args.model, "members": args.members, "gap_ms": args.gap}
    results["engine"] = "kernel" if args.kernel else "loop"
    results["first_members"] = args.first_members
    with Server(args.model, args.workers, args.members, args.kernel, args.first_members) as srv:
        if args.kernel:
            results["machine"] = kernel_reference(args.model, args.members)
            print("machine:", json.dumps(results["machine"]), flush=True)
        if not args.skip_browser:
            results["slider"] = bench_slider(
                srv.url, args.moves, 1, args.screenshot, gap_ms=args.gap
            )
            print("slider (levers):", json.dumps(results["slider"]), flush=True)
            if args.assumption_moves:
                results["assumption_slider"] = bench_slider(
                    srv.url, args.assumption_moves, 2, None, "assumptions", args.gap
                )
                print("slider (assumptions):", json.dumps(results["assumption_slider"]), flush=True)
        if not args.skip_load:
            results["load"] = asyncio.run(
                _load(srv.url, args.clients, args.duration, args.members, args.ensemble_every)
            )
            print("load:", json.dumps(results["load"]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
