/**
 * The new-meeting form's zone follows the chosen body's zone until the secretariat types one, and the
 * sentence saying which zone the times are in follows the box. Without it the server fills a blank zone.
 */
export const MEETING_ZONE_SCRIPT = `(function () {
  var body = document.getElementById('f-body');
  var zone = document.getElementById('f-zone');
  var note = document.getElementById('zone-note');
  if (!zone || !note) return;
  var template = note.getAttribute('data-template') || '';
  var filled = zone.value;
  function say() { note.textContent = template.replace('{zone}', zone.value || '—'); }
  zone.addEventListener('input', say);
  if (body) body.addEventListener('change', function () {
    var option = body.options[body.selectedIndex];
    var own = option && option.getAttribute('data-zone');
    if (own && (zone.value === '' || zone.value === filled)) { zone.value = own; filled = own; say(); }
  });
})();
`;
