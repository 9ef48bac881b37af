import { Type } from '@sinclair/typebox';
/**
 * Schemas of the per-operator profile documents. `ProfileSummary` is embedded in the result and
 * baseline documents, so it is deliberately compact: medians and shares per module, layer and
 * operator type, the top nodes, every node's median (one number each, for node-level diffs),
 * placement problems and memory. The raw trace is never embedded (it opens in Perfetto).
 */
const Us = Type.Number({ minimum: 0, description: 'microseconds, median over profiled iterations' });
/**
 * The entry's time in each profiled iteration, µs (what the profile gate tests; rounded to 0.1 µs).
 * Absent in profiles recorded before the gate tested iterations.
 */
const PerIteration = Type.Optional(Type.Array(Type.Number({ minimum: 0 })));
const Share = Type.Number({
    minimum: 0,
    maximum: 100,
    description: 'percent of the sum of the medians of this grouping',
});
export const MODULE_NAMES = ['backbone', 'neck', 'head', 'postprocess', 'other'];
export const ModuleEntrySchema = Type.Object({
    module: Type.String({
        description: 'backbone | neck | head | postprocess (top-k selection, NMS) | a user-mapped module | other',
    }),
    medianUs: Us,
    share: Share,
    nodeCount: Type.Integer({ minimum: 0 }),
    perIterationUs: PerIteration,
});
export const LayerEntrySchema = Type.Object({
    layer: Type.String({
        description: 'Ultralytics layer, "model.N"; "postprocess" for NMS appended by an export; "unattributed" for other nodes without one',
    }),
    module: Type.String(),
    medianUs: Us,
    share: Share,
    nodeCount: Type.Integer({ minimum: 0 }),
    perIterationUs: PerIteration,
});
export const OpTypeEntrySchema = Type.Object({
    opType: Type.String(),
    medianUs: Us,
    share: Share,
    nodeCount: Type.Integer({ minimum: 0 }),
    providers: Type.Array(Type.String()),
    perIterationUs: PerIteration,
});
export const AttributionSchema = Type.Union([
    Type.Literal('name', { description: 'layer/module read from the node name (also fused names)' }),
    Type.Literal('mapping', { description: 'a user-supplied pattern matched the name' }),
    Type.Literal('neighbour', {
        description: 'no layer in the name (e.g. ReorderOutput): taken from the adjacent node in execution order',
    }),
    Type.Literal('none'),
]);
export const NodeEntrySchema = Type.Object({
    name: Type.String({
        description: 'node name as profiled (after graph optimisation), "_kernel_time" removed',
    }),
    opType: Type.String(),
    provider: Type.String(),
    module: Type.String(),
    layer: Type.Union([Type.String(), Type.Null()]),
    attribution: AttributionSchema,
    medianUs: Us,
    share: Share,
    inputShapes: Type.String({ description: 'e.g. "float[1,3,160,160] float[16,3,3,3]"' }),
    outputShapes: Type.String(),
    perIterationUs: PerIteration,
});
export const PlacementNodeSchema = Type.Object({
    name: Type.String(),
    opType: Type.String(),
    provider: Type.String(),
    medianUs: Us,
});
export const PlacementGroupSchema = Type.Object({
    count: Type.Integer({ minimum: 0 }),
    medianUs: Us,
    share: Share,
    nodes: Type.Array(PlacementNodeSchema, { description: 'the slowest ones, at most 20' }),
});
export const PlacementSchema = Type.Object({
    gpuRequested: Type.Boolean(),
    providersSeen: Type.Array(Type.String()),
    cpuFallback: PlacementGroupSchema,
    memcpy: Type.Intersect([
        PlacementGroupSchema,
        Type.Object({ toHost: Type.Integer({ minimum: 0 }), fromHost: Type.Integer({ minimum: 0 }) }),
    ]),
});
export const MemorySchema = Type.Object({
    peakInUseBytes: Type.Optional(Type.Integer({ minimum: 0, description: 'max of mem_in_use_peak (arena statistics)' })),
    peakArenaHeldBytes: Type.Optional(Type.Integer({ minimum: 0, description: 'max of mem_arena_held' })),
    parameterBytes: Type.Integer({
        minimum: 0,
        description: 'sum of parameter_size over nodes (one iteration)',
    }),
    activationBytes: Type.Integer({
        minimum: 0,
        description: 'sum of activation_size over nodes (one iteration)',
    }),
    outputBytes: Type.Integer({ minimum: 0, description: 'sum of output_size over nodes (one iteration)' }),
    largestOutput: Type.Optional(Type.Object({ name: Type.String(), bytes: Type.Integer({ minimum: 0 }) })),
});
export const SmallKernelsSchema = Type.Object({
    thresholdUs: Type.Number({ minimum: 0 }),
    count: Type.Integer({
        minimum: 0,
        description: 'nodes on a non-CPU provider whose median is below the threshold',
    }),
    medianSumUs: Us,
    share: Share,
    gpuNodeCount: Type.Integer({ minimum: 0 }),
});
export const InputDependentNodeSchema = Type.Object({
    name: Type.String(),
    opType: Type.String(),
    module: Type.String(),
    layer: Type.Union([Type.String(), Type.Null()]),
    medianUs: Us,
    minUs: Us,
    maxUs: Us,
    perInputUs: Type.Array(Us, { description: 'median per input image, in the order of inputs.names' }),
});
export const RuntimePrecisionSchema = Type.Object({
    timeShare: Type.Object({ fp32: Share, fp16: Share, int8: Share, other: Share }, { description: "share of node time by the element type of each node's first input" }),
    castNodes: Type.Integer({
        minimum: 0,
        description: 'Cast nodes that ran, including the ones onnxruntime inserted',
    }),
    castUs: Us,
    castShare: Share,
    qdqNodes: Type.Integer({ minimum: 0 }),
    qdqUs: Us,
});
export const ProfileSummarySchema = Type.Object({
    schemaVersion: Type.Literal(1),
    trace: Type.Object({
        fileName: Type.String(),
        bytes: Type.Integer({ minimum: 0 }),
        eventCount: Type.Integer({ minimum: 0 }),
        skippedEvents: Type.Integer({ minimum: 0 }),
    }),
    requestedProviders: Type.Array(Type.String(), { description: 'as configured, e.g. ["cuda", "cpu"]' }),
    family: Type.Union([
        Type.Literal('yolov8'),
        Type.Literal('yolo11'),
        Type.Literal('yolo26'),
        Type.Literal('unknown'),
    ]),
    iterationsProfiled: Type.Integer({ minimum: 0 }),
    warmupRunsExcluded: Type.Integer({ minimum: 0 }),
    totals: Type.Object({
        nodeTimeMedianUs: Us,
        modelRunMedianUs: Type.Optional(Us),
        nodeCount: Type.Integer({ minimum: 0 }),
    }),
    nodeTimeKind: Type.Optional(Type.Union([Type.Literal('execution'), Type.Literal('dispatch')], {
        description: 'what node times measure: "execution" (CPU kernels; CUDA with CUDA_LAUNCH_BLOCKING=1) or "dispatch" (WebGPU: CPU-side recording, not GPU time)',
    })),
    modules: Type.Array(ModuleEntrySchema),
    layers: Type.Array(LayerEntrySchema),
    opTypes: Type.Array(OpTypeEntrySchema),
    topNodes: Type.Array(NodeEntrySchema),
    nodeMedians: Type.Record(Type.String(), Type.Number({ minimum: 0 }), {
        description: 'every node name -> median µs (0.1 µs resolution), for node-level diffs',
    }),
    elementTypes: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
        description: 'count of node inputs per element type, e.g. { float: 412, int64: 3 }',
    }),
    smallKernels: SmallKernelsSchema,
    placement: PlacementSchema,
    memory: MemorySchema,
    /** Node time by precision and the cost of casts (absent in summaries written before it existed). */
    precision: Type.Optional(RuntimePrecisionSchema),
    /** Profiled runs fed images in a cycle: the images and the median node time per image. */
    inputs: Type.Optional(Type.Object({
        order: Type.Literal('cycle'),
        names: Type.Array(Type.String()),
        nodeTimeMedianUs: Type.Array(Us),
    })),
    /** Nodes whose time depends on the input image (NMS and the like), with their time per image. */
    inputDependent: Type.Optional(Type.Array(InputDependentNodeSchema)),
    warnings: Type.Array(Type.String()),
}, { $id: 'ProfileSummary', additionalProperties: false });
export const DiffScopeSchema = Type.Union([
    Type.Literal('module'),
    Type.Literal('layer'),
    Type.Literal('op'),
    Type.Literal('node'),
]);
export const DiffEntrySchema = Type.Object({
    scope: DiffScopeSchema,
    key: Type.String(),
    baselineUs: Us,
    currentUs: Us,
    deltaUs: Type.Number(),
    deltaPercent: Type.Union([Type.Number(), Type.Null()], { description: 'null when the baseline is 0' }),
    baselineShare: Share,
    currentShare: Share,
    deltaSharePp: Type.Number({ description: 'percentage points' }),
    significant: Type.Boolean({ description: 'clears both noise floors (µs and share)' }),
});
export const GateRuleSchema = Type.Object({
    scope: DiffScopeSchema,
    maxSlowdownPercent: Type.Number({ minimum: 0 }),
});
export const ViolationSchema = Type.Object({
    rule: GateRuleSchema,
    entry: DiffEntrySchema,
    message: Type.String(),
});
export const ProfileDiffSchema = Type.Object({
    schemaVersion: Type.Literal(1),
    floors: Type.Object({ absoluteUs: Type.Number({ minimum: 0 }), sharePp: Type.Number({ minimum: 0 }) }),
    totals: Type.Object({
        baselineUs: Us,
        currentUs: Us,
        deltaUs: Type.Number(),
        deltaPercent: Type.Union([Type.Number(), Type.Null()]),
    }),
    modules: Type.Array(DiffEntrySchema),
    layers: Type.Array(DiffEntrySchema),
    opTypes: Type.Array(DiffEntrySchema),
    regressions: Type.Array(DiffEntrySchema, {
        description: 'top-N significant slowdowns per scope, largest first',
    }),
    improvements: Type.Array(DiffEntrySchema, {
        description: 'top-N significant speed-ups per scope, largest first',
    }),
    /**
     * Nodes only in the current run; session-numbered nodes (`ReorderInput_token_*`) as one entry
     * per group with `count` (how many more) and their time.
     */
    nodesAdded: Type.Array(Type.Object({ name: Type.String(), currentUs: Us, count: Type.Optional(Type.Integer()) })),
    /** Nodes only in the baseline, grouped the same way. */
    nodesRemoved: Type.Array(Type.Object({ name: Type.String(), baselineUs: Us, count: Type.Optional(Type.Integer()) })),
    rules: Type.Array(GateRuleSchema),
    violations: Type.Array(ViolationSchema),
}, { $id: 'ProfileDiff', additionalProperties: false });
export const SuggestionSchema = Type.Object({
    id: Type.String(),
    title: Type.String(),
    text: Type.String({ description: 'the advice with its evidence quoted' }),
    evidence: Type.String(),
});
