/* Labelwatch status page: polls /api/v1 and draws control charts as inline SVG. No dependencies. */
(function () {
  "use strict";
  var POLL_MS = 5000;
  var state = { selected: null, charts: [], details: {}, focus: focusFromQuery(), scrolled: false };

  /* The Slack notifier links to /?chart=<chart_key>&alert=<alert_id>: that chart and alert are highlighted. */
  function focusFromQuery() {
    var q = new URLSearchParams(window.location.search);
    return { chart: q.get("chart"), alert: q.get("alert") };
  }
  var METRIC_RANK = { AGREEMENT: 0, GOLD_ACCURACY: 1, ERROR_RATE: 2 };
  function metricOf(c) { return c.metric || "ERROR_RATE"; }
  /* Alpha is a coefficient in [-1, 1], shown as a number; rates and accuracies as percentages. */
  function alphaFmt(v) { return v == null || isNaN(v) ? "–" : Number(v).toFixed(3); }
  function valueFmt(metric) { return metric === "AGREEMENT" ? alphaFmt : pct; }

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function pct(v) { return v == null || isNaN(v) ? "–" : (v * 100).toFixed(v < 0.1 ? 2 : 1) + " %"; }
  function phase(p) { return p === "PHASE_II" ? "Phase II" : "Phase I"; }
  function when(ms) { return ms == null ? "–" : new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC"; }
  function chartPath(c) {
    return "/api/v1/charts/" + encodeURIComponent(c.pipeline) + "/" + encodeURIComponent(c.class_label || "*") +
      "?metric=" + encodeURIComponent(metricOf(c));
  }

  function get(path) {
    return fetch(path, { headers: { Accept: "application/json" } }).then(function (r) {
      if (r.status === 503) throw new Error("rebalancing");
      if (!r.ok) return r.json().then(function (b) { var e = new Error(b.error || r.status); e.status = r.status; throw e; });
      return r.json();
    });
  }

  /* A control chart: limit band, centre line, points; signals red, windows below the minimum sample hollow. */
  function controlChart(points, width, height, metric) {
    var fmt = valueFmt(metric), alpha = metric === "AGREEMENT";
    var pad = { l: 40, r: 8, t: 8, b: 18 };
    var root = svg("svg", { viewBox: "0 0 " + width + " " + height, class: "chart", role: "img" });
    if (!points.length) return root;
    var vals = [];
    points.forEach(function (p) { [p.value, p.lcl, p.ucl, p.center].forEach(function (v) { if (v != null) vals.push(v); }); });
    if (!vals.length) return root;
    var floor = alpha ? -1 : 0;
    var lo = Math.max(floor, Math.min.apply(null, vals)), hi = Math.max.apply(null, vals);
    if (hi - lo < 1e-6) { hi = lo + 0.01; }
    /* Rates, accuracies and alpha are at most 1: a limit beyond it is drawn at the edge. */
    hi = Math.min(1, hi);
    if (hi - lo < 1e-6) { lo = hi - 0.01; }
    var span = hi - lo; lo = Math.max(floor, lo - span * 0.08); hi = Math.min(1, hi + span * 0.08);
    var w = width - pad.l - pad.r, h = height - pad.t - pad.b;
    var n = points.length;
    function x(i) { return pad.l + (n === 1 ? w / 2 : (i * w) / (n - 1)); }
    function y(v) { return pad.t + h - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * h; }
    [lo, (lo + hi) / 2, hi].forEach(function (v) {
      root.appendChild(svg("line", { x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v), class: "grid-line" }));
      var t = svg("text", { x: pad.l - 5, y: y(v) + 3, "text-anchor": "end", class: "axis" });
      t.textContent = alpha ? v.toFixed(2) : (v * 100).toFixed(1) + "%";
      root.appendChild(t);
    });
    var upper = [], lower = [], ucl = [], lcl = [];
    points.forEach(function (p, i) {
      if (p.ucl != null && p.lcl != null) {
        upper.push(x(i) + "," + y(p.ucl)); lower.unshift(x(i) + "," + y(p.lcl));
        ucl.push(x(i) + "," + y(p.ucl)); lcl.push(x(i) + "," + y(p.lcl));
      }
    });
    if (upper.length) {
      root.appendChild(svg("polygon", { points: upper.concat(lower).join(" "), class: "band" }));
      root.appendChild(svg("polyline", { points: ucl.join(" "), class: "limit" }));
      root.appendChild(svg("polyline", { points: lcl.join(" "), class: "limit" }));
    }
    var centre = points[n - 1].center;
    if (centre != null) {
      root.appendChild(svg("line", { x1: pad.l, x2: width - pad.r, y1: y(centre), y2: y(centre), class: "centre" }));
    }
    var line = [];
    points.forEach(function (p, i) { if (p.value != null) line.push(x(i) + "," + y(p.value)); });
    root.appendChild(svg("polyline", { points: line.join(" "), class: "series" }));
    points.forEach(function (p, i) {
      if (p.value == null) return;
      var signal = p.signals && p.signals.length && !p.below_min_sample;
      var c = svg("circle", { cx: x(i), cy: y(p.value), r: signal ? 3.6 : 2.4,
        class: "pt" + (signal ? " signal" : "") + (p.below_min_sample ? " small" : "") });
      var tip = svg("title", {});
      tip.textContent = when(p.window_start) + "  " + fmt(p.value) + "  n=" + p.n +
        (signal ? "  signals: " + p.signals.join(", ") : "") + (p.below_min_sample ? "  (below minimum sample)" : "");
      c.appendChild(tip);
      root.appendChild(c);
    });
    var first = svg("text", { x: pad.l, y: height - 4, class: "axis" });
    first.textContent = when(points[0].window_start).slice(5, 16);
    var last = svg("text", { x: width - pad.r, y: height - 4, "text-anchor": "end", class: "axis" });
    last.textContent = when(points[n - 1].window_start).slice(5, 16);
    root.appendChild(first); root.appendChild(last);
    return root;
  }

  var TITLES = { AGREEMENT: "agreement (Krippendorff's α)", GOLD_ACCURACY: "gold accuracy" };
  var TYPES = { LANEY_P: "Laney p′", P: "p chart", INDIVIDUALS: "individuals", PROBABILITY: "probability limits" };

  function card(c, big) {
    var metric = metricOf(c), fmt = valueFmt(metric);
    var last = c.last_point || {};
    var detail = state.details[c.chart_key];
    var points = detail ? detail.points : [last];
    var signalled = last.signals && last.signals.length && !last.below_min_sample;
    var node = el("article", {
      class: "card" + (c.out_of_control ? " ooc" : "") + (state.selected === c.chart_key ? " selected" : "") +
        (state.focus.chart === c.chart_key ? " highlight" : ""),
      "data-chart-key": c.chart_key, "data-metric": metric, title: c.chart_key
    }, [
      el("div", { class: "head" }, [
        el("div", {}, [
          el("div", { class: "title", text: TITLES[metric] || c.class_label || "(all classes)" }),
          el("div", { class: "pipe", text: c.pipeline })
        ]),
        el("div", { class: "value" + (signalled || c.out_of_control ? " bad" : ""), text: fmt(last.value) })
      ]),
      el("div", { class: "meta" }, [
        el("span", { class: "tag" + (c.phase === "PHASE_II" ? " green" : " amber"), text: phase(c.phase) }),
        el("span", { class: "tag", text: TYPES[c.chart_type] || c.chart_type }),
        el("span", { class: "tag", text: "n " + (last.n == null ? "–" : last.n) }),
        el("span", { class: "tag", text: "centre " + fmt(last.center) }),
        c.out_of_control ? el("span", { class: "tag red", text: "out of control" }) : null,
        (c.firing_alerts || []).length ? el("span", { class: "tag red", text: c.firing_alerts.length + " firing" }) : null
      ]),
      controlChart(points, big ? 440 : 300, big ? 150 : 96, metric)
    ]);
    node.addEventListener("click", function () {
      if (metric !== "ERROR_RATE") {
        var row = document.querySelector('[data-agreement-pipeline="' + CSS.escape(c.pipeline) + '"]');
        if (row) row.scrollIntoView({ block: "center" });
        return;
      }
      state.selected = c.chart_key; render(); loadFunnel();
    });
    return node;
  }

  function render() {
    /* Out-of-control agreement and gold charts first: a pipeline-wide drop outranks one class. */
    var ooc = state.charts.filter(function (c) { return c.out_of_control; }).sort(function (a, b) {
      return METRIC_RANK[metricOf(a)] - METRIC_RANK[metricOf(b)] || (a.chart_key < b.chart_key ? -1 : 1);
    });
    var oocBox = $("ooc"); oocBox.replaceChildren();
    if (!ooc.length) oocBox.appendChild(el("div", { class: "empty", text: "Every chart is in control." }));
    ooc.forEach(function (c) { oocBox.appendChild(card(c, true)); });
    $("ooc-count").textContent = ooc.length ? String(ooc.length) : "";
    var all = $("charts"); all.replaceChildren();
    if (!state.charts.length) all.appendChild(el("div", { class: "empty", text: "No chart has a closed window yet." }));
    state.charts.forEach(function (c) { all.appendChild(card(c, false)); });
    $("all-count").textContent = state.charts.length ? String(state.charts.length) : "";
  }

  function renderAlerts(alerts) {
    var list = $("alerts"); list.replaceChildren();
    var firing = alerts.filter(function (a) { return a.status === "FIRING"; }).length;
    $("alert-count").textContent = alerts.length ? firing + " firing · " + (alerts.length - firing) + " resolved" : "";
    if (!alerts.length) list.appendChild(el("li", { class: "empty", text: "No alerts." }));
    alerts.forEach(function (a) {
      var who = a.subject ? " · " + a.subject : "";
      var metric = a.metric || "ERROR_RATE";
      /* A chart alert on agreement is about alpha; annotator alerts are on the agreement / accuracy rate scale. */
      var fmt = metric === "AGREEMENT" && a.scope !== "ANNOTATOR" ? alphaFmt : pct;
      var focused = state.focus.alert === a.alert_id;
      list.appendChild(el("li", { class: "alert " + a.status.toLowerCase() + (focused ? " highlight" : ""),
        "data-alert-id": a.alert_id, "data-metric": metric }, [
        el("div", { class: "row" }, [
          el("span", { class: "status " + a.status, text: a.status }),
          el("span", { class: "where", text: (a.class_label || "*") + " · " + a.pipeline + who }),
          el("span", { class: "tag", text: { AGREEMENT: "agreement", GOLD_ACCURACY: "gold accuracy" }[metric] || "error rate" }),
          el("span", { class: "tag", text: a.scope === "ANNOTATOR" ? "annotator" : "chart" }),
          el("span", { class: "tag" + (a.cause === "SYSTEMIC" ? " amber" : a.cause === "LOCALIZED" ? " red" : ""), text: a.cause }),
          el("span", { class: "tag", text: a.severity }),
          a.acked_by ? el("span", { class: "tag green", text: "acked by " + a.acked_by }) : null
        ]),
        el("div", { class: "summary-line", text: a.summary }),
        el("div", { class: "small", text: "window " + when(a.window_start) + " · observed " + fmt(a.observed) +
          " · centre " + fmt(a.center) + " · limits " + fmt(a.lcl) + " to " + fmt(a.ucl) + " · n " + a.n + " · " +
          (a.rules || []).join(", ") + " · " + a.alert_id })
      ]));
    });
  }

  function loadFunnel() {
    var chart = state.charts.filter(function (c) { return c.chart_key === state.selected; })[0];
    if (!chart) return;
    $("funnel-title").textContent = (chart.class_label || "*") + " · " + chart.pipeline;
    get("/api/v1/annotators/" + encodeURIComponent(chart.pipeline) + "/funnel").then(function (f) {
      var mine = f.charts.filter(function (c) { return c.chart_key === chart.chart_key; })[0];
      var box = $("funnel"); box.replaceChildren();
      if (!mine) {
        box.appendChild(el("p", { class: "muted", text: "No funnel yet: funnels are drawn for windows of charts in Phase II." }));
        return;
      }
      box.appendChild(el("p", { class: "muted", text: "Window " + when(mine.window_start) + " · centre " + pct(mine.center) +
        " · " + mine.annotators.length + " annotators" }));
      box.appendChild(funnelPlot(mine));
      var rows = mine.annotators.slice().sort(function (a, b) { return (b.z_score || 0) - (a.z_score || 0); }).slice(0, 12);
      var table = el("table", {}, [el("tr", {}, ["annotator", "n", "defects", "rate", "upper", "outlier"].map(function (h, i) {
        return el("th", { class: i && i < 5 ? "num" : "", text: h });
      }))]);
      rows.forEach(function (a) {
        table.appendChild(el("tr", { class: a.outlier === "HIGH" ? "high" : "" }, [
          el("td", { text: a.annotator }), el("td", { class: "num", text: String(a.n) }),
          el("td", { class: "num", text: String(a.defects) }), el("td", { class: "num", text: pct(a.rate) }),
          el("td", { class: "num", text: pct(a.upper) }), el("td", { text: a.outlier === "NONE" ? "" : a.outlier })
        ]));
      });
      box.appendChild(table);
    }).catch(function (e) {
      var box = $("funnel"); box.replaceChildren(el("p", { class: "muted", text: "Funnel unavailable: " + e.message }));
    });
  }

  /*
   * Funnel plot: each annotator's rate against its n, and the funnel limits centre ± k·√(c(1−c)/n) drawn as curves,
   * with k read back from the limits the API gives (so an overdispersion-adjusted funnel is drawn as computed).
   */
  function funnelPlot(f) {
    var width = 560, height = 180, pad = { l: 40, r: 12, t: 10, b: 24 };
    var root = svg("svg", { viewBox: "0 0 " + width + " " + height, class: "chart" });
    var pts = f.annotators, c = f.center;
    var maxN = Math.max.apply(null, pts.map(function (p) { return p.n; }).concat([1])) * 1.25;
    var maxR = Math.max.apply(null, pts.map(function (p) { return p.rate || 0; }).concat([(c || 0.01) * 3]));
    maxR = Math.min(1, maxR * 1.08);
    var w = width - pad.l - pad.r, h = height - pad.t - pad.b;
    function x(n) { return pad.l + (n / maxN) * w; }
    function y(v) { return pad.t + h - (Math.max(0, Math.min(maxR, v)) / maxR) * h; }
    [0, maxR / 2, maxR].forEach(function (v) {
      root.appendChild(svg("line", { x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v), class: "grid-line" }));
      var t = svg("text", { x: pad.l - 5, y: y(v) + 3, "text-anchor": "end", class: "axis" });
      t.textContent = (v * 100).toFixed(0) + "%"; root.appendChild(t);
    });
    var ref = pts.filter(function (p) { return p.upper != null && p.n > 0; })[0];
    if (c != null && c > 0 && c < 1 && ref) {
      var k = (ref.upper - c) / Math.sqrt(c * (1 - c) / ref.n);
      var up = [], down = [], band = [];
      for (var i = 0; i <= 60; i++) {
        var n = Math.max(1, (maxN * i) / 60), s = k * Math.sqrt(c * (1 - c) / n);
        up.push(x(n) + "," + y(c + s)); down.push(x(n) + "," + y(c - s));
      }
      band = up.concat(down.slice().reverse());
      root.appendChild(svg("polygon", { points: band.join(" "), class: "band" }));
      root.appendChild(svg("polyline", { points: up.join(" "), class: "limit" }));
      root.appendChild(svg("polyline", { points: down.join(" "), class: "limit" }));
      root.appendChild(svg("line", { x1: pad.l, x2: width - pad.r, y1: y(c), y2: y(c), class: "centre" }));
    }
    /* Annotators with the same n and rate share one dot, sized by how many they are. */
    var groups = {};
    pts.forEach(function (p) {
      var key = p.n + ":" + (p.rate == null ? "-" : p.rate.toFixed(4));
      (groups[key] = groups[key] || []).push(p);
    });
    Object.keys(groups).forEach(function (key) {
      var g = groups[key], p = g[0], high = p.outlier === "HIGH";
      var dot = svg("circle", { cx: x(p.n), cy: y(p.rate || 0), r: Math.min(9, 3 + Math.sqrt(g.length) * 1.2),
        class: "pt" + (high ? " signal" : ""), "fill-opacity": 0.8 });
      var tip = svg("title", {});
      tip.textContent = g.map(function (q) { return q.annotator; }).join(", ") + ": " + pct(p.rate) + " of " + p.n;
      dot.appendChild(tip);
      root.appendChild(dot);
      if (g.length > 1) {
        var label = svg("text", { x: x(p.n) + 12, y: y(p.rate || 0) + 4, class: "axis" + (high ? " bad" : "") });
        label.textContent = "×" + g.length;
        root.appendChild(label);
      }
    });
    [0, Math.round(maxN)].forEach(function (n, i) {
      var t = svg("text", { x: x(n), y: height - 8, "text-anchor": i === 0 ? "start" : "end", class: "axis" });
      t.textContent = String(n); root.appendChild(t);
    });
    var title = svg("text", { x: pad.l + w / 2, y: height - 8, "text-anchor": "middle", class: "axis" });
    title.textContent = "reviews per annotator (n) →";
    root.appendChild(title);
    return root;
  }

  /*
   * Agreement per pipeline (every pipeline that has a chart or an alert): the newest window's alpha, the rolling
   * alpha, gold accuracy, the top confusions, and the alpha control chart.
   */
  function loadAgreement(alerts) {
    var pipelines = {};
    state.charts.forEach(function (c) { pipelines[c.pipeline] = true; });
    alerts.forEach(function (a) { pipelines[a.pipeline] = true; });
    var names = Object.keys(pipelines).sort();
    var box = $("agreement");
    if (!names.length) return Promise.resolve();
    return Promise.all(names.map(function (p) {
      return get("/api/v1/agreement/" + encodeURIComponent(p)).then(function (a) { return [p, a]; },
        function (e) { return [p, { error: e.status === 404 ? "no closed window of overlap labels yet" : e.message }]; });
    })).then(function (rows) {
      box.replaceChildren();
      rows.forEach(function (r) { box.appendChild(agreementRow(r[0], r[1])); });
    });
  }

  function agreementRow(pipeline, a) {
    var row = el("div", { class: "agreement-row", "data-agreement-pipeline": pipeline });
    if (a.error) {
      row.appendChild(el("div", { class: "row" }, [el("strong", { text: pipeline + " " }),
        el("span", { class: "muted", text: "agreement: " + a.error })]));
      return row;
    }
    var w = a.latest_window || {}, points = a.points || [];
    var last = points.length ? points[points.length - 1] : {};
    var signalled = last.signals && last.signals.length && !last.below_min_sample;
    var gold = w.gold;
    var confusions = (w.confusions || []).slice(0, 3).map(function (c) { return c.a + " ↔ " + c.b; }).join(", ");
    row.appendChild(el("div", { class: "row" }, [
      el("strong", { text: pipeline + " " }),
      el("span", { class: "value" + (signalled ? " bad" : ""), "data-alpha": w.alpha == null ? "" : String(w.alpha),
        text: "alpha " + alphaFmt(w.alpha) }),
      el("span", { class: "tag", text: "rolling alpha " + alphaFmt(w.rolling_alpha) + " over " + (w.rolling_units || 0) + " units" }),
      el("span", { class: "tag", text: "window " + when(w.window_start) + " · " + (w.pairable_units || 0) + " units" }),
      gold ? el("span", { class: "tag", text: "gold accuracy " + pct(gold.accuracy) + " (n " + gold.n + ")" }) : null,
      signalled ? el("span", { class: "tag red", text: last.signals.join(", ") }) : null
    ]));
    if (confusions) row.appendChild(el("div", { class: "small muted", text: "top confusions: " + confusions }));
    row.appendChild(controlChart(points, 560, 110, "AGREEMENT"));
    return row;
  }

  /* Once per page load, scroll to the chart or alert named in the query (the Slack link). */
  function scrollToFocus() {
    if (state.scrolled) return;
    var target = null;
    if (state.focus.alert) target = document.querySelector('[data-alert-id="' + CSS.escape(state.focus.alert) + '"]');
    if (!target && state.focus.chart) target = document.querySelector('[data-chart-key="' + CSS.escape(state.focus.chart) + '"]');
    if (target) { target.scrollIntoView({ block: "center" }); state.scrolled = true; }
  }

  function summary(alerts) {
    var box = $("summary"); box.replaceChildren();
    var ooc = state.charts.filter(function (c) { return c.out_of_control; }).length;
    var firing = alerts.filter(function (a) { return a.status === "FIRING"; }).length;
    box.appendChild(el("span", { class: "pill", text: state.charts.length + " charts" }));
    box.appendChild(el("span", { class: "pill" + (ooc ? " bad" : " good"), text: ooc + " out of control" }));
    box.appendChild(el("span", { class: "pill" + (firing ? " bad" : " good"), text: firing + " alerts firing" }));
  }

  function refresh() {
    Promise.all([get("/api/v1/charts"), get("/api/v1/alerts")]).then(function (r) {
      state.charts = r[0];
      var alerts = r[1];
      if (!state.selected) {
        var errorCharts = state.charts.filter(function (c) { return metricOf(c) === "ERROR_RATE"; });
        var focus = errorCharts.filter(function (c) { return c.chart_key === state.focus.chart; })[0];
        if (focus || errorCharts.length) state.selected = (focus || errorCharts[0]).chart_key;
      }
      return Promise.all(state.charts.map(function (c) {
        return get(chartPath(c)).then(function (d) { state.details[c.chart_key] = d; }, function () {});
      })).then(function () {
        $("banner").classList.add("hidden");
        render(); renderAlerts(alerts); summary(alerts); loadFunnel();
        return loadAgreement(alerts).then(function () { scrollToFocus(); });
      }).then(function () {
        $("updated").textContent = "Updated " + new Date().toLocaleTimeString() + ".";
      });
    }).catch(function (e) {
      var b = $("banner");
      b.textContent = e.message === "rebalancing"
        ? "The application is rebalancing or restoring its state; retrying…"
        : "Cannot reach the API: " + e.message + ". Retrying…";
      b.classList.remove("hidden");
    });
  }

  refresh();
  setInterval(refresh, POLL_MS);
})();
