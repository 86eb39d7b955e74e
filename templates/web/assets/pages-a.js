// Pages of departments and leaders. Everything works without this file; it only saves a reload.
(function () {
  'use strict';

  // The comment form of a round: "comment on this section" and "general comment" set its target in
  // place (their links reload the page with the same effect when JavaScript is off), and the target
  // line follows the passage app.js captures from a selection.
  var form = document.querySelector('form[data-comment-form]');
  if (!form) return;
  var keyField = form.querySelector('[name=sectionKey]');
  var quoteField = form.querySelector('[name=quote]');
  var target = form.querySelector('[data-comment-target]');
  var preview = form.querySelector('[data-quote-preview]');

  function headingOf(key) {
    var all = document.querySelectorAll('[data-section-heading]');
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute('data-section-heading') === key) return all[i].textContent;
    return '';
  }

  function showTarget() {
    var key = keyField.value;
    target.textContent = key ? headingOf(key) : target.getAttribute('data-general');
    if (!quoteField.value && preview) { preview.textContent = ''; preview.hidden = true; }
  }

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

  // app.js has filled the fields by the time these run (its listeners were added first).
  document.addEventListener('mouseup', showTarget);
  document.addEventListener('keyup', function (e) { if (e.shiftKey) showTarget(); });
})();
