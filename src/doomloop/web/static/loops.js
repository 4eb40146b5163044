/* doomloop web simulator: the causal-loop diagram of the named loops (/api/loop-diagram),
   drawn as SVG in the page, with the loop that dominates the year under the cursor highlighted.
   Polarity shows by shape as well as colour: a ring for a reinforcing loop, a diamond for a
   balancing one, a dashed ring for a demographic driver; link signs are written + and −. */
"use strict";

const LOOPS = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const X0 = -2.6, X1 = 14.4, Y0 = -2.4, Y1 = 7.9, K = 60; // the data's canvas, with room for labels
  const px = (x) => (x - X0) * K;
  const py = (y) => (Y1 - y) * K; // y up in the data, down in SVG
  const cache = {};
  let shown = null; // {lang, data}

  function node(tag, attrs = {}, text) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // A quadratic curve bowed as matplotlib's arc3 (rad -0.18), trimmed to t in [a, b].
  function curve(p0, p2, rad = -0.18, a = 0.2, b = 0.8) {
    const dx = p2[0] - p0[0], dy = p2[1] - p0[1];
    const p1 = [(p0[0] + p2[0]) / 2 + rad * dy, (p0[1] + p2[1]) / 2 - rad * dx];
    const at = (t) => [0, 1].map((i) => (1 - t) ** 2 * p0[i] + 2 * t * (1 - t) * p1[i] + t * t * p2[i]);
    const q = [0, 1].map((i) => (1 - a) * (1 - b) * p0[i] + ((1 - a) * b + a * (1 - b)) * p1[i] + a * b * p2[i]);
    return { from: at(a), ctrl: q, to: at(b), sign: at(0.62), bow: [dy, -dx] };
  }
  function shapeFor(polarity, x, y) {
    const r = 20;
    if (polarity === "balancing") {
      return node("polygon", { class: "marker", points: `${x},${y - r - 3} ${x + r + 3},${y} ${x},${y + r + 3} ${x - r - 3},${y}` });
    }
    return node("circle", { class: "marker", cx: x, cy: y, r });
  }
  function draw(svg, d, T) {
    svg.replaceChildren();
    svg.setAttribute("viewBox", `0 0 ${(X1 - X0) * K} ${(Y1 - Y0) * K}`);
    const defs = node("defs");
    const m = node("marker", { id: "loop-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    m.append(node("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }));
    defs.append(m);
    svg.append(defs);
    const byId = Object.fromEntries(d.nodes.map((n) => [n.id, n]));
    const links = node("g", { class: "links" });
    for (const l of d.links) {
      const a = byId[l.from], b = byId[l.to];
      const c = curve([px(a.x), py(a.y)], [px(b.x), py(b.y)]);
      links.append(node("path", { class: "link", d: `M${c.from} Q${c.ctrl} ${c.to}`, "marker-end": "url(#loop-arrow)" }));
      const n = Math.hypot(...c.bow) || 1;
      const sx = c.sign[0] - 14 * c.bow[0] / n, sy = c.sign[1] - 14 * c.bow[1] / n;
      links.append(node("text", { class: `sign sign-${l.sign === "+" ? "plus" : "minus"}`, x: sx, y: sy + 6, "text-anchor": "middle" }, l.sign === "+" ? "+" : "−"));
    }
    svg.append(links);
    for (const n of d.nodes) {
      const g = node("g", { class: "node" });
      const lines = n.label.split("\n");
      const w = Math.max(...lines.map((s) => s.length)) * (T.lang === "ja" ? 15 : 8.2) + 18;
      const h = lines.length * 17 + 12;
      g.append(node("rect", { x: px(n.x) - w / 2, y: py(n.y) - h / 2, width: w, height: h, rx: 8 }));
      const t = node("text", { x: px(n.x), y: py(n.y) - (lines.length - 1) * 8.5 + 5, "text-anchor": "middle" });
      lines.forEach((s, i) => t.append(node("tspan", { x: px(n.x), dy: i ? 17 : 0 }, s)));
      g.append(t);
      svg.append(g);
    }
    for (const lp of d.loops) {
      const x = px(lp.x), y = py(lp.y);
      const g = node("g", { class: `loop loop-${lp.polarity || "none"}`, "data-loop": lp.id });
      const kind = T.kind(lp.polarity);
      g.append(node("title", {}, T.lang === "ja" ? `${lp.name}（${kind}）` : `${lp.name} (${kind})`));
      g.append(shapeFor(lp.polarity, x, y));
      g.append(node("text", { class: "loop-mark", x, y: y + 7, "text-anchor": "middle", "aria-hidden": "true" }, polaritySymbol(lp.polarity)));
      g.append(node("text", { class: "loop-name", x, y: y + 40, "text-anchor": "middle" }, lp.name));
      svg.append(g);
    }
  }
  /* The story period (from /api/loops) that holds *year*, or null. */
  function periodAt(story, year) {
    if (!story || !story.periods) return null;
    return story.periods.find((p) => year >= p.start && year <= p.end) || null;
  }
  return {
    /* Fetch (once per language) and draw; resolves to false when the model has no diagram. */
    async show(svg, lang, T) {
      if (!cache[lang]) cache[lang] = fetch(`/api/loop-diagram?lang=${lang}`).then((r) => (r.ok ? r.json() : { nodes: [] }));
      const d = await cache[lang];
      if (!d.nodes.length) return false;
      if (!shown || shown.lang !== lang) { draw(svg, d, T); shown = { lang, d }; }
      return true;
    },
    /* Highlight the loop dominant in *year* (none when no story period names a loop). */
    /* Highlight the loop dominant in *year*; returns {period, loop} (the diagram's entry of
       the period's named loop, or null when the period names none or the diagram lacks it). */
    highlight(svg, story, year) {
      const p = year === null ? null : periodAt(story, year);
      const id = p && p.loop ? p.loop : "";
      for (const g of svg.querySelectorAll("g.loop")) g.classList.toggle("dominant", g.dataset.loop === id);
      const loop = shown && id ? shown.d.loops.find((x) => x.id === id) || null : null;
      return { period: p, loop };
    },
    periodAt,
  };
})();
