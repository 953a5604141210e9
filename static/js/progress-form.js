// The progress form (templates/tasks/partials/progress_panel.html): ticking completion sets the
// percent to 100 (completion means 100%), and the reason field shows when the percent is lower
// than the last report's. The server enforces both (tasks.services.progress_log).
(function () {
  "use strict";

  function sync(form) {
    const percent = form.querySelector('[name="percent"]');
    const completed = form.querySelector('[name="completed"]');
    const lower = form.querySelector("[data-lower-reason]");
    if (!percent) return;
    if (completed) {
      if (completed.checked) percent.value = 100;
      percent.readOnly = completed.checked;
    }
    if (lower) lower.hidden = !(Number(percent.value) < Number(percent.dataset.lastPercent));
  }

  function onEdit(event) {
    const form = event.target.closest("[data-progress-form]");
    if (form) sync(form);
  }

  function syncAll() {
    document.querySelectorAll("[data-progress-form]").forEach(sync);
  }

  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);
  document.addEventListener("DOMContentLoaded", syncAll);
  document.addEventListener("htmx:afterSettle", syncAll);
})();
