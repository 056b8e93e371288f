// report.html's charts: reads the inlined JSON and draws each <figure data-chart> with uPlot.
// Opened with #selftest, it checks itself and appends the result as JSON in a pre element (id selftest).
"use strict";

const errors = [];
window.addEventListener("error", e => errors.push(String(e.message)));
const consoleError = console.error;
console.error = (...args) => { errors.push(args.map(String).join(" ")); consoleError.apply(console, args); };

const data = JSON.parse(document.getElementById("data").textContent);
const plots = [];            // {kind, id, plot, toggles}

function width(fig) {
  return Math.max(320, Math.min(fig.parentElement.clientWidth || 900, 1100) - 8);
}

// "99.9%" for 1/(1-p) = 1000.
function percentileLabel(x) {
  if (x <= 1) return "0%";
  const p = 100 * (1 - 1 / x);
  const digits = Math.max(0, Math.round(Math.log10(x)) - 2);
  return p.toFixed(digits) + "%";
}

function ms(v) {
  if (v == null) return "–";
  if (v === 0) return "0";
  if (v < 1) return (v * 1000).toPrecision(3) + " µs";
  if (v < 1000) return v.toPrecision(3) + " ms";
  return (v / 1000).toPrecision(3) + " s";
}

// Powers of ten inside the scale: the ticks of a log axis that a reader can name (90 %, 99 %, 99.9 %).
function decades(u, axisIdx, min, max) {
  const out = [];
  for (let d = 1; d <= max * 1.0001; d *= 10) if (d >= min * 0.9999) out.push(d);
  return out;
}

function count(v) {
  if (v == null) return "–";
  if (v >= 1e6) return (v / 1e6).toPrecision(3) + "M";
  if (v >= 1e3) return (v / 1e3).toPrecision(3) + "k";
  return String(Math.round(v));
}

function latencyChart(fig, c) {
  const series = [{ label: "percentile", value: (u, v) => v == null ? "–" : percentileLabel(v) }];
  const ys = [c.x];
  const toggles = [];
  for (const s of c.series) {
    series.push({ label: s.model + (c.open ? " corrected" : ""), stroke: s.colour, width: 2, points: { show: false },
                  value: (u, v) => ms(v) });
    ys.push(s.corrected);
    if (s.uncorrected) {
      toggles.push({ model: s.model, index: series.length });
      series.push({ label: s.model + " uncorrected", stroke: s.colour, width: 1.5, dash: [6, 4], show: false,
                    points: { show: false }, value: (u, v) => ms(v) });
      ys.push(s.uncorrected);
    }
  }
  const plot = new uPlot({
    width: width(fig), height: 320, series,
    scales: { x: { time: false, distr: 3, log: 10 } },
    axes: [
      { splits: decades, values: (u, vals) => vals.map(percentileLabel), label: "percentile (spread on 1/(1−p))" },
      { values: (u, vals) => vals.map(ms), label: "latency", size: 70 },
    ],
    legend: { live: false },
  }, ys, fig);
  // One checkbox per model shows its uncorrected series (in closed loop, the same samples); the
  // legend keeps to the models, so hidden series do not crowd it.
  const legendRows = plot.root.querySelectorAll(".u-legend .u-series");
  const offset = legendRows.length === series.length ? 0 : 1;     // without live values the x row is left out
  for (const t of toggles) if (legendRows[t.index - offset]) legendRows[t.index - offset].style.display = "none";
  if (toggles.length) {
    const bar = document.createElement("div");
    bar.className = "toggles";
    bar.append(c.open ? "uncorrected (from the actual send): " : "uncorrected (closed loop: the same samples): ");
    for (const t of toggles) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.dataset.series = t.index;
      box.addEventListener("change", () => plot.setSeries(t.index, { show: box.checked }));
      label.append(box, " " + t.model);
      bar.append(label);
    }
    fig.append(bar);
  }
  return { plot, toggles };
}

function timeChart(fig, c, part) {
  const rps = part === "rps";
  const series = [{ label: "second", value: (u, v) => v == null ? "–" : (v < 0 ? "warm-up " : "") + v + " s" }];
  const ys = [c.x];
  for (const s of c.series) {
    series.push({ label: s.label, stroke: s.colour, width: 1.5, points: { show: true, size: 4 },
                  value: (u, v) => rps ? count(v) : ms(v) });
    ys.push(rps ? s.rps : s.p99);
  }
  const shadeWarmup = u => {
    const left = u.valToPos(Math.min(...c.x), "x", true);
    const zero = u.valToPos(0, "x", true);
    if (c.x.length && c.x[0] < 0 && zero > u.bbox.left) {
      const ctx = u.ctx;
      ctx.save();
      ctx.fillStyle = "rgba(128,128,128,0.15)";
      ctx.fillRect(Math.max(u.bbox.left, left), u.bbox.top, zero - Math.max(u.bbox.left, left), u.bbox.height);
      ctx.restore();
    }
  };
  const plot = new uPlot({
    width: width(fig), height: 260, series,
    scales: { x: { time: false } },
    axes: [
      { label: "second of the run (negative: warm-up)", incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600] },
      { values: (u, vals) => vals.map(rps ? count : ms), label: rps ? "req/s" : "p99", size: 70 },
    ],
    hooks: { drawClear: [shadeWarmup] },
    legend: { live: false },
  }, ys, fig);
  return { plot, toggles: [] };
}

