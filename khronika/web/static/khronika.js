// khronika serve: draws the page's chart from its JSON data block (no inline script: the
// Content-Security-Policy allows scripts from this server only).
(function () {
  "use strict";
  var holder = document.getElementById("chart");
  var source = document.getElementById("chart-data");
  if (!holder || !source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var rtl = document.documentElement.dir === "rtl";
  var chart = window.echarts.init(holder);
  if (data.kind !== "map") { window.khronikaChart = chart; }  // the map: once it is drawn
  var QUAD_COLOURS = { 1: "#5fb37a", 2: "#1f7a44", 3: "#e0913a", 4: "#c8423a" };

  function goldsteinColour(g) {  // -10 (conflict) red … +10 (cooperation) green
    var t = Math.max(0, Math.min(1, (g + 10) / 20));
    return "rgb(" + Math.round(200 - 150 * t) + "," + Math.round(60 + 110 * t) + ",70)";
  }

  if (data.kind === "timeline") {
    chart.setOption({
      animation: false,  // drawn at once: a screenshot or a click finds the bars in place
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { top: 40, left: 40, right: 20, bottom: 40 },
      xAxis: { type: "category", data: data.buckets, inverse: rtl },
      yAxis: { type: "value", minInterval: 1, position: rtl ? "right" : "left" },
      series: data.series.map(function (s) {
        return { name: s.name, key: s.key, type: "bar", stack: "all", data: s.data };
      })
    });
    chart.on("click", function (p) {
      var key = data.series[p.seriesIndex].key;
      var href = data.links[data.buckets[p.dataIndex] + "|" + key];
      if (href) { window.location.href = href; }
    });
  } else if (data.kind === "network") {
    var biggest = Math.max.apply(null, data.nodes.map(function (n) { return n.events; }).concat([1]));
    var heaviest = Math.max.apply(null, data.edges.map(function (e) { return e.events; }).concat([1]));
    chart.setOption({
      tooltip: {},
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true, animation: false,
        force: { repulsion: 260, edgeLength: [60, 180], layoutAnimation: false },
        label: { show: true, position: "right" },
        edgeSymbol: ["none", "arrow"],
        data: data.nodes.map(function (n) {
          return { id: n.id, name: n.name, value: n.events, href: n.href,
                   symbolSize: 10 + 30 * Math.sqrt(n.events / biggest) };
        }),
        links: data.edges.map(function (e) {
          return { source: e.source, target: e.target, value: e.events,
                   tooltip: { formatter: e.events + " · Goldstein " + e.goldstein },
                   lineStyle: { width: 1 + 7 * e.events / heaviest,
                                color: goldsteinColour(e.goldstein), opacity: 0.8 } };
        })
      }]
    });
    chart.on("click", function (p) {
      if (p.dataType === "node" && p.data.href) { window.location.href = p.data.href; }
    });
  } else if (data.kind === "map") {
    var most = Math.max.apply(null, data.places.map(function (p) { return p.events; }).concat([1]));
    var labelled = data.places.length <= 30;
    window.fetch(data.outlines).then(function (answer) {
      if (!answer.ok) { throw new Error(answer.status + " " + data.outlines); }
      return answer.json();
    }).then(function (world) {
      window.echarts.registerMap("world", world);
      chart.setOption({
        animation: false,
        tooltip: { trigger: "item" },
        legend: { top: 0, data: data.quads.map(function (q) { return q.name; }) },
        geo: { map: "world", roam: true, top: 40, bottom: 10,
               itemStyle: { areaColor: "#eef1f5", borderColor: "#9aa6b5", borderWidth: 0.5 },
               emphasis: { disabled: true }, tooltip: { show: false } },
        series: data.quads.map(function (q) {
          return {
            name: q.name, type: "scatter", coordinateSystem: "geo",
            itemStyle: { color: QUAD_COLOURS[q.quad], opacity: 0.85,
                         borderColor: "#fff", borderWidth: 1 },
            label: { show: labelled, position: rtl ? "left" : "right", formatter: "{b}",
                     fontSize: 11 },
            labelLayout: { hideOverlap: true },  // of two labels that would overlap, one shows
            tooltip: { formatter: function (p) { return p.name + ": " + p.value[2]; } },
            data: data.places.filter(function (p) { return p.quad === q.quad; })
              .map(function (p) {
                return { name: p.name, value: [p.lon, p.lat, p.events], href: p.href,
                         symbolSize: 8 + 28 * Math.sqrt(p.events / most) };
              })
          };
        })
      });
      window.khronikaChart = chart;
    }).catch(function (error) { console.error("khronika: the map: " + error); });
    chart.on("click", function (p) {
      if (p.componentType === "series" && p.data && p.data.href) {
        window.location.href = p.data.href;
      }
    });
  }
  window.addEventListener("resize", function () { chart.resize(); });
})();
