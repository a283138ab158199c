// Shared helpers for browser tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { before, after } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function freshProfileDir(name) {
  return mkdtempSync(join(tmpdir(), `lab-e2e-${name}-`));
}

// A persistent profile keeps IndexedDB between launches, like a real user's browser.
export async function launch(profileDir, viewport = { width: 1400, height: 900 }) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.LAB_CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
    viewport,
    headless: true,
  });
}

export async function openLab(context, url) {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  return { page, errors };
}

export const cmd = (page, command) => page.evaluate((c) => Module.labCommand(c), command);

// Polls `command` every `interval` ms until `predicate` holds. Each poll is a command from the page,
// which makes the tab draw its next frame (src/app/redraw_policy.hpp).
export async function waitFor(page, command, predicate, { timeout = 30000, what = 'condition', interval = 50 } = {}) {
  const start = Date.now();
  for (;;) {
    const reply = await cmd(page, command);
    if (predicate(reply)) return reply;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}; last reply ${JSON.stringify(reply)}`);
    await page.waitForTimeout(interval);
  }
}

// Serves the built site on a free loopback port for one test file.
export async function serveSite() {
  const server = await startServer({ port: 0, root: process.env.LAB_SITE });
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

// Where browser tests write their screenshots (created if missing).
export function screenshotDir() {
  const dir = process.env.LAB_SCREENSHOTS ?? join(process.cwd(), 'build', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

// Serves the site for the whole test file (node:test before/after hooks); read .url in a test.
export function siteForThisFile() {
  const site = { server: null, url: '' };
  before(async () => {
    Object.assign(site, await serveSite());
  });
  after(() => site.server?.close());
  return site;
}
