import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchResult, Environment } from '../schema/result.js';
import { DEFAULT_HISTORY_KEEP, DEFAULT_MAX_SAMPLES } from '../config/baseline.js';
import { UsageError } from '../util/errors.js';
import { formatChange, formatMiB, formatMs } from '../util/format.js';
import { readJsonFile } from './io.js';
import { checkBaselineDocument } from './document.js';
import {
  BASELINE_KIND,
  BASELINE_SCHEMA_REF,
  BASELINE_SCHEMA_VERSION,
  BaselineSchema,
  type Baseline,
  type BaselineKey,
} from './schema.js';
import { stableJson } from './serialize.js';
import { gatedPeakMemoryBytes } from '../compare/memory.js';
import { runSummaryOf, thinSamples } from './summary.js';
import { withBaselinesLock } from './lock.js';
import { writeFileDurably } from './write.js';

/** A baseline read from disk. */
export interface LoadedBaseline {
  path: string;
  baseline: Baseline;
}

/** The key a result is filed under. */
export function baselineKeyOf(result: BenchResult): BaselineKey {
  return {
    model: result.model.name,
    provider: result.provider.actual,
    hardwareClass: result.environment.hardwareClass,
  };
}

/** One path segment from free text: `[A-Za-z0-9._-]` only, no leading dots, at most 80 characters. */
export function sanitizeSegment(text: string): string {
  const s = text
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 80);
  return s === '' ? '_' : s;
}

/** `<model>.<provider>.<hardwareClass>.json`, each part sanitised. */
export function baselineFileName(key: BaselineKey): string {
  return `${sanitizeSegment(key.model)}.${sanitizeSegment(key.provider)}.${sanitizeSegment(key.hardwareClass)}.json`;
}

/** "NVIDIA L4 (gpu-nvidia-l4)" or "AMD EPYC 7763 x16 (cpu-amd-epyc-7763-64-core-16c)". */
export function describeHardware(env: Environment): string {
  const gpu = env.gpu as Record<string, unknown> | undefined;
  const gpuName =
    typeof gpu?.model === 'string' ? gpu.model : typeof gpu?.name === 'string' ? gpu.name : undefined;
  const machine =
    gpuName && env.executionProvider !== 'cpu' ? gpuName : `${env.cpuModel} x${env.logicalCpus}`;
  return `${machine} (${env.hardwareClass})`;
}

const keyText = (k: BaselineKey): string => `${k.model} / ${k.provider} / ${k.hardwareClass}`;

/**
 * Reads, parses and validates one baseline file. `root`: the folder it was listed in (a symbolic
 * link may not leave it).
 * @throws UsageError naming the file: missing, unreadable, truncated/corrupt JSON, wrong kind or version, schema violation.
 */
export async function loadBaselineFile(path: string, root?: string): Promise<LoadedBaseline> {
  const what = `baseline "${path}"`;
  const json = await readJsonFile(path, what, root !== undefined ? { root } : {});
  return { path, baseline: checkBaselineDocument(json, what) };
}

/**
 * Every baseline (`*.json`) directly in `dir`, sorted by file name. A missing folder has none.
 * @throws UsageError for a file that is not a valid baseline (naming it), or when `dir` is not a folder.
 */
export async function listBaselines(dir: string): Promise<LoadedBaseline[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) throw new UsageError(`baselines folder "${dir}": is not a folder`);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  return Promise.all(names.map((n) => loadBaselineFile(join(dir, n), dir)));
}

export type BaselineLookup =
  | (LoadedBaseline & { status: 'match'; hardwareMismatch: false })
  | (LoadedBaseline & { status: 'hardware-mismatch'; hardwareMismatch: true; reason: string })
  | {
      status: 'none';
      hardwareMismatch: false;
      reason: string;
      available: { path: string; key: BaselineKey }[];
    };

function assertNoDuplicates(matches: LoadedBaseline[], key: BaselineKey): void {
  if (matches.length > 1) {
    throw new UsageError(
      `baselines: ${matches.length} files hold the baseline for ${keyText(key)}: ${matches.map((m) => `"${m.path}"`).join(' and ')}; keep one`,
    );
  }
}

/**
 * The baseline for `result`: same model name, execution provider and hardware class.
 * - exactly one match: `status: 'match'`;
 * - no match, but exactly one baseline for the same model and provider on other hardware: it is
 *   returned with `hardwareMismatch: true` and the reason (the verdict becomes inconclusive with it,
 *   the numbers are still shown);
 * - otherwise `status: 'none'` with a reason listing the baselines that exist and why none fits.
 * @throws UsageError for duplicate baselines of one key (naming both files) or a corrupt file.
 */
