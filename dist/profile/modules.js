/**
 * Attribution of profiled nodes to Ultralytics layers (`model.N`) and modules (backbone / neck /
 * head). Pure.
 *
 * Ultralytics' ONNX export names nodes after the PyTorch module path: `/model.2/m.0/cv1/conv/Conv`,
 * `/model.22/dfl/conv/Conv`, `/model.22/Concat_3`. ONNX Runtime's optimisers keep that prefix when
 * they rename fused nodes (`/model.0/conv/Conv_output_0_nchwc`, `/model.0/act/Mul/QuickGeluFusion/`,
 * `..._token_12`), so the layer is read from the `/model.N` component anywhere in the name. Nodes the
 * optimisers add without a source name (`ReorderInput`, `ReorderOutput`, `Memcpy_token_3`) take the
 * layer of their neighbour in execution order (see {@link attributeNodes}).
 */
import { UsageError } from '../util/errors.js';
/** Layer ranges per family: [last backbone layer, last neck layer]; the rest is the head (Detect). */
const FAMILY_RANGES = {
    // ultralytics/cfg/models/v8/yolov8.yaml: backbone 0-9 (..., SPPF), head 10-21, Detect = 22
    yolov8: { backboneEnd: 9, neckEnd: 21, head: 22 },
    // ultralytics/cfg/models/11/yolo11.yaml: backbone 0-10 (..., SPPF, C2PSA), head 11-22, Detect = 23
    yolo11: { backboneEnd: 10, neckEnd: 22, head: 23 },
    // ultralytics/cfg/models/26/yolo26.yaml: the same split; Detect = 23 is end-to-end (one2one_cv2/cv3)
    yolo26: { backboneEnd: 10, neckEnd: 22, head: 23 },
};
/** The module of post-processing nodes: top-k selection of end-to-end heads, NMS of `nms=True` exports. */
export const POSTPROCESS_MODULE = 'postprocess';
/**
 * Op types that select detections rather than compute features. Inside the Detect layer they are the
 * end-to-end head's top-k selection (`Detect.postprocess`); outside any layer, NMS appended by an
 * export wrapper. Their cost is what a deployment pays after the network proper, and NMS's depends on
 * the input (how many boxes pass the confidence threshold).
 */
const SELECTION_OPS = new Set([
    'TopK',
    'NonMaxSuppression',
    'NonZero',
    'GatherElements',
    'GatherND',
    'ReduceMax',
    'ArgMax',
]);
/**
 * True for a node an export wrapper added at the model's root scope (`/NonMaxSuppression`,
 * `/Gather_3`): a leading slash, one path component, no layer.
 */
export function isRootScopeNode(name) {
    return /^\/[A-Za-z][A-Za-z0-9]*(?:_\d+)?$/.test(name);
}
const LAYER_RE = /(?:^|\/)model\.(\d+)(?=[/._]|$)/;
/** The Ultralytics layer index in a node name, or null. */
export function layerIndexOf(name) {
    const m = LAYER_RE.exec(name);
    return m ? Number(m[1]) : null;
}
/**
 * Family from the highest layer index seen: 22 -> YOLOv8 (Detect is model.22), 23 -> YOLO11, or
 * YOLO26 when `endToEnd` (node names with `one2one_`, the branches only an end-to-end head exports).
 */
export function detectFamily(layerIndices, endToEnd = false) {
    let max = -1;
    for (const i of layerIndices)
        max = Math.max(max, i);
    if (max === FAMILY_RANGES.yolo11.head)
        return endToEnd ? 'yolo26' : 'yolo11';
    if (max === FAMILY_RANGES.yolov8.head)
        return 'yolov8';
    return 'unknown';
}
/** The module of layer `index` in `family` ('other' for an unknown family). */
export function moduleOfLayer(index, family) {
    if (family === 'unknown')
        return 'other';
    const r = FAMILY_RANGES[family];
    if (index <= r.backboneEnd)
        return 'backbone';
    if (index <= r.neckEnd)
        return 'neck';
    return 'head';
}
/** Compiles user rules; a bad pattern is a usage error naming it. */
export function compileRules(rules, what = 'profile module mapping') {
    return rules.map((rule, i) => {
        if (typeof rule.module !== 'string' || rule.module.trim() === '') {
            throw new UsageError(`${what}[${i}]: "module" must be a non-empty string, got ${JSON.stringify(rule.module)}`);
        }
        try {
            return { re: new RegExp(rule.pattern), module: rule.module };
        }
        catch (err) {
            const reason = err instanceof Error ? err.message : String(err);
            throw new UsageError(`${what}[${i}]: invalid pattern "${rule.pattern}": ${reason}`);
        }
    });
}
/**
 * Attributes nodes given in execution order. User rules win (first match); then the `/model.N`
 * layer in the name; a node without one takes the layer of the nearest named node before it in
 * execution order (optimiser-inserted nodes sit next to the node they serve, and the decode nodes
 * after Detect belong to the head) — except `ReorderInput`, which feeds the node after it. A node with
 * no named neighbour at all is 'other'.
 */
export function attributeNodes(ordered, options = {}) {
    const rules = compileRules(options.rules ?? []);
    const indices = ordered.map((n) => layerIndexOf(n.name));
    const endToEnd = ordered.some((n) => n.name.includes('/one2one_'));
    const family = options.family ??
        detectFamily(indices.filter((i) => i !== null), endToEnd);
    const layerOf = (i) => `model.${i}`;
    const headLayer = family === 'unknown' ? -1 : FAMILY_RANGES[family].head;
    const out = ordered.map((node, k) => {
        const idx = indices[k] ?? null;
        const rule = rules.find((r) => r.re.test(node.name));
        if (rule)
            return { layer: idx === null ? null : layerOf(idx), module: rule.module, attribution: 'mapping' };
        if (family !== 'unknown') {
            // Detection selection: in the Detect layer (end-to-end top-k) or at the root scope (NMS wrapper).
            if (idx === headLayer && SELECTION_OPS.has(node.opType))
                return { layer: layerOf(idx), module: POSTPROCESS_MODULE, attribution: 'name' };
            if (idx === null && isRootScopeNode(node.name))
                return { layer: null, module: POSTPROCESS_MODULE, attribution: 'name' };
        }
        if (idx !== null)
            return { layer: layerOf(idx), module: moduleOfLayer(idx, family), attribution: 'name' };
        return { layer: null, module: 'other', attribution: 'none' };
    });
    const named = (k) => out[k]?.attribution === 'name';
    for (let k = 0; k < out.length; k++) {
        if (out[k].attribution !== 'none')
            continue;
        const preferNext = ordered[k].opType === 'ReorderInput' || ordered[k].name.startsWith('ReorderInput');
        let prev = -1;
        for (let j = k - 1; j >= 0; j--)
            if (named(j)) {
                prev = j;
                break;
            }
        let next = -1;
        for (let j = k + 1; j < out.length; j++)
            if (named(j)) {
                next = j;
                break;
            }
        const source = preferNext ? (next >= 0 ? next : prev) : prev >= 0 ? prev : next;
        if (source >= 0)
            out[k] = { layer: out[source].layer, module: out[source].module, attribution: 'neighbour' };
    }
    return { family, attributed: out };
}
