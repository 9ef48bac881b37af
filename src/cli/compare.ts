import type { Command } from 'commander';
import { BASELINE_KIND, migrateBaseline, readJsonFile } from '../baseline/index.js';
import { compareResults, formatP, formatPercent } from '../compare/index.js';
import { PAIRED_DEFAULTS, runPairedComparison } from '../compare/paired.js';
import { parsePolicy } from '../compare/policy.js';
import type { Comparison, RunSummary } from '../compare/schema.js';
import { parseBenchConfig, parseModelSource } from '../config/bench.js';
import {
  cliReader,
  readBoolean,
  readInteger,
  readOptionalNumber,
  readString,
  type InputReader,
} from '../config/reader.js';
import { resolveModel } from '../core/model-source.js';
import { BenchResultSchema, RESULT_KIND, RESULT_SCHEMA_VERSION, type BenchResult } from '../schema/result.js';
import { assertValid } from '../schema/validate.js';
import { assertWritableTarget, toPrettyJson, writeFileAtomically } from '../util/atomic.js';
import { ExitCode, UsageError } from '../util/errors.js';
import type { CliContext } from './main.js';
import { addBenchOptions } from './options.js';
import { createUi } from './ui.js';

/** A stored side of the comparison: a result document, or a baseline file's result and history. */
export interface StoredSide {
  result: BenchResult;
  history?: RunSummary[];
  source: string;
}

/**
 * Reads `--baseline`/`--current`: a result document (`perf-gate bench --out`) or a baseline file
 * (`kind: yolo-perf-gate/baseline`, its representative `result` and its `history`).
 * @throws UsageError naming the option and the file for anything unreadable or invalid.
 */
export async function readStoredSide(path: string, option: string): Promise<StoredSide> {
  const what = `${option} "${path}"`;
  const json = await readJsonFile(path, what);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new UsageError(`${what}: expected a result or baseline JSON object`);
  }
  const kind = (json as Record<string, unknown>).kind;
  if (kind === BASELINE_KIND) {
    const { baseline } = migrateBaseline(json, what);
    return { result: baseline.result as BenchResult, history: baseline.history, source: path };
  }
  if (kind !== RESULT_KIND) {
    throw new UsageError(
      `${what}: expected kind "${RESULT_KIND}" or "${BASELINE_KIND}", got ${JSON.stringify(kind ?? null)}`,
    );
  }
  const version = (json as Record<string, unknown>).schemaVersion;
  if (version !== RESULT_SCHEMA_VERSION) {
    throw new UsageError(
      `${what}: unsupported result schemaVersion ${JSON.stringify(version ?? null)} (this version reads ${RESULT_SCHEMA_VERSION})`,
    );
  }
  return { result: assertValid(BenchResultSchema, json, what), source: path };
}

