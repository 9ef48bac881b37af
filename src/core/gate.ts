import { findBaseline, updateBaseline } from '../baseline/index.js';
import { compareResults } from '../compare/index.js';
import { runPairedComparison } from './paired.js';
import type { Comparison, OverallVerdict } from '../compare/schema.js';
import type { GateConfig } from '../config/gate.js';
import { renderMarkdown, renderJson, renderNoBaselineMarkdown } from '../report/index.js';
import { reproduceGateCommand } from '../config/reproduce.js';
import type { ReportInput } from '../report/types.js';
import type { BenchResult } from '../schema/result.js';
import { toPrettyJson, writeFilesAtomically, type FileToWrite } from '../util/atomic.js';
import { exitCodeForVerdict } from '../util/errors.js';
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
  exitCode: number;
}

/** Facts about where the gate runs, read at the edge (CLI or Action) and passed in. */
export interface GateContext {
  /** The commit being gated (GITHUB_SHA, or `git rev-parse HEAD`), recorded with a baseline update. */
  commit?: string;
  /** The clock, for the record date of a baseline update. */
  now?: () => Date;
}

/**
 * The main job: benchmark the model, compare it with its committed baseline (or, in paired mode,
 * with the base model benchmarked interleaved in this process), render the report, write the
 * requested files, and optionally refresh the baseline. Pure orchestration over the modules.
 */
export async function runGate(
  config: GateConfig,
  reporter: Reporter,
  context: GateContext = {},
): Promise<GateOutcome> {
  let current: BenchResult;
  let baseline: BenchResult | undefined;
  let comparison: Comparison | undefined;
  let baselineSource: string | undefined;
  let reason: string;

  if (config.baselineModel) {
    const [base, cur] = await Promise.all([
      resolveModel(config.baselineModel, config.bench.cacheDir, undefined, reporter.info),
      resolveModel(config.bench.model, config.bench.cacheDir, config.bench.modelName, reporter.info),
    ]);
    const paired = await runPairedComparison({
      baselineModel: base,
      currentModel: cur,
      config: config.bench,
      policy: config.policy,
      ...(config.paired.budgetSeconds !== undefined ? { budgetSeconds: config.paired.budgetSeconds } : {}),
      blockSize: config.paired.blockSize,
      adaptive: config.paired.adaptive,
      reporter,
    });
    ({ current, baseline, comparison } = paired);
    baselineSource = `paired: ${base.path}`;
    reason = comparison.reason;
  } else {
    const run = await benchmark(config.bench, reporter);
    current = run.result;
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
      reproduceCommand: reproduceGateCommand(config),
    };
    markdown = await renderMarkdown(report, config.templatePath ? { templatePath: config.templatePath } : {});
  } else {
    markdown = renderNoBaselineMarkdown(current, reason);
  }

  const {
    result: resultFile,
    markdown: markdownFile,
    reportJson,
    comparison: comparisonFile,
  } = config.outputs;
  // One set: every temp file first, then the renames, so a full disk leaves none of them new.
  const files: FileToWrite[] = [];
  if (resultFile) files.push({ path: resultFile.path, data: toPrettyJson(current), what: resultFile.label });
  if (markdownFile) files.push({ path: markdownFile.path, data: markdown, what: markdownFile.label });
  if (reportJson && report)
    files.push({ path: reportJson.path, data: renderJson(report), what: reportJson.label });
  if (comparisonFile && comparison)
    files.push({ path: comparisonFile.path, data: toPrettyJson(comparison), what: comparisonFile.label });
  await writeFilesAtomically(files);

  let baselineUpdate: GateOutcome['baselineUpdate'];
  if (config.updateBaseline) {
    const update = await updateBaseline(config.baselinesDir, current, {
      keep: config.historyKeep,
      date: (context.now?.() ?? new Date()).toISOString(),
      ...(context.commit ? { commit: context.commit } : {}),
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
    exitCode: exitCodeForVerdict(verdict),
  };
}
