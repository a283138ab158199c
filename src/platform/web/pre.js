// Runs before main(): mount the IndexedDB-backed store and load what earlier visits saved, and
// expose the command hook. Included with --pre-js, so any page that loads lab.js gets both.
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
  FS.syncfs(true, function (err) {
    if (err) Module.labStorageLoadError = String(err && err.message ? err.message : err);
    removeRunDependency('lab-idbfs-load');
  });
});

// Module.labCommand({cmd: 'help'}) or labCommand('{"cmd":"help"}') -> reply object.
Module['labCommand'] = function (command) {
  var text = typeof command === 'string' ? command : JSON.stringify(command);
  return JSON.parse(Module.ccall('lab_command', 'string', ['string'], [text]));
};

// Save before the tab goes away or into the background.
if (typeof window !== 'undefined') {
  var flushOnHide = function () { if (Module.calledRun) Module.ccall('lab_page_hidden', null, [], []); };
  window.addEventListener('pagehide', flushOnHide);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flushOnHide(); });
}
