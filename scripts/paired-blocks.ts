/**
 * Block size and stopping rule of paired mode from measurements (issue 18; docs/verdict.md#paired-mode-block-size-and-first-round).
 * A benchmark, not a test. Two modes:
 *
 * `record` times real interleaved paired runs of two onnxruntime sessions and writes the raw block
 * sequence of every recording to a JSON file:
 *
 *   npx tsx scripts/paired-blocks.ts record [--arch yolov8n] [--imgsz 320] [--threads 0]
 *     [--variants widen:6:1.3,...] [--block-sizes 1,3,5,10,20] [--seconds 20] [--aa-repeats 4]
 *     [--ab-repeats 2] [--seed 1] [--max-minutes 40] [--out .cache/paired-blocks/recordings.json]
 *
 * --threads 0 leaves ONNX Runtime's default intra-op thread count. Each recording creates both
 * sessions afresh, warms both (then a short second warm-up of each, so neither starts timing cold),
 * then times pairs of blocks whose order (A first or B first) is drawn from a seeded RNG, until the
 * timed seconds of the recording are spent. Only `session.run` sits inside the timed region
 * (`timeRuns`). Which session is created first alternates from one recording to the next and is
 * recorded, so the analysis can measure the creation-order bias reported in issue 11.
 *
 * `analyse` reads one or more recording files and prints, per recording and per block size, the
 * pooled two-sample analysis (today's Mann-Whitney + bootstrap of the median ratio) beside the
 * block-paired analysis (`blockPairedComparison`: Wilcoxon signed-rank + Hodges-Lehmann on the log ratios of
 * the sides' medians per window of pairs) on the same sequence, and the verdicts of sequential looks:
 *
 *   npx tsx scripts/paired-blocks.ts analyse FILE... [--threshold 0.03] [--first-round 20]
 *     [--json .cache/paired-blocks/analysis.json]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type * as ort from 'onnxruntime-node';
import { createRunner } from '../src/bench/engine.js';
import { resolveInputs } from '../src/bench/inputs.js';
import { createSession, DEFAULT_SESSION_SETTINGS } from '../src/bench/session.js';
import { timeRuns, warmUp } from '../src/bench/timing.js';
import { ensureModel, parseArch, parseVariant } from '../src/model/index.js';
import {
  blockBootstrapQuantileRatioCI,
  blockPairedComparison,
  createRandomSource,
  hodgesLehmannShift,
  mannWhitneyU,
  minimumDetectableEffect,
  minPairsForConfidence,
  quantile,
  type TimedBlock,
} from '../src/stats/index.js';
import { writeFileAtomically } from '../src/util/atomic.js';

/** One recorded paired run: the interleaved block sequence in time order. */
interface Recording {
  index: number;
  condition: string;
  blockSize: number;
  /** Which session was created first (A = baseline). */
  createdFirst: 'A' | 'B';
  loadAverageStart: number;
  loadAverageEnd: number;
  startedAt: string;
  timedSeconds: number;
  blocks: { side: 'A' | 'B'; samples: number[] }[];
}

interface RecordingFile {
  kind: 'yolo-perf-gate/paired-blocks-recordings';
  arch: string;
  imgsz: number;
  threads: number;
  command: string;
  recordings: Recording[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    arch: { type: 'string', default: 'yolov8n' },
    imgsz: { type: 'string', default: '320' },
    threads: { type: 'string', default: '0' },
    variants: { type: 'string', default: 'widen:6:1.3' },
    'block-sizes': { type: 'string', default: '1,3,5,10,20' },
    seconds: { type: 'string', default: '20' },
    'aa-repeats': { type: 'string', default: '4' },
    'ab-repeats': { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    'max-minutes': { type: 'string', default: '40' },
    'cache-dir': { type: 'string', default: '.cache/models' },
    out: { type: 'string', default: '.cache/paired-blocks/recordings.json' },
    append: { type: 'boolean', default: false },
    threshold: { type: 'string', default: '0.03' },
    'first-round': { type: 'string', default: '20' },
    json: { type: 'string' },
  },
});

