import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import {
  DEFAULT_HISTORY_KEEP,
  DEFAULT_MAX_SAMPLES,
  currentCommit,
  formatBaseline,
  listBaselines,
  loadBaselineFile,
  readResultFile,
  updateBaseline,
} from '../baseline/index.js';
import { cliReader, readBoolean, readInteger, readRequiredString, readString } from '../config/reader.js';
import { UsageError } from '../util/errors.js';
import type { CliContext } from './main.js';

/** `perf-gate baseline update|show`: record a run as the committed baseline, or print baselines. */
export function registerBaselineCommand(program: Command, ctx: CliContext): void {
  const baseline = program
    .command('baseline')
    .description('record and inspect the committed baselines (baselines/)');

  baseline
    .command('update')
    .description(
      'record a result as the baseline for its model, provider and hardware class (appends to its history)',
    )
    .requiredOption('--result <path>', 'result JSON written by perf-gate bench --out')
    .option('--baselines <dir>', 'baselines folder', 'baselines')
    .option('--keep <n>', 'history entries to keep', String(DEFAULT_HISTORY_KEEP))
    .option('--max-samples <n>', 'latency samples stored (evenly thinned above)', String(DEFAULT_MAX_SAMPLES))
    .option('--commit <sha>', 'git commit to record (default: GITHUB_SHA, else git rev-parse HEAD)')
    .option('--date <iso>', 'record time, ISO 8601 (default: now)')
    .option('--force', 'record a run marked unreliable (busy machine, GPU throttled...)')
    .option('--allow-unreliable', 'the older name of --force')
    .action(async (opts: Record<string, unknown>) => {
      const reader = cliReader(opts);
      const resultPath = readRequiredString(reader, 'result');
      const result = await readResultFile(resultPath, `--result "${resultPath}"`);
      const date = readString(reader, 'date') ?? new Date().toISOString();
      if (Number.isNaN(Date.parse(date)) || !/^\d{4}-\d{2}-\d{2}T/.test(date)) {
        throw new UsageError(
          `--date: expected an ISO 8601 date-time like 2024-05-01T12:00:00Z, got "${date}"`,
        );
      }
      const commit = readString(reader, 'commit') ?? currentCommit();
      const outcome = await updateBaseline(readString(reader, 'baselines', 'baselines'), result, {
        date: new Date(date).toISOString(),
        keep: readInteger(reader, 'keep', DEFAULT_HISTORY_KEEP, { min: 1, max: 1000 }),
        maxSamples: readInteger(reader, 'max-samples', DEFAULT_MAX_SAMPLES, { min: 10 }),
        allowUnreliable:
          readBoolean(reader, 'force', false) || readBoolean(reader, 'allow-unreliable', false),
        forceHint: '--force',
        ...(commit ? { commit } : {}),
      });
      ctx.stdout(outcome.summary);
    });

  baseline
    .command('show')
    .description('print the baselines in the folder (or one baseline file)')
    .argument('[file]', 'a baseline file to show')
    .option('--baselines <dir>', 'baselines folder', 'baselines')
    .option('--model <name>', 'only baselines of this model name')
    .action(async (file: string | undefined, opts: Record<string, unknown>) => {
      const reader = cliReader(opts);
      const model = readString(reader, 'model');
      const dir = readString(reader, 'baselines', 'baselines');
      const target = file ?? dir;
      const info = await stat(target).catch(() => undefined);
      if (file && !info) throw new UsageError(`baseline "${file}": no such file`);
      const loaded = info?.isFile() ? [await loadBaselineFile(target)] : await listBaselines(target);
      const shown = loaded.filter((b) => !model || b.baseline.key.model === model);
      if (shown.length === 0) {
        const names = [...new Set(loaded.map((b) => b.baseline.key.model))];
        throw new UsageError(
          model
            ? `--model: no baseline for "${model}" in "${target}"${names.length ? ` (models: ${names.join(', ')})` : ''}`
            : `--baselines: no baselines in "${target}"`,
        );
      }
      ctx.stdout(
        shown
          .map((b) => `${b.notes.map((n) => `note: ${n}\n`).join('')}${formatBaseline(b.baseline, b.path)}`)
          .join('\n'),
      );
    });
}
