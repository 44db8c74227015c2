// culprit dashboard: draws the charts described by the JSON embedded in index.html.
// Data only ever reaches the page as canvas text or textContent, never as markup.
(function () {
  'use strict';

  var summary = { ready: false, charts: 0, points: 0, markers: 0, errors: [], detail: [] };
  window.__culpritDashboard = summary;

  function fail(message) {
    summary.errors.push(message);
    console.error('culprit dashboard: ' + message);
    var banner = document.createElement('p');
    banner.className = 'load-error';
    banner.textContent = 'The charts could not be drawn: ' + message;
    document.querySelector('main').prepend(banner);
  }

  var TIME = [[1e9, 's'], [1e6, 'ms'], [1e3, '\u00b5s'], [1, 'ns']];
  var BYTES = [[1073741824, 'GiB'], [1048576, 'MiB'], [1024, 'KiB'], [1, 'B']];

  function unitFor(bytes, magnitude) {
    var table = bytes ? BYTES : TIME;
    for (var i = 0; i < table.length - 1; i++) {
      if (Math.abs(magnitude) >= table[i][0]) return table[i];
    }
    return table[table.length - 1];
  }

  function scaled(value, unit) {
    var x = value / unit[0];
    var a = Math.abs(x);
    return x.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2);
  }

  function withUnit(value, bytes) {
    var unit = unitFor(bytes, value);
    return scaled(value, unit) + ' ' + unit[1] + (bytes ? '/op' : '');
  }

  function when(iso) {
    return iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : '';
  }

  function clip(text, max) {
    return text.length > max ? text.slice(0, max - 1) + '\u2026' : text;
  }

  var COLORS = { line: '#2563eb', band: 'rgba(37, 99, 235, 0.14)', regression: '#dc2626', improvement: '#16a34a' };

  // Change points as dashed vertical lines with their relative change on top.
  var markerPlugin = {
    id: 'culpritMarkers',
    afterDatasetsDraw: function (chart, args, options) {
      var area = chart.chartArea;
      var x = chart.scales.x;
      var ctx = chart.ctx;
      var drawn = 0;
      (options.markers || []).forEach(function (m) {
        var px = x.getPixelForValue(m.x);
        if (!(px >= area.left - 1 && px <= area.right + 1)) return;
        var color = COLORS[m.kind] || COLORS.regression;
        ctx.save();
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([5, 4]);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = color;
        ctx.font = '600 11px system-ui, -apple-system, "Segoe UI", sans-serif';
        var text = (m.kind === 'improvement' ? '\u25bc ' : '\u25b2 ') + m.label;
        var width = ctx.measureText(text).width;
        var left = px + 5 + width > area.right ? px - 5 - width : px + 5;
        ctx.fillText(text, left, area.top + 12);
        ctx.restore();
        drawn++;
      });
      chart.canvas.closest('figure').setAttribute('data-markers-drawn', String(drawn));
    }
  };

  function draw(figure, model) {
    var pts = model.points;
    var measured = pts.filter(function (p) { return p.v !== null; });
    var top = measured.reduce(function (m, p) { return Math.max(m, Math.abs(p.hi !== null ? p.hi : p.v)); }, 0);
    var axisUnit = unitFor(model.bytes, top);
    var byX = {};
    pts.forEach(function (p) { byX[p.x] = p; });
    var dense = pts.length > 60;

    function series(key) {
      return pts.map(function (p) { return { x: p.x, y: p[key] }; });
    }

    var canvas = figure.querySelector('canvas');
    var chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          { label: 'ci-low', data: series('lo'), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false,
            spanGaps: true },
          { label: 'ci-high', data: series('hi'), borderWidth: 0, pointRadius: 0, pointHitRadius: 0,
            fill: '-1', backgroundColor: COLORS.band, spanGaps: true },
          { label: model.metric, data: series('v'), borderColor: COLORS.line, borderWidth: 2,
            pointRadius: dense ? 2 : 3.5, pointHoverRadius: 6, pointBorderWidth: 1.5, pointBorderColor: COLORS.line,
            pointBackgroundColor: pts.map(function (p) { return p.status === 'reused' ? '#ffffff' : COLORS.line; }),
            // every-K sweeps leave most commits unmeasured: join the measured points, dashed across
            // the commits in between (Chart.js's segment styling), so a sparse sweep still reads as a line
            tension: 0, spanGaps: true,
            segment: { borderDash: function (ctx) { return ctx.p1DataIndex - ctx.p0DataIndex > 1 ? [5, 4] : undefined; } } }
        ]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: { xAxisKey: 'x', yAxisKey: 'y' },
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: {
            type: 'linear',
            min: pts.length ? pts[0].x - 0.5 : 0,
            max: pts.length ? pts[pts.length - 1].x + 0.5 : 1,
            afterBuildTicks: function (scale) {
              scale.ticks = pts.map(function (p) { return { value: p.x }; });
            },
            ticks: {
              autoSkip: true, autoSkipPadding: 10, maxRotation: 0, color: '#64748b',
              font: { family: 'ui-monospace, SFMono-Regular, Menlo, monospace', size: 10 },
              callback: function (value) { var p = byX[value]; return p ? p.shortSha.slice(0, 7) : ''; }
            },
            grid: { color: '#f1f5f9' },
            title: { display: true, text: 'commit (oldest \u2192 newest)', color: '#64748b', font: { size: 11 } }
          },
          y: {
            min: 0, // times and bytes are positive; the 8 % grace must not push the axis below zero
            grace: '8%',
            ticks: { color: '#64748b', maxTicksLimit: 6, callback: function (value) { return scaled(value, axisUnit); } },
            grid: { color: '#eef2f7' },
            title: { display: true, text: axisUnit[1] + (model.bytes ? '/op' : ''), color: '#64748b', font: { size: 11 } }
          }
        },
        plugins: {
          legend: { display: false },
          culpritMarkers: { markers: model.markers },
          tooltip: {
            filter: function (item) { return item.datasetIndex === 2; },
            backgroundColor: 'rgba(15, 23, 42, 0.92)',
            padding: 10,
            titleFont: { size: 12 },
            bodyFont: { size: 12 },
            footerFont: { size: 11, weight: 'normal' },
            displayColors: false,
            callbacks: {
              title: function (items) {
                var p = pts[items[0].dataIndex];
                return [p.shortSha + '  ' + clip(p.subject, 72)];
              },
              label: function (item) {
                var p = pts[item.dataIndex];
                if (p.v === null) return model.metric + ': no measurement (' + p.status + ')';
                var lines = [model.metric + ': ' + withUnit(p.v, model.bytes)];
                if (p.lo !== null) {
                  lines.push('CI: ' + withUnit(p.lo, model.bytes) + ' \u2013 ' + withUnit(p.hi, model.bytes));
                }
                return lines;
              },
              footer: function (items) {
                var p = pts[items[0].dataIndex];
                return [clip(p.author, 72), when(p.date) + ' \u00b7 ' + p.status];
              }
            }
          }
        }
      },
      plugins: [markerPlugin]
    });

    figure.setAttribute('data-points', String(measured.length));
    figure.setAttribute('data-markers', String(model.markers.length));
    figure.setAttribute('data-rendered', 'true');
    summary.charts++;
    summary.points += measured.length;
    summary.markers += model.markers.length;
    summary.detail.push({ id: model.id, metric: model.metric, points: measured.length, markers: model.markers.length });
    return chart;
  }

  try {
    var data = JSON.parse(document.getElementById('culprit-data').textContent);
    if (typeof Chart === 'undefined') {
      fail('Chart.js did not load (assets/chart.umd.min.js is missing)');
      return;
    }
    Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    data.charts.forEach(function (model) {
      var figure = document.querySelector('figure[data-chart="' + model.id + '"]');
      if (!figure) {
        fail('no place on the page for chart ' + model.id);
        return;
      }
      draw(figure, model);
    });
  } catch (e) {
    fail(String(e && e.stack ? e.stack : e));
  }
  summary.ready = true;
})();
