/**
 * How long reading a large result file takes (what `compare`, `report`, `merge` and `baseline update`
 * do before any statistics): the full reader (`readStoredRun`: link and size checks, JSON.parse, schema
 * validation, the summary-against-samples check) against the floor of `readFile` + `JSON.parse`,
 * measured side by side in one run (alternating order), for results of 100k and 1M samples written
 * the way `perf-gate bench --out` writes them. Prints medians, the ratio and the load average.
 *
 *   npx tsx scripts/bench-read-result.ts [--rounds 5]
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { readStoredRun } from '../src/baseline/io.js';
import { latencyFromSamples } from '../src/bench/engine.js';
import type { BenchResult } from '../src/schema/result.js';
import { toPrettyJson } from '../src/util/atomic.js';
import { makeResult } from '../test/fixtures/report/fixtures.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds: expected a positive integer');

/** A result of `n` samples around 40 ms (a lognormal-ish spread), summarised as the engine does. */
function resultOf(n: number): BenchResult {
  const samples = new Float64Array(n);
  let state = 12345;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    samples[i] = 40 * Math.exp(0.05 * ((state / 2 ** 32) * 2 - 1)) + (i % 1000 === 0 ? 20 : 0);
  }
  const r = makeResult();
  r.latency = latencyFromSamples(samples);
  r.settings.iterations = n;
  return r;
}

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const dir = await mkdtemp(join(tmpdir(), 'perf-gate-read-bench-'));
try {
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log('| samples | file | readFile + JSON.parse (median) | readStoredRun (median) | ratio |');
  console.log('| --: | --: | --: | --: | --: |');
  for (const n of [100_000, 1_000_000]) {
    const path = join(dir, `result-${n}.json`);
    await writeFile(path, toPrettyJson(resultOf(n)));
    const size = (await stat(path)).size;
    const floor: number[] = [];
    const full: number[] = [];
    await readStoredRun(path, 'warm-up'); // page cache and ajv compilation, not recorded
    for (let i = 0; i < rounds; i++) {
      const arms = [
        async () => {
          const t = process.hrtime.bigint();
          JSON.parse(await readFile(path, 'utf8'));
          floor.push(ms(t));
        },
        async () => {
          const t = process.hrtime.bigint();
          await readStoredRun(path, '--current');
          full.push(ms(t));
        },
      ];
      if (i % 2 === 1) arms.reverse();
      for (const arm of arms) await arm();
    }
    const a = median(floor);
    const b = median(full);
    console.log(
      `| ${n.toLocaleString('en-US')} | ${(size / 2 ** 20).toFixed(1)} MiB | ${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(b / a).toFixed(2)} |`,
    );
  }
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