async function recordMain(): Promise<void> {
  const started = Date.now();
  const deadline = started + Number(values['max-minutes']) * 60_000;
  const arch = parseArch(values.arch ?? 'yolov8n');
  const imgsz = Number(values.imgsz);
  const threads = Number(values.threads);
  const seconds = Number(values.seconds);
  const blockSizes = (values['block-sizes'] ?? '').split(',').filter(Boolean).map(Number);
  const cacheDir = values['cache-dir'] ?? '.cache/models';
  const out = values.out ?? '.cache/paired-blocks/recordings.json';
  const random = createRandomSource(Number(values.seed));

  const base = await ensureModel({ arch, imgsz }, cacheDir);
  const conditions: { condition: string; baseline: string; current: string }[] = [];
  for (let r = 0; r < Number(values['aa-repeats']); r++) {
    conditions.push({ condition: 'A/A', baseline: base.path, current: base.path });
  }
  for (const spec of (values.variants ?? '').split(',').filter(Boolean)) {
    const m = await ensureModel({ arch, imgsz, variant: parseVariant(spec) }, cacheDir);
    for (let r = 0; r < Number(values['ab-repeats']); r++) {
      conditions.push({ condition: spec, baseline: base.path, current: m.path });
    }
  }
  // Every condition at every block size, in a seeded shuffled order so slow changes of the machine
  // spread over all of them.
  const plan = conditions.flatMap((c) => blockSizes.map((blockSize) => ({ ...c, blockSize })));
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [plan[i], plan[j]] = [plan[j] as (typeof plan)[number], plan[i] as (typeof plan)[number]];
  }

  const file: RecordingFile =
    values.append && (await exists(out))
      ? (JSON.parse(await readFile(out, 'utf8')) as RecordingFile)
      : {
          kind: 'yolo-perf-gate/paired-blocks-recordings',
          arch,
          imgsz,
          threads,
          command: `npx tsx ${process.argv.slice(1).join(' ')}`,
          recordings: [],
        };
  await mkdir(dirname(out), { recursive: true });

  async function exists(path: string): Promise<boolean> {
    try {
      await readFile(path);
      return true;
    } catch {
      return false;
    }
  }

  const settings = { ...DEFAULT_SESSION_SETTINGS, intraOpThreads: threads, interOpThreads: 0 };

  async function record(
    item: (typeof plan)[number],
    index: number,
    createCurrentFirst: boolean,
  ): Promise<Recording> {
    const sessions: ort.InferenceSession[] = [];
    try {
      const make = async (path: string): Promise<ort.InferenceSession> => {
        const s = await createSession(path, settings);
        sessions.push(s);
        return s;
      };
      let baseSession: ort.InferenceSession;
      let curSession: ort.InferenceSession;
      if (createCurrentFirst) {
        curSession = await make(item.current);
        baseSession = await make(item.baseline);
      } else {
        baseSession = await make(item.baseline);
        curSession = await make(item.current);
      }
      const runA = createRunner(baseSession, resolveInputs(baseSession.inputMetadata));
      const runB = createRunner(curSession, resolveInputs(curSession.inputMetadata));
      await warmUp(runA, 10, 1);
      await warmUp(runB, 10, 1);
      await warmUp(runA, item.blockSize, 0);
      await warmUp(runB, item.blockSize, 0);
      const load = loadavg()[0] as number;
      const blocks: Recording['blocks'] = [];
      let timedMs = 0;
      while (timedMs < seconds * 1000) {
        const order = random() < 0.5 ? (['A', 'B'] as const) : (['B', 'A'] as const);
        for (const side of order) {
          const t = await timeRuns(side === 'A' ? runA : runB, { iterations: item.blockSize });
          blocks.push({ side, samples: Array.from(t) });
          for (const v of t) timedMs += v;
        }
      }
      return {
        index,
        condition: item.condition,
        blockSize: item.blockSize,
        createdFirst: createCurrentFirst ? 'B' : 'A',
        loadAverageStart: load,
        loadAverageEnd: loadavg()[0] as number,
        startedAt: new Date().toISOString(),
        timedSeconds: timedMs / 1000,
        blocks,
      };
    } finally {
      for (const s of sessions) await s.release();
    }
  }

  for (let i = 0; i < plan.length; i++) {
    if (Date.now() > deadline) {
      process.stderr.write(`deadline reached after ${i} of ${plan.length} recordings\n`);
      break;
    }
    const item = plan[i] as (typeof plan)[number];
    const index = file.recordings.length;
    const rec = await record(item, index, index % 2 === 1);
    file.recordings.push(rec);
    await writeFileAtomically(out, `${JSON.stringify(file)}\n`);
    const perSide = rec.blocks.filter((b) => b.side === 'A').reduce((n, b) => n + b.samples.length, 0);
    process.stderr.write(
      `[${i + 1}/${plan.length}] ${item.condition} block ${item.blockSize}: ${perSide} samples per side, ` +
        `${rec.timedSeconds.toFixed(1)} s timed, load ${rec.loadAverageStart.toFixed(2)}→${rec.loadAverageEnd.toFixed(2)}\n`,
    );
  }
  process.stderr.write(`wrote ${out} (${((Date.now() - started) / 60_000).toFixed(1)} min)\n`);
}

