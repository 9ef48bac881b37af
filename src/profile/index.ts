/** Per-operator profiling: pass (I/O), trace parser, aggregation, diff, suggestions, rendering. */
export { runProfilingPass, type ProfilingPassOptions, type ProfilingPassResult } from './pass.js';
export { readTraceFile } from './trace-file.js';
export { parseTrace, type ParsedTrace, type TraceNodeEvent, type TraceRun } from './parse.js';
export {
  aggregateProfile,
  type AggregateOptions,
  type NodeStat,
  type ProfileAggregate,
} from './aggregate.js';
export {
  attributeNodes,
  detectFamily,
  layerIndexOf,
  moduleOfLayer,
  type ModuleRule,
  type YoloFamily,
} from './modules.js';
export { diffProfiles, topRegression, layerOfNode, DEFAULT_DIFF_FLOORS, type DiffOptions } from './diff.js';
export { suggest, type SuggestOptions } from './suggest.js';
export { formatProfileTable, type FormatOptions } from './render.js';
export * from './schema.js';
