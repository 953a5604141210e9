// Tables marked .table-cards become stacked cards on phones (static/css/app.css); each cell
// gets its column's heading as data-label, which the card shows before the value.
function labelCells(root) {
  root.querySelectorAll("table.table-cards").forEach((table) => {
    const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    table.querySelectorAll("tbody tr").forEach((row) => {
      [...row.children].forEach((cell, index) => {
        if (!cell.hasAttribute("data-label") && headings[index] && !cell.hasAttribute("colspan")) {
          cell.dataset.label = headings[index];
        }
      });
    });
  });
}
document.addEventListener("DOMContentLoaded", () => labelCells(document));
document.addEventListener("htmx:afterSettle", () => labelCells(document));
