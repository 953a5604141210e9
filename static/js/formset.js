// "Add a row" for Django formsets: [data-formset-add="prefix"] clones <template id="prefix-empty">
// into #prefix-rows, numbering the new row as Django expects (__prefix__ -> the next index).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const prefix = button.dataset.formsetAdd;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const max = document.getElementById(`id_${prefix}-MAX_NUM_FORMS`);
  const index = Number(total.value);
  if (max && index >= Number(max.value)) return;
  const template = document.getElementById(`${prefix}-empty`);
  const html = template.innerHTML.replaceAll("__prefix__", String(index));
  const rows = document.getElementById(`${prefix}-rows`);
  rows.insertAdjacentHTML("beforeend", html);
  const added = rows.lastElementChild;
  added.querySelectorAll("[data-item-number]").forEach((el) => { el.textContent = index + 1; });
  total.value = index + 1;
  added.dispatchEvent(new CustomEvent("formset:added", { bubbles: true }));
  added.querySelector("textarea, input, select")?.focus();
});
