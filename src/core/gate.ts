import { findBaseline, updateBaseline, currentCommit, unreliableRefusal } from '../baseline/index.js';
import { compareResults } from '../compare/index.js';
import { runPairedComparison } from '../compare/paired.js';
import type { Comparison, OverallVerdict } from '../compare/schema.js';
import type { GateConfig } from '../config/gate.js';
import { renderMarkdown, renderJson } from '../report/index.js';
import { escapeMarkdown } from '../report/escape.js';
import { shellQuote } from '../report/reproduce.js';
import type { ReportInput } from '../report/types.js';
import type { BenchResult } from '../schema/result.js';
import { toPrettyJson, writeFileAtomically } from '../util/atomic.js';
import { ExitCode } from '../util/errors.js';
import { benchmark, type Reporter } from './bench.js';
import { resolveModel } from './model-source.js';

/** What one gate run produced: the verdict and everything needed to report it. */
export interface GateOutcome {
  verdict: OverallVerdict;
  reason: string;
  current: BenchResult;
  baseline?: BenchResult;
  comparison?: Comparison;
  /** The Markdown report (PR comment body without the sticky marker). */
  markdown: string;
  report?: ReportInput;
  /** Baseline file used, or the paired base model. */
  baselineSource?: string;
  /** Set when the run refreshed a baseline file. */
  baselineUpdate?: { path: string; summary: string };
  /** Set when `updateBaseline` was asked for but the run is unreliable (and not forced): why. */
  baselineRefused?: string;
  exitCode: number;
}

/** Exit code of a verdict: the CLI's contract (README "Exit codes"). */
export function exitCodeForVerdict(verdict: OverallVerdict): number {
  if (verdict === 'regression') return ExitCode.Regression;
  if (verdict === 'inconclusive') return ExitCode.Inconclusive;
  return ExitCode.Ok;
}

/** A shell command that reproduces this gate run on a developer's machine. */
export function reproduceCommand(config: GateConfig, modelPath: string, baselineModelPath?: string): string {
  const parts = ['npx', 'perf-gate', 'gate', '--model', modelPath];
  if (baselineModelPath) parts.push('--baseline-model', baselineModelPath);
  else parts.push('--baselines', config.baselinesDir);
  parts.push(
    '--ep',
    config.bench.executionProviders
      .map((e) => (e.deviceId !== undefined ? `${e.name}:${e.deviceId}` : e.name))
      .join(','),
  );
  if ('iterations' in config.bench.stop) parts.push('--iterations', String(config.bench.stop.iterations));
  else parts.push('--duration', String(config.bench.stop.durationSeconds));
  if (config.bench.profile.enabled) parts.push('--profile');
  return parts.map(shellQuote).join(' ');
}

function noBaselineMarkdown(current: BenchResult, reason: string): string {
  const l = current.latency;
  return [
    `### ⚪ yolo-perf-gate: **inconclusive** for \`${escapeMarkdown(current.model.name)}\` (${escapeMarkdown(current.provider.actual)})`,
    '',
    `No baseline to compare with: ${escapeMarkdown(reason, 2000)}`,
    '',
    `| metric | current |`,
    `| --- | ---: |`,
    `| P50 | ${l.p50.toFixed(3)} ms |`,
    `| P99 | ${l.p99.toFixed(3)} ms |`,
    `| throughput | ${l.throughputPerSecond.toFixed(1)} /s |`,
    '',
  ].join('\n');
}

/**
 * The main job: benchmark the model, compare it with its committed baseline (or, in paired mode,
 * with the base model benchmarked interleaved in this process), render the report, write the
 * requested files, and optionally refresh the baseline. Pure orchestration over the modules.
 */
export async function runGate(config: GateConfig, reporter: Reporter): Promise<GateOutcome> {
  let current: BenchResult;
  let baseline: BenchResult | undefined;
  let comparison: Comparison | undefined;
  let baselineSource: string | undefined;
  let reason: string;
  let modelPath: string;
  let baselineModelPath: string | undefined;

  if (config.baselineModel) {
    const [base, cur] = await Promise.all([
      resolveModel(config.baselineModel, config.bench.cacheDir, undefined, reporter.info),
      resolveModel(config.bench.model, config.bench.cacheDir, config.bench.modelName, reporter.info),
    ]);
    modelPath = cur.path;
    baselineModelPath = base.path;
    const paired = await runPairedComparison({
      baselineModel: base,
      currentModel: cur,
      config: config.bench,
      policy: config.policy,
      ...(config.pairedBudgetSeconds !== undefined ? { budgetSeconds: config.pairedBudgetSeconds } : {}),
      reporter,
    });
    ({ current, baseline, comparison } = paired);
    baselineSource = `paired: ${base.path}`;
    reason = comparison.reason;
  } else {
    const run = await benchmark(config.bench, reporter);
    current = run.result;
    modelPath = run.model.path;
    const lookup = await findBaseline(config.baselinesDir, current);
    if (lookup.status === 'none') {
      reason = lookup.reason;
    } else {
      baseline = lookup.baseline.result;
      baselineSource = lookup.path;
      comparison = compareResults({
        baseline,
        current,
        history: lookup.baseline.history,
        mode: 'stored-baseline',
        policy: config.policy,
        ...(lookup.hardwareMismatch ? { hardwareMismatch: lookup.reason } : {}),
      });
      reason = comparison.reason;
    }
  }

  const verdict: OverallVerdict = comparison?.verdict ?? 'inconclusive';
  let report: ReportInput | undefined;
  let markdown: string;
  if (comparison && baseline && baselineSource) {
    report = {
      comparison,
      baseline,
      current,
      baselineSource,
      reproduceCommand: reproduceCommand(config, modelPath, baselineModelPath),
    };
    markdown = await renderMarkdown(report, config.templatePath ? { templatePath: config.templatePath } : {});
  } else {
    markdown = noBaselineMarkdown(current, reason);
  }

  if (config.resultPath) await writeFileAtomically(config.resultPath, toPrettyJson(current), '--out');
  if (config.reportPath) await writeFileAtomically(config.reportPath, markdown, '--report');
  if (config.comparisonPath && report)
    await writeFileAtomically(config.comparisonPath, renderJson(report), '--comparison-out');

  let baselineUpdate: GateOutcome['baselineUpdate'];
  const refused =
    config.updateBaseline && !config.forceBaselineUpdate
      ? unreliableRefusal(current, '--force (Action input "force")')
      : undefined;
  if (config.updateBaseline && !refused) {
    const commit = currentCommit();
    const update = await updateBaseline(config.baselinesDir, current, {
      keep: config.historyKeep,
      date: new Date().toISOString(),
      ...(commit ? { commit } : {}),
      allowUnreliable: config.forceBaselineUpdate,
    });
    baselineUpdate = { path: update.path, summary: update.summary };
  }

  return {
    verdict,
    reason,
    current,
    ...(baseline ? { baseline } : {}),
    ...(comparison ? { comparison } : {}),
    markdown,
    ...(report ? { report } : {}),
    ...(baselineSource ? { baselineSource } : {}),
    ...(baselineUpdate ? { baselineUpdate } : {}),
    ...(refused ? { baselineRefused: `baseline not updated: ${refused}` } : {}),
    // A refused update is not a success, whatever the verdict; a regression keeps its own code.
    exitCode:
      refused && exitCodeForVerdict(verdict) === ExitCode.Ok
        ? ExitCode.Inconclusive
        : exitCodeForVerdict(verdict),
  };
}
