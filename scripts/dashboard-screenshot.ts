/**
 * Writes the README's dashboard screenshot (docs/img/dashboard.png): a generated year of nightly
 * runs (test/helpers/trend-history.ts, the same year as docs/trend.md) -> history folder ->
 * `perf-gate dashboard` -> headless Chromium (Debian's `chromium`) -> PNG of the first key.
 *
 *   npx tsx scripts/dashboard-screenshot.ts [--out docs/img/dashboard.png]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDashboard } from '../src/trend/dashboard.js';
import { writeHistoryRecord } from '../src/trend/store.js';
import { openPage } from '../test/helpers/chromium.js';
import { yearOfNightlies } from '../test/helpers/trend-history.js';

const { values: args } = parseArgs({
  options: { out: { type: 'string', default: 'docs/img/dashboard.png' } },
});
const work = await mkdtemp(join(tmpdir(), 'perf-gate-shot-'));
try {
  const history = join(work, 'history');
  for (const record of yearOfNightlies()) await writeHistoryRecord(history, record);
  const site = join(work, 'site');
  const { summary } = await writeDashboard({
    historyDir: history,
    outDir: site,
    title: 'yolo-perf-gate: performance over time',
    significance: 0.01,
    permutations: 199,
    minSize: 3,
  });
  process.stdout.write(summary);
  const { page, close, errors } = await openPage(join(site, 'index.html'), { width: 1200, height: 900 });
  try {
    await page
      .locator('section')
      .first()
      .screenshot({ path: args.out as string });
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  } finally {
    await close();
  }
  console.log(`wrote ${args.out}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
