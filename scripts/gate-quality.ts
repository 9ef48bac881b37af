/**
 * Gate-quality benchmark (not a test): how often does a verdict cry wolf on identical models (A/A),
 * and how often does it catch a real slow-down (a generated variant that is slower)? Every verdict
 * comes from a `perf-gate gate` child process, exactly as a CI job runs it. Results go to a
 * JSON-lines file as they come (a partial run survives) and a Markdown table is printed at the end.
 * Docs: docs/gate-quality.md.
 *
 *   npx tsx scripts/gate-quality.ts --mode stored|paired [--arch yolov8n] [--imgsz 320]
 *     [--aa-quiet 100] [--aa-loaded 50] [--detect-quiet 20] [--detect-loaded 20]
 *     [--variants widen:6:1.3,widen:6:1.6] [--baseline-runs 5] [--baseline-gap 30]
 *     [--iterations 300] [--max-minutes 60] [--out FILE] [--seed 1] [--resume]
 *     [--reference off|interleaved]
 *   npx tsx scripts/gate-quality.ts --table-only FILE
 *
 * --mode stored: the baseline is recorded first by `--baseline-runs` runs of
 * `gate --update-baseline`, `--baseline-gap` seconds apart (a history, as nightly runs would leave);
 * each trial is then one `gate --baseline stored` process on the base model (A/A) or a variant.
 * `--reference interleaved` passes the same flag to the baseline runs and to every trial, so the
 * stored comparison can judge P50 as a ratio to the interleaved reference workload (docs/verdict.md);
 * it is recorded in the file's plan, and the table says which P50 basis each trial got.
 * --mode paired: each trial is one `gate --baseline-model A --model B` process (paired A/B, default
 * budget, no memory probes: memory is not what is measured here). Both results are kept long enough
 * to re-analyse the same block sequence twice more: pooled (the per-sample analysis) and with single
 * block pairs (the paired analysis before windows), which give the interval widths "before" on the
 * very same samples.
 *
 * --resume (paired mode): keep the trials already in --out and run only the planned ones it lacks, so
 * a long run (640 px takes hours) can be done in several sittings. The plan (mode, model, variants,
 * trial counts, seed) must be the one the file was started with; the shuffled order is the same, so
 * a resumed run is the run that would have been made in one go, only with gaps in time.
 *
 * Load condition: for a "loaded" trial the script starts one busy process per core (a spin loop that
 * also ends itself after --hog-max-seconds) before the gate process and kills them when it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { compareResults, pairedBlocks } from '../src/compare/index.js';
import type { Comparison } from '../src/compare/schema.js';
import { DEFAULT_POLICY } from '../src/config/policy.js';
import { ensureModel, parseArch, parseVariant } from '../src/model/index.js';
import type { BenchResult } from '../src/schema/result.js';
import { blockPairedComparison, createRandomSource, quantile, wilsonInterval } from '../src/stats/index.js';
import { formatChange } from '../src/util/format.js';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'stored' },
    arch: { type: 'string', default: 'yolov8n' },
    imgsz: { type: 'string', default: '320' },
    'aa-quiet': { type: 'string', default: '100' },
    'aa-loaded': { type: 'string', default: '50' },
    'detect-quiet': { type: 'string', default: '20' },
    'detect-loaded': { type: 'string', default: '20' },
    variants: { type: 'string', default: 'widen:6:1.6' },
    'baseline-runs': { type: 'string', default: '5' },
    'baseline-gap': { type: 'string', default: '30' },
    iterations: { type: 'string', default: '300' },
    'hog-max-seconds': { type: 'string', default: '300' },
    'max-minutes': { type: 'string', default: '60' },
    'cache-dir': { type: 'string', default: '.cache/models' },
    cli: { type: 'string', default: 'dist/cli.js' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: '.cache/gate-quality/run.jsonl' },
    'table-only': { type: 'string' },
    resume: { type: 'boolean', default: false },
    reference: { type: 'string', default: 'off' },
  },
});

interface Trial {
  type: 'trial';
  index: number;
  mode: 'stored' | 'paired';
  condition: string;
  load: 'quiet' | 'loaded';
  exitCode: number;
  verdict: string;
  reason: string;
  p50: { change: number; lower?: number; upper?: number; p?: number; mde?: number; basis?: string };
  /** Stored mode with a reference: which P50 basis the comparison used, and why not the ratio. */
  reference?: { basis: 'ratio' | 'absolute'; reason?: string };
  unreliable: string[];
  loadAverage: number;
  wallSeconds: number;
  paired?: {
    timedSeconds: number;
    rounds: number;
    stoppedBecause: string;
    pooledLower?: number;
    pooledUpper?: number;
    /** The same block sequence analysed with single pairs (`windowPairs: 1`, the analysis before windows). */
    singlePairLower?: number;
    singlePairUpper?: number;
  };
}
type Line = Trial | { type: 'meta' | 'baseline-run' | 'resume'; [k: string]: unknown };

