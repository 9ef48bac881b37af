import type { Command } from 'commander';
import { parseGateConfig } from '../config/gate.js';
import { cliReader } from '../config/reader.js';
import { runGate } from '../core/gate.js';
import { assertWritableTarget } from '../util/atomic.js';
import { formatComparison } from './compare.js';
import { formatBenchSummary } from './format.js';
import type { CliContext } from './main.js';
import { addBenchOptions } from './options.js';
import { createUi } from './ui.js';

/**
 * `perf-gate gate`: the main job. Benchmarks the model (the built-in YOLOv8n at 640 by default),
 * compares it with its baseline in baselines/ (or with --baseline-model, interleaved), prints
 * the verdict and exits 0 (pass/improvement), 1 (regression) or 3 (inconclusive).
 */
export function registerGateCommand(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('gate')
    .description(
      'benchmark a model and compare it with its committed baseline: the performance-conservation verdict',
    );
  addBenchOptions(cmd)
    .option('--baselines <dir>', 'folder of committed baselines', 'baselines')
    .option(
      '--baseline-model <path>',
      'paired A/B mode: compare against this model, benchmarked interleaved in this process',
    )
    .option('--paired-budget <seconds>', 'paired mode: most timed seconds to spend before deciding')
    .option('--threshold-p50 <fraction>', 'practical P50 threshold (0.03 = 3%)')
    .option('--threshold-p99 <fraction>', 'practical P99 threshold (0.10 = 10%)')
    .option('--threshold-memory <fraction>', 'practical peak-memory threshold (0.05 = 5%)')
    .option('--threshold-memory-mib <mib>', 'and at least this many MiB (16)')
    .option('--alpha <p>', 'family-wise significance level after Holm correction (0.05)')
    .option('--gate-metrics <list>', 'metrics that fail the gate: p50,p99,peak-memory')
    .option('--profile-gate <rule>', 'per-operator gate, e.g. module:10 (fail if any module is >10% slower)')
    .option('--update-baseline', 'record this run into the baselines folder afterwards')
    .option('--force', 'with --update-baseline: record the run even when it is marked unreliable')
    .option('--history <k>', 'run summaries kept in a baseline history (10)')
    .option('--out <path>', 'write the result JSON here')
    .option('--report <path>', 'write the Markdown report here')
    .option('--comparison-out <path>', 'write the comparison JSON here')
    .option('--template <path>', 'Handlebars template for the Markdown report')
    .option('--markdown', 'print the Markdown report instead of the text summary')
    .action(async (opts: Record<string, unknown>) => {
      const reader = cliReader(opts, { 'execution-provider': '--ep' });
      const config = parseGateConfig(reader);
      for (const [path, label] of [
        [config.resultPath, '--out'],
        [config.reportPath, '--report'],
        [config.comparisonPath, '--comparison-out'],
      ] as const) {
        if (path) await assertWritableTarget(path, label);
      }
      const ui = createUi({ quiet: Boolean(opts.quiet) });
      const outcome = await runGate(config, ui);
      if (opts.markdown) {
        ctx.stdout(outcome.markdown);
        if (outcome.baselineRefused) ui.warn(outcome.baselineRefused);
      } else {
        ctx.stdout(formatBenchSummary(outcome.current));
        ctx.stdout('\n');
        if (outcome.comparison)
          ctx.stdout(formatComparison(outcome.comparison, outcome.baselineSource ?? ''));
        // formatComparison ends with the verdict line; without a comparison, say why here.
        if (!outcome.comparison)
          ctx.stdout(`\nverdict: ${outcome.verdict.toUpperCase()}: ${outcome.reason}\n`);
        if (outcome.baselineUpdate) ctx.stdout(`\n${outcome.baselineUpdate.summary}\n`);
        if (outcome.baselineRefused) ctx.stdout(`\n${outcome.baselineRefused}\n`);
      }
      ctx.exitCode = outcome.exitCode;
    });
}
