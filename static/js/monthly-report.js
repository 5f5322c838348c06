// The GM's monthly report: five charts from #report-charts. Series labels (translated, or the
// month) come from each canvas's data-label-* attributes.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-charts").textContent);
  // A fresh options object per chart: Chart.js writes the bar charts' x/y scales into the object
  // it is given, and a shared one drew those axes over the doughnut.
  var base = function () { return { animation: false, maintainAspectRatio: false }; };
  var horizontal = function () { return Object.assign(base(), { indexAxis: "y" }); };
  var noAxes = function () { return Object.assign(base(), { scales: {} }); };
  function hasData(config) {
    return config.data.datasets.some(function (set) {
      return (set.data || []).some(function (value) { return Number(value) > 0; });
    });
  }
  // An empty chart says so (the text is the canvas's data-empty, "本月无数据") instead of a grid.
  function draw(id, build) {
    var el = document.getElementById(id);
    if (!el) return;
    var config = build(el.dataset);
    if (!hasData(config)) {
      var note = document.createElement("p");
      note.className = "chart-empty text-muted";
      note.dataset.testid = id + "-empty";
      note.textContent = el.dataset.empty || "";
      el.replaceWith(note);
      return;
    }
    el.dataset.drawn = "1";
    new Chart(el, config);
  }
  draw("chart-funnel", function (label) {
    return { type: "bar", data: { labels: data.funnel.labels, datasets: [
      { label: label.labelMonth, data: data.funnel.values, backgroundColor: "#0d6efd" } ] }, options: horizontal() };
  });
  draw("chart-channels", function (label) {
    return { type: "bar", data: { labels: data.channels.labels, datasets: [
      { label: label.labelLeads, data: data.channels.leads, backgroundColor: "#6ea8fe" },
      { label: label.labelSigned, data: data.channels.signed, backgroundColor: "#198754" },
      { label: label.labelPrevLeads, data: data.channels.prev_leads, backgroundColor: "#adb5bd" } ] }, options: base() };
  });
  draw("chart-fairness", function (label) {
    return { type: "bar", data: { labels: data.fairness.labels, datasets: [
      { label: label.labelShare, data: data.fairness.share, backgroundColor: "#0d6efd" },
      { label: label.labelAllowed, data: data.fairness.allowed, backgroundColor: "#ffc107" } ] }, options: base() };
  });
  draw("chart-closures", function (label) {
    return { type: "bar", data: { labels: data.closures.labels, datasets: [
      { label: label.labelMonth, data: data.closures.values, backgroundColor: "#dc3545" },
      { label: label.labelPrevMonth, data: data.closures.prev, backgroundColor: "#adb5bd" } ] }, options: horizontal() };
  });
  draw("chart-complaints", function () {
    return { type: "doughnut", data: { labels: data.complaints.labels, datasets: [{ data: data.complaints.values }] }, options: noAxes() };
  });
})();
