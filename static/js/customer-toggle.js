// Reception and phone logs: the customer's details matter only for a customer's entry, so they
// are hidden otherwise. The <script> tag names the field (data-field) and the values that mean
// "a customer" (data-customer-values, a JSON list).
(function () {
  "use strict";
  var script = document.currentScript;
  var select = document.querySelector("[name=" + script.dataset.field + "]");
  var box = document.getElementById("customer-details");
  if (!select || !box) return;
  var customer = JSON.parse(script.dataset.customerValues);
  var sync = function () {
    box.hidden = customer.indexOf(select.value) === -1;
  };
  select.addEventListener("change", sync);
  sync();
})();
