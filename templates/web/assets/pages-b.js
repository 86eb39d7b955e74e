// Secretariat pages: add a row to a repeated form without a round trip, select all agencies.
// Without JavaScript the same buttons post the form and the server adds the row.
(function () {
  'use strict';

  document.addEventListener('click', function (e) {
    var add = e.target.closest && e.target.closest('[data-add-row]');
    if (add) {
      var name = add.getAttribute('data-add-row');
      var template = document.querySelector('template[data-row-template="' + name + '"]');
      var rows = document.querySelector('[data-rows="' + name + '"]');
      if (!template || !rows) return;
      e.preventDefault();
      rows.appendChild(template.content.cloneNode(true));
      var all = rows.querySelectorAll('[data-row]');
      all.forEach(function (row, i) {
        var no = row.querySelector('[data-row-no]');
        if (no) no.textContent = String(i + 1);
      });
      var first = all[all.length - 1].querySelector('input, select, textarea');
      if (first) first.focus();
      return;
    }
    var every = e.target.closest && e.target.closest('[data-check-all], [data-check-none]');
    if (every) {
      var on = every.hasAttribute('data-check-all');
      var field = every.getAttribute(on ? 'data-check-all' : 'data-check-none');
      document.querySelectorAll('input[type=checkbox][name="' + field + '"]').forEach(function (box) { box.checked = on; });
    }
  });

  // The select-all links only work with JavaScript: show them only then.
  document.querySelectorAll('.b-check-all[hidden]').forEach(function (p) { p.hidden = false; });
})();
