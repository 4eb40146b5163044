/* doomloop web simulator: levers, graphs with a live uncertainty band, loops, scenarios.
 * Plain JavaScript over the JSON API; Plotly.js is served by the app itself (no network).
 * Words, numbers and units: format.js. No inline script or style (a strict CSP holds). */
"use strict";

// The model's profile (GET /api/models) declares the verdict layers, their threshold, the
// headline cards and the first graphs.
let SOVEREIGNTY = [];
let THRESHOLD = 0.5;
let SINCE = {}; // layer -> first year its technology exists
let HEADLINE = [];
const SCENARIO_COLOURS = ["#b35c00", "#7b3a96", "#0f7a66", "#a3231b", "#5e6b6c", "#2c3e50"];
const DASHES = ["dash", "dot", "dashdot", "longdash", "longdashdot", "5px,3px"];
const BLUE = "#1f5fd1";

const S = {
  model: null, // /api/models served entry
  params: [], // /api/parameters list
  byName: {},
  overrides: {}, // name -> value (policy and assumption)
  g1: null,
  g2: null,
  viewStart: null,
  scenarios: [], // {name, params, shipped?}
  undo: [],
  redo: [],
  loops: null,
  last: null, // last drawn data
  seq: 0,
  cache: new Map(),
  pendingInputAt: null,
  pendingBandInputAt: null,
  pendingFirstInputAt: null,
  band: null, // {key, ens, first}: the last band fetched (first: of its first members only)
  bandAssumptions: null, // the assumptions of the last whole band fetched
  firstPending: null, // state whose first band is on its way
  bandArrived: Promise.resolve(),
  lastEnsMs: null, // how long the last band took (its first band's time when it had one)
  wholeMs: null, // how long the last band whose members all ran whole took (its requests)
  lastKey: null, // state whose lines are drawn
  runningTimer: null, // shows "running" when a move takes a while
  bandDrawnKey: null, // state whose lines and band are drawn
  linesPending: null, // state whose lines are on their way: its band is drawn with them
  units: {}, // output -> model units (from the first run)
  hoverYear: null, // the year under the cursor on a graph (the loop diagram highlights its loop)
};
Object.defineProperty(S, "lang", { get: () => FMT.lang, set: (v) => { FMT.lang = v; } });
// Hooks for tests and benchmarks.
// latencies: input -> both graphs redrawn with the band of that input; lineLatencies: input ->
// both graphs redrawn with the current run (the band may still be updating); firstLatencies:
// input -> both graphs redrawn with a first band, of the band's first members (an assumption
// moved: every member runs whole), which the whole band then replaces.
window.doomloop = {
  ready: false, draws: 0, bandDraws: 0, latencies: [], lastLatency: null, lineLatencies: [],
  firstLatencies: [],
  lastLineLatency: null, errors: [], state: S,
};
// settled(n, e): a promise that resolves once more than n bands have been drawn or more than
// e errors reported, so a benchmark waits for a move without polling the page.
const waiters = [];
function notify() { for (const w of waiters.splice(0)) w(); }
window.doomloop.settled = (n, e) => new Promise((resolve) => {
  const check = () => (window.doomloop.bandDraws > n || window.doomloop.errors.length > e ? resolve() : waiters.push(check));
  check();
});

// -- small helpers ---------------------------------------------------------------------------
const $ = (sel) => document.querySelector(sel);
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
function num(v) { return Number(Number(v).toPrecision(6)); }
const isPolicy = (name) => S.byName[name] && S.byName[name].group === "policy";
function country() { return pick(S.model.display_name || FMT.display.country) || ""; }
function outUnits(name) { return S.units[name] || ""; }
function spec(name) { return outSpec(name, outUnits(name)); }

class ApiError extends Error {
  constructor(msg, detail, status) { super(msg); this.detail = detail; this.status = status; }
}
async function api(path, body, signal) {
  const init = body === undefined ? { signal } : {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal,
  };
  const r = await fetch(path, init);
  const data = await r.json();
  if (!r.ok) {
    const detail = Array.isArray(data.detail) ? data.detail : [];
    throw new ApiError(detail.map((d) => d.msg).join("; ") || r.statusText, detail, r.status);
  }
  return data;
}
function cached(path, body, signal) {
  const key = path + JSON.stringify(body);
  if (S.cache.has(key)) return S.cache.get(key);
  const p = api(path, body, signal).catch((e) => { S.cache.delete(key); throw e; });
  S.cache.set(key, p);
  if (S.cache.size > 300) S.cache.delete(S.cache.keys().next().value);
  return p;
}

// -- notices (a bad link, a refused clipboard) ---------------------------------------------------
function notice(text, kind = "warn") {
  const box = $("#notices");
  const close = el("button", { class: "close", "aria-label": t("dismiss"), onclick: () => item.remove() }, "×");
  const item = el("div", { class: `notice ${kind}`, role: kind === "warn" ? "alert" : "status" }, el("span", {}, text), close);
  box.append(item);
  return item;
}
function paramName(name) { return S.byName[name] ? paramSpec(S.byName[name]).label : name; }

// -- state <-> URL -----------------------------------------------------------------------------
function assumptionOverrides(ov = S.overrides) {
  const out = {};
  for (const [k, v] of Object.entries(ov)) if (S.byName[k] && S.byName[k].group !== "policy") out[k] = v;
  return out;
}
function policyOverrides(ov = S.overrides) {
  const out = {};
  for (const [k, v] of Object.entries(ov)) if (isPolicy(k)) out[k] = v;
  return out;
}
function encodeParams(ov) { return Object.entries(ov).map(([k, v]) => `${k}:${num(v)}`).join(","); }
// A link's parameters: unknown names and values that are not numbers are left out, values
// outside a parameter's possible range are moved to its nearest end; *issues* says which.
function decodeParams(s, issues = []) {
  const out = {};
  for (const part of (s || "").split(",")) {
    if (!part) continue;
    const i = part.lastIndexOf(":");
    const k = i <= 0 ? part : part.slice(0, i), raw = i <= 0 ? "" : part.slice(i + 1);
    const p = S.byName[k];
    const v = Number(raw);
    if (!p) { issues.push(t("link_unknown", { name: k.slice(0, 60) })); continue; }
    if (raw === "" || !Number.isFinite(v)) { issues.push(t("link_not_number", { name: paramName(k), value: raw.slice(0, 30) })); continue; }
    const lo = p.lower_bound ?? -Infinity, hi = p.upper_bound ?? Infinity;
    const c = Math.min(hi, Math.max(lo, v));
    if (c !== v) {
      const sp = paramSpec(p);
      issues.push(t("link_clamped", { name: sp.label, value: withUnit(v, sp), to: withUnit(c, sp) }));
    }
    out[k] = c;
  }
  return out;
}
function writeURL() {
  const q = new URLSearchParams();
  q.set("lang", S.lang);
  if (S.g1) q.set("g1", S.g1);
  if (S.g2) q.set("g2", S.g2);
  q.set("from", String(S.viewStart));
  const p = encodeParams(S.overrides);
  if (p) q.set("p", p);
  if (S.scenarios.length) q.set("sc", S.scenarios.map((s) => `${s.shipped ? "@" : ""}${s.name}~${encodeParams(s.params)}`).join(";"));
  history.replaceState(null, "", `${location.pathname}?${q.toString()}`);
}
function readURL() {
  const q = new URLSearchParams(location.search);
  if (q.get("lang") === "ja" || q.get("lang") === "en") S.lang = q.get("lang");
  const issues = [];
  const outs = graphChoices();
  for (const g of ["g1", "g2"]) {
    const v = q.get(g);
    if (v === null) continue;
    if (outs.includes(v)) S[g] = v; else issues.push(t("link_unknown_graph", { name: v.slice(0, 60) }));
  }
  const from = Number(q.get("from"));
  if (q.get("from") && Number.isFinite(from) && from >= S.model.start && from < S.model.stop) S.viewStart = from;
  S.overrides = decodeParams(q.get("p"), issues);
  S.scenarios = [];
  for (const part of (q.get("sc") || "").split(";")) {
    if (!part) continue;
    const i = part.indexOf("~");
    let name = i < 0 ? part : part.slice(0, i);
    const shipped = name.startsWith("@");
    if (shipped) name = name.slice(1);
    S.scenarios.push({ name: name.slice(0, 60), params: decodeParams(i < 0 ? "" : part.slice(i + 1), issues), shipped });
  }
  if (issues.length) notice(sentences([t("link_fixed"), ...issues, t("link_rest")]));
}

// A failure as the page shows it: the server's message is English, so in Japanese the page's
// own sentence (the message stays in window.doomloop.errors).
function errorText(msg) {
  return S.lang === "ja" ? t("failed") : colon(t("error"), msg);
}
// Sentences of a notice: a space between them in English, none in Japanese (。 ends each).
function sentences(parts) {
  return parts.join(S.lang === "ja" ? "" : " ");
}