export async function findBaseline(dir: string, result: BenchResult): Promise<BaselineLookup> {
  const all = await listBaselines(dir);
  const key = baselineKeyOf(result);
  const exact = all.filter(
    (b) =>
      b.baseline.key.model === key.model &&
      b.baseline.key.provider === key.provider &&
      b.baseline.key.hardwareClass === key.hardwareClass,
  );
  assertNoDuplicates(exact, key);
  if (exact[0]) return { ...exact[0], status: 'match', hardwareMismatch: false };

  const here = describeHardware(result.environment);
  const sameModelProvider = all.filter(
    (b) => b.baseline.key.model === key.model && b.baseline.key.provider === key.provider,
  );
  if (sameModelProvider.length === 1 && sameModelProvider[0]) {
    const b = sameModelProvider[0];
    return {
      ...b,
      status: 'hardware-mismatch',
      hardwareMismatch: true,
      reason: `baseline "${b.path}" is for ${describeHardware(b.baseline.result.environment)}, this runner has ${here}; numbers from different hardware are not comparable`,
    };
  }
  const available = all.map((b) => ({ path: b.path, key: b.baseline.key }));
  const why = (b: LoadedBaseline): string => {
    const k = b.baseline.key;
    if (k.model !== key.model) return `model "${k.model}"`;
    if (k.provider !== key.provider) return `provider ${k.provider}, this run used ${key.provider}`;
    return `${describeHardware(b.baseline.result.environment)}, this runner has ${here}`;
  };
  let reason: string;
  if (all.length === 0)
    reason = `no baselines in "${dir}" (record one with: perf-gate baseline update --result RESULT.json --baselines ${dir})`;
  else {
    reason =
      `no baseline in "${dir}" for ${keyText(key)}; ` +
      (sameModelProvider.length > 1
        ? `${sameModelProvider.length} baselines for this model and provider are for other hardware; `
        : '') +
      `existing: ${all.map((b) => `"${b.path}" (${why(b)})`).join(', ')}`;
  }
  return { status: 'none', hardwareMismatch: false, reason, available };
}

export interface UpdateOptions {
  /** Git commit of the run (GITHUB_SHA, `git rev-parse HEAD`); omitted when unknown. */
  commit?: string;
  /** When the run is recorded (ISO 8601 date-time). */
  date: string;
  /** History entries kept (default 10). */
  keep?: number;
  /** Latency samples stored with the representative run (default 2,000; even thinning above). */
  maxSamples?: number;
  /** Record a run whose health says unreliable (busy machine, GPU throttled...). Default false: refused. */
  allowUnreliable?: boolean;
  /** How the user forces it, named in the refusal (default `--force`). */
  forceHint?: string;
  /** Names the baselines folder in errors (default `--baselines`). */
  what?: string;
  /** Test hook, see {@link writeFileDurably}. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
  /** Longest wait for the baselines folder's lock, in ms (see {@link withBaselinesLock}). */
  lockWaitMs?: number;
  /** Age after which a killed holder's lock is taken over, in ms. */
  lockStaleMs?: number;
}

export interface UpdateOutcome {
  path: string;
  created: boolean;
  baseline: Baseline;
  previous?: Baseline;
  /** Human "what changed", several lines, ends with a newline. */
  summary: string;
}

/**
 * Why an unreliable run may not become a baseline (its measured reasons, e.g. "other processes used
 * 1.7 of 2 cores during the timed window"), or undefined when the run is reliable. Pure.
 */
export function unreliableRefusal(result: BenchResult, forceHint = '--force'): string | undefined {
  if (result.health.reliable) return undefined;
  return `the run is marked unreliable (${result.health.reasons.join('; ') || 'no reason given'}); a baseline from it would be misleading: rerun on a quiet machine, or pass ${forceHint} to record it anyway`;
}

/** Builds the new baseline document from the previous one (if any) and the new run. Pure. */
export function nextBaseline(
  previous: Baseline | undefined,
  result: BenchResult,
  options: UpdateOptions,
): Baseline {
  const keep = options.keep ?? DEFAULT_HISTORY_KEEP;
  const maxSamples = options.maxSamples ?? DEFAULT_MAX_SAMPLES;
  const measured = result.latency.samplesMs;
  const stored = thinSamples(measured, maxSamples);
  const recorded = { recordedAt: options.date, ...(options.commit ? { commit: options.commit } : {}) };
  const history = [...(previous?.history ?? []), runSummaryOf(result, recorded)].slice(-keep);
  const { $schema: _ignored, ...rest } = result;
  return {
    $schema: BASELINE_SCHEMA_REF,
    kind: BASELINE_KIND,
    schemaVersion: BASELINE_SCHEMA_VERSION,
    key: baselineKeyOf(result),
    modelSha256: result.model.sha256,
    ...(options.commit ? { commit: options.commit } : {}),
    recordedAt: options.date,
    samples: {
      measured: measured.length,
      stored: stored.length,
      method: stored.length < measured.length ? 'even-thinning' : 'all',
    },
    result: { ...rest, latency: { ...result.latency, samplesMs: stored } },
    history,
  };
}

