import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkResultDocument } from '../baseline/document.js';
import { readJsonFile } from '../baseline/io.js';
import {
  DuplicateJobError,
  mergeReports,
  type MergeDocument,
  type MergedReport,
  type MergeOptions,
} from '../report/merge.js';
import { REPORT_KIND, ReportSchema } from '../report/schema.js';
import { RESULT_KIND } from '../schema/result.js';
import { assertValid } from '../schema/validate.js';
import { UsageError, errorMessage } from '../util/errors.js';

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
      const json = await readJsonFile(file, what, info.isDirectory() ? { root: path } : {});
      const kind = (json as { kind?: unknown } | null)?.kind;
      if (kind === REPORT_KIND)
        docs.push({ kind: 'report', source: file, report: assertValid(ReportSchema, json, what) });
      else if (kind === RESULT_KIND) {
        const result = checkResultDocument(json, what);
        // The base model's side of a paired run (`--baseline-out`) is evidence, not a job of the matrix.
        if (info.isDirectory() && result.pairing?.role === 'baseline') continue;
        docs.push({ kind: 'result', source: file, result });
      } else if (!info.isDirectory()) {
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
 * Reads the matrix jobs' documents and merges them into one report. Two documents of one job are a
 * UsageError naming the input and both files.
 */
export async function mergeJobDocuments(
  paths: readonly string[],
  label: string,
  options: MergeOptions = {},
): Promise<MergedReport> {
  const docs = await loadMergeDocuments(paths, label);
  try {
    return mergeReports(docs, options);
  } catch (err) {
    if (err instanceof DuplicateJobError) throw new UsageError(`${label}: ${err.message}`, { cause: err });
    throw err;
  }
}
