// Lead intake: walk-ins and showroom visitors are here in person; a phone call is not.
// The referrer's phone (CARE-5) is asked for the referral channel only.
(function () {
  "use strict";
  function showReferrer(channel) {
    var row = document.getElementById("referrer-field");
    if (row) row.classList.toggle("d-none", channel !== "REFERRAL");
  }
  document.addEventListener("change", function (event) {
    if (event.target.name !== "channel") return;
    var inPerson = document.querySelector("input[name=in_person]");
    if (inPerson) inPerson.checked = ["WALK_IN", "SHOWROOM"].indexOf(event.target.value) !== -1;
    showReferrer(event.target.value);
  });
  document.addEventListener("DOMContentLoaded", function () {
    var channel = document.querySelector("select[name=channel]");
    if (channel) showReferrer(channel.value);
  });
})();
