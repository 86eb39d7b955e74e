// The consolidation board's script (the secretariat's board only). Without it every form posts and
// the page comes back at the next undecided comment; with it a decision is posted in the
// background and only what it changed is put in place: the comment's card, the totals, its
// section's counts and the link to the next undecided comment.
(function () {
  'use strict';
  if (!window.fetch || !window.DOMParser || !window.FormData || !window.URLSearchParams) return;

  // Each element of the answer marked data-swap takes the place of the page's element of the same id.
  var swap = function (html) {
    var fresh = new DOMParser().parseFromString(html, 'text/html');
    fresh.querySelectorAll('[data-swap][id]').forEach(function (el) {
      var here = document.getElementById(el.id);
      if (here) here.innerHTML = el.innerHTML;
    });
  };

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.matches || !form.matches('form[data-board-decide]') || e.defaultPrevented) return;
    e.preventDefault();
    var card = form.closest('[data-swap]');
    var button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    if (card) card.setAttribute('aria-busy', 'true');
    fetch(form.getAttribute('action') + '/card', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'text/html' },
      body: new URLSearchParams(new FormData(form)),
    })
      .then(function (res) {
        // Anything but a decision or a refusal of it (a session gone, an error page): the plain form shows it.
        if (res.status !== 200 && res.status !== 400) throw new Error('status ' + res.status);
        return res.text().then(function (html) { return { ok: res.status === 200, html: html }; });
      })
      .then(function (answer) {
        var id = card && card.id;
        swap(answer.html);
        window.boardUpdates = (window.boardUpdates || 0) + 1;
        var now = id && document.getElementById(id);
        if (now) now.removeAttribute('aria-busy');
        var focus = now && (answer.ok ? null : now.querySelector('[data-error-summary]'));
        if (!focus && answer.ok) focus = document.querySelector('#board-next a');
        if (focus) focus.focus();
      })
      .catch(function () {
        form.submit();
      });
  });

  // A reason template chosen fills the reason box (without the script the server reads the template).
  document.addEventListener('change', function (e) {
    var select = e.target;
    if (!select.matches || !select.matches('select[data-reason-template]')) return;
    var box = document.getElementById(select.getAttribute('data-reason-template'));
    var chosen = select.options[select.selectedIndex];
    if (box && chosen && chosen.value) box.value = chosen.getAttribute('data-text') || '';
  });
})();
