import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readJsonFile } from '../baseline/io.js';
import { FAIL_ON, failsStep } from '../config/action.js';
import { cliReader, readChoice, readString } from '../config/reader.js';
import { exitCodeForVerdict } from '../core/gate.js';
import { mergeReports, type MergeDocument } from '../report/merge.js';
import { REPORT_KIND, ReportSchema } from '../report/schema.js';
import { BenchResultSchema, RESULT_KIND } from '../schema/result.js';
import { assertValid } from '../schema/validate.js';
import { assertWritableTarget, writeFileAtomically } from '../util/atomic.js';
import { UsageError, errorMessage } from '../util/errors.js';
import type { CliContext } from './main.js';

/** Most files a `--results` folder may hold (a guard against pointing it at a whole checkout). */
const MAX_FILES = 2000;

async function jsonFilesUnder(dir: string, label: string, into: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new UsageError(`${label}: cannot read folder "${dir}": ${errorMessage(err)}`, { cause: err });
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) await jsonFilesUnder(path, label, into);
    else if (e.isFile() && e.name.endsWith('.json')) into.push(path);
    if (into.length > MAX_FILES)
      throw new UsageError(`${label}: more than ${MAX_FILES} JSON files under "${dir}"`);
  }
}

/**
 * Reads the matrix jobs' documents: each path is a JSON file or a folder searched recursively for
 * `*.json` (as actions/download-artifact lays artifacts out, one sub-folder each). Result documents
 * (`yolo-perf-gate/result`) and JSON reports (`yolo-perf-gate/report`) are validated against their
 * schemas; other JSON files inside folders are skipped, a named file of another kind is an error.
 * @param label the input the paths came from, e.g. `--results` or `input "results"`
 */
export async function loadMergeDocuments(paths: readonly string[], label: string): Promise<MergeDocument[]> {
  const docs: MergeDocument[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`${label}: no such file or folder, got "${path}"`);
    const files: string[] = [];
    if (info.isDirectory()) await jsonFilesUnder(path, label, files);
    else files.push(path);
    for (const file of files) {
      const what = `${label} "${file}"`;
      const json = await readJsonFile(file, what);
      const kind = (json as { kind?: unknown } | null)?.kind;
      if (kind === REPORT_KIND)
        docs.push({ kind: 'report', source: file, report: assertValid(ReportSchema, json, what) });
      else if (kind === RESULT_KIND)
        docs.push({ kind: 'result', source: file, result: assertValid(BenchResultSchema, json, what) });
      else if (!info.isDirectory()) {
        throw new UsageError(
          `${what}: expected a yolo-perf-gate result or report document, got kind ${JSON.stringify(kind) ?? 'undefined'}`,
        );
      }
    }
  }
  if (docs.length === 0) {
    throw new UsageError(
      `${label}: no yolo-perf-gate result or report documents found in ${paths.map((p) => `"${p}"`).join(', ')}`,
    );
  }
  return docs;
}

/**
 * `perf-gate merge`: one Markdown report for a matrix of gate jobs, from the JSON documents each job
 * wrote (`--out` result, `--comparison-out` report), e.g. downloaded artifacts.
 */
export function registerMergeCommand(program: Command, ctx: CliContext): void {
  program
    .command('merge')
    .description(
      'combine several gate jobs (a matrix) into one Markdown report: a row per job and the overall verdict',
    )
    .requiredOption(
      '--results <paths...>',
      'folders (searched recursively) or files: result and report JSON documents',
    )
    .option('--out <path>', 'write the Markdown here (atomically) instead of printing it')
    .option('--title <text>', 'heading of the report', 'yolo-perf-gate: matrix')
    .option('--fail-on <verdict>', 'exit non-zero for: regression, inconclusive or never', 'never')
    .action(async (opts: Record<string, unknown>) => {
      const reader = cliReader(opts);
      const failOn = readChoice(reader, 'fail-on', FAIL_ON, 'never');
      const out = readString(reader, 'out');
      if (out) await assertWritableTarget(out, '--out');
      const paths = (opts.results as string[] | undefined) ?? [];
      const docs = await loadMergeDocuments(paths, '--results');
      const merged = mergeReports(docs, { title: readString(reader, 'title', 'yolo-perf-gate: matrix') });
      if (out) {
        await writeFileAtomically(out, merged.markdown, '--out');
        ctx.stdout(`${merged.verdict}: ${merged.reason} (${merged.rows.length} rows written to ${out})\n`);
      } else ctx.stdout(merged.markdown);
      if (failsStep(failOn, merged.verdict)) ctx.exitCode = exitCodeForVerdict(merged.verdict);
    });
}
