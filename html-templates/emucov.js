// emucov HTML report: click a header of a table.sortable to sort its rows
// (numbers by the cell's data-sort value, else by text).  A link can ask
// for a sorted table: index.html?sort=<table id>:<column>[:desc].
// No external code.
'use strict';
function emucovSort(table, th, dir) {
  var col = th.cellIndex, body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
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
}
document.addEventListener('DOMContentLoaded', function () {
  document.documentElement.setAttribute('data-js', 'ready');
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('thead th').forEach(function (th) {
      th.addEventListener('click', function () {
        emucovSort(table, th, th.getAttribute('data-dir') === 'asc' ? -1 : 1);
      });
    });
  });
  // file pages at the object levels: one button opens or closes every
  // line's instruction list
  var obj = document.querySelectorAll('details.obj'), btn = document.getElementById('toggle-obj');
  if (btn && obj.length) {
    btn.parentNode.hidden = false;
    btn.addEventListener('click', function () {
      var open = btn.getAttribute('data-open') !== '1';
      obj.forEach(function (d) { d.open = open; });
      btn.setAttribute('data-open', open ? '1' : '0');
      btn.textContent = open ? 'Collapse all object code' : 'Expand all object code';
    });
  }
  var want = new URLSearchParams(window.location.search).get('sort');
  if (want) {
    var p = want.split(':'), table = document.getElementById(p[0]);
    var th = table && table.tHead ? table.tHead.rows[0].cells[parseInt(p[1], 10)] : null;
    if (th && table.classList.contains('sortable'))
      emucovSort(table, th, p[2] === 'desc' ? -1 : 1);
  }
});