// ---------------------------------------------------------------------------------------------
// Analysis.

type Verdict = 'regression' | 'improvement' | 'no-change' | 'inconclusive';

interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  p: number;
}

/** The verdict rule of docs/verdict.md (one metric, no Holm): significant AND beyond the threshold. */
function rule(r: Interval & { enough?: boolean }, threshold: number, alpha = 0.05): Verdict {
  // Fewer pairs than the interval needs to reach 95% (6): nothing can be decided yet.
  if (r.enough === false) return 'inconclusive';
  if (r.p < alpha && r.lower > threshold) return 'regression';
  if (r.p < alpha && r.upper < -threshold) return 'improvement';
  if (r.upper <= threshold) return 'no-change';
  return 'inconclusive';
}

function pooledAnalysis(blocks: readonly TimedBlock[]): Interval {
  const a = blocks.filter((b) => b.side === 'A').flatMap((b) => Array.from(b.samples));
  const b = blocks.filter((b) => b.side === 'B').flatMap((b) => Array.from(b.samples));
  const ci = blockBootstrapQuantileRatioCI(a, b, { quantile: 0.5, blockLength: 1 });
  return { estimate: ci.estimate - 1, lower: ci.lower - 1, upper: ci.upper - 1, p: mannWhitneyU(b, a).p };
}

function pairedAnalysis(
  blocks: readonly TimedBlock[],
): Interval & { logSe: number; pairs: number; enough: boolean } {
  const r = blockPairedComparison(blocks);
  return {
    estimate: r.estimate,
    lower: r.lower,
    upper: r.upper,
    p: r.p,
    logSe: r.logSe,
    pairs: r.pairs,
    enough: r.enoughPairs,
  };
}

const pc = (v: number): string => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
const ivl = (r: Interval): string => `${pc(r.estimate)} [${pc(r.lower)}, ${pc(r.upper)}]`;

interface Look {
  pairs: number;
  samplesPerSide: number;
  timedSeconds: number;
  verdict: Verdict;
}

/**
 * Sequential looks on a recorded sequence: the first look after `firstRound` samples per side
 * (whole pairs), then doubling, as the adaptive paired runner schedules rounds; stops at the first
 * decided verdict (anything but inconclusive).
 */
function sequentialLooks(
  blocks: readonly TimedBlock[],
  blockSize: number,
  firstRound: number,
  threshold: number,
): Look[] {
  const totalPairs = Math.floor(blocks.length / 2);
  const looks: Look[] = [];
  let pairs = Math.max(minPairsForConfidence(0.95), Math.ceil(firstRound / blockSize));
  for (;;) {
    const n = Math.min(pairs, totalPairs);
    const prefix = blocks.slice(0, 2 * n);
    const r = pairedAnalysis(prefix);
    const samples = prefix.filter((b) => b.side === 'A').reduce((k, b) => k + b.samples.length, 0);
    const seconds = prefix.reduce((t, b) => t + Array.from(b.samples).reduce((x, y) => x + y, 0), 0) / 1000;
    const verdict = rule(r, threshold);
    looks.push({ pairs: n, samplesPerSide: samples, timedSeconds: seconds, verdict });
    if (verdict !== 'inconclusive' || n >= totalPairs) break;
    pairs *= 2;
  }
  return looks;
}

