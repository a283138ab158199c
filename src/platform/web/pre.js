// Mount the IndexedDB-backed store and load what earlier visits saved, and expose the command
// hook. Included with --pre-js, so any page that loads lab.js gets both.
// main() waits for the load (a run dependency). Our page reads the whole store in its <head>
// while lab.wasm downloads and compiles (labStoreRead in web/index.html); that copy is written
// into the file system here, as IDBFS's own load would, and the reading is off the start's path.
// Written in preRun, not sooner: MEMFS needs the wasm memory to exist (it checks HEAP8).
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  FS.mkdir('/lab');
  try {
    FS.mount(IDBFS, {}, '/lab');
  } catch (e) {
    Module.labStorageLoadError = String(e);
    return;
  }
  addRunDependency('lab-idbfs-load');
  var loaded = function (err) {
    if (err) Module.labStorageLoadError = String(err && err.message ? err.message : err);
    removeRunDependency('lab-idbfs-load');
  };
  var loadByIdbfs = function () {
    Module.labStoreLoadedBy = 'idbfs';  // which way it went, for the tests
    FS.syncfs(true, loaded);
  };
  var early = typeof labStoreRead !== 'undefined' ? labStoreRead : Promise.resolve(null);
  early.then(function (read) {
    if (!read || read.db.version !== IDBFS.DB_VERSION) {
      if (read) read.db.close();
      loadByIdbfs();
      return;
    }
    Module.labStoreLoadedBy = 'page';
    IDBFS.dbs['/lab'] = read.db;  // the saves reuse the connection
    // The mount is empty, so IDBFS's load would create every saved entry, in this order (keys come
    // sorted: a folder before what it holds).
    var failed = null;
    for (var i = 0; i < read.paths.length && !failed; i++)
      IDBFS.storeLocalEntry(read.paths[i], read.entries[i], function (err) { failed = err; });
    loaded(failed);
  }, loadByIdbfs);
});

// Module.labCommand({cmd: 'help'}) or labCommand('{"cmd":"help"}') -> reply object.
Module['labCommand'] = function (command) {
  var text = typeof command === 'string' ? command : JSON.stringify(command);
  return JSON.parse(Module.ccall('lab_command', 'string', ['string'], [text]));
};

// Which build the page loaded (index.html: lab-mt with threads where the page is cross-origin
// isolated, lab otherwise) and why: the lab shows "N cores" or why one in its status bar.
if (typeof window !== 'undefined' && Module['labThreads']) {
  (Module['postRun'] = Module['postRun'] || []).push(function () {
    var t = Module['labThreads'];
    Module.labCommand({ cmd: 'site.page_threads', build: t.build, cores: t.cores, reason: t.reason });
  });
}

// Deep links: back/forward or an edited address bar go to the place the hash names (nav.open);
// the lab puts the places it moves to into the address bar itself (main.cpp, nav.poll).
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', function () {
    if (Module.calledRun) Module.labCommand({ cmd: 'nav.open', route: location.hash });
  });
}

// Save before the tab goes away or into the background.
if (typeof window !== 'undefined') {
  var flushOnHide = function () { if (Module.calledRun) Module.ccall('lab_page_hidden', null, [], []); };
  window.addEventListener('pagehide', flushOnHide);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flushOnHide(); });
}

