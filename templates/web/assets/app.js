// The little JavaScript the pages use. Every action works without it (plain forms, links); it only
// saves keystrokes and round trips.
(function () {
  'use strict';

  // A refused form: focus goes to the summary of what is wrong (GOV.UK error summary).
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();

  // "Go back" links fall back to their href when there is no history.
  document.addEventListener('click', function (e) {
    var back = e.target.closest && e.target.closest('[data-back]');
    if (back && window.history.length > 1) { e.preventDefault(); window.history.back(); }
  });

  // Confirm before irreversible actions.
  document.addEventListener('submit', function (e) {
    var msg = e.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) e.preventDefault();
  });

  // Commenting on a round: selecting text inside a section fills the comment form's quote and
  // section; "comment on this section" and "general comment" set the target in place (their links
  // reload the page with the same effect without JavaScript).
  var form = document.querySelector('form[data-comment-form]');
  if (form) {
    var keyField = form.querySelector('[name=sectionKey]');
    var quoteField = form.querySelector('[name=quote]');
    var target = form.querySelector('[data-comment-target]');
    var preview = form.querySelector('[data-quote-preview]');
    var headingOf = function (key) {
      var all = document.querySelectorAll('[data-section-heading]');
      for (var i = 0; i < all.length; i++) if (all[i].getAttribute('data-section-heading') === key) return all[i].textContent;
      return '';
    };
    var showTarget = function () {
      target.textContent = keyField.value ? headingOf(keyField.value) : target.getAttribute('data-general');
      if (!quoteField.value && preview) { preview.textContent = ''; preview.hidden = true; }
    };
    var captureSelection = function () {
      var sel = window.getSelection && window.getSelection();
      if (!sel || sel.isCollapsed) return;
      var node = sel.anchorNode && (sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentElement);
      var section = node && node.closest && node.closest('[data-section-key]');
      var text = sel.toString().trim();
      if (!section || !text) return;
      quoteField.value = text;
      keyField.value = section.getAttribute('data-section-key');
      if (preview) { preview.textContent = text; preview.hidden = false; }
      showTarget();
    };
    document.addEventListener('mouseup', captureSelection);
    document.addEventListener('keyup', function (e) { if (e.shiftKey) captureSelection(); });
    document.addEventListener('click', function (e) {
      var link = e.target.closest && e.target.closest('[data-comment-section]');
      if (!link) return;
      e.preventDefault();
      keyField.value = link.getAttribute('data-comment-section');
      quoteField.value = '';
      showTarget();
      form.scrollIntoView({ block: 'nearest' });
      form.querySelector('textarea[name=body]').focus();
    });
  }

  // Repeated rows (sections, attendees, opinions…): add one without a round trip. Without
  // JavaScript the same button posts the form and the server adds the row.
  document.addEventListener('click', function (e) {
    var add = e.target.closest && e.target.closest('[data-add-row]');
    if (!add) return;
    var name = add.getAttribute('data-add-row');
    var template = document.querySelector('template[data-row-template="' + name + '"]');
    var rows = document.querySelector('[data-rows="' + name + '"]');
    if (!template || !rows) return;
    e.preventDefault();
    var index = rows.querySelectorAll('[data-row]').length;
    var row = template.content.cloneNode(true);
    // The template's controls are numbered "new": give them this row's number, so that labels and ids stay unique.
    row.querySelectorAll('[id], [for], [aria-describedby]').forEach(function (el) {
      ['id', 'for', 'aria-describedby'].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.replace(/-new-|-new$/g, function (m) { return m.replace('new', String(index)); }));
      });
    });
    rows.appendChild(row);
    var all = rows.querySelectorAll('[data-row]');
    all.forEach(function (r, i) { var no = r.querySelector('[data-row-no]'); if (no) no.textContent = String(i + 1); });
    var first = all[all.length - 1].querySelector('input, select, textarea');
    if (first) first.focus();
  });

  // Select all / none: only with JavaScript, so shown only then.
  document.addEventListener('click', function (e) {
    var every = e.target.closest && e.target.closest('[data-check-all], [data-check-none]');
    if (!every) return;
    var on = every.hasAttribute('data-check-all');
    var field = every.getAttribute(on ? 'data-check-all' : 'data-check-none');
    document.querySelectorAll('input[type=checkbox][name="' + field + '"]').forEach(function (box) { box.checked = on; });
  });
  document.querySelectorAll('.check-all[hidden]').forEach(function (p) { p.hidden = false; });

  // A document being rendered: its status region is fetched again in place until it is done (the
  // region is aria-live="polite"); no page reload, no refresh <meta>.
  var live = document.querySelector('[data-refresh]');
  if (live && window.fetch && window.DOMParser) {
    var every = Number(live.getAttribute('data-refresh')) || 2000;
    var poll = function () {
      fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (res) { return res.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(live.id);
          if (!fresh) return;
          if (live.innerHTML !== fresh.innerHTML) live.innerHTML = fresh.innerHTML;
          if (fresh.hasAttribute('data-refresh')) setTimeout(poll, every);
          else live.removeAttribute('data-refresh');
        })
        .catch(function () { setTimeout(poll, every * 2); });
    };
    setTimeout(poll, every);
  }
})();
