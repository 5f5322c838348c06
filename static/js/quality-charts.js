// Hotline quality: one small chart per agent (canvas[data-agent], data: #quality-charts): daily
// satisfaction (left axis) and the share answered within 3 rings (right axis, %), over the last
// weeks. The series labels come from the canvas's data attributes.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("quality-charts").textContent);
  document.querySelectorAll("canvas[data-agent]").forEach(function (canvas) {
    var line = data[canvas.dataset.agent];
    if (!line || !line.days.length) {
      // An empty chart says so (data-empty, "本月无数据") instead of leaving a blank box.
      var note = document.createElement("span");
      note.className = "chart-empty text-muted small";
      note.textContent = canvas.dataset.empty || "";
      canvas.replaceWith(note);
      return;
    }
    new Chart(canvas, {
      type: "line",
      data: {
        labels: line.days.map(function (day) { return day.slice(5); }),
        datasets: [
          { label: canvas.dataset.satisfaction, data: line.satisfaction, yAxisID: "y", borderColor: "#0d6efd", spanGaps: true, tension: 0.2 },
          { label: canvas.dataset.inTime, data: line.in_time, yAxisID: "y1", borderColor: "#198754", spanGaps: true, tension: 0.2 },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: canvas.dataset.legend === "1" } },
        scales: {
          y: { min: 1, max: 5, position: "left" },
          y1: { min: 0, max: 100, position: "right", grid: { drawOnChartArea: false } },
        },
      },
    });
  });
})();
