// Admin export page: the "Select all" box ticks or clears every field box. The handler is
// export_selectable_fields.js's (django-import-export), attached here because the CSP refuses
// the package's onchange attribute.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var toggle = document.querySelector("input.select-toggle[name=select-all-toggle]");
  if (toggle && typeof onSelectToggleChange === "function") {
    toggle.addEventListener("change", onSelectToggleChange);
  }
});