// -- controls -----------------------------------------------------------------------------------
function sliderRange(p) {
  const d = FMT.byDisplay[p.name];
  let min, max, step;
  if (d && d.min !== undefined) { min = d.min; max = d.max; step = d.step; } else {
    let lo = p.low, hi = p.high, pad = 0.5 * (hi - lo);
    if (!(hi > lo)) { // no plausible range (a lever that is off by default): its possible range
      const a = Math.abs(p.value) || 1;
      lo = p.lower_bound ?? p.value - 0.5 * a;
      hi = p.upper_bound ?? p.value + 0.5 * a;
      pad = 0;
    }
    min = lo - pad; max = hi + pad;
    if (p.lower_bound !== null) min = Math.max(min, p.lower_bound);
    if (p.upper_bound !== null) max = Math.min(max, p.upper_bound);
    if (p.units === "year") { min = Math.max(Math.floor(min), S.model.start); max = Math.min(Math.ceil(max), S.model.stop); }
    step = d && d.step ? d.step : p.units === "year" ? 1 : niceStep((max - min) / 200);
  }
  for (const v of [S.overrides[p.name], p.value]) {
    if (v !== undefined) { min = Math.min(min, v); max = Math.max(max, v); }
  }
  return { min, max, step };
}
function niceStep(x) {
  if (!(x > 0)) return 1e-6;
  const e = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((m) => m * e).find((s) => s >= x);
}
function setParam(p, v, r) {
  const t0 = performance.now();
  pushUndo();
  v = Math.min(r.max, Math.max(r.min, v));
  const before = S.overrides[p.name];
  if (Math.abs(v - p.value) <= r.step / 2) delete S.overrides[p.name];
  else S.overrides[p.name] = Number(v.toPrecision(6));
  if (S.overrides[p.name] === before) { // the same state (a slider snapped to its step): nothing to draw
    window.doomloop.bandDraws += 1;
    notify();
    return;
  }
  S.pendingInputAt = S.pendingInputAt ?? t0;
  S.pendingBandInputAt = S.pendingBandInputAt ?? t0;
  S.pendingFirstInputAt = S.pendingFirstInputAt ?? t0;
  clearTimeout(loopsTimer); // the story waits until the sliders rest (set again once drawn)
  schedule();
}
// One control: name, value in display units, slider, number entry; marks (levers) and a
// detail view (meaning, timing, cost, source) behind an info button.
function leverNode(p, { marks = true, detail = true } = {}) {
  const sp = paramSpec(p);
  const d = FMT.byDisplay[p.name] || {};
  const r = sliderRange(p);
  const value = S.overrides[p.name] ?? p.value;
  const id = `c-${p.name}`;
  const valSpan = el("span", { class: "val", "aria-hidden": "true" });
  const input = el("input", {
    type: "range", id, min: r.min, max: r.max, step: r.step, value, "data-param": p.name,
  });
  const entry = el("input", {
    type: "number", class: "num", min: num(r.min / sp.scale), max: num(r.max / sp.scale),
    step: num(r.step / sp.scale), "aria-label": sp.label + paren(sp.unit || t("number")),
  });
  const box = el("div", { class: "lever", "data-param": p.name });
  const isOff = (v) => d.off !== undefined && v === d.off;
  const showVal = () => {
    const v = S.overrides[p.name] ?? p.value;
    const text = isOff(v) ? t("off") : withUnit(v, sp);
    valSpan.textContent = text;
    input.setAttribute("aria-valuetext", text);
    if (document.activeElement !== entry) entry.value = num(v / sp.scale);
    box.classList.toggle("changed", p.name in S.overrides);
    for (const b of box.querySelectorAll(".marks button")) b.setAttribute("aria-pressed", String(Number(b.dataset.v) === v));
  };
  box.showVal = showVal;
  input.addEventListener("input", () => { setParam(p, Number(input.value), r); showVal(); });
  entry.addEventListener("change", () => {
    const v = Number(entry.value) * sp.scale;
    if (entry.value === "" || !Number.isFinite(v)) { showVal(); return; }
    setParam(p, v, r); input.value = S.overrides[p.name] ?? p.value; showVal();
  });
  const head = el("div", { class: "row" }, el("label", { class: "name", for: id }, sp.label), el("span", { class: "grow" }), valSpan);
  box.append(head, el("div", { class: "inputs" }, input, entry));
  if (marks && d.marks) {
    const row = el("div", { class: "marks", role: "group", "aria-label": t("marks_label", { name: sp.label }) });
    for (const [k, v] of Object.entries(d.marks)) {
      row.append(el("button", { "data-v": v, title: isOff(v) ? t("off") : withUnit(v, sp), onclick: () => {
        setParam(p, v, r); input.value = S.overrides[p.name] ?? p.value; showVal();
      } }, t("mark." + k)));
    }
    box.append(row);
  }
  if (detail) {
    const [btn, info] = detailNodes(p, sp, d);
    head.append(btn);
    box.append(info);
  }
  showVal();
  return box;
}
function detailNodes(p, sp, d) {
  const infoId = `i-${p.name}`;
  const info = el("div", { class: "info", id: infoId, hidden: true });
  const btn = el("button", {
    class: "info-btn", "aria-expanded": "false", "aria-controls": infoId,
    "aria-label": t("details_of", { name: sp.label }), title: t("details"),
  }, "ⓘ");
  const movesDD = el("dd", {});
  const fillMoves = () => {
    const m = S.byName[p.name].moves_most;
    const link = m && graphChoices().includes(m);
    movesDD.replaceChildren(link
      ? el("a", { href: "#g1", onclick: (ev) => { ev.preventDefault(); S.g1 = m; $("#sel-g1").value = S.g1; schedule(); } }, spec(m).label)
      : (S.movesReady ? (m ? spec(m).label : t("no_effect")) : t("computing")));
  };
  btn.addEventListener("click", async () => {
    info.hidden = !info.hidden;
    btn.setAttribute("aria-expanded", String(!info.hidden));
    if (!info.hidden) { fillCost(); if (!S.movesReady) { await refreshParams(); fillMoves(); } }
  });
  fillMoves();
  const hint = pick({ en: d.hint_en, ja: d.hint_ja }) || (S.lang === "ja" && p.meaning_ja ? jaText(p.meaning_ja) : plainText(p.meaning));
  const rows = [
    el("dt", {}, t("meaning")), el("dd", {}, hint || "–"),
    el("dt", {}, t("default")), el("dd", {}, d.off !== undefined && p.value === d.off ? t("off") : withUnit(p.value, sp)),
  ];
  if (p.high > p.low) rows.push(el("dt", {}, t("range")), el("dd", {}, between(withUnit(p.low, sp), withUnit(p.high, sp))));
  const costDD = el("dd", {});
  const fillCost = () => {
    if (!d.cost || !S.last) return;
    const v = valueAt(S.last.cur, d.cost, 2040), total = S.last.cur.series[d.cost];
    costDD.textContent = v === null || !total ? "–"
      : t("cost_value", { v: withUnit(v, { unit: t("unit.usd_bn_year"), scale: S.lang === "ja" ? 1e8 : 1e9 }) });
  };
  if (d.cost) rows.push(el("dt", {}, t("cost")), costDD);
  // In Japanese the source's Japanese (data/sources_ja.toml) where it has one, else the English.
  const ja = S.lang === "ja" && p.source_ja;
  rows.push(
    el("dt", {}, t(ja || !p.source ? "source" : "source_original")),
    el("dd", { class: "source", lang: ja || S.lang === "en" ? null : "en" }, ja || plainText(p.source) || "–"),
    el("dt", {}, t("moves_most")), movesDD,
  );
  info.append(el("dl", {}, ...rows));
  const timing = (d.timing || []).filter((x) => S.byName[x.name]);
  if (timing.length) {
    info.append(el("p", { class: "sub" }, t("timing")), ...timing.map((x) => leverNode(S.byName[x.name], { marks: false, detail: false })));
  }
  info.fillCost = fillCost;
  return [btn, info];
}
async function refreshParams() {
  // Which graph each lever moves most is worked out in the background on the server.
  try {
    const res = await api("/api/parameters");
    for (const q of res.parameters) if (S.byName[q.name]) S.byName[q.name].moves_most = q.moves_most;
    S.movesReady = res.moves_most_ready;
  } catch (e) { /* keep what we have */ }
}
function groupBySector(ps) {
  const sectors = new Map();
  for (const p of ps) {
    const s = p.sector || "other";
    if (!sectors.has(s)) sectors.set(s, []);
    sectors.get(s).push(p);
  }
  return sectors;
}
// Japanese text writes its colon, brackets and list separator full-width: "エラー：…", "人口（万人）",
// and a range with 〜.
function colon(a, b) { return S.lang === "ja" ? `${a}：${b}` : `${a}: ${b}`; }
function paren(s) { return S.lang === "ja" ? `（${s}）` : ` (${s})`; }
function listSep() { return S.lang === "ja" ? "、" : "; "; }
function between(a, b) { return S.lang === "ja" ? `${a}〜${b}` : `${a} – ${b}`; } // a range: 10％〜30％
function sectorLabel(s) { return has("sector." + (s || "other")) ? t("sector." + (s || "other")) : humanize(s || "other"); }
// Curated controls first (the display data's order); the rest in an "all ..." drawer by sector.
function buildPanel(group, target, curated) {
  const root = $(target);
  const open = new Set([...root.querySelectorAll("details[open]")].map((d) => d.dataset.sector));
  root.replaceChildren();
  const all = S.params.filter((q) => q.group === group);
  const shown = curated.filter((c) => S.byName[c.name] && S.byName[c.name].group === group).map((c) => S.byName[c.name]);
  const inTiming = new Set(FMT.display.levers.flatMap((l) => (l.timing || []).map((x) => x.name)));
  const rest = all.filter((p) => !shown.includes(p) && !inTiming.has(p.name));
  root.append(...shown.map((p) => leverNode(p)));
  if (!rest.length) return all.length;
  const sectors = groupBySector(rest);
  const parent = shown.length ? el("details", { class: "drawer", "data-sector": "_all" }) : root;
  if (shown.length) {
    parent.append(el("summary", {}, t(group === "policy" ? "all_levers" : "all_assumptions", { n: rest.length })));
    if (open.has("_all") || rest.some((p) => p.name in S.overrides)) parent.open = true;
    root.append(parent);
  }
  let first = !shown.length;
  for (const [s, ps] of sectors) {
    const d = el("details", { class: "sector", "data-sector": s });
    if (open.has(s) || (open.size === 0 && first) || ps.some((p) => p.name in S.overrides)) d.open = true;
    first = false;
    d.append(el("summary", {}, sectorLabel(s) + paren(ps.length)), ...ps.map((p) => leverNode(p)));
    parent.append(d);
  }
  return all.length;
}
function buildControls() {
  const n1 = buildPanel("policy", "#levers", FMT.display.levers);
  const n2 = buildPanel("assumption", "#assumptions", FMT.display.assumptions);
  $("#policy-panel").hidden = n1 === 0;
  $("#assumption-panel").hidden = n2 === 0;
}
function refreshControls() { for (const b of document.querySelectorAll(".lever")) if (b.showVal) b.showVal(); }
function graphChoices() {
  const curated = FMT.display.graphs.map((g) => g.output);
  return curated.length ? curated : S.model.outputs;
}
function buildSelects() {
  for (const [id, key] of [["#sel-g1", "g1"], ["#sel-g2", "g2"]]) {
    const sel = $(id);
    sel.replaceChildren(...graphChoices().map((o) => el("option", { value: o }, spec(o).label)));
    sel.value = S[key];
    sel.onchange = () => { S[key] = sel.value; schedule(); };
  }
  const vs = $("#view-start");
  const years = [...new Set([S.model.view_start, 2024, S.model.start].filter(
    (y) => y >= S.model.start && y < S.model.stop))].sort((a, b) => a - b);
  if (!years.includes(S.viewStart)) years.push(S.viewStart);
  vs.replaceChildren(...years.map((y) => el("option", { value: y }, String(y))));
  vs.value = S.viewStart;
  vs.onchange = () => { S.viewStart = Number(vs.value); S.loops = null; schedule(); };
}
function applyLang() {
  document.documentElement.lang = S.lang;
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll("[data-i18n-label]")) e.setAttribute("aria-label", t(e.dataset.i18nLabel));
  const c = country();
  $("#title").textContent = c ? t("title_country", { country: c }) : t("title");
  document.title = `${$("#title").textContent} – doomloop`;
  $("#baseline-label").textContent = baseName();
  buildControls();
  buildSelects();
  renderStart();
  renderScenarios();
  renderWhy();
  renderLoopDiagram().catch(() => { $("#loop-figure").hidden = true; });
  renderShipped();
  if (S.last) { draw(S.last); renderHeadline(S.last); }
}
function baseName() { return Object.keys(assumptionOverrides()).length ? t("modified_baseline") : t("baseline"); }

