/**
 * The activity form's live reading of the deadline: as the secretariat types, the window the
 * server reads is shown under the box. Without it the form's "Check the deadline" button does the same.
 */
export const DEADLINE_PREVIEW_SCRIPT = `(function () {
  var input = document.getElementById('f-deadline');
  var out = document.getElementById('deadline-preview');
  if (!input || !out) return;
  var timer = null;
  var asked = 0;
  function show(result) {
    out.textContent = '';
    out.className = result.ok ? 'hint' : 'field-error';
    result.lines.forEach(function (line) {
      var p = document.createElement('span');
      p.textContent = line + ' ';
      out.appendChild(p);
    });
  }
  function read() {
    var mine = ++asked;
    fetch('/work-plan/deadline-preview?plan=' + encodeURIComponent(input.getAttribute('data-plan') || '') + '&text=' + encodeURIComponent(input.value), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (result) { if (result && mine === asked) show(result); })
      .catch(function () {});
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(read, 250);
  });
})();
`;
