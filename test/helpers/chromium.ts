/**
 * Opens a local page in real headless Chromium (Debian's `chromium`, driven by playwright-core;
 * no browser is downloaded). Fails loudly when Chromium is missing: CI installs it (.ci/run), and a
 * skipped browser test would hide a broken dashboard.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PERF_GATE_CHROMIUM ?? '/usr/bin/chromium';

export interface OpenedPage {
  page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  errors: string[];
  /** Requests to anything but file:// (the site must need no network). */
  external: string[];
  close(): Promise<void>;
}

export async function openPage(
  file: string,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<OpenedPage> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set PERF_GATE_CHROMIUM; the dashboard test needs a real browser`,
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'perf-gate-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const errors: string[] = [];
  const external: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) external.push(r.url());
  });
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  } catch (err) {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
  return {
    page,
    errors,
    external,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
