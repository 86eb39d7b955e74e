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
  // section, whether the selection was made with a mouse, a finger (selectionchange) or the
  // keyboard; the "Trích đoạn này" button does the same on request. "Comment on this section" and
  // "general comment" set the target in place (their links reload the page with the same effect
  // without JavaScript, and the quote field can be typed into). On a phone's width the form moves
  // to just after the section it comments on.
  var form = document.querySelector('form[data-comment-form]');
  if (form) {
    var keyField = form.querySelector('[name=sectionKey]');
    var quoteField = form.querySelector('[name=quote]');
    var nthField = form.querySelector('[name=quoteOccurrence]');
    var target = form.querySelector('[data-comment-target]');
    var pick = form.querySelector('[data-quote-pick]');
    var side = form.closest('[data-comment-side]') || form;
    var home = { parent: side.parentNode, next: side.nextSibling };
    var narrow = window.matchMedia ? window.matchMedia('(max-width: 600px)') : null;
    var kept = null; // the last selection inside a section: a tap on the button may clear the live one
    var headingOf = function (key) {
      var all = document.querySelectorAll('[data-section-heading]');
      for (var i = 0; i < all.length; i++) if (all[i].getAttribute('data-section-heading') === key) return all[i].textContent;
      return '';
    };
    var sectionOf = function (key) {
      var all = document.querySelectorAll('[data-section-key]');
      for (var i = 0; i < all.length; i++) if (all[i].getAttribute('data-section-key') === key) return all[i].closest('section') || all[i];
      return null;
    };
    // On a narrow screen the form stands after its section (or back at the end for a general
    // comment); the section itself keeps its place on the screen.
    var place = function () {
      var section = narrow && narrow.matches && keyField.value ? sectionOf(keyField.value) : null;
      if (section) {
        if (section.nextSibling === side) return;
        var before = section.getBoundingClientRect().top;
        section.parentNode.insertBefore(side, section.nextSibling);
        window.scrollBy(0, section.getBoundingClientRect().top - before);
      } else if (side.parentNode !== home.parent) {
        home.parent.insertBefore(side, home.next);
      }
    };
    if (narrow && narrow.addEventListener) narrow.addEventListener('change', place);
    // A form shown again (refused, or opened on a section) starts beside its section too, at what the address points to.
    if (keyField.value && narrow && narrow.matches) {
      place();
      var pointed = window.location.hash && document.getElementById(window.location.hash.slice(1));
      if (pointed && side.contains(pointed)) pointed.scrollIntoView();
      if (summary && side.contains(summary)) summary.focus();
    }
    var showTarget = function () {
      target.textContent = keyField.value ? headingOf(keyField.value) : target.getAttribute('data-general');
      place();
    };
    // Which occurrence of `text` in the section (from 0) starts nearest to where the selection
    // starts: the server finds it in the stored text (the page shows the Markdown rendered).
    var flat = function (s) { return (s.normalize ? s.normalize('NFC') : s).replace(/\s+/g, ' '); };
    var occurrenceOf = function (section, range, text) {
      var before = document.createRange();
      before.setStart(section, 0);
      before.setEnd(range.startContainer, range.startOffset);
      var at = flat(before.toString()).length;
      var all = flat(section.textContent);
      var needle = flat(text);
      var nth = 0;
      var best = Infinity;
      for (var i = all.indexOf(needle), k = 0; i >= 0; i = all.indexOf(needle, i + 1), k++) {
        if (Math.abs(i - at) < best) { best = Math.abs(i - at); nth = k; }
      }
      return nth;
    };
    // The selection, when it lies inside one section of the text: its section, its text, which occurrence.
    var selected = function () {
      var sel = window.getSelection && window.getSelection();
      if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
      var range = sel.getRangeAt(0);
      var within = function (n) {
        var el = n && (n.nodeType === 1 ? n : n.parentElement);
        return el && el.closest ? el.closest('[data-section-key]') : null;
      };
      var section = within(range.startContainer);
      var text = sel.toString().trim();
      if (!section || section !== within(range.endContainer) || !text) return null;
      return { key: section.getAttribute('data-section-key'), text: text, nth: occurrenceOf(section, range, text) };
    };
    var fill = function (quote) {
      quoteField.value = quote.text;
      keyField.value = quote.key;
      if (nthField) nthField.value = String(quote.nth);
      showTarget();
    };
    // An open "Sửa ý kiến" form has its own "Trích đoạn này": it takes the selection into that form.
    var editPicks = document.querySelectorAll('[data-edit-quote-pick]');
    var captureSelection = function () {
      var quote = selected();
      if (quote) { kept = quote; fill(quote); }
      if (pick) pick.hidden = !(quote || kept);
      for (var i = 0; i < editPicks.length; i++) editPicks[i].hidden = !(quote || kept);
    };
    document.addEventListener('click', function (e) {
      var button = e.target.closest && e.target.closest('[data-edit-quote-pick] button');
      if (!button) return;
      var quote = selected() || kept;
      var edit = button.closest('form');
      if (!quote || !edit) return;
      edit.querySelector('[name=quote]').value = quote.text;
      edit.querySelector('[name=sectionKey]').value = quote.key;
      edit.querySelector('[name=quoteOccurrence]').value = String(quote.nth);
      edit.querySelector('textarea[name=body]').focus();
    });
    // A quote typed or changed by hand is found again by its words alone.
    document.addEventListener('input', function (e) {
      var field = e.target;
      if (field.name !== 'quote' || !field.form) return;
      var nth = field.form.querySelector('[name=quoteOccurrence]');
      if (nth) nth.value = '';
    });
    var timer = null;
    document.addEventListener('mouseup', captureSelection);
    document.addEventListener('keyup', function (e) { if (e.shiftKey) captureSelection(); });
    // Touch screens select without mouseup: follow the selection as it settles.
    document.addEventListener('selectionchange', function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(captureSelection, 250);
    });
    if (pick) {
      pick.querySelector('button').addEventListener('click', function () {
        var quote = selected() || kept;
        if (!quote) return;
        fill(quote);
        form.querySelector('textarea[name=body]').focus();
      });
    }
    document.addEventListener('click', function (e) {
      var link = e.target.closest && e.target.closest('[data-comment-section]');
      if (!link) return;
      e.preventDefault();
      keyField.value = link.getAttribute('data-comment-section');
      quoteField.value = '';
      if (nthField) nthField.value = '';
      kept = null;
      if (pick) pick.hidden = !selected();
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
