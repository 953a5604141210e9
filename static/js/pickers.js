// <select data-picker> (common.forms.Picker) becomes a Tom Select box (static/vendor/tom-select):
// type a few letters, with or without diacritics, to find an agency among hundreds; groups stay;
// each chosen agency has a remove button. Rows added later (formsets, htmx) get one too.
function pickers(root) {
  root.querySelectorAll("select[data-picker]:not(.tomselected)").forEach((select) => {
    new TomSelect(select, {
      plugins: select.multiple ? ["remove_button"] : [],
      maxOptions: null,
      placeholder: select.dataset.placeholder || "",
      hidePlaceholder: false,
      onItemAdd() { if (select.multiple) this.setTextboxValue(""); },
    });
  });
}
document.addEventListener("DOMContentLoaded", () => pickers(document));
document.addEventListener("htmx:afterSettle", (event) => pickers(event.target));
document.addEventListener("formset:added", (event) => pickers(event.target));
