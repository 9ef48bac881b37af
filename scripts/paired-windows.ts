/**
 * The analysis window of paired mode, measured on recorded paired runs (issue 18;
 * docs/verdict.md#paired-mode-analysis-window). A benchmark, not a test.
 *
 * Input: pairs of result documents written by one paired gate run (`--baseline-out` for the base
 * side, `--out` for the current side; both carry the block order). Record one with, e.g.:
 *
 *   node dist/cli.js gate --baseline-model A.onnx --model B.onnx --paired-memory-probes 0 \
 *     --adaptive false --iterations 1500 --baseline-out a.json --out b.json
 *
 * Then:
 *
 *   npx tsx scripts/paired-windows.ts [--segments 60,110,225,450] a.json b.json [a2.json b2.json ...]
 *
 * Each recording is cut into consecutive segments of N pairs (what a shorter run would have seen);
 * every segment is analysed twice by `blockPairedComparison`: single pairs (`windowPairs: 1`, the
 * analysis before windows) and the default window choice. Printed per recording and segment length:
 * the median interval width of each, their ratio, and the mean ± SD of the estimates across the
 * segments (an SD near width / 3.9 says the interval is about as wide as the estimate's spread).
 * Also per recording: each side's median latency for runs that follow a run of the other model and
 * for runs that follow a run of the same model (the switching cost).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { pairedBlocks } from '../src/compare/index.js';
import { BenchResultSchema, type BenchResult } from '../src/schema/result.js';
import { blockPairedComparison, quantile, type TimedBlock } from '../src/stats/index.js';
import { assertValid } from '../src/schema/validate.js';

const { values, positionals } = parseArgs({
  options: { segments: { type: 'string', default: '60,110,225,450' } },
  allowPositionals: true,
});
if (positionals.length === 0 || positionals.length % 2 !== 0) {
  throw new Error('paired-windows: give result files in pairs: BASE.json CURRENT.json [...]');
}
const segmentLengths = values.segments!.split(',').map((s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 12) throw new Error(`--segments: expected integers ≥ 12, got "${s}"`);
  return n;
});

const median = (x: readonly number[]): number => quantile(Float64Array.from(x), 0.5);
const mean = (x: readonly number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
const sd = (x: readonly number[]): number =>
  x.length < 2 ? Number.NaN : Math.sqrt(x.reduce((s, v) => s + (v - mean(x)) ** 2, 0) / (x.length - 1));
const pct = (v: number, digits = 2): string => (Number.isFinite(v) ? `${(100 * v).toFixed(digits)}%` : '–');

async function load(path: string): Promise<BenchResult> {
  return assertValid(BenchResultSchema, JSON.parse(await readFile(path, 'utf8')), path);
}

console.log(
  '| recording | P50 change (all pairs) | segment pairs | segments | width, single pairs | width, windows | ratio | windows of | estimate, single pairs | estimate, windows |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |');
const switching: string[] = [];
for (let f = 0; f < positionals.length; f += 2) {
  const [base, cur] = await Promise.all([load(positionals[f]!), load(positionals[f + 1]!)]);
  const order = cur.pairing?.order;
  if (!order || cur.pairing?.blockSize !== 1) {
    throw new Error(`${positionals[f + 1]}: not a paired result with blocks of one run`);
  }
  const a = base.latency.samplesMs;
  const b = cur.latency.samplesMs;
  const blocksOf = (from: number, to: number): TimedBlock[] =>
    pairedBlocks(a.slice(from, to), b.slice(from, to), { ...cur.pairing!, order: order.slice(from, to) });
  const name = basename(positionals[f + 1]!, '.json');
  const whole = blockPairedComparison(blocksOf(0, order.length));
  for (const length of segmentLengths) {
    const single: { width: number; estimate: number }[] = [];
    const windowed: { width: number; estimate: number; w: number }[] = [];
    for (let s = 0; s + length <= order.length; s += length) {
      const blocks = blocksOf(s, s + length);
      const one = blockPairedComparison(blocks, { windowPairs: 1 });
      const auto = blockPairedComparison(blocks);
      single.push({ width: one.upper - one.lower, estimate: one.estimate });
      windowed.push({ width: auto.upper - auto.lower, estimate: auto.estimate, w: auto.windowPairs });
    }
    if (single.length === 0) continue;
    const w1 = median(single.map((x) => x.width));
    const ww = median(windowed.map((x) => x.width));
    const chosen = [...new Set(windowed.map((x) => x.w))].sort((x, y) => x - y).join(', ');
    const est = (xs: { estimate: number }[]): string =>
      `${pct(mean(xs.map((x) => x.estimate)))} ± ${pct(sd(xs.map((x) => x.estimate)))}`;
    console.log(
      `| ${name} | ${pct(whole.estimate, 1)} | ${length} | ${single.length} | ${pct(w1)} | ${pct(ww)} | ${(ww / w1).toFixed(2)} | ${chosen} | ${est(single)} | ${est(windowed)} |`,
    );
  }
  // Switching cost: the state each run started in.
  const state: Record<string, number[]> = {};
  let last = '';
  for (let i = 0; i < order.length; i++) {
    const first = order[i] as 'A' | 'B';
    for (const side of first === 'A' ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const v = side === 'A' ? a[i]! : b[i]!;
      if (last !== '') (state[`${side} ${side === last ? 'after own' : 'after other'}`] ??= []).push(v);
      last = side;
    }
  }
  switching.push(
    `| ${name} | ${['A after other', 'A after own', 'B after other', 'B after own']
      .map((k) => `${median(state[k] ?? [Number.NaN]).toFixed(2)} ms (${state[k]?.length ?? 0})`)
      .join(' | ')} |`,
  );
}
console.log(
  '\n| recording | A after the other model | A after itself | B after the other model | B after itself |',
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const line of switching) console.log(line);
