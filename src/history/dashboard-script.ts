// The dashboard's own script, run in the browser (plain ES5-style JavaScript kept as text: the page must work
// with no build step and no network). Everything it shows from data goes through textContent, never innerHTML.
export const DASHBOARD_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('wfb-data').textContent);
  var root = document.getElementById('wfb-root');
  var charts = [];
  var hidden = {};
  var SHA = /^[0-9a-f]{7,64}$/;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function shortSha(c) { return SHA.test(c) ? c.slice(0, 7) : String(c).slice(0, 12); }
  function commitUrl(c) { return data.repoUrl && SHA.test(c) ? data.repoUrl + '/commit/' + c : null; }
  function pointLabel(p) { return p.head ? 'head' : shortSha(p.commit); }
  function format(metric, v) {
    if (v === null || v === undefined || !isFinite(v)) return '—';
    if (metric.unit === '%') return (v > 0 ? '+' : '') + v.toFixed(1) + '%';
    if (metric.unit === 'instructions') return Math.round(v).toLocaleString('en-US');
    var digits = Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 10 ? 2 : 3;
    return v.toFixed(digits) + ' ' + metric.unit;
  }
  // Axis ticks: short numbers, the unit is in the chart's title.
  function tick(metric, v) {
    if (metric.unit === '%') return (v > 0 ? '+' : '') + v.toFixed(1) + '%';
    var a = Math.abs(v);
    if (a >= 1e9) return (v / 1e9).toFixed(2) + ' G';
    if (a >= 1e6) return (v / 1e6).toFixed(1) + ' M';
    if (a >= 1e4) return (v / 1e3).toFixed(0) + ' k';
    return String(Number(v.toPrecision(4)));
  }
  function commitLink(p) {
    var url = commitUrl(p.commit);
    var a = el(url ? 'a' : 'span', 'sha', shortSha(p.commit));
    if (url) { a.href = url; a.rel = 'noopener noreferrer'; }
    return a;
  }

  var tip = el('div', 'tip');
  tip.hidden = true;
  document.body.appendChild(tip);
  function showTip(u, os, metric, hosts) {
    var i = u.cursor.idx;
    if (i === null || i === undefined || u.cursor.left < 0) { tip.hidden = true; return; }
    var p = os.points[i];
    tip.textContent = '';
    tip.appendChild(el('div', 'tip-title', pointLabel(p) + (p.head ? ' (' + shortSha(p.commit) + ')' : '') + ' · ' + p.created_at.slice(0, 16).replace('T', ' ')));
    hosts.forEach(function (h, k) {
      if (hidden[h]) return;
      var row = el('div', 'tip-row');
      var sw = el('span', 'swatch');
      sw.style.background = data.colours[os.hosts.indexOf(h) % data.colours.length];
      row.appendChild(sw);
      row.appendChild(document.createTextNode(h + ': ' + format(metric, u.data[k + 1][i])));
      tip.appendChild(row);
    });
    var box = u.over.getBoundingClientRect();
    tip.style.left = (window.scrollX + box.left + u.cursor.left + 14) + 'px';
    tip.style.top = (window.scrollY + box.top + u.cursor.top + 14) + 'px';
    tip.hidden = false;
  }

  function chart(os, metric, container) {
    var series = os.series[metric.key] || {};
    var hosts = os.hosts.filter(function (h) {
      return (series[h] || []).some(function (v) { return v !== null; });
    });
    if (hosts.length === 0) return;
    var box = el('div', 'chart');
    box.setAttribute('data-metric', metric.key);
    box.appendChild(el('h3', null, metric.label + (metric.unit === 'instructions' ? '' : ' (' + metric.unit + ')')));
    container.appendChild(box);
    var xs = os.points.map(function (_, i) { return i; });
    var values = hosts.map(function (h) {
      return series[h].map(function (v) { return v === null ? null : v * metric.scale; });
    });
    var opts = {
      width: 520,
      height: 220,
      scales: { x: { time: false } },
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      axes: [
        { space: 70, values: function (u, splits) {
          return splits.map(function (s) { return Number.isInteger(s) && os.points[s] ? pointLabel(os.points[s]) : ''; });
        } },
        { size: 70, values: function (u, splits) { return splits.map(function (s) { return tick(metric, s); }); } }
      ],
      series: [{ label: 'commit' }].concat(hosts.map(function (h) {
        var colour = data.colours[os.hosts.indexOf(h) % data.colours.length];
        return { label: h, stroke: colour, width: 2, spanGaps: false, points: { show: true, size: 7, fill: colour } };
      })),
      hooks: {
        setCursor: [function (u) { showTip(u, os, metric, hosts); }]
      }
    };
    var plot = new uPlot(opts, [xs].concat(values), box);
    plot.over.addEventListener('mouseleave', function () { tip.hidden = true; });
    charts.push({ plot: plot, hosts: hosts });
    hosts.forEach(function (h, k) { if (hidden[h]) plot.setSeries(k + 1, { show: false }); });
  }

  function commitsTable(os) {
    var table = el('table', 'commits');
    var head = el('tr');
    ['#', 'commit', 'measured', ''].forEach(function (t) { head.appendChild(el('th', null, t)); });
    table.appendChild(head);
    os.points.forEach(function (p, i) {
      var tr = el('tr');
      tr.appendChild(el('td', null, i + 1));
      var td = el('td');
      td.appendChild(commitLink(p));
      tr.appendChild(td);
      tr.appendChild(el('td', null, p.created_at.slice(0, 16).replace('T', ' ')));
      tr.appendChild(el('td', null, p.head ? 'this run' : ''));
      table.appendChild(tr);
    });
    return table;
  }

  function hostFilter() {
    var all = [];
    data.oses.forEach(function (os) { os.hosts.forEach(function (h) { if (all.indexOf(h) < 0) all.push(h); }); });
    var box = el('fieldset', 'filter');
    box.appendChild(el('legend', null, 'Hosts'));
    all.forEach(function (h) {
      var label = el('label');
      var input = el('input');
      input.type = 'checkbox';
      input.checked = true;
      input.value = h;
      input.addEventListener('change', function () {
        hidden[h] = !input.checked;
        charts.forEach(function (c) {
          var k = c.hosts.indexOf(h);
          if (k >= 0) c.plot.setSeries(k + 1, { show: input.checked });
        });
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(' ' + h));
      box.appendChild(label);
    });
    return box;
  }

  root.appendChild(hostFilter());
  data.oses.forEach(function (os) {
    var section = el('section', 'os');
    section.setAttribute('data-os', os.os);
    section.appendChild(el('h2', null, os.os));
    var past = os.points.filter(function (p) { return !p.head; }).length;
    section.appendChild(el('p', null, past + ' ' + (past === 1 ? data.past.one : data.past.many) + (os.points.length > past ? ', then this run' : '') + '.'));
    if (os.points.length < data.minPoints) {
      section.appendChild(el('p', 'few', 'Only ' + os.points.length + ' point' + (os.points.length === 1 ? '' : 's') + ': a trend needs ' + data.minPoints + ', so no line is drawn yet.'));
    } else {
      var grid = el('div', 'grid');
      section.appendChild(grid);
      data.metrics.forEach(function (m) { chart(os, m, grid); });
    }
    section.appendChild(commitsTable(os));
    root.appendChild(section);
  });
})();
`
