/** Per-operator profiling: pass (I/O), trace parser, aggregation, diff, suggestions, rendering. */
export { runProfilingPass } from './pass.js';
export { readTraceFile } from './trace-file.js';
export { parseTrace } from './parse.js';
export { aggregateProfile, } from './aggregate.js';
export { attributeNodes, detectFamily, layerIndexOf, moduleOfLayer, } from './modules.js';
export { diffProfiles, topRegression, layerOfNode, DEFAULT_DIFF_FLOORS } from './diff.js';
export { suggest } from './suggest.js';
export { formatProfileTable } from './render.js';
export * from './schema.js';