// req/s against connections, or (part "p99") the corrected p99 on a log scale: at a fixed open-loop
// rate req/s stays flat by design and the tail is what moves, often by orders of magnitude.
function throughputChart(fig, c, part) {
  const p99 = part === "p99";
  const fmt = p99 ? ms : count;
  const series = [{ label: "connections", value: (u, v) => v == null ? "–" : count(v) }];
  const ys = [c.x];
  for (const s of c.series) {
    series.push({ label: s.model, stroke: s.colour, width: 2, points: { show: true, size: 7 }, value: (u, v) => fmt(v) });
    ys.push(p99 ? s.p99 : s.rps);
  }
  const spread = c.x.length > 1 && c.x[c.x.length - 1] / c.x[0] > 10;
  const plot = new uPlot({
    width: width(fig), height: 280, series,
    scales: { x: spread ? { time: false, distr: 3, log: 10 } : { time: false },
              y: p99 ? { distr: 3, log: 10 } : {} },
    axes: [
      { label: "connections", values: (u, vals) => vals.map(count), splits: spread ? decades : undefined },
      { values: (u, vals) => vals.map(fmt), label: p99 ? "p99, corrected (median over repeats)" : "req/s (median over repeats)", size: 70 },
    ],
    legend: { live: false },
  }, ys, fig);
  return { plot, toggles: [] };
}

for (const fig of document.querySelectorAll("figure[data-chart]")) {
  const id = fig.dataset.chart;
  const c = data.charts[id];
  if (!c) { errors.push("no data for chart " + id); continue; }
  if (c.kind === "time" && c.series.length === 0) {
    fig.append(Object.assign(document.createElement("p"), { className: "small",
      textContent: "No per-second figures: these runs were recorded before load kept them, or by another tool." }));
    continue;
  }
  if (c.kind === "throughput" && c.x.length < 2) {
    if (fig.dataset.part === "p99") { fig.remove(); continue; }   // the req/s figure already says why
    fig.append(Object.assign(document.createElement("p"), { className: "small",
      textContent: "One connection count (" + c.x.join(", ") + "): nothing to draw against. "
        + "compare --connections 100,1000,10000 draws req/s against connections." }));
    continue;
  }
  const made = c.kind === "latency" ? latencyChart(fig, c)
             : c.kind === "time" ? timeChart(fig, c, fig.dataset.part)
             : throughputChart(fig, c, fig.dataset.part);
  plots.push({ kind: c.kind, id, ...made });
}

// ---- self-test: what a browser test reads back through the DOM --------------------------------

function canvasSum(plot) {
  const px = plot.ctx.getImageData(0, 0, plot.ctx.canvas.width, plot.ctx.canvas.height).data;
  let sum = 0;
  for (let i = 0; i < px.length; i += 4) sum = (sum * 31 + px[i] + px[i + 1] * 3 + px[i + 2] * 7 + px[i + 3]) % 1000000007;
  return sum;
}

const frame = () => new Promise(r => setTimeout(r, 50));

async function selfTest() {
  await frame();
  const result = {
    charts: plots.length,
    byKind: plots.reduce((m, p) => (m[p.kind] = (m[p.kind] || 0) + 1, m), {}),
    series: plots.map(p => p.plot.series.length - 1),
    shown: plots.map(p => p.plot.series.filter((s, i) => i > 0 && s.show).length),
    legend: plots.length ? [...plots[0].plot.root.querySelectorAll(".u-legend .u-series")]
      .filter(r => r.style.display !== "none").map(r => r.textContent.trim()) : [],
  };
  const latency = plots.find(p => p.kind === "latency" && p.toggles.length);
  if (latency) {
    const box = latency.plot.root.parentElement.querySelector("input[data-series]");
    const before = { shown: latency.plot.series.filter((s, i) => i > 0 && s.show).length, pixels: canvasSum(latency.plot) };
    box.click();
    await frame();
    const after = { shown: latency.plot.series.filter((s, i) => i > 0 && s.show).length, pixels: canvasSum(latency.plot) };
    result.toggle = { chart: latency.id, before, after, pixelsChanged: before.pixels !== after.pixels };
    box.click();
    await frame();
  }
  result.errors = errors;
  const pre = document.createElement("pre");
  pre.id = "selftest";
  pre.textContent = JSON.stringify(result);
  document.body.append(pre);
}

if (location.hash === "#selftest") selfTest().catch(e => errors.push(String(e)));
