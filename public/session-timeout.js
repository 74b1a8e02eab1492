// The warning before an idle session ends (WCAG 2.2.1), for the markup of
// app/src/components/session_timeout.rs. Without this script the page works the same: the
// server shows the warning when the page is made within its last minutes, and "Bliv logget ind"
// is a plain form post.
(function () {
  'use strict';
  var w = document.getElementById('session-warning');
  if (!w) return;
  // Counted from the clock, not from ticks: a tab in the background or a sleeping laptop gets
  // fewer ticks, and the warning must never promise time the session no longer has.
  var endsAt = Date.now() + 1000 * Number(w.getAttribute('data-seconds-left'));
  var warnBefore = Number(w.getAttribute('data-warn-before'));
  var text = document.getElementById('session-warning-text');
  var stay = w.querySelector('form');
  var save = w.querySelector('.session-warning-save');
  var again = w.querySelector('.session-warning-again');
  var shown = false;
  var focusBefore = null;

  function render() {
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    var warn = left <= warnBefore;
    w.hidden = !warn;
    if (left <= 0) {
      text.textContent = w.getAttribute('data-text-out');
      if (stay) stay.hidden = true;
      if (save) save.hidden = true;
      again.hidden = false;
    } else {
      var m = Math.ceil(left / 60);
      text.textContent = w.getAttribute(m === 1 ? 'data-text-one' : 'data-text-many')
        .replace('{m}', String(m));
    }
    if (warn && !shown) {
      // Focus moves to the warning when it appears, so screen readers and keyboards find it.
      focusBefore = document.activeElement;
      var button = stay && !stay.hidden ? stay.querySelector('button') : null;
      (button || document.getElementById('session-warning-title')).focus();
    } else if (!warn && shown) {
      // And back to where the person was when it goes.
      if (focusBefore && focusBefore.focus && document.contains(focusBefore)) focusBefore.focus();
      focusBefore = null;
    }
    shown = warn;
  }

  render();
  setInterval(render, 1000);

  if (stay) {
    stay.addEventListener('submit', function (event) {
      event.preventDefault();
      fetch(stay.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) { endsAt = Date.now() + 1000 * (typeof s === 'number' ? s : 0); render(); })
        .catch(function () { endsAt = Date.now(); render(); });
    });
  }
})();