/** The file text of a baseline: schema key order, 2-space indentation, 10 samples a line. */
export function serializeBaseline(baseline: Baseline): string {
  return stableJson(baseline, BaselineSchema);
}

/**
 * Records `result` as the baseline for its key in `dir`: replaces the representative run, appends
 * its summary to the history (keeping the last `keep`), and writes the file atomically (temp file,
 * fsync, rename): the previous file is never left half-written or lost. The read-modify-write holds
 * the folder's lock ({@link withBaselinesLock}), so concurrent updates from several processes
 * serialise instead of overwriting each other's history.
 * @throws UsageError for an unreliable run (unless allowed), duplicate/corrupt baselines, or an unwritable folder.
 */
export async function updateBaseline(
  dir: string,
  result: BenchResult,
  options: UpdateOptions,
): Promise<UpdateOutcome> {
  const keep = options.keep ?? DEFAULT_HISTORY_KEEP;
  if (!Number.isInteger(keep) || keep < 1)
    throw new UsageError(`--keep: expected an integer >= 1, got "${keep}"`);
  const refusal = options.allowUnreliable ? undefined : unreliableRefusal(result, options.forceHint);
  if (refusal) throw new UsageError(`--result: ${refusal}`);
  const what = options.what ?? '--baselines';
  // Read, merge and write under the folder's lock, so concurrent updates (matrix jobs, a nightly
  // job) serialise and each one's history entry survives the next.
  return withBaselinesLock(
    dir,
    async (assertHeld) => {
      const key = baselineKeyOf(result);
      const all = await listBaselines(dir);
      const matches = all.filter(
        (b) =>
          b.baseline.key.model === key.model &&
          b.baseline.key.provider === key.provider &&
          b.baseline.key.hardwareClass === key.hardwareClass,
      );
      assertNoDuplicates(matches, key);
      const existing = matches[0];
      const path = existing?.path ?? join(dir, baselineFileName(key));
      const baseline = nextBaseline(existing?.baseline, result, { ...options, keep });
      await writeFileDurably(path, serializeBaseline(baseline), {
        what,
        beforeRename: async (temp) => {
          await options.beforeRename?.(temp);
          assertHeld();
        },
      });
      return {
        path,
        created: !existing,
        baseline,
        ...(existing ? { previous: existing.baseline } : {}),
        summary: describeUpdate(path, existing, baseline, keep),
      };
    },
    {
      what,
      ...(options.lockWaitMs !== undefined ? { waitMs: options.lockWaitMs } : {}),
      ...(options.lockStaleMs !== undefined ? { staleMs: options.lockStaleMs } : {}),
    },
  );
}

const pct = (a: number, b: number): string =>
  a === 0 ? (b === 0 ? formatChange(0) : 'new') : formatChange(b / a - 1);

function describeUpdate(
  path: string,
  existing: LoadedBaseline | undefined,
  next: Baseline,
  keep: number,
): string {
  const k = next.key;
  const lines: string[] = [];
  const n = next.result;
  if (!existing) {
    lines.push(`created ${path} (${keyText(k)})`);
    lines.push(`  P50     ${formatMs(n.latency.p50)}`);
    lines.push(`  P99     ${formatMs(n.latency.p99)}`);
    lines.push(`  memory  ${formatMiB(gatedPeakMemoryBytes(n))}`);
  } else {
    const o = existing.baseline.result;
    lines.push(`updated ${path} (${keyText(k)})`);
    lines.push(
      `  P50     ${formatMs(o.latency.p50)} -> ${formatMs(n.latency.p50)} (${pct(o.latency.p50, n.latency.p50)})`,
    );
    lines.push(
      `  P99     ${formatMs(o.latency.p99)} -> ${formatMs(n.latency.p99)} (${pct(o.latency.p99, n.latency.p99)})`,
    );
    const om = gatedPeakMemoryBytes(o);
    const nm = gatedPeakMemoryBytes(n);
    lines.push(`  memory  ${formatMiB(om)} -> ${formatMiB(nm)} (${pct(om, nm)})`);
    if (o.model.sha256 !== n.model.sha256)
      lines.push(`  model   sha256 ${o.model.sha256.slice(0, 12)} -> ${n.model.sha256.slice(0, 12)}`);
  }
  const before = existing ? existing.baseline.history.length + 1 : 1;
  const dropped = Math.max(0, before - next.history.length);
  lines.push(
    `  history ${next.history.length} run(s) (keeping the last ${keep}${dropped > 0 ? `; dropped ${dropped} oldest` : ''})`,
  );
  lines.push(
    `  samples ${next.samples.stored} stored${next.samples.method === 'even-thinning' ? ` (evenly thinned from ${next.samples.measured})` : ''}`,
  );
  lines.push(`  commit  ${next.commit ?? '(unknown)'} at ${next.recordedAt}`);
  return `${lines.join('\n')}\n`;
}

