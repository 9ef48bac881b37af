import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyDirName } from '../../src/trend/record.js';
import { writeHistoryRecord } from '../../src/trend/store.js';
import { openPage, type OpenedPage } from '../helpers/chromium.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { syntheticHistory } from '../helpers/trend-history.js';

/** Screenshots of test runs (gitignored), kept for a person to look at. */
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

const KEY_A = { model: 'yolov8n-160', provider: 'cpu', hardwareClass: 'generated-a' };
const KEY_B = { model: 'yolo11n-160', provider: 'cpu', hardwareClass: 'generated-b' };
const A = syntheticHistory({
  days: 60,
  seed: 21,
  key: KEY_A,
  profiled: true,
  noise: { p50: 0.005, p99: 0.03, memory: 0.003 },
  events: [{ type: 'step', metric: 'latency', day: 30, relative: 0.08 }],
  unreliableDays: [10, 45],
});
const B = syntheticHistory({
  days: 25,
  seed: 22,
  key: KEY_B,
  noise: { p50: 0.005, p99: 0.03, memory: 0.003 },
});

let work: string;
let site: string;
let opened: OpenedPage;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'perf-gate-dashboard-'));
  const history = join(work, 'history');
  for (const r of [...A, ...B]) await writeHistoryRecord(history, r);
  site = join(work, 'site');
  const run = await runCli(
    ['dashboard', '--history', history, '--out', site, '--title', 'Test <dashboard>'],
    {
      timeoutMs: 280_000,
    },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^wrote .*index\.html: 2 key\(s\), 85 run\(s\), \d+ change point\(s\)/);
  opened = await openPage(join(site, 'index.html'));
  // A subprocess and a browser start: generous for a loaded 2-core machine.
}, 300_000);

afterAll(async () => {
  await opened?.close();
  rmSync(work, { recursive: true, force: true });
});

interface ChartInfo {
  key: string;
  metric: string;
  datasets: { label: string; points: number }[];
}

describe('perf-gate dashboard in headless Chromium', () => {
  it('ships everything it needs (no CDN) and loads without errors or network requests', async () => {
    expect(readdirSync(site).sort()).toEqual(
      [
        '.nojekyll',
        'app.js',
        'chart.js.LICENSE.md',
        'chart.umd.min.js',
        'data.js',
        'index.html',
        'style.css',
      ].sort(),
    );
    const html = readFileSync(join(site, 'index.html'), 'utf8');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('<title>Test &lt;dashboard&gt;</title>');
    expect(await opened.page.title()).toBe('Test <dashboard>');
    expect(opened.errors).toEqual([]);
    expect(opened.external).toEqual([]);
  });

  it('draws P50, P99 and memory per key with every run as a point, unreliable runs and change points marked', async () => {
    const charts = await opened.page.evaluate(() => {
      const g = globalThis as unknown as {
        Chart: { getChart(c: unknown): { data: { datasets: { label: string; data: (number | null)[] }[] } } };
        document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> };
      };
      return Array.from(g.document.querySelectorAll('canvas')).map((canvas) => ({
        key: canvas.getAttribute('data-key') ?? '',
        metric: canvas.getAttribute('data-metric') ?? '',
        datasets: g.Chart.getChart(canvas).data.datasets.map((d) => ({
          label: d.label,
          points: d.data.filter((v) => v !== null && v !== undefined).length,
        })),
      }));
    });
    const find = (key: string, metric: string): ChartInfo | undefined =>
      (charts as ChartInfo[]).find((c) => c.key === key && c.metric === metric);
    const a = keyDirName(KEY_A);
    const b = keyDirName(KEY_B);
    // Keys in folder-name order; the module chart only where profiles exist.
    expect((charts as ChartInfo[]).map((c) => `${c.key}:${c.metric}`)).toEqual([
      `${b}:p50`,
      `${b}:p99`,
      `${b}:memory`,
      `${a}:p50`,
      `${a}:p99`,
      `${a}:memory`,
      `${a}:modules`,
    ]);
    for (const metric of ['p50', 'p99', 'memory']) {
      const [line, , unreliable] = find(a, metric)?.datasets ?? [];
      expect(line?.points, `${metric}: reliable runs`).toBe(58);
      expect(unreliable, `${metric}: unreliable runs`).toEqual({ label: 'unreliable (excluded)', points: 2 });
      expect(find(b, metric)?.datasets[0]?.points).toBe(25);
      expect(find(b, metric)?.datasets[2]?.points).toBe(0);
    }
    // The 8% step on run 30 is a P50 change point; the quiet key has none.
    expect(find(a, 'p50')?.datasets[3]).toEqual({ label: 'change point', points: 1 });
    expect(find(b, 'p50')?.datasets[3]?.points).toBe(0);
    // Per-module time over time: one line per module, every run.
    expect(find(a, 'modules')?.datasets).toEqual([
      { label: 'backbone', points: 60 },
      { label: 'neck', points: 60 },
      { label: 'head', points: 60 },
    ]);
  });

  it('hovering a point shows its date, commit and value', async () => {
    const { page } = opened;
    const canvas = page.locator(`canvas[data-key="${keyDirName(KEY_A)}"][data-metric="p50"]`);
    await canvas.scrollIntoViewIfNeeded();
    const target = await canvas.evaluate((el) => {
      const chart = (
        globalThis as unknown as {
          Chart: {
            getChart(c: unknown): { getDatasetMeta(i: number): { data: { x: number; y: number }[] } };
          };
        }
      ).Chart.getChart(el);
      const point = chart.getDatasetMeta(0).data[33] as { x: number; y: number };
      const box = (
        el as unknown as { getBoundingClientRect(): { left: number; top: number } }
      ).getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    });
    await page.mouse.move(target.x, target.y);
    const tooltip = await canvas.evaluate((el) => {
      const chart = (
        globalThis as unknown as {
          Chart: {
            getChart(c: unknown): {
              tooltip: { opacity: number; title: string[]; body: { lines: string[] }[] };
            };
          };
        }
      ).Chart.getChart(el);
      return {
        opacity: chart.tooltip.opacity,
        title: chart.tooltip.title,
        body: chart.tooltip.body.map((b) => b.lines.join(' ')),
      };
    });
    const run = A[33];
    expect(tooltip.opacity).toBe(1);
    expect(tooltip.title.join(' ')).toContain(run?.date.slice(0, 10));
    expect(tooltip.title.join(' ')).toContain(run?.commit?.slice(0, 12));
    expect(tooltip.body.join(' ')).toContain(`P50 latency: ${run?.latency.p50.toFixed(3)} ms`);
  });

  it('keeps a screenshot of the page as a test artifact', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'dashboard.png');
    await opened.page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(10_000);
    expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