const ms = (v: number): string => (v >= 100 ? v.toFixed(1) : v >= 10 ? v.toFixed(2) : v.toFixed(3));
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The readable table: metric, baseline, current, change [CI], p (Holm), verdict; then the verdict line. */
export function formatComparison(comparison: Comparison, source: string): string {
  const rows = comparison.metrics.map((m) => {
    const value = (v: number): string => (m.unit === 'ms' ? `${ms(v)} ms` : mib(v));
    const ci = m.ci ? ` [${formatPercent(m.ci.lower)}, ${formatPercent(m.ci.upper)}]` : '';
    const p = m.adjustedPValue !== undefined ? formatP(m.adjustedPValue) : '-';
    const threshold = `${Number((m.effectiveThreshold * 100).toPrecision(3))}%`;
    return [
      m.label,
      value(m.baseline),
      value(m.current),
      `${formatPercent(m.relativeChange)}${ci}`,
      threshold,
      p,
      `${m.verdict}${m.gated ? '' : ' (not gated)'}`,
    ];
  });
  const header = ['metric', 'baseline', 'current', 'change [CI]', 'threshold', 'p (Holm)', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [
    `compared with ${source} (${comparison.mode}, ${comparison.samples.baseline} vs ${comparison.samples.current} samples${comparison.historyRuns > 0 ? `, ${comparison.historyRuns} history runs` : ''})`,
    line(header),
    ...rows.map(line),
  ];
  for (const m of comparison.metrics) out.push(`  ${m.label}: ${m.reason}`);
  for (const d of comparison.environmentDifferences) {
    out.push(
      `${d.breaksComparability ? 'DIFFERS' : 'differs'} ${d.field}: baseline ${d.baseline}, current ${d.current}${d.breaksComparability ? ' (breaks comparability)' : ''}`,
    );
  }
  for (const r of comparison.unreliable) out.push(`unreliable: ${r}`);
  for (const v of comparison.profileViolations) out.push(`profile gate: ${v}`);
  out.push(`verdict: ${comparison.verdict.toUpperCase()} - ${comparison.reason}`);
  return `${out.join('\n')}\n`;
}

/** Exit code of a verdict: 0 pass/improvement, 1 regression, 3 inconclusive. */
export function exitCodeOf(verdict: Comparison['verdict']): number {
  if (verdict === 'regression') return ExitCode.Regression;
  if (verdict === 'inconclusive') return ExitCode.Inconclusive;
  return ExitCode.Ok;
}

/** Adds the verdict-policy options shared with `gate` (same names as the Action inputs). */
export function addPolicyOptions(cmd: Command): Command {
  return cmd
    .option('--threshold-p50 <fraction>', 'practical P50 threshold: 0.03 or 3% (default 3%)')
    .option('--threshold-p99 <fraction>', 'practical P99 threshold: 0.10 or 10% (default 10%)')
    .option('--threshold-memory <fraction>', 'practical peak-memory threshold: 0.05 or 5% (default 5%) ...')
    .option('--threshold-memory-mib <mib>', '... and at least this many MiB (default 16)')
    .option('--alpha <p>', 'family-wise significance level after Holm correction (default 0.05)')
    .option('--gate-metrics <list>', 'metrics that fail the gate: p50,p99,peak-memory (default all)')
    .option(
      '--profile-gate <rule>',
      'per-operator gate, e.g. module:10 (fail if any module is >10% slower); default off',
    );
}

function rejectMixed(reader: InputReader): 'stored' | 'paired' {
  const baseline = readString(reader, 'baseline');
  const current = readString(reader, 'current');
  const baselineModel = readString(reader, 'baseline-model');
  const model = readString(reader, 'model');
  if (baselineModel !== undefined) {
    if (baseline !== undefined)
      throw new UsageError(`--baseline and --baseline-model: give one or the other, not both`);
    if (current !== undefined)
      throw new UsageError(
        `--current and --baseline-model: paired mode benchmarks --model, it does not read --current`,
      );
    if (model === undefined)
      throw new UsageError(`--model: is required with --baseline-model (paired A/B mode)`);
    return 'paired';
  }
  if (baseline === undefined)
    throw new UsageError(
      `--baseline: is required (a result or baseline file), or use --baseline-model with --model for paired mode`,
    );
  if (current === undefined)
    throw new UsageError(`--current: is required with --baseline (a result file from perf-gate bench --out)`);
  if (model !== undefined)
    throw new UsageError(
      `--model: only for paired mode (with --baseline-model); stored mode reads --current`,
    );
  return 'stored';
}

/**
 * `perf-gate compare`: the verdict between two stored results (`--baseline` result or baseline
 * file, `--current` result), or paired A/B mode (`--baseline-model A --model B`, benchmarked
 * interleaved in this process). Exit code 0 pass/improvement, 1 regression, 3 inconclusive, 2 usage.
 */
export function registerCompareCommand(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('compare')
    .description(
      'verdict between a baseline and a current run: stored results, or paired A/B benchmarking of two models',
    )
    .option(
      '--baseline <path>',
      'stored mode: baseline file (baselines/*.json) or a result JSON of the base run',
    )
    .option('--current <path>', 'stored mode: current result JSON (perf-gate bench --out)')
    .option(
      '--hardware-mismatch <reason>',
      'stored mode: the baseline comes from other hardware (verdict: inconclusive)',
    )
    .option('--baseline-model <path>', 'paired mode: the base model (file or builtin:ARCH[@IMGSZ])')
    .option('--model <path>', 'paired mode: the changed model (file or builtin:ARCH[@IMGSZ])')
    .option(
      '--paired-budget <seconds>',
      `paired mode: timed-sampling budget of adaptive sampling (default ${PAIRED_DEFAULTS.maxTimedSeconds})`,
    )
    .option(
      '--block-size <n>',
      `paired mode: consecutive runs of one model per block (default ${PAIRED_DEFAULTS.blockSize})`,
    )
    .option(
      '--adaptive <bool>',
      'paired mode: sample more while inconclusive, within the budget (default true)',
    );
  addBenchOptions(cmd, { modelFlag: false });
  addPolicyOptions(cmd)
    .option('--json', 'print the comparison JSON instead of the table')
    .option('--out <path>', 'write the comparison JSON here (atomically)')
    .action(async (opts: Record<string, unknown>) => {
      const reader = cliReader(opts, { 'execution-provider': '--ep' });
      const mode = rejectMixed(reader);
      const policy = parsePolicy(reader);
      const out = readString(reader, 'out');
      if (out) await assertWritableTarget(out, '--out');
      const ui = createUi({ quiet: Boolean(opts.quiet) || Boolean(opts.json) });
      let comparison: Comparison;
      let source: string;
      if (mode === 'stored') {
        const baselinePath = readString(reader, 'baseline') as string;
        const currentPath = readString(reader, 'current') as string;
        const base = await readStoredSide(baselinePath, '--baseline');
        const cur = await readStoredSide(currentPath, '--current');
        const hardwareMismatch = readString(reader, 'hardware-mismatch');
        comparison = compareResults({
          baseline: base.result,
          current: cur.result,
          ...(base.history ? { history: base.history } : {}),
          mode: 'stored-baseline',
          policy,
          ...(hardwareMismatch ? { hardwareMismatch } : {}),
        });
        source = base.source;
      } else {
        const config = parseBenchConfig(reader);
        const baselineSource = parseModelSource(
          readString(reader, 'baseline-model') as string,
          '--baseline-model',
        );
        const budgetSeconds = readOptionalNumber(reader, 'paired-budget', { min: 0, exclusiveMin: true });
        const blockSize = readInteger(reader, 'block-size', PAIRED_DEFAULTS.blockSize, { min: 1, max: 1000 });
        const adaptive = readBoolean(reader, 'adaptive', true);
        const [baseModel, curModel] = [
          await resolveModel(baselineSource, config.cacheDir, undefined, ui.info),
          await resolveModel(config.model, config.cacheDir, config.modelName, ui.info),
        ];
        const outcome = await runPairedComparison({
          baselineModel: baseModel,
          currentModel: curModel,
          config,
          policy,
          ...(budgetSeconds !== undefined ? { budgetSeconds } : {}),
          blockSize,
          adaptive,
          reporter: ui,
        });
        comparison = outcome.comparison;
        source = `paired: ${baseModel.path} (${outcome.rounds.length} round(s), ${outcome.timedSeconds.toFixed(1)} s timed, stopped: ${outcome.stoppedBecause})`;
      }
      const json = toPrettyJson(comparison);
      if (out) {
        await writeFileAtomically(out, json, '--out');
        ui.info(`comparison written to ${out}`);
      }
      ctx.stdout(opts.json ? json : formatComparison(comparison, source));
      ctx.exitCode = exitCodeOf(comparison.verdict);
    });
}
