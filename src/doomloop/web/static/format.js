/* doomloop web page: words and numbers as people read them (English and Japanese).
 * Plain numbers (no e-notation), Japanese number units (万, 億, 兆), display units and scales
 * from the model's display data (GET /api/display). Loaded before app.js. */
"use strict";

const FMT = {
  lang: "en",
  i18n: { en: {}, ja: {} },
  display: { levers: [], assumptions: [], graphs: [], layers: [], scenarios: [], country: null },
  byDisplay: {}, // parameter name -> curated lever, assumption or timing entry
  byGraph: {}, // output name -> how it is shown: name, unit, scale (the profile's)
};

function t(key, vars = {}) {
  let s = FMT.i18n[FMT.lang][key] ?? FMT.i18n.en[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(v);
  return s;
}
function has(key) { return key in FMT.i18n[FMT.lang] || key in FMT.i18n.en; }
function pick(obj) { // {en, ja} -> the page's language
  if (obj === null || obj === undefined) return "";
  if (typeof obj !== "object") return obj;
  return obj[FMT.lang] ?? obj.en ?? "";
}

// A number rounded to *sig* significant digits, written out in full: 0.000833, 12,900,
// 3.4 billion / 34億. Never e-notation. The page's one writer of Japanese number units (万, 億,
// 兆): cards, sliders, sentences, and the graphs' ticks and hover text.
const JA_UNITS = [[1e12, "兆"], [1e8, "億"], [1e4, "万"]];
const EN_WORDS = [[1e12, " trillion"], [1e9, " billion"], [1e6, " million"]];
function plain(v, sig = 3) {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  if (v === 0) return "0";
  const r = round(v, sig); // rounded first: 9,999 is 1万 (not 10,000), 999,999 100万
  const loc = FMT.lang === "ja" ? "ja-JP" : "en-US";
  for (const [size, word] of FMT.lang === "ja" ? JA_UNITS : EN_WORDS) {
    if (Math.abs(r) >= size) return digits(round(r / size, sig), sig, loc) + word;
  }
  return digits(r, sig, loc);
}
function round(v, sig) { return Number(Number(v).toPrecision(sig)); }
// A number already rounded to *sig* digits, with its thousands separators and no more
// decimals than those digits; the formats are kept (a graph's hover text writes hundreds).
const NUMBER_FORMATS = new Map();
function digits(r, sig, loc) {
  const n = Math.min(12, Math.max(0, sig - 1 - Math.floor(Math.log10(Math.abs(r) || 1))));
  const key = `${loc} ${n}`;
  let f = NUMBER_FORMATS.get(key);
  if (!f) { f = new Intl.NumberFormat(loc, { maximumFractionDigits: n }); NUMBER_FORMATS.set(key, f); }
  return f.format(r);
}
// A Japanese display unit that counts in 万, 億 or 兆 of the model's unit ("万人" at scale
// 1e4, "億ドル/年" at 1e8) is written by plain() instead: the value in the model's unit with
// the rest of the display unit: "1.2億人" (not "1.2万万人"), "3,000人", "1.5兆ドル/年". Other
// specs (and English) as they are.
function countedIn(spec) {
  if (FMT.lang !== "ja" || !spec.unit) return spec;
  const hit = JA_UNITS.find(([size, word]) => spec.unit.startsWith(word) && spec.scale === size);
  return hit ? { ...spec, unit: spec.unit.slice(hit[1].length), scale: 1 } : spec;
}
// Model units as words, for parameters and outputs without curated display data: "dmnl"
// (a ratio) is no unit at all; others are read token by token ("people/year" -> "人/年").
function unitWords(u) {
  if (!u || u === "dmnl" || u === "1") return "";
  return u.split("/").map((w) => (w === "dmnl" ? "" : has("unit." + w) ? t("unit." + w) : w)).join("/");
}

// The display spec of a parameter or an output: label, unit and scale in the page's language.
function humanize(name) {
  const s = String(name).replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
// A loop's polarity as a mark (shape as well as colour): a circle arrow, a balance, a dot.
function polaritySymbol(kind) { return kind === "reinforcing" ? "⟳" : kind === "balancing" ? "⇌" : "•"; }
// Free text from the parameter table (notes, sources) with its variable names told in words:
// "once capability_ratio reaches this" -> "once Capability relative to the frontier reaches this",
// and its e-notation written as powers of ten: "2.1e25 FLOP" -> "2.1×10²⁵ FLOP".
const SUPERSCRIPT = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };
function plainText(text) {
  return String(text || "").replace(/\b(\d+(?:\.\d+)?)e\+?(-?\d+)\b/gi,
    (_, m, e) => `${m}×10${[...String(Number(e))].map((c) => SUPERSCRIPT[c]).join("")}`,
  ).replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (w) => {
    if (FMT.byGraph[w]) return pick(FMT.byGraph[w]);
    if (FMT.byDisplay[w] && FMT.byDisplay[w].en) return pick(FMT.byDisplay[w]);
    if (has("out." + w)) return t("out." + w);
    return w.replace(/_/g, " ");
  });
}
function plainMeaning(note) { // a parameter's note, up to its first sentence, as a name
  const s = plainText(note).split(/(?<=[a-z0-9)])\. |\. \(|; /)[0].replace(/\.$/, "").trim();
  return s.length > 90 ? s.slice(0, 88) + "…" : s;
}
// The parameter table's Japanese (names, notes) as Japanese text writes it: a number's
// percent full-width, 5〜95％ (tests/web/test_japanese_punctuation.py lists the notes that
// still write 5〜95%).
function jaText(text) { return String(text).replace(/%/g, "％"); }
function paramSpec(p) {
  const d = FMT.byDisplay[p.name];
  if (d) { // a calendar year (a start year) is shown as it is: 2026, not "2,030"
    const year = p.units === "year" && Math.abs(p.value) > 1000;
    return { label: pick(d), unit: pick(d.unit), scale: pick(d.scale) || 1, curated: true, year };
  }
  const label = FMT.lang === "ja" && p.name_ja ? jaText(p.name_ja) : plainMeaning(p.meaning) || humanize(p.name);
  if (p.units === "year" && Math.abs(p.value) > 1000) return { label, unit: "", scale: 1, year: true };
  return { label, unit: unitWords(p.units), scale: 1 };
}
function outSpec(name, units = "") {
  const g = FMT.byGraph[name];
  if (g) return { label: pick(g), unit: pick(g.unit), scale: pick(g.scale) || 1 };
  return { label: has("out." + name) ? t("out." + name) : humanize(name), unit: unitWords(units), scale: 1 };
}
// "80 % of US pay" / "80％（米国比）": a value in model units, shown in display units.
function withUnit(v, spec, sig = 3) {
  if (spec.year) return FMT.lang === "ja" ? `${Math.round(v)}年` : String(Math.round(v));
  spec = countedIn(spec);
  const n = plain(v / spec.scale, sig);
  if (!spec.unit) return n;
  if (FMT.lang === "ja") return n + spec.unit;
  return /^[%×]/.test(spec.unit) ? `${n}${spec.unit.startsWith("%") ? "" : " "}${spec.unit}` : `${n} ${spec.unit}`;
}