// -- undo / redo / reset / scenarios --------------------------------------------------------------
let undoArmed = true;
let undoTimer = null;
function pushUndo() {
  if (undoArmed) {
    S.undo.push(JSON.stringify(S.overrides));
    if (S.undo.length > 100) S.undo.shift();
    S.redo = [];
    undoArmed = false;
    undoButtons();
  }
  clearTimeout(undoTimer);
  undoTimer = setTimeout(() => { undoArmed = true; }, 500);
}
function undoButtons() { $("#btn-undo").disabled = !S.undo.length; $("#btn-redo").disabled = !S.redo.length; }
function restore(ov) { S.overrides = ov; buildControls(); renderStart(); schedule(); }
function step(from, to) {
  if (!from.length) return;
  to.push(JSON.stringify(S.overrides));
  undoArmed = true;
  restore(JSON.parse(from.pop()));
  undoButtons();
}
function resetGroup(keep) {
  pushUndo(); undoArmed = true;
  restore(keep === "assumptions" ? assumptionOverrides() : policyOverrides());
}
function shippedInfo(name) { return FMT.display.scenarios.find((x) => x.name === name) || {}; }
function scenarioLabel(s) { return s.shipped ? (pick(shippedInfo(s.name)) || s.name) : s.name; }
function renderScenarios() {
  const ul = $("#scenarios");
  if (!S.scenarios.length) { ul.replaceChildren(el("li", { class: "hint" }, t("scenarios_none"))); return; }
  ul.replaceChildren(...S.scenarios.map((s, i) => {
    const sw = el("span", { class: `swatch dash-${i % DASHES.length}`, "aria-hidden": "true" });
    sw.style.borderColor = SCENARIO_COLOURS[i % SCENARIO_COLOURS.length];
    const own = s.shipped && shippedInfo(s.name).own_axis;
    return el("li", {}, sw,
      el("span", { class: "nm" }, scenarioLabel(s), own ? el("span", { class: "hint" }, paren(t("own_axis"))) : null),
      el("button", { onclick: () => { pushUndo(); restore({ ...(s.shipped ? assumptionOverrides() : {}), ...s.params }); } }, t("load")),
      el("button", { onclick: () => { S.scenarios.splice(i, 1); renderScenarios(); schedule(); }, "aria-label": t("remove_named", { name: scenarioLabel(s) }) }, "×"),
    );
  }));
}
function renderShipped() {
  const sel = $("#shipped");
  sel.hidden = !(S.shipped || []).length;
  sel.replaceChildren(el("option", { value: "" }, t("shipped_scenarios")),
    ...(S.shipped || []).map((x) => el("option", { value: x.name }, pick(shippedInfo(x.name)) || x.name)));
}
function addShipped(name) {
  const sc = S.shipped.find((x) => x.name === name);
  if (!sc || S.scenarios.some((x) => x.shipped && x.name === sc.name)) return;
  S.scenarios.push({ name: sc.name, params: { ...sc.assumptions, ...sc.policy }, shipped: true });
  renderScenarios();
  schedule();
}
// "Start here": the essay's questions as scenarios. A click makes the scenario the current
// one (on top of the user's assumptions).
function renderStart() {
  const box = $("#start-list");
  const items = FMT.display.scenarios.filter((x) => x.start_here && (S.shipped || []).some((s) => s.name === x.name));
  $("#start").hidden = !items.length;
  let about = "";
  box.replaceChildren(...items.map((x) => {
    const sc = S.shipped.find((s) => s.name === x.name);
    const params = { ...sc.assumptions, ...sc.policy };
    const active = Object.keys(params).length && Object.entries(params).every(([k, v]) => S.overrides[k] === v)
      && Object.keys(policyOverrides()).every((k) => k in params);
    if (active) about = S.lang === "ja" && x.description_ja ? x.description_ja : sc.description;
    return el("button", {
      class: "start-card", "aria-pressed": String(!!active), "data-scenario": x.name,
      onclick: () => { pushUndo(); undoArmed = true; restore({ ...assumptionOverrides(), ...params }); },
    }, el("strong", {}, pick(x)), el("span", {}, pick({ en: x.question_en, ja: x.question_ja })));
  }));
  $("#start-about").hidden = !about;
  $("#start-about").textContent = about;
}

