// Offline and updates (the page's half; the worker is web/sw.js, written into site/ by
// scripts/site_assets.mjs). Registers the service worker once the lab runs, tells the lab which
// version it runs and whether it works offline (site.page_state), and when a newer version has
// been installed in the background tells the lab (site.update_available): the lab shows
// "Reload to update" and, when chosen and no run is training, calls Module.labApplyUpdate().
if (typeof window !== 'undefined' && typeof navigator !== 'undefined' && 'serviceWorker' in navigator &&
    /^https?:$/.test(location.protocol)) {
  (function () {
    var reloadWhenTakenOver = false;
    // The worker answers {version, problem?} once it keeps this page's build (lab or lab-mt, as
    // index.html chose) for offline use; null when it has not answered within three seconds.
    var askVersion = function (worker) {
      return new Promise(function (ok) {
        var ch = new MessageChannel();
        ch.port1.onmessage = function (e) { ok(e.data || null); };
        var build = Module['labThreads'] ? Module['labThreads'].build : 'lab';
        worker.postMessage({ type: 'version', build: build }, [ch.port2]);
        setTimeout(function () { ok(null); }, 3000);  // busy, or an old worker that does not answer
      });
    };
    var tell = function (command) {
      if (Module.calledRun) Module.labCommand(command);
      else (Module.postRun = Module.postRun || []).push(function () { Module.labCommand(command); });
    };
    // What the page knows about its controller, told to the lab whenever it changes. The lab is
    // always told the latest state, never an older one that arrives late, and the page asks again
    // until it knows: under load the worker can take longer to start than a version request
    // waits, and an event can be missed, so a one-shot report could leave "not offline" standing.
    var known = { offline_ready: false, version: '', problem: '' };
    var told = null;
    var flushQueued = false;
    var report = function () {
      var text = JSON.stringify(known);
      if (text === told) return;
      if (!Module.calledRun) {
        if (!flushQueued) (Module.postRun = Module.postRun || []).push(function () { flushQueued = false; report(); });
        flushQueued = true;
        return;
      }
      told = text;
      Module.labCommand({ cmd: 'site.page_state', offline_ready: known.offline_ready, version: known.version, problem: known.problem });
    };
    var asking = false;
    var reportController = function () {
      var c = navigator.serviceWorker.controller;
      if (!c) { known.offline_ready = false; report(); return; }
      if (asking) return;
      asking = true;
      askVersion(c).then(function (answer) {
        asking = false;
        if (navigator.serviceWorker.controller !== c) { reportController(); return; }
        if (!answer) return;  // not yet: the page asks again in two seconds
        known.offline_ready = !answer.problem;
        known.problem = answer.problem || '';
        if (answer.version) known.version = answer.version;
        report();
      });
    };
    // Until the page is controlled and knows its version, look again every two seconds.
    var settle = setInterval(function () {
      if (known.offline_ready && known.version) { clearInterval(settle); return; }
      reportController();
    }, 2000);
    var offer = function (reg, worker) {
      // The very first install is not an update: nothing older controls this page.
      if (!navigator.serviceWorker.controller) return;
      askVersion(worker).then(function (answer) {
        Module.labWaitingWorker = worker;
        tell({ cmd: 'site.update_available', version: (answer && answer.version) || '' });
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
        clearInterval(settle);
        known.offline_ready = false;
        known.problem = 'the offline copy could not be set up: ' + err;
        report();
      });
    };
    // After the page's own downloads, so the worker's install never competes with them.
    if (document.readyState === 'complete') setTimeout(start, 0);
    else window.addEventListener('load', function () { setTimeout(start, 0); });
  })();
}