// Files come in one way: the page writes the chosen or dropped file into the in-memory file system
// and sends a command with its path (as store.import does); the lab reads it from there.
var LAB_MAX_IMPORT_BYTES = 200 * 1024 * 1024;
var labIncomingSerial = 0;
// Reads `file`, writes it to a fresh path under /tmp, runs send(path), and removes the copy.
function labDeliverFile(file, send, failed) {
  file.arrayBuffer().then(function (buffer) {
    var path = '/tmp/lab-incoming-' + (++labIncomingSerial) + '.csv';
    try {
      FS.mkdirTree('/tmp');
      FS.writeFile(path, new Uint8Array(buffer));
    } catch (e) {
      failed('not enough memory to read ' + file.name);
      return;
    }
    try { send(path); } finally { try { FS.unlink(path); } catch (e) {} }
  }, function (err) {
    failed('could not read ' + file.name + ': ' + err);
  });
}
// CSV import: the file picker (Data panel button) and drag-and-drop anywhere on the page.
Module['labImportFile'] = function (file) {
  if (!file) return;
  if (/\.json$/i.test(file.name)) { Module.labLoadTrack(file); return; }  // a guide track (facilitators)
  var failed = function (message) { Module.labCommand({ cmd: 'ui.import_failed', message: message }); };
  if (file.size > LAB_MAX_IMPORT_BYTES) {
    failed(file.name + ' is ' + (file.size / 1048576).toFixed(0) +
      ' MB; the lab imports files up to 200 MB. Import a sample of the rows instead.');
    return;
  }
  labDeliverFile(file, function (path) {
    Module.labCommand({ cmd: 'ui.import_file', path: path, name: file.name });
  }, failed);
};
Module['labPickCsv'] = function () {
  var input = document.createElement('input');
  input.type = 'file';
  input.accept = '.csv,text/csv';
  input.onchange = function () { Module.labImportFile(input.files[0]); };
  input.click();
};
// Guide tracks (facilitators): a .json file from the Guide's button or dropped on the page goes
// to guide.load_track {path, name}; the Guide shows the outcome (located errors for a bad file).
Module['labLoadTrack'] = function (file) {
  if (!file) return;
  labDeliverFile(file, function (path) {
    Module.labCommand({ cmd: 'guide.load_track', path: path, name: file.name });
  }, function (message) { console.warn(message); });
};
Module['labPickTrack'] = function () {
  var input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.onchange = function () { Module.labLoadTrack(input.files[0]); };
  input.click();
};
// Batch scoring (Serve panel): one hidden file input, reused. The lab first judges the name and
// size (serve.batch_check), so a wrong or huge file is refused before it is read.
Module['labScoreFile'] = function (file) {
  if (!file) return;
  var refuse = function (problem) {
    Module.labCommand({ cmd: 'ui.serve', batch_refused: { name: file.name, problem: problem } });
  };
  var check = Module.labCommand({ cmd: 'serve.batch_check', filename: file.name, bytes: file.size });
  if (!check.ok || !check.fits) { refuse(check.problem || check.error); return; }
  labDeliverFile(file, function (path) {
    Module.labCommand({ cmd: 'ui.serve', batch_file: { path: path, name: file.name } });
  }, refuse);
};
Module['labPickBatchCsv'] = function () {
  var input = document.getElementById('lab-batch-file');
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.id = 'lab-batch-file';
    input.accept = '.csv,text/csv';
    input.style.display = 'none';
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      input.value = '';  // choosing the same file again fires change again
      Module.labScoreFile(file);
    });
    document.body.appendChild(input);
  }
  input.click();
};
Module['labDownloadText'] = function (filename, text) {
  var url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  var a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
};
if (typeof window !== 'undefined') {
  window.addEventListener('dragover', function (e) { e.preventDefault(); });
  window.addEventListener('drop', function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) Module.labImportFile(e.dataTransfer.files[0]);
  });
}

// An uncaught error after the start is fatal when it stopped the frame loop (it escaped a frame):
// then the page says so over the canvas (labFatal in index.html) instead of freezing.
if (typeof window !== 'undefined') {
  window.addEventListener('error', function (e) {
    if (!window.labReady || !Module.labFatal) return;
    var before = Browser.mainLoop.currentFrameNumber;
    setTimeout(function () {
      if (ABORT || Browser.mainLoop.currentFrameNumber === before)
        Module.labFatal(e.message || String(e.error || 'an error in the page'));
    }, 500);
  });
}
