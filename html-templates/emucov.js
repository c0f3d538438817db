// emucov HTML report: click a header of a table.sortable to sort its rows
// (numbers by the cell's data-sort value, else by text).  No external code.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  document.documentElement.setAttribute('data-js', 'ready');
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('thead th').forEach(function (th) {
      th.addEventListener('click', function () {
        var col = th.cellIndex, dir = th.getAttribute('data-dir') === 'asc' ? -1 : 1;
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var key = function (tr) {
          var td = tr.cells[col], v = td.getAttribute('data-sort');
          return v !== null ? parseFloat(v) : td.textContent.toLowerCase();
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          return (x < y ? -1 : x > y ? 1 : 0) * dir;
        });
        rows.forEach(function (tr) { body.appendChild(tr); });
        table.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('data-dir'); });
        th.setAttribute('data-dir', dir === 1 ? 'asc' : 'desc');
      });
    });
  });
});