// -- running ----------------------------------------------------------------------------------------
// Coalescing instead of a fixed delay: a move fires at once when nothing is in flight; moves
// that arrive while a request is in flight collapse into one follow-up with the latest state.
let timer = null;
let busy = false;
let dirty = false;
function schedule() {
  if (busy) { dirty = true; return; }
  clearTimeout(timer);
  timer = setTimeout(pump, 0);
}
async function pump() {
  busy = true;
  dirty = false;
  try { await update(); } finally {
    busy = false;
    if (dirty) schedule();
  }
}
function costOutputs() { return FMT.display.levers.map((l) => l.cost).filter((c) => c); }
function outputsWanted() {
  const heads = HEADLINE.filter((o) => S.model.outputs.includes(o));
  return [...new Set([S.g1, S.g2, ...heads, ...costOutputs()])];
}
function bandKey() {
  return JSON.stringify([S.overrides, [...new Set([S.g1, S.g2])], S.viewStart]);
}
// A shipped scenario is compared under the user's assumptions; a saved one as it was saved.
function scenarioParams(s) { return s.shipped ? { ...assumptionOverrides(), ...s.params } : s.params; }
function scenarioWindow(s) {
  const info = s.shipped ? shippedInfo(s.name) : {};
  return info.own_axis ? (info.axis || [S.model.start, S.model.stop]) : null;
}
// A parameter the server refused (a stale link, a changed model): left out, with a notice.
// Why the server refused a setting, in the page's language (its own English message only in
// English, for a refusal the page has no words for).
function refusalReason(d) {
  const key = `why.${d.type}`;
  if (has(key)) return t(key, { lo: plain(d.lower), hi: plain(d.upper) });
  return S.lang === "ja" ? t("why.other") : d.msg;
}
function dropRefused(e) {
  let dropped = false;
  for (const d of (e && e.detail) || []) {
    if (d.name && d.name in S.overrides) {
      notice(sentences([t("link_fixed"), t("refused", { name: paramName(d.name), why: refusalReason(d) }), t("link_rest")]));
      delete S.overrides[d.name];
      dropped = true;
    }
  }
  if (dropped) { buildControls(); schedule(); }
  return dropped;
}
// Lines (current, baseline, scenarios) and the band are fetched by two coalescing pumps, so
// the lines follow the slider even when the ensemble behind the band takes longer.
async function update() {
  const my = ++S.seq;
  const started = performance.now();
  const inputAt = S.pendingInputAt;
  const lineKey = bandKey();
  S.linesPending = lineKey;
  writeURL();
  setText($("#baseline-label"), baseName());
  // "running" only when a move takes a while: every change of the page costs a frame
  clearTimeout(S.runningTimer);
  S.runningTimer = setTimeout(() => { if (S.seq === my && S.lastKey !== lineKey) $("#status").textContent = t("running"); }, 300);
  const outputs = outputsWanted();
  const start = S.viewStart;
  const band = [...new Set([S.g1, S.g2])];
  scheduleBand();
  try {
    const [cur, base, ...scen] = await Promise.all([
      cached("/api/run", { params: S.overrides, outputs, start }),
      cached("/api/run", { params: assumptionOverrides(), outputs, start }),
      ...S.scenarios.map((s) => {
        const w = scenarioWindow(s);
        const body = { params: scenarioParams(s), outputs: band, start: w ? w[0] : start };
        if (w) body.stop = w[1];
        return cached("/api/run", body).catch((e) => ({ error: String(e.message || e), years: [], series: {} }));
      }),
    ]);
    if (my !== S.seq) return;
    // When ensembles are quick (a small model, or the kernel), wait a moment for this
    // state's band so that lines and band arrive in one redraw. The wait is at least 250 ms:
    // a band that runs whole (an assumption moved) takes twice a resumed one (a lever moved),
    // and drawing the lines alone first would delay the band by a whole redraw.
    // An assumption moved and whole bands are slow (a first band is on its way, then the
    // whole band): the lines are drawn at once, each band when it comes. When they are quick,
    // the lines wait for the whole band as they do for a lever's.
    const ensMs = JSON.stringify(assumptionOverrides()) !== S.bandAssumptions ? S.wholeMs : S.lastEnsMs;
    const quick = ensMs !== null && ensMs < 400 && S.firstPending !== lineKey;
    if (quick && !(S.band && S.band.key === lineKey)) {
      const wait = Math.max(1.5 * ensMs + 10, 250);
      await Promise.race([S.bandArrived, new Promise((r) => setTimeout(r, wait))]);
      if (my !== S.seq) return;
    }
    const fetched = performance.now();
    S.last = { cur, base, scen };
    const withBand = !!(S.band && S.band.key === lineKey);
    if (S.linesPending === lineKey) S.linesPending = null; // a band that comes now draws itself
    await draw(S.last);
    S.lastKey = lineKey;
    if (withBand) bandShown(lineKey);
    window.doomloop.lastTimings = {
      wait: inputAt === null ? null : started - inputAt, fetch: fetched - started, draw: performance.now() - fetched,
    };
    if (my !== S.seq) return;
    renderHeadline(S.last); // after the graphs: they are what the user waits for
    const ms = inputAt === null ? null : performance.now() - inputAt;
    if (inputAt !== null && S.pendingInputAt === inputAt) S.pendingInputAt = null;
    if (ms !== null) { window.doomloop.lineLatencies.push(ms); window.doomloop.lastLineLatency = ms; }
    window.doomloop.draws += 1;
    showStatus();
    // the story once the whole band is drawn too: the loop analysis takes seconds of the
    // server, which a band still on its way would wait behind
    if (S.bandDrawnKey === lineKey) scheduleLoops();
    else whyStale();
  } catch (e) {
    if (S.linesPending === lineKey) S.linesPending = null;
    if (my !== S.seq) return;
    if (dropRefused(e)) return;
    window.doomloop.errors.push(String(e.message || e));
    notify();
    $("#status").textContent = errorText(e.message || e);
  }
}
function setText(node, text) { if (node.textContent !== text) node.textContent = text; }
function showStatus() {
  const parts = [];
  if (S.band && S.band.key === bandKey()) {
    const e = S.band.ens;
    parts.push(t("members", { n: e.members + (e.failed ? ` / ${e.members + e.failed}` : "") }));
    if (S.band.first) parts.push(t("band_completing"));
    if (e.record && !e.record.matched) parts.push(t("record_too_few", { kept: plain(e.record.kept), drawn: plain(e.record.drawn) }));
    const out = (e.record && e.record.ruled_out) || [];
    if (out.length) parts.push(t("record_default_out", { what: out.map(pick).join(S.lang === "ja" ? "、" : ", ") }));
  }
  else parts.push(t("band_updating"));
  const ms = window.doomloop.lastLatency;
  if (ms !== null) parts.push(t("ms", { ms: Math.round(ms) }));
  setText($("#status"), parts.join(" · "));
}
// A band whose members all run whole (an assumption moved) is drawn first from its first
// members only when the last such band took this long or more (ms).
const FIRST_BAND_ABOVE_MS = 250;
let bandBusy = false;
let bandDirty = false;
function scheduleBand() {
  if (bandBusy) { bandDirty = true; return; }
  bandBusy = true;
  bandDirty = false;
  bandOnce().finally(() => { bandBusy = false; if (bandDirty) scheduleBand(); });
}
function bandShown(key) {
  // Both graphs now show the lines and the band of state *key*: the slider's full latency.
  if (S.band && S.band.key === key && S.band.first) { firstBandShown(); return; }
  if (S.bandDrawnKey === key) return;
  S.bandDrawnKey = key;
  S.pendingFirstInputAt = null; // the whole band came first (or no first band was needed)
  const inputAt = S.pendingBandInputAt;
  if (inputAt !== null) {
    const ms = performance.now() - inputAt;
    S.pendingBandInputAt = null;
    window.doomloop.latencies.push(ms);
    window.doomloop.lastLatency = ms;
  }
  window.doomloop.bandDraws += 1;
  notify();
  showStatus();
  if (S.lastKey === key) scheduleLoops();
}
function firstBandShown() { // a first band drawn: its latency, once per input
  const inputAt = S.pendingFirstInputAt;
  if (inputAt === null) return;
  S.pendingFirstInputAt = null;
  window.doomloop.firstLatencies.push(performance.now() - inputAt);
  showStatus();
}
// When an assumption moved, every member of the band runs whole (the draws move with it).
// When such a band was slow the last time (FIRST_BAND_ABOVE_MS), a first band of the band's
// first members comes first, then the whole band (the server keeps the first members' runs
// and runs only the rest); else the whole band at once. A lever move resumes every member
// from the lever's start and fetches the whole band at once.
async function bandOnce() {
  const key = bandKey();
  if (S.band && S.band.key === key && !S.band.first) return;
  let arrived;
  S.bandArrived = new Promise((r) => { arrived = r; });
  const t0 = performance.now();
  const body = {
    params: S.overrides, outputs: [...new Set([S.g1, S.g2])], start: S.viewStart,
    members: S.model.live_members, seed: 1,
  };
  const assumptions = JSON.stringify(assumptionOverrides());
  const first = S.model.first_members;
  try {
    const whole = assumptions !== S.bandAssumptions; // every member runs whole
    let firstMs = 0;
    // a first band only when a whole band is slow: else it costs a redraw of both graphs
    // (tens of ms, beside the band's simulation on the same cores) and a round trip more
    const slow = S.wholeMs === null || S.wholeMs >= FIRST_BAND_ABOVE_MS;
    if (first > 1 && whole && slow && !(S.band && S.band.key === key)) {
      S.firstPending = key;
      const ens = await cached("/api/ensemble", { ...body, members: first, of: body.members })
        .finally(() => { if (S.firstPending === key) S.firstPending = null; });
      S.lastEnsMs = firstMs = performance.now() - t0;
      if (key !== bandKey()) { arrived(); bandDirty = true; return; } // moved meanwhile
      S.band = { key, ens, first: true };
      arrived();
      if (S.linesPending !== key && S.last) {
        await draw(S.last);
        if (S.lastKey === key) firstBandShown();
      }
    }
    const t1 = performance.now();
    const hit = S.cache.has("/api/ensemble" + JSON.stringify(body));
    const ens = await cached("/api/ensemble", body);
    if (!S.band || S.band.key !== key || !S.band.first) S.lastEnsMs = performance.now() - t0;
    // the requests' time, not the draw between them; a band the page had is no measure
    if (whole && !hit) S.wholeMs = firstMs + performance.now() - t1;
    S.band = { key, ens };
    S.bandAssumptions = assumptions;
    arrived();
    if (key !== bandKey()) { bandDirty = true; return; } // moved meanwhile: fetch again
    if (S.bandDrawnKey === key) return; // the lines' redraw already showed it
    if (S.linesPending === key) return; // the lines, on their way, draw both: one redraw
    if (S.last) await draw(S.last);
    if (S.lastKey === key) bandShown(key);
    else showStatus();
  } catch (e) {
    arrived();
    if (key === bandKey()) scheduleLoops(); // no band for this state: the story still comes
    if (e instanceof ApiError && e.status === 422) return; // the lines' request says why
    window.doomloop.errors.push(String(e.message || e));
    notify();
    $("#status").textContent = errorText(e.message || e);
    // a busy or slow server (503/504): try the band again shortly
    if (key === bandKey() && ++bandRetries <= 5) setTimeout(scheduleBand, 3000);
    return;
  }
  bandRetries = 0;
}
let bandRetries = 0;
// Loop analysis is slow on big models (seconds to a minute): ask only once the sliders have
// rested, and poll again while the server is still working on it (a 504 keeps it running).
let loopsTimer = null;
let loopsTries = 0;
let loopsState = null;
function loopsKey() { return JSON.stringify([S.overrides, S.viewStart]); } // what the story depends on
// the last explanation stays, dimmed, until this state's arrives: the panel does not
// collapse and grow again on every move
function whyStale() {
  if (S.loops && S.loops.state !== loopsKey() && !S.loops.stale) { S.loops = { ...S.loops, stale: true }; renderWhy(); }
}
function scheduleLoops(delay = 400) { // the story follows the sliders once they rest
  clearTimeout(loopsTimer);
  whyStale();
  loopsTimer = setTimeout(async () => {
    const state = loopsKey();
    if (state !== loopsState) { loopsState = state; loopsTries = 0; }
    const body = { params: S.overrides, start: S.viewStart };
    try {
      const res = await cached("/api/loops", body);
      if (state !== loopsKey()) return;
      S.loops = { ...res, state };
      loopsTries = 0;
      renderWhy();
      if (res.status === "pending") {
        S.cache.delete("/api/loops" + JSON.stringify(body));
        scheduleLoops(3000);
      }
    } catch (e) {
      if (state !== loopsKey()) return;
      if (e instanceof ApiError && e.status === 422) return; // the lines' request recovers
      if (++loopsTries <= 10) { scheduleLoops(5000); return; } // still being analysed
      S.loops = { error: String(e.message || e), state };
      renderWhy();
    }
  }, delay);
}
function polarityMark(kind) { // shape as well as colour: a circle arrow or a balance
  return el("span", { class: `pol pol-${kind}`, "aria-hidden": "true" }, polaritySymbol(kind));
}
function renderWhy() {
  const ul = $("#why");
  ul.classList.toggle("stale", !!(S.loops && S.loops.stale));
  if (!S.loops) { ul.replaceChildren(el("li", { class: "hint" }, t("why_loading"))); return; }
  if (S.loops.error) { // the engine's message is English: shown in English only
    ul.replaceChildren(el("li", {}, S.lang === "ja" ? t("loops_failed") : colon(t("loops_failed"), S.loops.error)));
    return;
  }
  if (S.loops.status === "pending") { ul.replaceChildren(el("li", { class: "hint" }, t("why_pending"))); return; }
  const story = S.loops.story;
  if (story && story.periods.length) {
    const items = story.periods.map((p) => el("li", { class: `kind-${p.kind}` },
      el("div", { class: "period" }, polarityMark(p.kind),
        el("strong", {}, span(p.start, p.end)), pick({ en: p.title_en, ja: p.title_ja }),
        el("span", { class: "pol-word" }, S.lang === "ja" ? `（${t("kind." + p.kind)}）` : ` (${t("kind." + p.kind)})`)),
      el("div", { class: "story" }, pick({ en: p.text_en, ja: p.text_ja }))));
    const contrast = pick({ en: story.contrast_en, ja: story.contrast_ja }) || [];
    if (contrast.length) {
      items.unshift(el("li", { class: "contrast" }, el("strong", {}, t("why_contrast")), el("ul", {}, ...contrast.map((c) => el("li", {}, c)))));
    }
    ul.replaceChildren(...items);
  } else if (!S.loops.periods.length) {
    ul.replaceChildren(el("li", {}, t("why_none")));
  } else { // a model without named loops: the analysis's own sentences
    ul.replaceChildren(...S.loops.periods.map((p) => el("li", {}, S.lang === "ja" ? p.text_ja : p.text_en)));
  }
  if (S.loops.scope === "baseline") ul.append(el("li", { class: "hint" }, t("why_baseline_note")));
  if (S.loops.stale) ul.prepend(el("li", { class: "hint updating" }, t("why_updating")));
  highlightLoop();
}
// -- the loop diagram: drawn once per language, its dominant loop follows the cursor's year ---------
async function renderLoopDiagram() {
  const fig = $("#loop-figure");
  const ok = await LOOPS.show($("#loop-diagram"), S.lang, { lang: S.lang, kind: (k) => t("kind." + (k || "none")) });
  fig.hidden = !ok;
  if (ok) highlightLoop();
}
function highlightLoop() {
  const svg = $("#loop-diagram");
  if (!svg || $("#loop-figure").hidden) return;
  const story = S.loops && !S.loops.error ? S.loops.story : null;
  const { period, loop } = LOOPS.highlight(svg, story, S.hoverYear);
  let text = t("loops_caption_idle");
  if (S.hoverYear !== null && !story) text = t("why_loading");
  else if (S.hoverYear !== null && loop) {
    text = t("loops_caption_year", { year: S.hoverYear, loop: loop.name, kind: t("kind." + loop.polarity) });
  } else if (S.hoverYear !== null && period && period.loop) {
    text = t("loops_caption_year", { year: S.hoverYear, loop: pick({ en: period.title_en, ja: period.title_ja }), kind: t("kind." + period.kind) });
  } else if (S.hoverYear !== null) text = t("loops_caption_none", { year: S.hoverYear });
  setText($("#loop-caption"), text);
}
function bindHover(gd) { // once per graph: Plotly keeps its listeners across react and animate
  if (gd.dataset.hoverBound) return;
  gd.dataset.hoverBound = "1";
  gd.on("plotly_hover", (ev) => {
    const x = ev.points && ev.points.length ? Number(ev.points[0].x) : NaN;
    S.hoverYear = Number.isFinite(x) ? Math.round(x) : null;
    highlightLoop();
  });
  gd.on("plotly_unhover", () => { S.hoverYear = null; highlightLoop(); });
  // a zoom (or its reset) in Japanese: ticks for the new range (they are given, not Plotly's)
  gd.on("plotly_relayout", (ev) => {
    if (S.lang !== "ja" || !Object.keys(ev || {}).some((k) => k.startsWith("yaxis.range") || k.startsWith("yaxis.autorange"))) return;
    const ticks = yTicks(gd._fullLayout.yaxis.range);
    if (JSON.stringify(ticks.tickvals) === JSON.stringify(gd.layout.yaxis.tickvals)) return;
    Plotly.relayout(gd, { "yaxis.tickmode": "array", "yaxis.tickvals": ticks.tickvals, "yaxis.ticktext": ticks.ticktext });
  });
}
function span(a, b) { return S.lang === "ja" ? `${a}〜${b}年：` : `${a}–${b}: `; }

