// Closure reason analysis: closures per reason as a horizontal bar chart (data: #reason-data).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("reason-data").textContent);
  if (!data.labels.length) return;
  new Chart(document.getElementById("reason-chart"), {
    type: "bar",
    data: { labels: data.labels, datasets: [{ data: data.counts, backgroundColor: "#6c757d" }] },
    options: {
      indexAxis: "y",
      plugins: { legend: { display: false } },
      scales: { x: { ticks: { precision: 0 } } },
    },
  });
})();
