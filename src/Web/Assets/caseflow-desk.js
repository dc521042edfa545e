// Drag and drop onto the desk's file pickers: a convenience on top of the plain <input type="file">, which keeps
// working (also from the keyboard) without this script. Delegated from document, so it survives enhanced navigation.
(function () {
  function zoneOf(event) {
    return event.target instanceof Element ? event.target.closest('[data-dropzone]') : null;
  }

  function list(zone) {
    var input = zone.querySelector('input[type=file]');
    var names = zone.querySelector('.cf-dropzone-list');
    if (!input || !names) { return; }
    names.textContent = '';
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement('li');
      item.textContent = file.name + ' (' + Math.max(1, Math.round(file.size / 1024)) + ' KB)';
      names.appendChild(item);
    });
  }

  ['dragenter', 'dragover'].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var zone = zoneOf(event);
      if (!zone) { return; }
      event.preventDefault();
      zone.classList.add('cf-dropzone-over');
    });
  });

  document.addEventListener('dragleave', function (event) {
    var zone = zoneOf(event);
    if (zone && !zone.contains(event.relatedTarget)) { zone.classList.remove('cf-dropzone-over'); }
  });

  document.addEventListener('drop', function (event) {
    var zone = zoneOf(event);
    if (!zone || !event.dataTransfer || event.dataTransfer.files.length === 0) { return; }
    event.preventDefault();
    zone.classList.remove('cf-dropzone-over');
    var input = zone.querySelector('input[type=file]');
    var merged = new DataTransfer();
    Array.prototype.forEach.call(input.files, function (file) { merged.items.add(file); });
    Array.prototype.forEach.call(event.dataTransfer.files, function (file) { merged.items.add(file); });
    input.files = merged.files;
    list(zone);
  });

  document.addEventListener('change', function (event) {
    var zone = zoneOf(event);
    if (zone && event.target.matches('input[type=file]')) { list(zone); }
  });
})();
