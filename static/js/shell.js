// The shell (templates/partials/navbar.html, sidebar.html): on desktop the menu button folds the
// sidebar away and the choice is remembered; on phones the sidebar is a Bootstrap off-canvas
// drawer opened by its own button (data-bs-toggle, no code here).
(function () {
  "use strict";
  var KEY = "shell.sidebarCollapsed";
  var body = document.body;

  function remembered() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function remember(collapsed) {
    try { window.localStorage.setItem(KEY, collapsed ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  function apply(collapsed) {
    body.classList.toggle("sidebar-collapsed", collapsed);
    document.querySelectorAll("[data-shell-collapse]").forEach(function (button) {
      button.setAttribute("aria-expanded", collapsed ? "false" : "true");
    });
  }

  apply(remembered());
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-shell-collapse]");
    if (!button) { return; }
    var collapsed = !body.classList.contains("sidebar-collapsed");
    apply(collapsed);
    remember(collapsed);
  });
})();