// -- drawing -----------------------------------------------------------------------------------------
function scaled(ys, k) { return k === 1 ? ys : ys.map((y) => y / k); }
// How a graph shows an output: its display spec; in Japanese a unit that counts in 万, 億 or 兆
// is folded into the numbers (countedIn: the axis of 総人口 reads 1.2億 in 人, not 1.2万 in 万人).
function graphSpec(name) { return countedIn(spec(name)); }
// A line's hover text: Plotly's d3 format in English (12,900, 0.0833); in Japanese plain()'s
// own words for each point (3万, 1.23億), which no d3 format writes.
function hoverText(tr, sp) {
  const unit = sp.unit ? (S.lang === "ja" ? "" : " ") + sp.unit : "";
  if (S.lang !== "ja") return { ...tr, hovertemplate: `%{y:,.3~r}${unit}` };
  return { ...tr, customdata: tr.y.map((y) => plain(y)), hovertemplate: `%{customdata}${unit}` };
}
function traces(name, d) {
  const out = [];
  const sp = graphSpec(name);
  const k = sp.scale;
  const ens = S.band && S.band.ens;
  const b = ens && ens.bands[name];
  if (b) { // one closed polygon: p95 forward, p5 backward; faint while it is being updated
    const fresh = S.band.key === bandKey();
    out.push({ x: [...ens.years, ...[...ens.years].reverse()], y: scaled([...b.p95, ...[...b.p5].reverse()], k),
      mode: "lines", line: { width: 0, simplify: false }, fill: "toself",
      fillcolor: fresh ? "rgba(31,95,209,0.18)" : "rgba(31,95,209,0.07)",
      name: !fresh ? t("band_updating") : S.band.first ? t("band_first", { n: ens.members }) : t(ens.record && ens.record.matched ? "band_record" : "band"),
      hoverinfo: "skip" });
  }
  out.push(hoverText({ x: d.base.years, y: scaled(d.base.series[name], k), mode: "lines", line: { color: "#000", width: 2, simplify: false }, name: baseName() }, sp));
  d.scen.forEach((s, i) => {
    const sc = S.scenarios[i];
    if (!s.series[name] || !sc || scenarioWindow(sc)) return;
    const label = scenarioLabel(sc) + (sc.shipped && Object.keys(assumptionOverrides()).length ? ` ${t("your_assumptions")}` : "");
    out.push(hoverText({ x: s.years, y: scaled(s.series[name], k), mode: "lines", name: label,
      line: { color: SCENARIO_COLOURS[i % SCENARIO_COLOURS.length], width: 1.8, dash: DASHES[i % DASHES.length], simplify: false } }, sp));
  });
  out.push(hoverText({ x: d.cur.years, y: scaled(d.cur.series[name], k), mode: "lines", line: { color: BLUE, width: 2.5, simplify: false }, name: t("current") }, sp));
  return out;
}
function layout(name, range) {
  const sp = graphSpec(name);
  const lay = {
    title: { text: sp.label, font: { size: 14 } },
    margin: { l: 64, r: 10, t: 34, b: 30 },
    xaxis: { range: [S.viewStart, S.model.stop], tickformat: "d" },
    yaxis: { range, title: yTitle(sp.unit), tickformat: ",~r", separatethousands: true, ...yTicks(range), ...yRoom() },
    legend: { orientation: "h", y: -0.14 },
    hovermode: "x unified",
    font: { family: "system-ui, 'Hiragino Sans', 'Noto Sans JP', sans-serif" },
    showlegend: true,
  };
  if (SOVEREIGNTY.includes(name)) {
    lay.shapes = [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: THRESHOLD, y1: THRESHOLD, line: { dash: "dot", color: "#116530", width: 1 } }];
    lay.annotations = [{ xref: "paper", x: 0, y: THRESHOLD, yanchor: "bottom", xanchor: "left", showarrow: false, text: t("threshold", { v: THRESHOLD }), font: { size: 11, color: "#116530" } }];
  }
  return lay;
}
// The y range: zero kept in view, 5% padding away from it, the far end rounded up to a
// quarter of its power of ten; [0, 1] for a sovereignty layer. Set explicitly, so that a
// redraw by Plotly.animate (which does not autorange) moves the axis as Plotly.react would.
// The range a graph already has (*prev*) stays while the data fit it and fill at least half
// of it: a steady axis lets the eye compare moves, and redrawing the axes costs more than
// the traces (~10 ms a graph).
function yRange(name, tr, prev = null) {
  if (SOVEREIGNTY.includes(name)) return [0, 1];
  let lo = 0;
  let hi = 0;
  for (const tt of tr) for (const y of tt.y) if (Number.isFinite(y)) { if (y < lo) lo = y; if (y > hi) hi = y; }
  if (hi === lo) return [lo - 1, hi + 1];
  if (prev && lo >= prev[0] && hi <= prev[1] && hi - lo >= 0.5 * (prev[1] - prev[0])) return prev;
  const pad = 0.05 * (hi - lo);
  return [lo < 0 ? -roundUp(pad - lo) : lo, hi > 0 ? roundUp(hi + pad) : hi];
}
function roundUp(x) { // x > 0, up to a multiple of a quarter of its power of ten
  const q = 10 ** Math.floor(Math.log10(x)) / 4;
  return Math.ceil(x / q - 1e-9) * q;
}
// The y ticks in Japanese: Plotly writes 30k, 1.2M or 30,000, where Japanese counts in 万, 億
// and 兆, which no tickformat writes. So the ticks are given: round steps over *range* (about
// six, as Plotly draws a graph this tall), each written by plain() with the digits its step
// needs. English: nothing (Plotly's ticks).
// Japanese ticks run longer (7,500万, 1.25億): the y axis's title keeps its distance from
// them, the margin growing as it needs to.
function yRoom() { return S.lang === "ja" ? { automargin: true } : {}; }
function yTitle(text) { return { text, font: { size: 12 }, ...(S.lang === "ja" ? { standoff: 10 } : {}) }; }
function yTicks(range) {
  if (S.lang !== "ja") return {};
  const [lo, hi] = range;
  const raw = (hi - lo) / 6;
  const e = 10 ** Math.floor(Math.log10(raw));
  const m = [1, 2, 2.5, 5, 10].find((x) => x * e >= raw * (1 - 1e-9));
  const step = m * e;
  const vals = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) {
    vals.push(Number((i * step).toPrecision(12)));
  }
  const extra = m === 2.5 ? 2 : 1; // 1.25億 has a digit more than its step 2,500万
  const text = vals.map((v) => plain(v, v === 0 ? 1
    : Math.max(3, Math.floor(Math.log10(Math.abs(v))) - Math.floor(Math.log10(step)) + extra)));
  return { tickmode: "array", tickvals: vals, ticktext: text };
}
// What a redraw by Plotly.animate cannot change: the traces' count, names and styles, the
// layout's texts and x range.
function shape(name, tr) {
  return JSON.stringify([name, S.lang, S.viewStart, tr.map((x) => [x.name, x.fillcolor, x.line])]);
}
function plotted(gd) {
  return new Promise((resolve) => {
    const done = () => { clearTimeout(to); gd.removeListener("plotly_afterplot", done); resolve(); };
    const to = setTimeout(done, 2000);
    if (gd.on) gd.on("plotly_afterplot", done); else resolve();
  });
}
// A move usually changes only the numbers: then Plotly.animate with no transition swaps the
// traces' data in place (~7 ms a graph in headless Chromium; ~17 ms when the y range moves
// too), where Plotly.react lays the whole figure out again (axes, legend, title).
const SWAP = { transition: { duration: 0 }, frame: { duration: 0, redraw: false }, mode: "immediate" };
// Draws run one after another: an animation interrupted by the next one would be rejected.
let drawing = Promise.resolve();
function draw(d) {
  const next = drawing.then(() => drawNow(d));
  drawing = next.catch(() => {});
  return next;
}
function plotConfig() {
  return { responsive: true, displaylogo: false, locale: S.lang === "ja" ? "ja" : "en",
    modeBarButtonsToRemove: ["sendDataToCloud", "sendChartToCloud", "select2d", "lasso2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian"],
    toImageButtonOptions: { filename: "doomloop" } };
}
async function drawNow(d) {
  const jobs = [];
  for (const [id, name] of [["g1", S.g1], ["g2", S.g2]]) {
    const gd = document.getElementById(id);
    const tr = traces(name, d);
    const sig = shape(name, tr);
    const same = gd.dataset.shape === sig && gd.data;
    const prev = same ? gd.layout.yaxis.range : null;
    const range = yRange(name, tr, prev);
    summarise(id, name, d);
    if (same) {
      const frame = { data: tr, traces: tr.map((_, i) => i) };
      if (range !== prev) frame.layout = { yaxis: { range, ...yTicks(range) } }; // else the axes stay as drawn
      jobs.push(Plotly.animate(gd, frame, SWAP));
      continue;
    }
    gd.dataset.shape = sig;
    const after = gd.on ? plotted(gd) : Promise.resolve(); // first plot: react resolves after it
    jobs.push(Plotly.react(gd, tr, layout(name, range), plotConfig()).then(() => bindHover(gd)));
    jobs.push(after);
  }
  drawBacktest(d);
  await Promise.all(jobs);
}
// A back-test (its own years: vlsi-1976) is drawn in a graph of its own, on its own axis.
function drawBacktest(d) {
  const box = $("#g3-box");
  const i = S.scenarios.findIndex((s) => scenarioWindow(s));
  box.hidden = i < 0;
  if (i < 0) return;
  const s = S.scenarios[i], run = d.scen[i], w = scenarioWindow(s);
  const name = S.g1, sp = spec(name), gs = graphSpec(name);
  const y = run && run.series[name];
  setText($("#g3-title"), colon(scenarioLabel(s), sp.label));
  if (!y) { setText($("#g3-summary"), run && run.error ? errorText(run.error) : ""); return; }
  const line = { x: run.years, y: scaled(y, gs.scale), mode: "lines", name: scenarioLabel(s),
    line: { color: SCENARIO_COLOURS[i % SCENARIO_COLOURS.length], width: 2 } };
  const tr = [S.lang === "ja" ? hoverText(line, gs) : line];
  // English: Plotly's own range from zero; Japanese: the same kind of range, with its ticks
  const jaRange = S.lang === "ja" ? yRange(name, tr) : null;
  const yaxis = jaRange ? { range: jaRange, ...yTicks(jaRange), ...yRoom() } : { rangemode: "tozero" };
  Plotly.react("g3", tr, {
    margin: { l: 64, r: 10, t: 10, b: 30 }, xaxis: { range: w, tickformat: "d" },
    yaxis: { title: yTitle(gs.unit), tickformat: ",~r", ...yaxis },
    showlegend: false, hovermode: "x unified",
  }, plotConfig());
  const end = run.years[run.years.length - 1];
  setText($("#g3-summary"), t("summary_backtest", { name: sp.label, a: withUnit(y[0], sp), b: withUnit(y[y.length - 1], sp), y0: run.years[0], y1: end }));
}
// A sentence under each graph (and for screen readers): where the lines end.
function summarise(id, name, d) {
  const sp = spec(name);
  const end = d.cur.years[d.cur.years.length - 1];
  const v = valueAt(d.cur, name, end), b = valueAt(d.base, name, end);
  const ens = S.band && S.band.ens && S.band.key === bandKey() ? S.band.ens : null;
  const band = ens && ens.bands[name];
  const bn = S.lang === "ja" ? baseName() : baseName().charAt(0).toLowerCase() + baseName().slice(1);
  let s = t("summary", { name: sp.label, year: end, v: withUnit(v, sp), base: bn, b: withUnit(b, sp) });
  if (band) s += (S.lang === "ja" ? "" : " ") + t("summary_band", { lo: withUnit(band.p5[band.p5.length - 1], sp), hi: withUnit(band.p95[band.p95.length - 1], sp) });
  setText($(`#${id}-summary`), s);
}
function valueAt(run, name, year) {
  const i = run.years.indexOf(year);
  const s = run.series[name];
  return s ? (i >= 0 ? s[i] : s[s.length - 1]) : null;
}
// One layer's course: never reached, reached (and held), or reached and lost again. Years
// before the layer's technology exists (its `since` in the profile) never count.
function course(run, name) {
  const s = run.series[name] || [], ys = run.years;
  const since = SINCE[name] ?? -Infinity;
  const i = s.findIndex((v, j) => v >= THRESHOLD && ys[j] >= since);
  if (i < 0) return { kind: "never" };
  let last = -1;
  for (let j = s.length - 1; j >= 0; j--) if (s[j] >= THRESHOLD) { last = j; break; }
  if (last === s.length - 1) return { kind: "reached", year: ys[i] };
  return { kind: "lost", year: ys[i], lost: ys[last + 1] };
}
function layerName(o) { const l = FMT.display.layers.find((x) => x.output === o); return l ? pick(l) : spec(o).label; }
function layerNameInline(o) { const n = layerName(o); return S.lang === "ja" ? n : n.charAt(0).toLowerCase() + n.slice(1); }
// "With current policy, Japan reaches deployment sovereignty in 2001 but loses it by 2053,
// and never reaches specialised-model or frontier sovereignty before 2060."
function verdictSentence(d) {
  const layers = SOVEREIGNTY.filter((o) => d.cur.series[o]);
  if (!layers.length) return "";
  const end = d.cur.years[d.cur.years.length - 1];
  const who = country() || t("the_country");
  const parts = [], never = [];
  for (const o of layers) {
    const c = course(d.cur, o);
    const nm = layerNameInline(o);
    if (c.kind === "never") never.push(nm);
    else if (c.kind === "reached") parts.push(t(c.year <= S.viewStart ? "v_holds" : "v_reaches", { layer: nm, year: c.year }));
    else parts.push(t(c.year <= S.viewStart ? "v_had" : "v_lost", { layer: nm, year: c.year, lost: c.lost }));
  }
  if (never.length) parts.push(t("v_never", { layers: joinWords(never), year: end }));
  const lead = Object.keys(policyOverrides()).length ? t("v_lead_scenario") : t("v_lead_base");
  return t("v_sentence", { lead, who, parts: joinClauses(parts) });
}
function joinWords(xs) {
  if (S.lang === "ja") return xs.join("と");
  return xs.length === 1 ? xs[0] : xs.slice(0, -1).join(", ") + " or " + xs[xs.length - 1];
}
function joinClauses(xs) {
  if (S.lang === "ja") return xs.join("。") ;
  return xs.length === 1 ? xs[0] : xs.slice(0, -1).join(", ") + " and " + xs[xs.length - 1];
}
function renderHeadline(d) {
  const root = $("#headline");
  const end = d.cur.years[d.cur.years.length - 1];
  setText($("#verdict"), verdictSentence(d));
  const cards = [];
  for (const name of HEADLINE) {
    if (!d.cur.series[name]) continue;
    const sp = spec(name);
    const v = valueAt(d.cur, name, end), b = valueAt(d.base, name, end);
    const layer = FMT.display.layers.find((x) => x.output === name);
    const card = el("div", { class: "card", "data-output": name, tabindex: "0", role: "button" }, el("h2", {}, layer ? pick(layer) : sp.label));
    if (SOVEREIGNTY.includes(name)) {
      const ok = v !== null && v >= THRESHOLD, bok = b !== null && b >= THRESHOLD;
      const c = course(d.cur, name);
      const when = c.kind === "never" ? t("never_by", { year: end }) : c.kind === "reached" ? t("since", { year: c.year }) : t("lost_in", { year: c.year, lost: c.lost });
      card.append(
        el("div", { class: "v" }, el("span", { class: `verdict ${ok ? "ok" : "no"}` }, ok ? "✓ " + t("achieved") : "✗ " + t("not_achieved_in", { year: end })), el("span", { class: "when" }, ` ${when}`)),
        el("div", { class: "b" }, `${t("index_in", { year: end, v: plain(v, 2) })} · ${t("card_base", { b: plain(b, 2), verdict: bok ? t("achieved") : t("not_achieved") })}`),
      );
      if (layer) card.append(el("div", { class: "def" }, pick({ en: layer.define_en, ja: layer.define_ja })));
    } else {
      card.append(el("div", { class: "v" }, withUnit(v, sp)),
        el("div", { class: "b" }, `${t("in_year", { year: end })} · ${t("card_base_value", { b: withUnit(b, sp) })}`));
    }
    card.append(el("span", { class: "sr-only" }, t("card_action")));
    const show = () => { S.g2 = name; $("#sel-g2").value = name; schedule(); };
    card.onclick = show;
    card.onkeydown = (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); show(); } };
    cards.push(card);
  }
  const sig = cards.map((c) => c.outerHTML).join("");
  if (root.dataset.sig === sig) return; // unchanged: no new layout
  root.dataset.sig = sig;
  root.replaceChildren(...cards);
  $("#layers-note").hidden = !cards.some((c) => SOVEREIGNTY.includes(c.dataset.output));
  $("#layers-note").textContent = t("layers_note", { v: plain(THRESHOLD) });
  for (const b of document.querySelectorAll(".info:not([hidden])")) if (b.fillCost) b.fillCost();
}

