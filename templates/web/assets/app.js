// The little JavaScript the pages use. Everything works without it; it only saves keystrokes.
(function () {
  'use strict';

  // "Go back" links fall back to their href when there is no history.
  document.addEventListener('click', function (e) {
    var back = e.target.closest && e.target.closest('[data-back]');
    if (back && window.history.length > 1) { e.preventDefault(); window.history.back(); }
  });

  // Commenting on a passage: selecting text inside a section fills the comment form's quote and section.
  document.addEventListener('mouseup', function () { captureSelection(); });
  document.addEventListener('keyup', function (e) { if (e.shiftKey) captureSelection(); });

  function captureSelection() {
    var sel = window.getSelection && window.getSelection();
    if (!sel || sel.isCollapsed) return;
    var node = sel.anchorNode && (sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentElement);
    var section = node && node.closest && node.closest('[data-section-key]');
    var form = document.querySelector('form[data-comment-form]');
    if (!section || !form) return;
    var text = sel.toString().trim();
    if (!text) return;
    form.querySelector('[name=quote]').value = text;
    form.querySelector('[name=sectionKey]').value = section.getAttribute('data-section-key');
    var shown = form.querySelector('[data-quote-preview]');
    if (shown) { shown.textContent = text; shown.hidden = false; }
  }

  // Confirm before irreversible actions.
  document.addEventListener('submit', function (e) {
    var msg = e.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) e.preventDefault();
  });
})();
