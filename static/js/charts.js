// Draws the dashboards' charts with the vendored ECharts. Each chart is a <div class="chart"
// data-chart="ID"> whose option is the JSON in <script type="application/json" id="ID">: the
// pages carry no inline script, which the Content-Security-Policy forbids, and no formatter
// functions, so every label and tooltip comes written from the server.
(function () {
  'use strict';
  if (!window.echarts) {
    return;
  }
  var drawn = [];

  // Tall charts (a ranking, a heat map) grow with their rows; the others take their CSS height.
  function size(el) {
    var rows = parseInt(el.getAttribute('data-rows') || '0', 10);
    if (rows > 0) {
      el.style.height = Math.max(280, rows * 26 + 150) + 'px';
    }
  }

  function draw(el) {
    var block = document.getElementById(el.getAttribute('data-chart'));
    if (!block) {
      return;
    }
    var option;
    try {
      option = JSON.parse(block.textContent);
    } catch (e) {
      el.setAttribute('data-error', 'option');
      return;
    }
    size(el);
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option);
    drawn.push(chart);
  }

  function resize() {
    drawn.forEach(function (chart) { chart.resize(); });
  }

  document.querySelectorAll('.chart[data-chart]').forEach(draw);

  var pending = 0;
  window.addEventListener('resize', function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(resize, 150);
  });

  // Printed pages show every table: a closed <details> would print closed.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details.data').forEach(function (d) { d.open = true; });
    resize();
  });
  window.addEventListener('afterprint', resize);
})();
