// Frame timing in the page, shared by the browser benchmarks: every animation frame's interval,
// and the work inside each main-loop iteration (Emscripten's pre/postMainLoop hooks).
export function sampleFrames(page, seconds) {
  return page.evaluate((s) => new Promise((resolve) => {
    const intervals = [], work = [];
    let t0 = 0, last = 0;
    Module.preMainLoop = () => { t0 = performance.now(); };
    Module.postMainLoop = () => { work.push(performance.now() - t0); };
    const end = performance.now() + s * 1000;
    const tick = (now) => {
      if (last) intervals.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else { Module.preMainLoop = null; Module.postMainLoop = null; resolve({ intervals, work }); }
    };
    requestAnimationFrame(tick);
  }), seconds);
}
