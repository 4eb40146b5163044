/* doomloop web simulator: levers, graphs with a live uncertainty band, loops, scenarios.
 * Plain JavaScript over the JSON API; Plotly.js is served by the app itself (no network). */
"use strict";

// What the model declares in its profile (GET /api/models: levers, verdicts, cards, graphs).
let SOVEREIGNTY = []; // outputs with a verdict: an index, achieved at THRESHOLD or above
let THRESHOLD = null;
let HEADLINE = []; // the headline cards
const SCENARIO_COLOURS = ["#d9822b", "#8e44ad", "#16a085", "#c0392b", "#7f8c8d", "#2c3e50"];
const BLUE = "#1f5fd1";

const S = {
  lang: "en",
  i18n: { en: {}, ja: {} },
  model: null, // /api/models served entry
  params: [], // /api/parameters list
  byName: {},
  levers: {}, // parameter -> its lever in the profile (leverIndex)
  overrides: {}, // name -> value (policy and assumption)
  g1: null,
  g2: null,
  viewStart: null,
  scenarios: [], // {name, params}
  undo: [],
  loops: null,
  last: null, // last drawn data
  seq: 0,
  controller: null,
  cache: new Map(),
  pendingInputAt: null,
  pendingBandInputAt: null,
  band: null, // {key, ens}: the last band fetched
  bandArrived: Promise.resolve(),
  lastEnsMs: null,
  lastKey: null, // state whose lines are drawn
  runningTimer: null, // shows "running" when a move takes a while
  bandDrawnKey: null, // state whose lines and band are drawn
  linesPending: null, // state whose lines are on their way: its band is drawn with them
};
// Hooks for tests and benchmarks.
// latencies: input -> both graphs redrawn with the band of that input; lineLatencies: input ->
// both graphs redrawn with the current run (the band may still be updating).
window.doomloop = {
  ready: false, draws: 0, bandDraws: 0, latencies: [], lastLatency: null, lineLatencies: [],
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
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
function t(key, vars = {}) {
  let s = S.i18n[S.lang][key] ?? S.i18n.en[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
}
function has(key) { return key in S.i18n[S.lang] || key in S.i18n.en; }
// Units in the page's language: "people/year" is read token by token ("人/年"); a token
// without a translation (FLOP, H100e) stays as it is.
function unitLabel(u) {
  if (!u) return "";
  return u.split("/").map((w) => (has("unit." + w) ? t("unit." + w) : w)).join("/");
}
function humanize(name) {
  const s = String(name).replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function outLabel(name) { return has("out." + name) ? t("out." + name) : humanize(name); }
function sectorLabel(s) { return has("sector." + (s || "other")) ? t("sector." + (s || "other")) : humanize(s || "other"); }
function paramLabel(p) {
  const named = (S.levers[p.name] || {}).name; // a lever control's label in the profile
  if (named) return named[S.lang] || named.en;
  return S.lang === "ja" && p.name_ja ? p.name_ja : humanize(p.name);
}
function paramMeaning(p) { return S.lang === "ja" && p.meaning_ja ? p.meaning_ja : p.meaning; }
function fmt(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  return Number(v.toPrecision(3)).toLocaleString(S.lang === "ja" ? "ja-JP" : "en-US");
}
function num(v) { return Number(Number(v).toPrecision(6)); }

async function api(path, body, signal) {
  const init = body === undefined ? { signal } : {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal,
  };
  const r = await fetch(path, init);
  const data = await r.json();
  if (!r.ok) {
    const msg = (data.detail || []).map((d) => d.msg).join("; ") || r.statusText;
    throw new Error(msg);
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

// -- state <-> URL -----------------------------------------------------------------------------
function assumptionOverrides(ov = S.overrides) {
  const out = {};
  for (const [k, v] of Object.entries(ov)) if (S.byName[k] && S.byName[k].group !== "policy") out[k] = v;
  return out;
}
function encodeParams(ov) { return Object.entries(ov).map(([k, v]) => `${k}:${num(v)}`).join(","); }
function decodeParams(s) {
  const out = {};
  for (const part of (s || "").split(",")) {
    const i = part.lastIndexOf(":");
    if (i <= 0) continue;
    const k = part.slice(0, i), v = Number(part.slice(i + 1));
    if (S.byName[k] && Number.isFinite(v)) out[k] = v;
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
  if (S.scenarios.length) q.set("sc", S.scenarios.map((s) => `${s.name}~${encodeParams(s.params)}`).join(";"));
  history.replaceState(null, "", `${location.pathname}?${q.toString()}`);
}
function readURL() {
  const q = new URLSearchParams(location.search);
  if (q.get("lang") === "ja" || q.get("lang") === "en") S.lang = q.get("lang");
  const outs = S.model.outputs;
  if (outs.includes(q.get("g1"))) S.g1 = q.get("g1");
  if (outs.includes(q.get("g2"))) S.g2 = q.get("g2");
  const from = Number(q.get("from"));
  if (q.get("from") && Number.isFinite(from) && from >= S.model.start && from < S.model.stop) S.viewStart = from;
  S.overrides = decodeParams(q.get("p"));
  S.scenarios = [];
  for (const part of (q.get("sc") || "").split(";")) {
    if (!part) continue;
    const i = part.indexOf("~");
    const name = i < 0 ? part : part.slice(0, i);
    S.scenarios.push({ name: name.slice(0, 60), params: decodeParams(i < 0 ? "" : part.slice(i + 1)) });
  }
}

// -- controls -----------------------------------------------------------------------------------
// The profile's levers by parameter: {lever, label, slider} (controls and timing).
function leverIndex(prof) {
  const out = {};
  const timing = prof.timing_sliders || {};
  for (const [id, lv] of Object.entries(prof.levers || {})) {
    for (const c of lv.controls || []) out[c.parameter] = { lever: id, label: lv.label, slider: c.slider, name: c.label };
    for (const [role, name] of Object.entries(lv.timing || {})) {
      if (name) out[name] = { lever: id, label: lv.label, slider: timing[role] || null, name: null };
    }
  }
  return out;
}
function sliderRange(p) {
  const sl = (S.levers[p.name] || {}).slider;
  if (sl) {
    let min = sl.min, max = sl.max;
    for (const v of [S.overrides[p.name], p.value]) {
      if (v !== undefined) { min = Math.min(min, v); max = Math.max(max, v); }
    }
    return { min, max, step: sl.step, declared: true };
  }
  let lo = p.low, hi = p.high, pad = 0.5 * (hi - lo);
  if (!(hi > lo)) { // no plausible range (a lever that is off by default): its possible range
    const a = Math.abs(p.value) || 1;
    lo = p.lower_bound ?? p.value - 0.5 * a;
    hi = p.upper_bound ?? p.value + 0.5 * a;
    pad = 0;
  }
  let min = lo - pad, max = hi + pad;
  if (p.lower_bound !== null) min = Math.max(min, p.lower_bound);
  if (p.upper_bound !== null) max = Math.min(max, p.upper_bound);
  for (const v of [S.overrides[p.name], p.value]) {
    if (v !== undefined) { min = Math.min(min, v); max = Math.max(max, v); }
  }
  return { min, max, step: (max - min) / 200 || 1e-6 };
}
function leverNode(p) {
  const r = sliderRange(p);
  const value = S.overrides[p.name] ?? p.value;
  const valSpan = el("span", { class: "val" });
  const input = el("input", {
    type: "range", min: r.min, max: r.max, step: r.declared ? r.step : "any", value, "data-param": p.name,
    "aria-label": paramLabel(p),
  });
  const box = el("div", { class: "lever", "data-param": p.name });
  const showVal = () => {
    const v = S.overrides[p.name] ?? p.value;
    valSpan.textContent = `${p.units === "year" ? String(num(v)) : fmt(v)} ${unitLabel(p.units)}`.trim();
    box.classList.toggle("changed", p.name in S.overrides);
  };
  input.addEventListener("input", () => {
    const t0 = performance.now();
    pushUndo();
    const v = Number(input.value);
    if (Math.abs(v - p.value) <= r.step / 2) delete S.overrides[p.name];
    else S.overrides[p.name] = Math.min(r.max, Math.max(r.min, Number(v.toPrecision(4))));
    showVal();
    S.pendingInputAt = S.pendingInputAt ?? t0;
    S.pendingBandInputAt = S.pendingBandInputAt ?? t0;
    schedule();
  });
  const info = el("div", { class: "info", hidden: "" });
  const movesDD = el("dd", {});
  const fillMoves = () => {
    const m = S.byName[p.name].moves_most;
    movesDD.replaceChildren(m
      ? el("a", { onclick: () => { S.g1 = m; $("#sel-g1").value = S.g1; schedule(); } }, outLabel(m))
      : (S.movesReady ? t("no_effect") : t("computing")));
  };
  const infoBtn = el("button", {
    class: "info-btn", title: t("meaning"), "aria-label": t("meaning"),
    onclick: async () => {
      info.hidden = !info.hidden;
      if (!info.hidden && !S.movesReady) { await refreshParams(); fillMoves(); }
    },
  }, "ⓘ");
  fillMoves();
  const bounds = `${p.lower_bound === null ? "−∞" : fmt(p.lower_bound)} … ${p.upper_bound === null ? "∞" : fmt(p.upper_bound)}`;
  info.append(el("dl", {},
    el("dt", {}, t("meaning")), el("dd", {}, paramMeaning(p) || "–"),
    el("dt", {}, t("units")), el("dd", {}, unitLabel(p.units) || "–"),
    el("dt", {}, t("default")), el("dd", {}, fmt(p.value)),
    el("dt", {}, t("range")), el("dd", {}, `${fmt(p.low)} … ${fmt(p.high)}`),
    el("dt", {}, t("bounds")), el("dd", {}, bounds),
    el("dt", {}, t("source")), el("dd", {}, p.source || "–"),
    el("dt", {}, t("moves_most")), movesDD,
  ));
  box.append(el("div", { class: "row" }, el("span", { class: "name" }, paramLabel(p), infoBtn), valSpan), input, info);
  showVal();
  return box;
}
async function refreshParams() {
  // Which graph each lever moves most is worked out in the background on the server.
  try {
    const res = await api("/api/parameters");
    for (const q of res.parameters) if (S.byName[q.name]) S.byName[q.name].moves_most = q.moves_most;
    S.movesReady = res.moves_most_ready;
  } catch (e) { /* keep what we have */ }
}
function buildControls() {
  for (const [group, target] of [["policy", "#levers"], ["assumption", "#assumptions"]]) {
    const root = $(target);
    const open = new Set([...root.querySelectorAll("details[open]")].map((d) => d.dataset.sector));
    root.replaceChildren();
    const sectors = new Map();
    const names = {};
    for (const p of S.params.filter((q) => q.group === group)) {
      const lv = S.levers[p.name]; // a lever of the profile groups its parameters
      const s = lv ? lv.lever : p.sector || "other";
      if (lv) names[s] = lv.label;
      if (!sectors.has(s)) sectors.set(s, []);
      sectors.get(s).push(p);
    }
    let first = true;
    for (const [s, ps] of sectors) {
      const d = el("details", { class: "sector", "data-sector": s });
      if (open.has(s) || (open.size === 0 && first) || ps.some((p) => p.name in S.overrides)) d.open = true;
      first = false;
      const title = names[s] ? (names[s][S.lang] || names[s].en) : sectorLabel(s);
      d.append(el("summary", {}, `${title} (${ps.length})`), ...ps.map(leverNode));
      root.append(d);
    }
    root.closest(".panel").hidden = sectors.size === 0;
  }
}
function buildSelects() {
  for (const [id, key] of [["#sel-g1", "g1"], ["#sel-g2", "g2"]]) {
    const sel = $(id);
    sel.replaceChildren(...S.model.outputs.map((o) => el("option", { value: o }, outLabel(o))));
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
  document.title = t("title");
  $("#baseline-label").textContent = Object.keys(assumptionOverrides()).length ? t("modified_baseline") : t("baseline");
  buildControls();
  buildSelects();
  renderScenarios();
  renderWhy();
  const sel = $("#shipped");
  sel.replaceChildren(el("option", { value: "", "data-i18n": "shipped_scenarios" }, t("shipped_scenarios")),
    ...(S.shipped || []).map((x) => el("option", { value: x.name, title: x.description }, x.name)));
  if (S.last) { draw(S.last); renderHeadline(S.last); }
}

// -- undo / reset / scenarios ---------------------------------------------------------------------
let undoArmed = true;
let undoTimer = null;
function pushUndo() {
  if (undoArmed) {
    S.undo.push(JSON.stringify(S.overrides));
    if (S.undo.length > 100) S.undo.shift();
    undoArmed = false;
    $("#btn-undo").disabled = false;
  }
  clearTimeout(undoTimer);
  undoTimer = setTimeout(() => { undoArmed = true; }, 500);
}
function restore(ov) { S.overrides = ov; buildControls(); schedule(); }
function renderScenarios() {
  const ul = $("#scenarios");
  if (!S.scenarios.length) { ul.replaceChildren(el("li", { class: "hint" }, t("scenarios_none"))); return; }
  ul.replaceChildren(...S.scenarios.map((s, i) => el("li", {},
    el("span", { class: "swatch", style: `background:${SCENARIO_COLOURS[i % SCENARIO_COLOURS.length]}` }),
    el("span", { class: "nm", title: encodeParams(s.params) }, s.name),
    el("button", { onclick: () => { pushUndo(); restore({ ...s.params }); } }, t("load")),
    el("button", { onclick: () => { S.scenarios.splice(i, 1); renderScenarios(); schedule(); }, "aria-label": t("remove") }, "×"),
  )));
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
function outputsWanted() {
  const heads = HEADLINE.filter((o) => S.model.outputs.includes(o));
  return [...new Set([S.g1, S.g2, ...heads])];
}
function bandKey() {
  return JSON.stringify([S.overrides, [...new Set([S.g1, S.g2])], S.viewStart]);
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
  setText($("#baseline-label"), Object.keys(assumptionOverrides()).length ? t("modified_baseline") : t("baseline"));
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
      ...S.scenarios.map((s) => cached("/api/run", { params: s.params, outputs: band, start })),
    ]);
    if (my !== S.seq) return;
    // When ensembles are quick (a small model, or the kernel), wait a moment for this
    // state's band so that lines and band arrive in one redraw. The wait is at least 250 ms:
    // a band that runs whole (an assumption moved) takes twice a resumed one (a lever moved),
    // and drawing the lines alone first would delay the band by a whole redraw.
    const ensMs = S.lastEnsMs;
    if (ensMs !== null && ensMs < 400 && !(S.band && S.band.key === lineKey)) {
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
    scheduleLoops();
  } catch (e) {
    if (S.linesPending === lineKey) S.linesPending = null;
    if (my !== S.seq) return;
    window.doomloop.errors.push(String(e.message || e));
    notify();
    $("#status").textContent = `${t("error")}: ${e.message || e}`;
  }
}
function setText(node, text) { if (node.textContent !== text) node.textContent = text; }
function showStatus() {
  const parts = [];
  if (S.band && S.band.key === bandKey()) {
    const e = S.band.ens;
    parts.push(t("members", { n: e.members + (e.failed ? ` / ${e.members + e.failed}` : "") }));
  }
  else parts.push(t("band_updating"));
  const ms = window.doomloop.lastLatency;
  if (ms !== null) parts.push(t("ms", { ms: Math.round(ms) }));
  setText($("#status"), parts.join(" · "));
}
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
  if (S.bandDrawnKey === key) return;
  S.bandDrawnKey = key;
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
}
async function bandOnce() {
  const key = bandKey();
  if (S.band && S.band.key === key) return;
  let arrived;
  S.bandArrived = new Promise((r) => { arrived = r; });
  const t0 = performance.now();
  try {
    const ens = await cached("/api/ensemble", {
      params: S.overrides, outputs: [...new Set([S.g1, S.g2])], start: S.viewStart,
      members: S.model.live_members, seed: 1,
    });
    S.lastEnsMs = performance.now() - t0;
    S.band = { key, ens };
    arrived();
    if (key !== bandKey()) { bandDirty = true; return; } // moved meanwhile: fetch again
    if (S.bandDrawnKey === key) return; // the lines' redraw already showed it
    if (S.linesPending === key) return; // the lines, on their way, draw both: one redraw
    if (S.last) await draw(S.last);
    if (S.lastKey === key) bandShown(key);
    else showStatus();
  } catch (e) {
    arrived();
    window.doomloop.errors.push(String(e.message || e));
    notify();
    $("#status").textContent = `${t("error")}: ${e.message || e}`;
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
function scheduleLoops(delay = 1200) {
  clearTimeout(loopsTimer);
  // the last explanation stays, dimmed, until this state's arrives: the panel does not
  // collapse and grow again on every move
  if (S.loops && S.loops.state !== loopsKey() && !S.loops.stale) { S.loops = { ...S.loops, stale: true }; renderWhy(); }
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
      if (++loopsTries <= 10) { scheduleLoops(5000); return; } // still being analysed
      S.loops = { error: String(e.message || e), state };
      renderWhy();
    }
  }, delay);
}
function renderWhy() {
  const ul = $("#why");
  ul.classList.toggle("stale", !!(S.loops && S.loops.stale));
  if (!S.loops) { ul.replaceChildren(el("li", { class: "hint" }, t("why_loading"))); return; }
  if (S.loops.error) { ul.replaceChildren(el("li", {}, `${t("error")}: ${S.loops.error}`)); return; }
  if (S.loops.status === "pending") { ul.replaceChildren(el("li", { class: "hint" }, t("why_pending"))); return; }
  if (!S.loops.periods.length) { ul.replaceChildren(el("li", {}, t("why_none"))); return; }
  const info = Object.fromEntries(S.loops.loops.map((l) => [l.id, l]));
  const told = new Set(); // each loop's story once, where it first dominates
  ul.replaceChildren(...S.loops.periods.map((p) => {
    const li = el("li", {}, S.lang === "ja" ? p.text_ja : p.text_en);
    for (const id of p.loops) {
      if (told.has(id)) continue;
      told.add(id);
      const l = info[id];
      const d = l && (S.lang === "ja" ? l.description_ja || l.description : l.description);
      if (d) li.append(el("div", { class: `hint kind-${l.kind}` }, d));
    }
    return li;
  }));
  if (S.loops.scope === "baseline") ul.append(el("li", { class: "hint" }, t("why_baseline_note")));
  if (S.loops.stale) ul.prepend(el("li", { class: "hint updating" }, t("why_updating")));
}

// -- drawing -----------------------------------------------------------------------------------------
function traces(name, d) {
  const out = [];
  const ens = S.band && S.band.ens;
  const b = ens && ens.bands[name];
  if (b) { // one closed polygon: p95 forward, p5 backward; faint while it is being updated
    const fresh = S.band.key === bandKey();
    out.push({ x: [...ens.years, ...[...ens.years].reverse()], y: [...b.p95, ...[...b.p5].reverse()],
      mode: "lines", line: { width: 0, simplify: false }, fill: "toself",
      fillcolor: fresh ? "rgba(31,95,209,0.18)" : "rgba(31,95,209,0.07)",
      name: fresh ? t("band") : t("band_updating"), hoverinfo: "skip" });
  }
  const baseName = Object.keys(assumptionOverrides()).length ? t("modified_baseline") : t("baseline");
  out.push({ x: d.base.years, y: d.base.series[name], mode: "lines", line: { color: "#000", width: 2, simplify: false }, name: baseName });
  d.scen.forEach((s, i) => {
    if (!s.series[name] || !S.scenarios[i]) return;
    out.push({ x: s.years, y: s.series[name], mode: "lines", name: S.scenarios[i].name,
      line: { color: SCENARIO_COLOURS[i % SCENARIO_COLOURS.length], width: 1.8, dash: "dash", simplify: false } });
  });
  out.push({ x: d.cur.years, y: d.cur.series[name], mode: "lines", line: { color: BLUE, width: 2.5, simplify: false }, name: t("current") });
  return out;
}
function layout(name, range) {
  const lay = {
    title: { text: outLabel(name), font: { size: 14 } },
    margin: { l: 55, r: 10, t: 34, b: 30 },
    xaxis: { range: [S.viewStart, S.model.stop] },
    yaxis: { range },
    legend: { orientation: "h", y: -0.12 },
    hovermode: "x unified",
    font: { family: "system-ui, 'Hiragino Sans', 'Noto Sans JP', sans-serif" },
    showlegend: true,
  };
  if (SOVEREIGNTY.includes(name)) {
    lay.shapes = [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: THRESHOLD, y1: THRESHOLD, line: { dash: "dot", color: "#17803d", width: 1 } }];
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
  for (const t of tr) for (const y of t.y) if (Number.isFinite(y)) { if (y < lo) lo = y; if (y > hi) hi = y; }
  if (hi === lo) return [lo - 1, hi + 1];
  if (prev && lo >= prev[0] && hi <= prev[1] && hi - lo >= 0.5 * (prev[1] - prev[0])) return prev;
  const pad = 0.05 * (hi - lo);
  return [lo < 0 ? -roundUp(pad - lo) : lo, hi > 0 ? roundUp(hi + pad) : hi];
}
function roundUp(x) { // x > 0, up to a multiple of a quarter of its power of ten
  const q = 10 ** Math.floor(Math.log10(x)) / 4;
  return Math.ceil(x / q - 1e-9) * q;
}
// What a redraw by Plotly.animate cannot change: the traces' count, names and styles, the
// layout's texts and x range.
function shape(name, tr) {
  return JSON.stringify([name, S.lang, S.viewStart, tr.map((t) => [t.name, t.fillcolor, t.line])]);
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
async function drawNow(d) {
  const cfg = { responsive: true, displaylogo: false };
  const jobs = [];
  for (const [id, name] of [["g1", S.g1], ["g2", S.g2]]) {
    const gd = document.getElementById(id);
    const tr = traces(name, d);
    const sig = shape(name, tr);
    const same = gd.dataset.shape === sig && gd.data;
    const prev = same ? gd.layout.yaxis.range : null;
    const range = yRange(name, tr, prev);
    if (same) {
      const frame = { data: tr, traces: tr.map((_, i) => i) };
      if (range !== prev) frame.layout = { yaxis: { range } }; // else the axes stay as drawn
      jobs.push(Plotly.animate(gd, frame, SWAP));
      continue;
    }
    gd.dataset.shape = sig;
    const after = gd.on ? plotted(gd) : Promise.resolve(); // first plot: react resolves after it
    jobs.push(Plotly.react(gd, tr, layout(name, range), cfg));
    jobs.push(after);
  }
  await Promise.all(jobs);
}
function valueAt(run, name, year) {
  const i = run.years.indexOf(year);
  const s = run.series[name];
  return s ? (i >= 0 ? s[i] : s[s.length - 1]) : null;
}
function firstYear(run, name) {
  const s = run.series[name] || [];
  const i = s.findIndex((v) => v >= THRESHOLD);
  return i < 0 ? null : run.years[i];
}
function renderHeadline(d) {
  const root = $("#headline");
  const end = d.cur.years[d.cur.years.length - 1];
  const cards = [];
  for (const name of HEADLINE) {
    if (!d.cur.series[name]) continue;
    const v = valueAt(d.cur, name, end), b = valueAt(d.base, name, end);
    const card = el("div", { class: "card", "data-output": name }, el("h3", {}, outLabel(name)));
    if (SOVEREIGNTY.includes(name)) {
      // The verdict is the index in the last year shown (achieved at >= THRESHOLD); the
      // first year it reached it is told apart, since an index can rise and fall again.
      const ok = v !== null && v >= THRESHOLD, bok = b !== null && b >= THRESHOLD;
      const y = firstYear(d.cur, name);
      card.append(
        el("div", { class: "v" }, `${fmt(v)} `, el("span", { class: `verdict ${ok ? "ok" : "no"}` },
          ok ? t("achieved") : t("not_achieved"))),
        el("div", { class: "b" }, `${t("in_year", { year: end })}${y !== null ? " · " + t("first_reached", { year: y }) : ""}`
          + ` · ${t("baseline_short")}: ${fmt(b)} (${bok ? t("achieved") : t("not_achieved")})`),
      );
    } else {
      card.append(el("div", { class: "v" }, fmt(v)),
        el("div", { class: "b" }, `${t("in_year", { year: end })} · ${t("baseline_short")}: ${fmt(b)}`));
    }
    card.onclick = () => { S.g2 = name; $("#sel-g2").value = name; schedule(); };
    cards.push(card);
  }
  const sig = cards.map((c) => c.outerHTML).join("");
  if (root.dataset.sig === sig) return; // unchanged: no new layout
  root.dataset.sig = sig;
  root.replaceChildren(...cards);
}

// -- export -------------------------------------------------------------------------------------------
function csvText() {
  const d = S.last;
  if (!d) return "";
  const cols = [];
  for (const name of [...new Set([S.g1, S.g2])]) {
    cols.push([`${name} baseline`, d.base.years, d.base.series[name]]);
    cols.push([`${name} current`, d.cur.years, d.cur.series[name]]);
    const ens = S.band && S.band.ens;
    const b = ens && ens.bands[name];
    if (b) for (const q of ["p5", "p50", "p95"]) cols.push([`${name} ${q}`, ens.years, b[q]]);
    d.scen.forEach((s, i) => S.scenarios[i] && s.series[name] && cols.push([`${name} ${S.scenarios[i].name}`, s.years, s.series[name]]));
  }
  const years = d.cur.years;
  const quote = (s) => `"${String(s).replace(/"/g, '""')}"`;
  const lines = [["year", ...cols.map((c) => quote(c[0]))].join(",")];
  for (const y of years) {
    lines.push([y, ...cols.map(([, ys, vs]) => { const i = ys.indexOf(y); return i < 0 ? "" : vs[i]; })].join(","));
  }
  lines.push("", `# parameters,${quote(encodeParams(S.overrides))}`, `# link,${quote(location.href)}`);
  return lines.join("\n");
}
function exportCSV() {
  const text = csvText();
  if (!text) return;
  const a = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv" })), download: "doomloop.csv" });
  document.body.append(a); a.click(); a.remove();
}
window.doomloop.csvText = csvText;
function exportPNG() {
  for (const [id, name] of [["g1", S.g1], ["g2", S.g2]]) {
    Plotly.downloadImage(document.getElementById(id), { format: "png", width: 1000, height: 500, filename: `doomloop-${name}` });
  }
}

// -- start --------------------------------------------------------------------------------------------
async function init() {
  const [en, ja, models, params, shipped] = await Promise.all([
    api("/static/i18n/en.json"), api("/static/i18n/ja.json"), api("/api/models"), api("/api/parameters"),
    api("/api/scenarios").catch(() => ({ scenarios: [] })),
  ]);
  S.shipped = shipped.scenarios;
  S.movesReady = params.moves_most_ready;
  S.i18n = { en, ja };
  S.model = models.models.find((m) => m.served);
  S.params = params.parameters;
  S.byName = Object.fromEntries(S.params.map((p) => [p.name, p]));
  const outs = S.model.outputs;
  const keys = S.model.key_outputs.length ? S.model.key_outputs : outs;
  const prof = S.model.profile || {};
  S.levers = prof.declared ? leverIndex(prof) : {}; // a fallback profile: the table's own
  SOVEREIGNTY = prof.verdict_outputs || [];
  THRESHOLD = prof.threshold ?? THRESHOLD;
  HEADLINE = ((prof.views || {}).cards || []).filter((o) => outs.includes(o));
  const first = ((prof.views || {}).page || []).filter((o) => outs.includes(o));
  S.g1 = first[0] ?? keys[0];
  S.g2 = first[1] ?? keys[Math.min(1, keys.length - 1)];
  S.viewStart = S.model.view_start;
  if (!navigator.language.startsWith("ja")) S.lang = "en"; else S.lang = "ja";
  readURL();
  $("#model-name").textContent = S.model.name;
  $("#btn-lang").onclick = () => { S.lang = S.lang === "en" ? "ja" : "en"; applyLang(); writeURL(); };
  $("#btn-undo").onclick = () => {
    if (!S.undo.length) return;
    restore(JSON.parse(S.undo.pop()));
    $("#btn-undo").disabled = S.undo.length === 0;
  };
  $("#btn-reset").onclick = () => { pushUndo(); undoArmed = true; restore({}); };
  $("#btn-save").onclick = () => {
    const name = (window.prompt(t("scenario_prompt"), `${t("scenario_default")} ${S.scenarios.length + 1}`) || "").trim();
    if (!name) return;
    S.scenarios.push({ name: name.replace(/[~;]/g, " ").slice(0, 60), params: { ...S.overrides } });
    renderScenarios();
    schedule();
  };
  $("#btn-share").onclick = async () => {
    writeURL();
    try { await navigator.clipboard.writeText(location.href); } catch (e) { /* not permitted: the URL bar has it */ }
    $("#status").textContent = t("link_copied");
  };
  $("#btn-csv").onclick = exportCSV;
  const sel = $("#shipped");
  sel.hidden = !S.shipped.length;
  sel.onchange = () => {
    const sc = S.shipped.find((x) => x.name === sel.value);
    sel.value = "";
    if (!sc || S.scenarios.some((x) => x.name === sc.name)) return;
    S.scenarios.push({ name: sc.name, params: { ...sc.assumptions, ...sc.policy } });
    renderScenarios();
    schedule();
  };
  $("#btn-png").onclick = exportPNG;
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
