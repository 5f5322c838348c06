// The GM's monthly report: five charts from #report-charts. Series labels (translated, or the
// month) come from each canvas's data-label-* attributes.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-charts").textContent);
  var base = { animation: false, maintainAspectRatio: false };
  var horizontal = Object.assign({}, base, { indexAxis: "y" });
  function draw(id, build) {
    var el = document.getElementById(id);
    if (!el) return;
    el.dataset.drawn = "1";
    new Chart(el, build(el.dataset));
  }
  draw("chart-funnel", function (label) {
    return { type: "bar", data: { labels: data.funnel.labels, datasets: [
      { label: label.labelMonth, data: data.funnel.values, backgroundColor: "#0d6efd" } ] }, options: horizontal };
  });
  draw("chart-channels", function (label) {
    return { type: "bar", data: { labels: data.channels.labels, datasets: [
      { label: label.labelLeads, data: data.channels.leads, backgroundColor: "#6ea8fe" },
      { label: label.labelSigned, data: data.channels.signed, backgroundColor: "#198754" },
      { label: label.labelPrevLeads, data: data.channels.prev_leads, backgroundColor: "#adb5bd" } ] }, options: base };
  });
  draw("chart-fairness", function (label) {
    return { type: "bar", data: { labels: data.fairness.labels, datasets: [
      { label: label.labelShare, data: data.fairness.share, backgroundColor: "#0d6efd" },
      { label: label.labelAllowed, data: data.fairness.allowed, backgroundColor: "#ffc107" } ] }, options: base };
  });
  draw("chart-closures", function (label) {
    return { type: "bar", data: { labels: data.closures.labels, datasets: [
      { label: label.labelMonth, data: data.closures.values, backgroundColor: "#dc3545" },
      { label: label.labelPrevMonth, data: data.closures.prev, backgroundColor: "#adb5bd" } ] }, options: horizontal };
  });
  draw("chart-complaints", function () {
    return { type: "doughnut", data: { labels: data.complaints.labels, datasets: [{ data: data.complaints.values }] }, options: base };
  });
})();