// The Plotly toolbar in Japanese (Plotly ships no Japanese locale with the Python package).
const PLOTLY_JA = {
  "Download plot as a PNG": "PNG画像として保存",
  "Download plot": "グラフを保存",
  "Zoom": "拡大範囲を選択",
  "Pan": "移動",
  "Zoom in": "拡大",
  "Zoom out": "縮小",
  "Autoscale": "自動で範囲を合わせる",
  "Reset axes": "軸を元に戻す",
  "Reset": "元に戻す",
  "Produced with Plotly.js": "Plotly.jsで作成",
  "Double-click to zoom back out": "ダブルクリックで元の表示に戻ります",
  "Double-click on legend to isolate one trace": "凡例をダブルクリックすると1本だけ表示します",
  "Click to enter Colorscale title": "クリックして色の凡例の題を入力",
  "Click to enter X axis title": "クリックして横軸の題を入力",
  "Click to enter Y axis title": "クリックして縦軸の題を入力",
  "Click to enter Plot title": "クリックしてグラフの題を入力",
  "Taking snapshot - this may take a few seconds": "画像を作成しています。数秒かかることがあります",
  "Snapshot succeeded": "画像を作成しました",
  "Sorry, there was a problem downloading your snapshot!": "画像を保存できませんでした",
};
