// The import page: while the file is sent, checked and saved, say so, with an estimate of how long it
// takes from the file's size, and stop a second press of the button sending the file again.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  var working = document.getElementById("import-working");
  if (!form || !working) return;
  form.addEventListener("submit", function () {
    var input = document.getElementById("file");
    var estimate = document.getElementById("import-estimate");
    var file = input && input.files && input.files[0];
    if (file) {
      var seconds = (file.size / (1024 * 1024)) * Number(form.dataset.secondsPerMb || 6);
      var minutes = Math.ceil(seconds / 60);
      if (seconds < 45) estimate.textContent = estimate.dataset.seconds;
      else if (minutes <= 1) estimate.textContent = estimate.dataset.minutesOne;
      else estimate.textContent = estimate.dataset.minutesMany.replace("__N__", String(minutes));
    }
    working.hidden = false;
    var button = document.getElementById("import-submit");
    if (button) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    }
  });
})();