// -- export -------------------------------------------------------------------------------------------
function settingsLines() {
  const lines = [];
  const fmtOne = ([k, v]) => { const p = S.byName[k]; const sp = paramSpec(p); const d = FMT.byDisplay[k] || {}; return colon(sp.label, d.off !== undefined && v === d.off ? t("off") : withUnit(v, sp)); };
  const pol = Object.entries(policyOverrides()), ass = Object.entries(assumptionOverrides());
  lines.push(colon(t("levers"), pol.length ? pol.map(fmtOne).join(listSep()) : t("none_changed")));
  lines.push(colon(t("assumptions"), ass.length ? ass.map(fmtOne).join(listSep()) : t("none_changed")));
  return lines;
}
function sourceLine() { return t("source_line", { model: S.model.name, url: location.href }); }
function csvText() {
  const d = S.last;
  if (!d) return "";
  const cols = [];
  for (const name of [...new Set([S.g1, S.g2])]) {
    const sp = spec(name), k = sp.scale;
    const head = (what) => colon(`${sp.label}${sp.unit ? paren(sp.unit) : ""}`, what);
    cols.push([head(baseName()), d.base.years, scaled(d.base.series[name], k)]);
    cols.push([head(t("current")), d.cur.years, scaled(d.cur.series[name], k)]);
    const ens = S.band && S.band.ens;
    const b = ens && ens.bands[name];
    if (b) for (const q of ["p5", "p50", "p95"]) cols.push([head(t("csv." + q)), ens.years, scaled(b[q], k)]);
    d.scen.forEach((s, i) => S.scenarios[i] && s.series[name] && cols.push([head(scenarioLabel(S.scenarios[i])), s.years, scaled(s.series[name], k)]));
  }
  const years = [...new Set(cols.flatMap((c) => c[1]))].sort((a, b) => a - b);
  const quote = (s) => `"${String(s).replace(/"/g, '""')}"`;
  const lines = [[quote(t("csv_year")), ...cols.map((c) => quote(c[0]))].join(",")];
  for (const y of years) {
    lines.push([y, ...cols.map(([, ys, vs]) => { const i = ys.indexOf(y); return i < 0 ? "" : vs[i]; })].join(","));
  }
  lines.push("", ...settingsLines().map((l) => `# ${quote(l)}`), `# ${quote(sourceLine())}`);
  return lines.join("\n");
}
function download(href, name) {
  const a = el("a", { href, download: name });
  document.body.append(a); a.click(); a.remove();
}
function exportCSV() {
  const text = csvText();
  if (!text) return;
  download(URL.createObjectURL(new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" })), "doomloop.csv");
}
window.doomloop.csvText = csvText;
// One PNG: the title and the verdict, both graphs, the settings and the source.
async function pngDataURL() {
  const W = 1200, G = 460;
  const imgs = await Promise.all(["g1", "g2"].map((id) => Plotly.toImage(document.getElementById(id), { format: "png", width: W, height: G })));
  const wrap = (ctx, text, width) => {
    const out = [];
    let line = "";
    for (const w of S.lang === "ja" ? [...text] : text.split(" ")) {
      const next = line ? (S.lang === "ja" ? line + w : `${line} ${w}`) : w;
      if (ctx.measureText(next).width > width && line) { out.push(line); line = w; } else line = next;
    }
    if (line) out.push(line);
    return out;
  };
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d");
  const font = "system-ui, 'Hiragino Sans', 'Noto Sans JP', sans-serif";
  ctx.font = `15px ${font}`;
  const caption = [verdictSentence(S.last), ...settingsLines()].flatMap((s) => wrap(ctx, s, W - 40));
  const source = wrap(ctx, sourceLine(), W - 40);
  canvas.width = W;
  canvas.height = 60 + caption.length * 21 + 2 * G + source.length * 19 + 30;
  ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#1b1f24"; ctx.font = `bold 22px ${font}`;
  ctx.fillText($("#title").textContent, 20, 34);
  ctx.font = `15px ${font}`;
  let y = 60;
  for (const l of caption) { ctx.fillText(l, 20, y); y += 21; }
  for (const src of imgs) {
    const img = new Image();
    await new Promise((r) => { img.onload = r; img.src = src; });
    ctx.drawImage(img, 0, y); y += G;
  }
  ctx.fillStyle = "#5b6570"; ctx.font = `13px ${font}`;
  y += 18;
  for (const l of source) { ctx.fillText(l, 20, y); y += 19; }
  return canvas.toDataURL("image/png");
}
window.doomloop.pngDataURL = pngDataURL;
async function exportPNG() { if (S.last) download(await pngDataURL(), "doomloop.png"); }
async function share() {
  writeURL();
  try {
    await navigator.clipboard.writeText(location.href);
    setText($("#status"), t("link_copied"));
  } catch (e) {
    notice(t("link_not_copied"), "info");
  }
}

// -- start --------------------------------------------------------------------------------------------
function registerPlotlyJa() {
  Plotly.register({ moduleType: "locale", name: "ja", dictionary: PLOTLY_JA, format: {
    days: ["日曜日", "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日"], shortDays: ["日", "月", "火", "水", "木", "金", "土"],
    months: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
    shortMonths: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"], date: "%Y/%m/%d",
  } });
}
async function init() {
  const [en, ja, models, params, shipped, display] = await Promise.all([
    api("/static/i18n/en.json"), api("/static/i18n/ja.json"), api("/api/models"), api("/api/parameters"),
    api("/api/scenarios").catch(() => ({ scenarios: [] })), api("/api/display").catch(() => null),
  ]);
  S.shipped = shipped.scenarios;
  S.movesReady = params.moves_most_ready;
  FMT.i18n = { en, ja };
  if (display) FMT.display = display;
  for (const l of FMT.display.levers) { FMT.byDisplay[l.name] = l; for (const x of l.timing || []) FMT.byDisplay[x.name] = x; }
  for (const a of FMT.display.assumptions) FMT.byDisplay[a.name] = a;
  for (const g of [...(FMT.display.outputs || []), ...FMT.display.graphs]) FMT.byGraph[g.output] = g;
  registerPlotlyJa();
  S.model = models.models.find((m) => m.served);
  S.units = S.model.units || {};
  S.params = params.parameters;
  S.byName = Object.fromEntries(S.params.map((p) => [p.name, p]));
  const prof = S.model.profile || {};
  if (prof.verdict_outputs) SOVEREIGNTY = prof.verdict_outputs.filter((o) => S.model.outputs.includes(o));
  if (prof.threshold !== undefined && prof.threshold !== null) THRESHOLD = prof.threshold;
  for (const l of ((prof.verdicts || {}).layers || [])) if (typeof l.since === "number") SINCE[l.output] = l.since;
  if (prof.views && prof.views.cards) HEADLINE = prof.views.cards.filter((o) => S.model.outputs.includes(o));
  const outs = graphChoices();
  const first = ((prof.views || {}).page || []).filter((o) => outs.includes(o));
  S.g1 = first[0] ?? outs[0];
  S.g2 = first[1] ?? outs[Math.min(1, outs.length - 1)];
  S.viewStart = S.model.view_start;
  S.lang = navigator.language.startsWith("ja") ? "ja" : "en";
  applyLang(); // the notices of a bad link are written in the link's language
  readURL();
  $("#btn-lang").onclick = () => { S.lang = S.lang === "en" ? "ja" : "en"; applyLang(); writeURL(); };
  $("#btn-undo").onclick = () => step(S.undo, S.redo);
  $("#btn-redo").onclick = () => step(S.redo, S.undo);
  $("#btn-reset-policies").onclick = () => resetGroup("assumptions");
  $("#btn-reset-assumptions").onclick = () => resetGroup("policies");
  $("#btn-save").onclick = () => {
    const name = (window.prompt(t("scenario_prompt"), `${t("scenario_default")} ${S.scenarios.length + 1}`) || "").trim();
    if (!name) return;
    S.scenarios.push({ name: name.replace(/[~;@]/g, " ").slice(0, 60), params: { ...S.overrides } });
    renderScenarios();
    schedule();
  };
  $("#btn-share").onclick = share;
  $("#btn-csv").onclick = exportCSV;
  $("#btn-png").onclick = exportPNG;
  const sel = $("#shipped");
  sel.onchange = () => { const v = sel.value; sel.value = ""; addShipped(v); };
  applyLang();
  await update();
  while (S.bandDrawnKey !== bandKey() && !window.doomloop.errors.length) {
    await new Promise((r) => setTimeout(r, 50));
  }
  window.doomloop.ready = true;
}
init().catch((e) => {
  window.doomloop.errors.push(String(e.message || e));
  notify();
  document.getElementById("status").textContent = `Error: ${e.message || e}`;
});
