// Lead intake: walk-ins and showroom visitors are here in person; a phone call is not.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    if (event.target.name !== "channel") return;
    var inPerson = document.querySelector("input[name=in_person]");
    if (inPerson) inPerson.checked = ["WALK_IN", "SHOWROOM"].indexOf(event.target.value) !== -1;
  });
})();