// ---------------------------------------------------------------------------------------------
// Table (also on a partial file: --table-only FILE).

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
function rate(k: number, n: number): string {
  if (n === 0) return '–';
  const w = wilsonInterval(k, n, 0.95);
  return `${k}/${n} = ${pct(k / n)} [${pct(w.lower)}, ${pct(w.upper)}]`;
}
const med = (v: number[]): string => (v.length ? quantile(v, 0.5).toFixed(1) : '–');

/** Why a trial was inconclusive, in the words of the gate-quality tables (first cause that applies). */
export function inconclusiveCause(t: Pick<Trial, 'reason' | 'unreliable'>): string {
  if (t.unreliable.length > 0 || /unreliable/.test(t.reason)) return 'busy (unreliable run)';
  if (/runs timed with and without the interleaved reference/.test(t.reason))
    return 'runs timed with and without the reference';
  if (/this runner is \d+% (slower|faster) on the reference workload/.test(t.reason))
    return 'runner calibration moved beyond ±10%';
  if (/no regression or improvement can be called/.test(t.reason))
    return 'history too short (spread assumed)';
  if (/straddles/.test(t.reason)) return 'P50 interval straddles +3%';
  if (/is not significant/.test(t.reason)) return 'beyond +3% but not significant';
  return 'other';
}

/** The P50 basis of a trial: `ratio`, `absolute: <why not the ratio>`, or `absolute` without a reference. */
function basisOf(t: Trial): string {
  if (!t.reference) return 'absolute';
  return t.reference.basis === 'ratio' ? 'ratio' : `absolute: ${t.reference.reason ?? '?'}`;
}

export function renderTable(lines: readonly Line[]): string {
  const trials = lines.filter((l): l is Trial => l.type === 'trial');
  const meta = lines.find((l) => l.type === 'meta') as { plan?: { reference?: string } } | undefined;
  const keys = [...new Set(trials.map((t) => `${t.condition}|${t.load}`))].sort();
  const rows = [
    '| mode | condition | load | trials | regression (Wilson 95%) | improvement | pass | inconclusive | P50 change (median) | P50 interval width (median) | catches (median MDE) | load avg (median) | timed s (median / max) |',
    '| --- | --- | --- | --: | --- | --: | --: | --: | --: | --: | --: | --: | --: |',
  ];
  for (const key of keys) {
    const [condition, load] = key.split('|');
    const ts = trials.filter((t) => t.condition === condition && t.load === load);
    const count = (v: string): number => ts.filter((t) => t.verdict === v).length;
    const widths = ts.flatMap((t) =>
      t.p50.upper !== undefined && t.p50.lower !== undefined ? [t.p50.upper - t.p50.lower] : [],
    );
    const mdes = ts.flatMap((t) => (t.p50.mde !== undefined ? [t.p50.mde] : []));
    const timed = ts.flatMap((t) => (t.paired ? [t.paired.timedSeconds] : []));
    rows.push(
      `| ${ts[0]!.mode} | ${condition} | ${load} | ${ts.length} | ${rate(count('regression'), ts.length)} | ${count('improvement')} | ${count('pass')} | ${count('inconclusive')} | ${formatChange(
        quantile(
          ts.map((t) => t.p50.change),
          0.5,
        ),
      )} | ${widths.length ? pct(quantile(widths, 0.5)) : '–'} | ${mdes.length ? `≥ ${formatChange(quantile(mdes, 0.5))}` : '–'} | ${med(ts.map((t) => t.loadAverage))} | ${timed.length ? `${med(timed)} / ${Math.max(...timed).toFixed(1)}` : '–'} |`,
    );
  }
  rows.push(...whyInconclusive(trials));
  rows.push(
    ...widthTable(
      trials,
      'pooled per-sample',
      (t) => t.paired?.pooledLower,
      (t) => t.paired?.pooledUpper,
    ),
    ...widthTable(
      trials,
      'single-pair',
      (t) => t.paired?.singlePairLower,
      (t) => t.paired?.singlePairUpper,
    ),
  );
  const plan = meta?.plan?.reference;
  return [...(plan !== undefined ? [`reference workload: ${plan}`, ''] : []), ...rows].join('\n');
}

