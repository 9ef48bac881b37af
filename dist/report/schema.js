import { Type } from '@sinclair/typebox';
import { Comparison, OverallVerdict } from '../compare/schema.js';
import { schemaUrl } from '../schema/ids.js';
export const REPORT_KIND = 'yolo-perf-gate/report';
export const REPORT_SCHEMA_VERSION = 1;
const Headline = Type.Object({
    baseline: Type.Number(),
    current: Type.Number(),
    /** current / baseline − 1; null when the baseline is 0. */
    relativeChange: Type.Union([Type.Number(), Type.Null()]),
}, { additionalProperties: false });
const Side = Type.Object({
    modelName: Type.String(),
    modelSha256: Type.String(),
    provider: Type.String(),
    providerFallback: Type.Boolean(),
    hardwareClass: Type.String(),
    reliable: Type.Boolean(),
    /** The job's identity in a matrix (src/report/job.ts): how `perf-gate merge` tells rows apart. */
    job: Type.Optional(Type.String()),
}, { additionalProperties: false });
// The comparison schema carries an $id; embedding it verbatim would register that id twice in ajv.
const EmbeddedComparison = Type.Object(Comparison.properties, { additionalProperties: false });
/** The JSON report: the comparison plus the headline numbers and where they came from. */
export const ReportSchema = Type.Object({
    $schema: Type.Optional(Type.String()),
    kind: Type.Literal(REPORT_KIND),
    schemaVersion: Type.Literal(REPORT_SCHEMA_VERSION),
    tool: Type.Object({ name: Type.String(), version: Type.String() }, { additionalProperties: false }),
    title: Type.String(),
    verdict: OverallVerdict,
    reason: Type.String(),
    headline: Type.Object({ p50Ms: Headline, p99Ms: Headline, peakMemoryBytes: Headline }, { additionalProperties: false }),
    baseline: Side,
    current: Side,
    baselineSource: Type.String(),
    reproduceCommand: Type.String(),
    runUrl: Type.Optional(Type.String()),
    comparison: EmbeddedComparison,
}, {
    additionalProperties: false,
    $id: schemaUrl('report'),
    title: 'yolo-perf-gate report',
});
