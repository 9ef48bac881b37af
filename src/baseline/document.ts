import type { BenchResult } from '../schema/result.js';
import { assertValid } from '../schema/validate.js';
import { UsageError } from '../util/errors.js';
import { BASELINE_KIND, BASELINE_SCHEMA_VERSION, BaselineSchema, type Baseline } from './schema.js';
import { RESULT_KIND, RESULT_SCHEMA_VERSION, BenchResultSchema } from '../schema/result.js';
import type { RunSummary } from '../compare/schema.js';

/**
 * Validates a parsed baseline document: kind, version, schema, and that its key agrees with the
 * run it holds. `what` names the file in every error (e.g. `baseline "baselines/a.json"`).
 * @throws UsageError for a document that is not a baseline, an unknown or newer version, or a schema violation.
 */
export function checkBaselineDocument(json: unknown, what = 'baseline'): Baseline {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new UsageError(
      `${what}: expected a JSON object, got ${Array.isArray(json) ? 'an array' : String(json === null ? 'null' : typeof json)}`,
    );
  }
  const doc = json as Record<string, unknown>;
  if (doc.kind !== BASELINE_KIND) {
    throw new UsageError(
      `${what}: not a yolo-perf-gate baseline (kind ${JSON.stringify(doc.kind ?? null)}, expected "${BASELINE_KIND}")`,
    );
  }
  const version = doc.schemaVersion;
  if (version !== BASELINE_SCHEMA_VERSION) {
    throw new UsageError(
      typeof version === 'number' && Number.isInteger(version) && version > BASELINE_SCHEMA_VERSION
        ? `${what}: schemaVersion ${version} is newer than this perf-gate supports (${BASELINE_SCHEMA_VERSION}); upgrade yolo-perf-gate to read it`
        : `${what}: unsupported schemaVersion ${JSON.stringify(version ?? null)} (this version reads ${BASELINE_SCHEMA_VERSION})`,
    );
  }
  return checked(doc, what);
}

function checked(doc: unknown, what: string): Baseline {
  const baseline = assertValid(BaselineSchema, doc, what);
  const r = baseline.result;
  const mismatches: string[] = [];
  if (baseline.key.model !== r.model.name)
    mismatches.push(`key.model "${baseline.key.model}" vs result.model.name "${r.model.name}"`);
  if (baseline.key.provider !== r.provider.actual)
    mismatches.push(
      `key.provider "${baseline.key.provider}" vs result.provider.actual "${r.provider.actual}"`,
    );
  if (baseline.key.hardwareClass !== r.environment.hardwareClass) {
    mismatches.push(
      `key.hardwareClass "${baseline.key.hardwareClass}" vs result.environment.hardwareClass "${r.environment.hardwareClass}"`,
    );
  }
  if (baseline.modelSha256 !== r.model.sha256) mismatches.push(`modelSha256 vs result.model.sha256`);
  if (mismatches.length > 0) throw new UsageError(`${what}: inconsistent baseline: ${mismatches.join('; ')}`);
  return baseline;
}

/** A stored side of a comparison: a result document, or a baseline file's representative run and history. */
export interface StoredRun {
  result: BenchResult;
  /** The baseline document when the file was a baseline. */
  baseline?: Baseline;
  history?: RunSummary[];
}

/**
 * A result document (`perf-gate bench --out`) or a baseline file (its representative `result` and
 * its `history`), told apart by `kind`. `what` names the input and file in every error.
 * @throws UsageError for anything that is neither, or invalid.
 */
export function checkStoredRun(json: unknown, what: string): StoredRun {
  const kind = (json as { kind?: unknown } | null)?.kind;
  if (kind === BASELINE_KIND) {
    const baseline = checkBaselineDocument(json, what);
    return { result: baseline.result, baseline, history: baseline.history };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json) || kind !== RESULT_KIND) {
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
  return { result: assertValid(BenchResultSchema, json, what) };
}
