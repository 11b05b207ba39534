// The import page: while the file is sent, say so, and stop a second press of the button sending the
// file again. Once it has arrived, the job's page shows the import's progress.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  var working = document.getElementById("import-working");
  if (!form || !working) return;
  form.addEventListener("submit", function () {
    working.hidden = false;
    var button = document.getElementById("import-submit");
    if (button) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    }
  });
})();