/** Human description of a baseline for `perf-gate baseline show`. */
export function formatBaseline(baseline: Baseline, path?: string): string {
  const r = baseline.result;
  const l = r.latency;
  const lines = [
    `baseline   ${keyText(baseline.key)}${path ? `  (${path})` : ''}`,
    `model      ${r.model.name}  sha256 ${baseline.modelSha256.slice(0, 12)}  (${r.model.path})`,
    `recorded   ${baseline.recordedAt}${baseline.commit ? `  commit ${baseline.commit}` : ''}`,
    `hardware   ${describeHardware(r.environment)}, onnxruntime ${r.environment.onnxruntime}, ${r.environment.os}`,
    `provider   ${r.provider.actual}${r.provider.fallback ? ` (FALLBACK from ${r.provider.requested[0] ?? '?'}: ${r.provider.reason ?? 'unavailable'})` : ''}`,
    `latency    P50 ${formatMs(l.p50)}  P90 ${formatMs(l.p90)}  P99 ${formatMs(l.p99)}  mean ${formatMs(l.mean)}  (${l.count} runs)`,
    `memory     ${formatMiB(gatedPeakMemoryBytes(r))} gated (peak RSS ${formatMiB(r.memory.peakRssBytes)}${r.memory.peakGpuBytes !== undefined ? `, peak GPU ${formatMiB(r.memory.peakGpuBytes)}` : ''})`,
    `samples    ${baseline.samples.stored} stored${baseline.samples.method === 'even-thinning' ? ` (evenly thinned from ${baseline.samples.measured})` : ''}`,
    `history    ${baseline.history.length} run(s)`,
  ];
  if (baseline.history.length > 0) {
    // The ratio column appears once a run was recorded with --reference interleaved.
    const ratios = baseline.history.some((h) => h.referenceRatio !== undefined);
    lines.push(
      `           recorded at                commit        P50         P99         memory${ratios ? '      P50/reference' : ''}`,
    );
    for (const h of baseline.history) {
      const ratio = ratios
        ? ` ${(h.referenceRatio !== undefined ? h.referenceRatio.toFixed(4) : '-').padStart(17)}`
        : '';
      lines.push(
        `           ${h.recordedAt.padEnd(26)} ${(h.commit ?? '-').slice(0, 12).padEnd(13)} ${formatMs(h.p50).padStart(11)} ${formatMs(h.p99).padStart(11)} ${formatMiB(h.peakMemoryBytes).padStart(11)}${ratio}`,
      );
    }
    if (baseline.history.length > 1) {
      const p50s = baseline.history.map((h) => h.p50);
      const mean = p50s.reduce((a, b) => a + b, 0) / p50s.length;
      const sd = Math.sqrt(p50s.reduce((a, b) => a + (b - mean) ** 2, 0) / (p50s.length - 1));
      lines.push(
        `           run-to-run P50 spread: ${mean > 0 ? ((sd / mean) * 100).toFixed(1) : '0.0'}% (coefficient of variation)`,
      );
      const logRatios = baseline.history.flatMap((h) =>
        h.referenceRatio !== undefined ? [Math.log(h.referenceRatio)] : [],
      );
      if (logRatios.length > 1) {
        const m = logRatios.reduce((a, b) => a + b, 0) / logRatios.length;
        const s = Math.sqrt(logRatios.reduce((a, b) => a + (b - m) ** 2, 0) / (logRatios.length - 1));
        lines.push(
          `           run-to-run spread of the ratio to the reference: ${(s * 100).toFixed(2)}% (sd of log ratio, ${logRatios.length} runs)`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