/**
 * Every inconclusive trial counted by its cause and the P50 basis its comparison used (a ratio to
 * the interleaved reference, or the absolute P50 and why the ratio was not used).
 */
function whyInconclusive(trials: readonly Trial[]): string[] {
  const inconclusive = trials.filter((t) => t.verdict === 'inconclusive');
  if (inconclusive.length === 0) return [];
  const counts = new Map<string, number>();
  for (const t of inconclusive) {
    const basis = basisOf(t);
    const cause = inconclusiveCause(t);
    // With a ratio the calibration blocks only the absolute rows (P99): say so.
    const shown =
      basis === 'ratio' && cause.startsWith('runner calibration') ? `${cause} (P99; P50 was a ratio)` : cause;
    const key = [t.condition, t.load, basis, shown].join('|');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [
    '',
    '| condition | load | P50 basis | why inconclusive | trials |',
    '| --- | --- | --- | --- | --: |',
    ...[...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `| ${key.split('|').join(' | ')} | ${n} |`),
  ];
}

/**
 * Interval width of each trial's own verdict against the width of another analysis of the very
 * same samples ("before"), per condition; empty when no trial recorded that analysis.
 */
function widthTable(
  trials: readonly Trial[],
  before: string,
  lower: (t: Trial) => number | undefined,
  upper: (t: Trial) => number | undefined,
): string[] {
  const kept = trials.filter(
    (t) => lower(t) !== undefined && upper(t) !== undefined && t.p50.lower !== undefined,
  );
  if (kept.length === 0) return [];
  const rows = [
    '',
    `| condition | trials | ${before} interval width (median) | block-paired interval width (median) | ratio (median) |`,
    '| --- | --: | --: | --: | --: |',
  ];
  for (const condition of [...new Set(kept.map((t) => t.condition))].sort()) {
    const ts = kept.filter((t) => t.condition === condition);
    const widthBefore = ts.map((t) => upper(t)! - lower(t)!);
    const widthAfter = ts.map((t) => t.p50.upper! - t.p50.lower!);
    const ratio = ts.map((_, i) => widthAfter[i]! / widthBefore[i]!);
    rows.push(
      `| ${condition} | ${ts.length} | ${pct(quantile(widthBefore, 0.5))} | ${pct(quantile(widthAfter, 0.5))} | ${quantile(ratio, 0.5).toFixed(2)} |`,
    );
  }
  return rows;
}

async function readLines(path: string): Promise<Line[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

if (values['table-only']) {
  process.stdout.write(`${renderTable(await readLines(values['table-only']))}\n`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Child processes.

const mode = values.mode === 'paired' ? 'paired' : values.mode === 'stored' ? 'stored' : undefined;
if (!mode) throw new Error(`--mode: expected stored or paired, got "${values.mode}"`);
const referenceMode = values.reference;
if (referenceMode !== 'off' && referenceMode !== 'interleaved')
  throw new Error(`--reference: expected off or interleaved, got "${referenceMode}"`);
if (mode === 'paired' && referenceMode !== 'off')
  throw new Error('--reference: stored mode only (a paired trial already times both models interleaved)');
/** Passed to the baseline runs and to every stored trial alike. */
const referenceArgs = mode === 'stored' ? ['--reference', referenceMode] : [];
const cli = values.cli!;
const NAME = `${values.arch}-${values.imgsz}`;

function runGate(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'gate', '--quiet', '--name', NAME, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

/** One spin loop per core, each ending itself after `maxSeconds` should this script die. */
function startHog(maxSeconds: number): ChildProcess[] {
  const spin = `const end = Date.now() + ${maxSeconds * 1000}; while (Date.now() < end) {}`;
  return Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }),
  );
}
function stopHog(hog: readonly ChildProcess[]): void {
  for (const p of hog) p.kill('SIGKILL');
}

/** Runs in the one baseline file of the folder (its history), 0 when there is none yet. */
async function historyLength(dir: string): Promise<number> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
  if (files.length === 0) return 0;
  const doc = JSON.parse(await readFile(join(dir, files[0]!), 'utf8')) as { history?: unknown[] };
  return doc.history?.length ?? 0;
}

const sleep = (s: number): Promise<void> => new Promise((r) => setTimeout(r, s * 1000));

// ---------------------------------------------------------------------------------------------
// Setup.

const started = Date.now();
const deadline = started + Number(values['max-minutes']) * 60_000;
const arch = parseArch(values.arch!);
const imgsz = Number(values.imgsz);
const cacheDir = values['cache-dir']!;
const out = values.out!;
// What decides the trial list and its order: a resumed file must have been started with the same.
const plan = {
  mode,
  arch: values.arch,
  imgsz: values.imgsz,
  variants: values.variants,
  aaQuiet: values['aa-quiet'],
  aaLoaded: values['aa-loaded'],
  detectQuiet: values['detect-quiet'],
  detectLoaded: values['detect-loaded'],
  iterations: values.iterations,
  seed: values.seed,
  // Stored mode only (paired files keep the plan they were started with, for --resume).
  ...(mode === 'stored' ? { reference: referenceMode } : {}),
};
const done = new Set<number>();
let resumed = false;
if (values.resume) {
  if (mode !== 'paired') {
    throw new Error('--resume: paired mode only (a stored run records its baseline history afresh)');
  }
  // Only a missing file means nothing was done; an unreadable one must not be appended to.
  const previous = await readLines(out).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as Line[];
    throw e;
  });
  const meta = previous.find((l): l is Exclude<Line, Trial> => l.type === 'meta');
  if (meta && JSON.stringify(meta.plan) !== JSON.stringify(plan)) {
    throw new Error(
      `--resume: ${out} was started with another plan (${JSON.stringify(meta.plan ?? 'none recorded')}); this one is ${JSON.stringify(plan)}`,
    );
  }
  resumed = meta !== undefined;
  for (const l of previous) if (l.type === 'trial') done.add(l.index);
  process.stderr.write(`resuming ${out}: ${done.size} trial(s) already done\n`);
}
const work = await mkdtemp(join(tmpdir(), 'gate-quality-'));
await mkdir(dirname(out), { recursive: true });
if (!values.resume) await rm(out, { force: true });
const write = (line: Line): Promise<void> => appendFile(out, `${JSON.stringify(line)}\n`);

