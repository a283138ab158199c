// Offline and updates (the page's half; the worker is web/sw.js, written into site/ by
// scripts/site_assets.mjs). Registers the service worker once the lab runs, tells the lab which
// version it runs and whether it works offline (site.page_state), and when a newer version has
// been installed in the background tells the lab (site.update_available): the lab shows
// "Reload to update" and, when chosen and no run is training, calls Module.labApplyUpdate().
if (typeof window !== 'undefined' && typeof navigator !== 'undefined' && 'serviceWorker' in navigator &&
    /^https?:$/.test(location.protocol)) {
  (function () {
    var reloadWhenTakenOver = false;
    var askVersion = function (worker) {
      return new Promise(function (ok) {
        var ch = new MessageChannel();
        ch.port1.onmessage = function (e) { ok(e.data && e.data.version); };
        worker.postMessage({ type: 'version' }, [ch.port2]);
        setTimeout(function () { ok(null); }, 3000);  // an old worker that does not answer
      });
    };
    var tell = function (command) {
      if (Module.calledRun) Module.labCommand(command);
      else (Module.postRun = Module.postRun || []).push(function () { Module.labCommand(command); });
    };
    var reportController = function () {
      var c = navigator.serviceWorker.controller;
      if (!c) { tell({ cmd: 'site.page_state', offline_ready: false }); return; }
      askVersion(c).then(function (v) { tell({ cmd: 'site.page_state', offline_ready: true, version: v || '' }); });
    };
    var offer = function (reg, worker) {
      // The very first install is not an update: nothing older controls this page.
      if (!navigator.serviceWorker.controller) return;
      askVersion(worker).then(function (v) {
        Module.labWaitingWorker = worker;
        tell({ cmd: 'site.update_available', version: v || '' });
      });
    };
    Module['labApplyUpdate'] = function () {
      var w = Module.labWaitingWorker;
      if (!w || w.state === 'redundant') { location.reload(); return; }
      reloadWhenTakenOver = true;
      w.postMessage({ type: 'take-over' });
    };
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (reloadWhenTakenOver) { location.reload(); return; }
      reportController();  // the first install just took control: the lab now works offline
    });
    var start = function () {
      reportController();
      navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' }).then(function (reg) {
        var watch = function (w) {
          if (w) w.addEventListener('statechange', function () { if (w.state === 'installed') offer(reg, w); });
        };
        // The browser may have found the new version while this page loaded: waiting already,
        // or still installing (its updatefound came before this listener).
        if (reg.waiting) offer(reg, reg.waiting);
        else watch(reg.installing);
        reg.addEventListener('updatefound', function () { watch(reg.installing); });
        // Look for a new build once the lab runs and the page is idle (an update asked for while
        // the old worker still serves the page's files was seen to take a minute in Chromium),
        // then every hour in a long workshop. Offline, the check just fails.
        var check = function () { reg.update().catch(function () {}); };
        var whenRunning = function () {
          if (window.labReady) setTimeout(check, 1000);
          else setTimeout(whenRunning, 250);
        };
        if (navigator.serviceWorker.controller) whenRunning();
        setInterval(check, 3600 * 1000);
      }, function (err) {
        tell({ cmd: 'site.page_state', offline_ready: false, problem: 'the offline copy could not be set up: ' + err });
      });
    };
    // After the page's own downloads, so the worker's install never competes with them.
    if (document.readyState === 'complete') setTimeout(start, 0);
    else window.addEventListener('load', function () { setTimeout(start, 0); });
  })();
}
