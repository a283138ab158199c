// An init script for the benchmarks' pages (context.addInitScript): records the lab's first frame
// (index.html sets window.labReady then) as window.labFirstFrameAt, on the page's own clock.
export const markFirstFrame = () => {
  let ready = false;
  Object.defineProperty(window, 'labReady', {
    configurable: true,
    get: () => ready,
    set: (v) => { ready = v; if (v && !window.labFirstFrameAt) window.labFirstFrameAt = performance.now(); },
  });
};
