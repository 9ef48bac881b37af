import type { Command } from 'commander';
import { parseBenchConfig } from '../config/bench.js';
import { cliReader, readString } from '../config/reader.js';
import { resolveModel } from '../core/model-source.js';
import { planSession } from '../core/session-plan.js';
import { isCudaProvider } from '../gpu/provider-names.js';
import { formatProfileTable, runProfilingPass, suggest } from '../profile/index.js';
import { assertWritableTarget, toPrettyJson } from '../util/atomic.js';
import type { CliContext } from './main.js';
import { addBenchOptions } from './options.js';
import { createUi } from './ui.js';

/** `perf-gate profile`: where the time goes, per module (backbone/neck/head), operator and node. */
export function registerProfileCommand(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('profile')
    .description(
      "per-operator profile (ONNX Runtime's profiler, in a separate process): module split, top operators",
    );
  addBenchOptions(cmd)
    .option('--trace <path>', 'keep the raw trace here (opens in Perfetto / chrome://tracing)')
    .option('--top <n>', 'operators and nodes to list', '10')
    .option('--json', 'print the profile summary JSON')
    .action(async (opts: Record<string, unknown>) => {
      const reader = cliReader(opts, { 'execution-provider': '--ep' });
      const config = parseBenchConfig(reader);
      const trace = readString(reader, 'trace');
      if (trace) await assertWritableTarget(trace, '--trace');
      const ui = createUi({ quiet: Boolean(opts.quiet) || Boolean(opts.json) });
      const model = await resolveModel(config.model, config.cacheDir, config.modelName, ui.info);
      const { session, provider } = planSession(config, (line) => ui.warn(line));
      const iterations =
        'iterations' in config.stop && opts.iterations ? config.stop.iterations : config.profile.iterations;
      ui.phase(
        'profile',
        `${model.path}: ${iterations} iterations on ${provider.actual} in a separate process`,
      );
      const pass = await runProfilingPass({
        modelPath: model.path,
        session,
        dims: config.dims,
        warmupIterations: config.warmupIterations,
        iterations,
        cudaLaunchBlocking: isCudaProvider(provider.actual),
        allowFallback: config.allowFallback,
        ...(trace ? { keepTraceAt: trace } : {}),
      });
      for (const line of pass.fallbacks) {
        ui.warn(
          `WARNING: execution provider fallback: ${line} -> running on ${pass.summary.requestedProviders[0] ?? 'cpu'}`,
        );
      }
      if (opts.json) {
        ctx.stdout(toPrettyJson(pass.summary));
        return;
      }
      const top = Number(readString(reader, 'top', '10'));
      // The table has no trailing newline; without this the first suggestion starts on its last line.
      ctx.stdout(
        `${formatProfileTable(pass.summary, { top: Number.isFinite(top) && top > 0 ? top : 10 })}\n`,
      );
      for (const s of suggest(pass.summary)) ctx.stdout(`suggestion: ${s.text}\n`);
      ctx.stdout(
        `\ntrace: ${pass.tracePath} (${(pass.traceBytes / 2 ** 20).toFixed(1)} MiB), profiling pass ${pass.wallSeconds.toFixed(1)} s\n`,
      );
    });
}
