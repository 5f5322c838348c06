// Behaviour shared by every page, wired from data attributes: the Content-Security-Policy
// runs no inline script or handler attribute, so templates say what they want declaratively.
(function () {
  "use strict";

  // <button data-print>: print the page.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) window.print();
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
