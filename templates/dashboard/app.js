/* global Chart, window, document */
// The trend dashboard's page script (no build step, no network): draws one chart per metric and
// key from window.PERF_GATE_DATA (data.js, written by `perf-gate dashboard`) with Chart.js.
(function () {
  'use strict';
  var data = window.PERF_GATE_DATA;
  var COLORS = { line: '#2563eb', mean: '#94a3b8', unreliable: '#dc2626', change: '#ea580c', module: ['#2563eb', '#16a34a', '#9333ea', '#ca8a04', '#0891b2', '#be185d'] };
  var METRICS = [
    { id: 'p50', title: 'P50 latency', unit: 'ms' },
    { id: 'p99', title: 'P99 latency', unit: 'ms' },
    { id: 'memory', title: 'Peak memory', unit: 'MiB' },
  ];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function pct(x) { return (x >= 0 ? '+' : '') + (x * 100).toFixed(1) + '%'; }
  function fmt(v, unit) { return v === null || v === undefined ? 'n/a' : v.toFixed(unit === 'MiB' ? 1 : 3) + ' ' + unit; }

  // Vertical dashed lines at the change points (drawn under the tooltip).
  var changeLines = {
    id: 'changeLines',
    afterDatasetsDraw: function (chart, _args, opts) {
      var x = chart.scales.x;
      var area = chart.chartArea;
      var ctx = chart.ctx;
      (opts.indices || []).forEach(function (i) {
        var px = x.getPixelForValue(i);
        ctx.save();
        ctx.strokeStyle = COLORS.change;
        ctx.setLineDash([4, 4]);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.restore();
      });
    },
  };

  function tooltip(key, unit) {
    return {
      callbacks: {
        title: function (items) {
          var run = key.runs[items[0].dataIndex];
          return run.date.slice(0, 16).replace('T', ' ') + '  ' + (run.commit ? run.commit.slice(0, 12) : '(no commit)');
        },
        label: function (item) {
          if (item.raw === null || item.raw === undefined) return null;
          return item.dataset.label + ': ' + fmt(item.raw, unit);
        },
        footer: function (items) {
          var run = key.runs[items[0].dataIndex];
          return run.reliable ? '' : 'unreliable, excluded: ' + run.reasons.join('; ');
        },
      },
    };
  }

  function metricChart(section, key, metric) {
    var m = key.metrics[metric.id];
    var values = key.runs.map(function (r) { return r[metric.id]; });
    var reliable = values.map(function (v, i) { return key.runs[i].reliable ? v : null; });
    var unreliable = values.map(function (v, i) { return key.runs[i].reliable ? null : v; });
    var changeAt = {};
    m.changePoints.forEach(function (c) { changeAt[c.run] = true; });
    var changes = values.map(function (v, i) { return changeAt[i] ? v : null; });
    var box = el('div', { class: 'chart' });
    box.appendChild(el('h3', {}, metric.title + ' (' + metric.unit + ')'));
    var canvas = el('canvas', { 'data-key': key.id, 'data-metric': metric.id, role: 'img', 'aria-label': metric.title + ' of ' + key.label });
    box.appendChild(canvas);
    section.appendChild(box);
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: key.runs.map(function (r) { return r.date.slice(0, 10); }),
        datasets: [
          { label: metric.title, data: reliable, borderColor: COLORS.line, backgroundColor: COLORS.line, pointRadius: 2, borderWidth: 1.5, spanGaps: true },
          { label: 'segment mean', data: m.segmentMeans, borderColor: COLORS.mean, borderDash: [6, 3], pointRadius: 0, borderWidth: 1.5, spanGaps: true },
          { label: 'unreliable (excluded)', data: unreliable, showLine: false, pointStyle: 'crossRot', pointRadius: 6, borderColor: COLORS.unreliable, backgroundColor: COLORS.unreliable },
          { label: 'change point', data: changes, showLine: false, pointStyle: 'triangle', pointRadius: 7, borderColor: COLORS.change, backgroundColor: COLORS.change },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: { ticks: { maxTicksLimit: 12 } }, y: { title: { display: true, text: metric.unit } } },
        plugins: { tooltip: tooltip(key, metric.unit), changeLines: { indices: m.changePoints.map(function (c) { return c.run; }) } },
      },
      plugins: [changeLines],
    });
  }

  function moduleChart(section, key) {
    if (key.modules.length === 0) return;
    var box = el('div', { class: 'chart' });
    box.appendChild(el('h3', {}, 'Time per module, profiling pass (ms)'));
    var canvas = el('canvas', { 'data-key': key.id, 'data-metric': 'modules', role: 'img', 'aria-label': 'Time per module of ' + key.label });
    box.appendChild(canvas);
    section.appendChild(box);
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: key.runs.map(function (r) { return r.date.slice(0, 10); }),
        datasets: key.modules.map(function (name, i) {
          var color = COLORS.module[i % COLORS.module.length];
          return {
            label: name,
            data: key.runs.map(function (r) { return r.modulesMs && r.modulesMs[name] !== undefined ? r.modulesMs[name] : null; }),
            borderColor: color, backgroundColor: color, pointRadius: 1.5, borderWidth: 1.5, spanGaps: true,
          };
        }),
      },
      options: { animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false }, scales: { x: { ticks: { maxTicksLimit: 12 } } }, plugins: { tooltip: tooltip(key, 'ms') } },
    });
  }

  function changeTable(section, key) {
    var rows = [];
    METRICS.forEach(function (metric) {
      key.metrics[metric.id].changePoints.forEach(function (c) { rows.push([metric.title, c.date.slice(0, 10), pct(c.relativeChange), (c.confidence * 100).toFixed(1) + '%', c.range]); });
    });
    if (rows.length === 0) { section.appendChild(el('p', {}, 'No change point.')); return; }
    var table = el('table', { class: 'changes' });
    var head = el('tr');
    ['metric', 'first run after', 'size', 'confidence', 'bisect range'].forEach(function (h) { head.appendChild(el('th', {}, h)); });
    table.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr', { class: r[2].charAt(0) === '+' ? 'slower' : 'faster' });
      r.forEach(function (c, i) { tr.appendChild(el(i === 4 ? 'td' : 'td', i === 4 ? { class: 'mono' } : {}, c)); });
      table.appendChild(tr);
    });
    section.appendChild(table);
  }

  var root = document.getElementById('keys');
  document.getElementById('generated').textContent = 'Generated ' + data.generatedAt.slice(0, 16).replace('T', ' ') + ' UTC from ' + data.keys.length + ' key(s).';
  if (data.keys.length === 0) root.appendChild(el('p', {}, 'The history is empty: record runs with perf-gate trend record.'));
  data.keys.forEach(function (key) {
    var section = el('section', { id: key.id });
    section.appendChild(el('h2', {}, key.label));
    section.appendChild(el('p', { class: 'meta' }, key.runs.length + ' runs, ' + key.excluded + ' unreliable (marked ×, excluded from the analysis); ' + key.runs[0].date.slice(0, 10) + ' to ' + key.runs[key.runs.length - 1].date.slice(0, 10) + '.'));
    changeTable(section, key);
    var grid = el('div', { class: 'grid' });
    section.appendChild(grid);
    METRICS.forEach(function (metric) { metricChart(grid, key, metric); });
    moduleChart(grid, key);
    root.appendChild(section);
  });
  document.body.setAttribute('data-ready', 'true');
})();
