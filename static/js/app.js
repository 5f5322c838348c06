// Behaviour shared by every page, wired from data attributes: the Content-Security-Policy
// runs no inline script or handler attribute, so templates say what they want declaratively.
(function () {
  "use strict";

  // <button data-print>: print the page.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) window.print();
  });

  // <button data-back>: back to the previous page (error pages), home when there is none.
  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-back]")) return;
    if (window.history.length > 1) window.history.back();
    else window.location.href = "/";
  });

  // <button type="submit" data-confirm="…">: ask before submitting.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm], input[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  });

  // <form data-confirm="…">: ask before submitting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-confirm]") && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // Busy state (UI.md): the button that sent a request shows a spinner and is disabled until
  // the answer comes, so a slow dispatch or approval is not sent twice. htmx requests: the
  // element that issued it (a button, or a form's buttons); plain POST forms: their buttons,
  // disabled a tick after submitting so the clicked button's name and value still go along.
  function busyButtons(elt) {
    if (elt.matches("button, input[type=submit]")) return [elt];
    if (elt.matches("form")) return Array.prototype.slice.call(elt.querySelectorAll("button:not([type=button]), input[type=submit]"));
    return [];
  }
  function setBusy(buttons, busy) {
    buttons.forEach(function (button) {
      if (busy) {
        if (button.disabled) return;
        button.disabled = true;
        button.dataset.busy = "1";
        button.classList.add("is-busy");
        button.setAttribute("aria-busy", "true");
      } else if (button.dataset.busy) {
        button.disabled = false;
        delete button.dataset.busy;
        button.classList.remove("is-busy");
        button.removeAttribute("aria-busy");
      }
    });
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    setBusy(busyButtons(event.detail.elt), true);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    setBusy(busyButtons(event.detail.elt), false);
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || form.hasAttribute("hx-post") || (form.method || "").toLowerCase() !== "post") return;
    var buttons = busyButtons(form);
    window.setTimeout(function () { setBusy(buttons, true); }, 0);
    // A download answers without leaving the page: give the buttons back after a while.
    window.setTimeout(function () { setBusy(buttons, false); }, 15000);
  });
  window.addEventListener("pageshow", function () {
    setBusy(Array.prototype.slice.call(document.querySelectorAll("[data-busy]")), false);
  });

  // <div data-bar-width="42.5">: a bar's width in percent (style attributes are refused by the
  // policy; setting the style from script is allowed).
  function sizeBars(root) {
    root.querySelectorAll("[data-bar-width]").forEach(function (bar) {
      bar.style.width = bar.dataset.barWidth + "%";
    });
  }
  if (window.htmx) {
    htmx.onLoad(sizeBars);
  } else {
    sizeBars(document);
  }
})();
