// Dispatch dashboard: the shared reason dialog and the highlighted queue row.
(function () {
  "use strict";
  var dialog = document.getElementById("reason-dialog");
  var form = document.getElementById("reason-form");

  // Picking a lead highlights its row as soon as the panel is requested.
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var link = event.detail.elt;
    if (!link.matches || !link.matches("[data-select-lead]")) return;
    document.querySelectorAll("[data-queue-row]").forEach(function (row) {
      row.classList.remove("table-active");
    });
    var row = link.closest("tr");
    if (row) row.classList.add("table-active");
  });

  if (!dialog || !form) return;
  // One dialog serves every decline and forced dispatch: the button says where it posts.
  dialog.addEventListener("show.bs.modal", function (event) {
    var trigger = event.relatedTarget;
    form.setAttribute("action", trigger.dataset.url);
    form.setAttribute("hx-post", trigger.dataset.url);
    document.getElementById("reason-title").textContent = trigger.dataset.title || "";
    document.getElementById("reason-help").textContent = trigger.dataset.help || "";
    document.getElementById("reason-designer").value = trigger.dataset.designer || "";
    document.getElementById("reason-input").value = "";
    htmx.process(form);
  });
  dialog.addEventListener("shown.bs.modal", function () {
    document.getElementById("reason-input").focus();
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt === form) {
      var modal = bootstrap.Modal.getInstance(dialog);
      if (modal) modal.hide();
    }
  });
})();
