// Admin periodic-task form (django-celery-beat): under the crontab field, show the chosen
// schedule in words (data: #readable-crontabs). Replaces the package's inline script.
(function () {
  "use strict";
  var $ = django.jQuery;
  var readableCrontabs = JSON.parse($("#readable-crontabs").text());
  var help = $(".field-crontab .help");
  var originalHelp = help.html();
  $(".field-crontab_translation").hide();
  $(".field-crontab").change(function () {
    var reading = readableCrontabs[$("#id_crontab").val()];
    help.html(originalHelp).append("<br>", document.createTextNode("Translation: " + (reading || "")));
  });
})();