const base = await ensureModel({ arch, imgsz }, cacheDir);
const variants = [];
for (const spec of values.variants!.split(',').filter(Boolean)) {
  const m = await ensureModel({ arch, imgsz, variant: parseVariant(spec) }, cacheDir);
  variants.push({
    condition: `${spec} (+${(m.info.flopsIncreasePercent ?? 0).toFixed(1)}% FLOPs)`,
    path: m.path,
  });
}
const iterations = ['--iterations', values.iterations!];

await write({
  type: resumed ? 'resume' : 'meta',
  plan,
  startedAt: new Date(started).toISOString(),
  command: `npx tsx scripts/gate-quality.ts ${process.argv.slice(2).join(' ')}`,
  mode,
  arch,
  imgsz,
  cores: availableParallelism(),
  node: process.version,
  variants: variants.map((v) => v.condition),
});

const baselines = join(work, 'baselines');
if (mode === 'stored') {
  // A history, as nightly runs leave it: runs spread over time. A busy run is refused by the gate
  // (it is not evidence); the script then waits and tries again, as the next night would.
  let recorded = 0;
  for (
    let attempt = 0;
    recorded < Number(values['baseline-runs']) && attempt < 4 * Number(values['baseline-runs']);
    attempt++
  ) {
    if (attempt > 0) await sleep(Number(values['baseline-gap']));
    const r = await runGate([
      '--model',
      base.path,
      '--baselines',
      baselines,
      '--baseline',
      'stored',
      '--update-baseline',
      ...iterations,
      ...referenceArgs,
    ]);
    const before = recorded;
    recorded = await historyLength(baselines);
    const refused = recorded === before;
    await write({
      type: 'baseline-run',
      attempt,
      code: r.code,
      refused,
      loadAverage: loadavg()[0],
      recorded,
    });
    process.stderr.write(
      `baseline run ${attempt + 1}: exit ${r.code}${refused ? ' (refused)' : ''}, ${recorded} recorded\n`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Trials, in a seeded shuffled order so slow changes of the machine spread over every condition.

interface Planned {
  condition: string;
  path: string;
  load: 'quiet' | 'loaded';
}
const planned: Planned[] = [];
const add = (n: number, p: Omit<Planned, 'load'>, load: Planned['load']): void => {
  for (let i = 0; i < n; i++) planned.push({ ...p, load });
};
add(Number(values['aa-quiet']), { condition: 'A/A', path: base.path }, 'quiet');
add(Number(values['aa-loaded']), { condition: 'A/A', path: base.path }, 'loaded');
for (const v of variants) {
  add(Number(values['detect-quiet']), v, 'quiet');
  add(Number(values['detect-loaded']), v, 'loaded');
}
const random = createRandomSource(Number(values.seed));
for (let i = planned.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [planned[i], planned[j]] = [planned[j]!, planned[i]!];
}

const cmpPath = join(work, 'comparison.json');
const curPath = join(work, 'current.json');
const basePath = join(work, 'baseline.json');
for (const [index, p] of planned.entries()) {
  if (done.has(index)) continue;
  if (Date.now() > deadline) {
    process.stderr.write(`deadline reached at trial ${index + 1} of ${planned.length}\n`);
    break;
  }
  await rm(cmpPath, { force: true });
  const t0 = Date.now();
  const hog = p.load === 'loaded' ? startHog(Number(values['hog-max-seconds'])) : [];
  if (hog.length) await sleep(1); // the hog is running before the gate's first measurement
  const loadAverage = loadavg()[0]!;
  let r;
  try {
    r =
      mode === 'stored'
        ? await runGate([
            '--model',
            p.path,
            '--baselines',
            baselines,
            '--baseline',
            'stored',
            '--comparison-out',
            cmpPath,
            ...iterations,
            ...referenceArgs,
          ])
        : await runGate([
            '--baseline-model',
            base.path,
            '--model',
            p.path,
            '--paired-memory-probes',
            '0',
            '--comparison-out',
            cmpPath,
            '--out',
            curPath,
            '--baseline-out',
            basePath,
          ]);
  } finally {
    stopHog(hog);
  }
  let cmp: Comparison;
  try {
    cmp = JSON.parse(await readFile(cmpPath, 'utf8')) as Comparison;
  } catch {
    process.stderr.write(
      `trial ${index}: no comparison (exit ${r.code}): ${r.stderr.trim().split('\n').at(-1)}\n`,
    );
    continue;
  }
  const m = cmp.metrics.find((x) => x.metric === 'p50')!;
  const trial: Trial = {
    type: 'trial',
    index,
    mode,
    condition: p.condition,
    load: p.load,
    exitCode: r.code,
    verdict: cmp.verdict,
    reason: cmp.reason,
    p50: {
      change: m.relativeChange,
      ...(m.ci ? { lower: m.ci.lower, upper: m.ci.upper } : {}),
      ...(m.pValue !== undefined ? { p: m.pValue } : {}),
      ...(m.minimumDetectableEffect !== undefined ? { mde: m.minimumDetectableEffect } : {}),
      basis: m.basis,
    },
    ...(cmp.reference
      ? {
          reference: {
            basis: cmp.reference.basis,
            ...(cmp.reference.reason ? { reason: cmp.reference.reason } : {}),
          },
        }
      : {}),
    unreliable: cmp.unreliable,
    loadAverage,
    wallSeconds: (Date.now() - t0) / 1000,
  };
  if (mode === 'paired' && cmp.paired) {
    // The same samples analysed as two pooled groups: the per-sample analysis of the same runs.
    const [b, c] = await Promise.all(
      [basePath, curPath].map(async (f) => JSON.parse(await readFile(f, 'utf8')) as BenchResult),
    );
    const pooled = compareResults({
      baseline: { ...b!, model: { ...b!.model, name: c!.model.name } }, // the two sides of one pair
      current: c!,
      mode: 'stored-baseline',
      policy: DEFAULT_POLICY,
    });
    const pm = pooled.metrics.find((x) => x.metric === 'p50')!;
    // And with single block pairs, without windows: the paired analysis before them.
    const singlePair = c!.pairing
      ? blockPairedComparison(pairedBlocks(b!.latency.samplesMs, c!.latency.samplesMs, c!.pairing), {
          windowPairs: 1,
        })
      : undefined;
    trial.paired = {
      timedSeconds: cmp.paired.timedSeconds,
      rounds: cmp.paired.rounds,
      stoppedBecause: cmp.paired.stoppedBecause,
      ...(pm.ci ? { pooledLower: pm.ci.lower, pooledUpper: pm.ci.upper } : {}),
      ...(singlePair ? { singlePairLower: singlePair.lower, singlePairUpper: singlePair.upper } : {}),
    };
  }
  await write(trial);
  process.stderr.write(
    `${index + 1}/${planned.length} ${p.condition} ${p.load}: ${cmp.verdict} P50 ${formatChange(m.relativeChange)} (load ${loadAverage.toFixed(1)}, ${trial.wallSeconds.toFixed(0)} s)\n`,
  );
}

await rm(work, { recursive: true, force: true });
process.stdout.write(`${renderTable(await readLines(out))}\n`);