async function analyseMain(files: string[]): Promise<void> {
  if (files.length === 0) throw new Error('analyse: give one or more recording files');
  const threshold = Number(values.threshold);
  const firstRound = Number(values['first-round']);
  const rows: Record<string, unknown>[] = [];
  const lines: string[] = [];
  lines.push(
    '| file | # | condition | block | created first | load | pairs | samples/side | pooled (before) | verdict | width | paired (after) | verdict | width | width ratio | MDE paired | looks → verdict |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const path of files) {
    const file = JSON.parse(await readFile(path, 'utf8')) as RecordingFile;
    for (const rec of file.recordings) {
      const blocks = rec.blocks as TimedBlock[];
      if (Math.floor(blocks.length / 2) < 2) continue;
      const before = pooledAnalysis(blocks);
      const after = pairedAnalysis(blocks);
      const looks = sequentialLooks(blocks, rec.blockSize, firstRound, threshold);
      const last = looks[looks.length - 1] as Look;
      const mde = minimumDetectableEffect({ logSe: after.logSe, threshold });
      const perSide = blocks.filter((b) => b.side === 'A').reduce((k, b) => k + b.samples.length, 0);
      const row = {
        file: path,
        index: rec.index,
        condition: rec.condition,
        blockSize: rec.blockSize,
        createdFirst: rec.createdFirst,
        loadAverage: (rec.loadAverageStart + rec.loadAverageEnd) / 2,
        pairs: after.pairs,
        samplesPerSide: perSide,
        medianMs: quantile(
          blocks.filter((b) => b.side === 'A').flatMap((b) => Array.from(b.samples)),
          0.5,
        ),
        before: { ...before, verdict: rule(before, threshold), width: before.upper - before.lower },
        after: { ...after, verdict: rule(after, threshold), width: after.upper - after.lower, mde },
        looks,
      };
      rows.push(row);
      lines.push(
        `| ${path.split('/').pop()} | ${rec.index} | ${rec.condition} | ${rec.blockSize} | ${rec.createdFirst} | ${row.loadAverage.toFixed(1)} | ${after.pairs} | ${perSide} | ${ivl(before)} | ${row.before.verdict} | ${(row.before.width * 100).toFixed(1)} | ${ivl(after)} | ${row.after.verdict} | ${(row.after.width * 100).toFixed(1)} | ${(row.after.width / row.before.width).toFixed(2)} | ${pc(mde)} | ${looks.length} look(s), ${last.samplesPerSide}/side, ${last.timedSeconds.toFixed(1)} s → ${last.verdict} |`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  // Summary per condition and block size: median widths before/after and the verdict counts.
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${String(r.condition)}|${String(r.blockSize)}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const med = (v: number[]): number => quantile(v, 0.5);
  const count = (v: string[]): string =>
    ['regression', 'improvement', 'no-change', 'inconclusive']
      .map((k) => `${k} ${v.filter((x) => x === k).length}`)
      .join(', ');
  const summary: string[] = [
    '| condition | block | recordings | median pairs | median width before | median width after | before: verdicts | after: verdicts | A/A or change, median paired estimate |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  type Row = {
    blockSize: number;
    pairs: number;
    before: { width: number; verdict: string };
    after: { width: number; verdict: string; estimate: number };
  };
  const byKey = (x: string): [string, number] => {
    const [c, b] = x.split('|');
    return [c ?? '', Number(b)];
  };
  const sortedGroups = [...groups.entries()].sort(([x], [y]) => {
    const [cx, bx] = byKey(x);
    const [cy, by] = byKey(y);
    return cx === cy ? bx - by : cx < cy ? -1 : 1;
  });
  for (const [key, list] of sortedGroups) {
    const [condition, block] = key.split('|');
    const rs = list as unknown as Row[];
    summary.push(
      `| ${condition} | ${block} | ${rs.length} | ${med(rs.map((r) => r.pairs))} | ${(med(rs.map((r) => r.before.width)) * 100).toFixed(1)} | ${(med(rs.map((r) => r.after.width)) * 100).toFixed(1)} | ${count(rs.map((r) => r.before.verdict))} | ${count(rs.map((r) => r.after.verdict))} | ${pc(med(rs.map((r) => r.after.estimate)))} |`,
    );
  }
  process.stdout.write(`${summary.join('\n')}\n\n`);

  // Creation-order bias in A/A: paired estimate by which session was created first.
  const aa = rows.filter((r) => r.condition === 'A/A') as unknown as (Row & { createdFirst: string })[];
  for (const first of ['A', 'B']) {
    const est = aa.filter((r) => r.createdFirst === first).map((r) => r.after.estimate);
    if (est.length > 0) {
      process.stdout.write(
        `A/A, session created first = ${first === 'A' ? 'baseline (A)' : 'current (B)'}: ${est.length} recordings, median paired change ${pc(med(est))}\n`,
      );
    }
  }
  const byFirst = (f: string): number[] =>
    aa.filter((r) => r.createdFirst === f).map((r) => Math.log1p(r.after.estimate));
  if (byFirst('A').length > 0 && byFirst('B').length > 0) {
    const shift = hodgesLehmannShift(byFirst('A'), byFirst('B'));
    process.stdout.write(
      `creation order effect (B-first minus A-first, log paired change): Hodges-Lehmann ${pc(shift.estimate)} [${pc(shift.lower)}, ${pc(shift.upper)}], Mann-Whitney p=${mannWhitneyU(byFirst('B'), byFirst('A')).p.toPrecision(2)}\n`,
    );
  }
  if (values.json) await writeFile(values.json, `${JSON.stringify(rows, null, 1)}\n`);
}

// Dispatch last: the helpers above are `const`s, initialised only once their lines have run.
const mode = positionals[0];
if (mode === 'record') await recordMain();
else if (mode === 'analyse') await analyseMain(positionals.slice(1));
else {
  process.stderr.write('usage: npx tsx scripts/paired-blocks.ts record|analyse [options] (see the header)\n');
  process.exitCode = 2;
}
