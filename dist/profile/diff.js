/**
 * Baseline vs current comparison of two profile summaries, per module, layer, operator type and
 * node. Pure.
 *
 * Noise handling: both sides are per-iteration medians (aggregate.ts). A change is "significant"
 * only when it clears BOTH floors: |Δ| >= `absoluteUs` (default 20 µs) and |Δ share| >= `sharePp`
 * (default 0.5 percentage points). The share floor discounts uniform speed changes (a slower
 * machine moves every node but no share), the µs floor discounts share shifts of tiny nodes.
 * An operator type present on one side only (NMS added by an export, Casts of a precision change)
 * is a change of the graph, not noise: it is always significant.
 * Per-operator gating is off by default: only configured rules produce violations.
 */
import { UsageError } from '../util/errors.js';
import { layerIndexOf } from './modules.js';
export const DEFAULT_DIFF_FLOORS = { absoluteUs: 20, sharePp: 0.5 };
export function diffProfiles(baseline, current, options = {}) {
    const absoluteUs = options.absoluteUs ?? DEFAULT_DIFF_FLOORS.absoluteUs;
    const sharePp = options.sharePp ?? DEFAULT_DIFF_FLOORS.sharePp;
    const top = options.top ?? 10;
    const rules = [...(options.rules ?? [])];
    for (const [i, r] of rules.entries()) {
        if (!['module', 'layer', 'op', 'node'].includes(r.scope)) {
            throw new UsageError(`profile gate rule[${i}].scope: expected module, layer, op or node, got "${String(r.scope)}"`);
        }
        if (!(typeof r.maxSlowdownPercent === 'number' && r.maxSlowdownPercent >= 0)) {
            throw new UsageError(`profile gate rule[${i}].maxSlowdownPercent: expected a number >= 0, got "${String(r.maxSlowdownPercent)}"`);
        }
    }
    const compare = (scope, a, b, keepOneSided) => {
        const base = new Map(a.map((r) => [r.key, r]));
        const cur = new Map(b.map((r) => [r.key, r]));
        const keys = [...new Set([...base.keys(), ...cur.keys()])];
        const out = [];
        for (const key of keys) {
            const x = base.get(key);
            const y = cur.get(key);
            if (!keepOneSided && (!x || !y))
                continue;
            const baselineUs = x?.us ?? 0;
            const currentUs = y?.us ?? 0;
            const deltaUs = round1(currentUs - baselineUs);
            const deltaSharePp = round3((y?.share ?? 0) - (x?.share ?? 0));
            out.push({
                scope,
                key,
                baselineUs,
                currentUs,
                deltaUs,
                deltaPercent: baselineUs > 0 ? round1((deltaUs / baselineUs) * 100) : null,
                baselineShare: x?.share ?? 0,
                currentShare: y?.share ?? 0,
                deltaSharePp,
                significant: (scope === 'op' && (!x || !y) && deltaUs !== 0) ||
                    (Math.abs(deltaUs) >= absoluteUs && Math.abs(deltaSharePp) >= sharePp),
            });
        }
        return out.sort((p, q) => q.deltaUs - p.deltaUs);
    };
    const modules = compare('module', baseline.modules.map((m) => ({ key: m.module, us: m.medianUs, share: m.share })), current.modules.map((m) => ({ key: m.module, us: m.medianUs, share: m.share })), true);
    const layers = compare('layer', baseline.layers.map((m) => ({ key: m.layer, us: m.medianUs, share: m.share })), current.layers.map((m) => ({ key: m.layer, us: m.medianUs, share: m.share })), true);
    const opTypes = compare('op', baseline.opTypes.map((m) => ({ key: m.opType, us: m.medianUs, share: m.share })), current.opTypes.map((m) => ({ key: m.opType, us: m.medianUs, share: m.share })), true);
    const nodeRows = (s) => {
        const total = Object.values(s.nodeMedians).reduce((p, q) => p + q, 0);
        return Object.entries(s.nodeMedians).map(([key, us]) => ({
            key,
            us,
            share: total > 0 ? (us / total) * 100 : 0,
        }));
    };
    const nodes = compare('node', nodeRows(baseline), nodeRows(current), false);
    const regressions = [];
    const improvements = [];
    for (const list of [modules, layers, opTypes, nodes]) {
        regressions.push(...list.filter((e) => e.significant && e.deltaUs > 0).slice(0, top));
        improvements.push(...list
            .filter((e) => e.significant && e.deltaUs < 0)
            .sort((p, q) => p.deltaUs - q.deltaUs)
            .slice(0, top));
    }
    const { added: nodesAdded, removed: nodesRemoved } = graphChanges(baseline.nodeMedians, current.nodeMedians);
    const byScope = {
        module: modules,
        layer: layers,
        op: opTypes,
        node: nodes,
    };
    const violations = [];
    for (const rule of rules) {
        for (const entry of byScope[rule.scope]) {
            if (!entry.significant || entry.deltaUs <= 0)
                continue;
            if (entry.deltaPercent !== null && entry.deltaPercent <= rule.maxSlowdownPercent)
                continue;
            const how = entry.deltaPercent === null ? 'new' : `+${entry.deltaPercent}%`;
            violations.push({
                rule,
                entry,
                message: `${rule.scope} "${entry.key}": ${entry.baselineUs} µs -> ${entry.currentUs} µs (${how}, share ${entry.baselineShare}% -> ${entry.currentShare}%) exceeds the ${rule.maxSlowdownPercent}% limit`,
            });
        }
    }
    const bt = baseline.totals.nodeTimeMedianUs;
    const ct = current.totals.nodeTimeMedianUs;
    return {
        schemaVersion: 1,
        floors: { absoluteUs, sharePp },
        totals: {
            baselineUs: bt,
            currentUs: ct,
            deltaUs: round1(ct - bt),
            deltaPercent: bt > 0 ? round1(((ct - bt) / bt) * 100) : null,
        },
        modules,
        layers,
        opTypes,
        regressions,
        improvements,
        nodesAdded,
        nodesRemoved,
        rules,
        violations,
    };
}
/**
 * ONNX Runtime numbers the nodes its optimisers insert per session (`ReorderInput_token_12`,
 * `Memcpy_token_3`): the same graph gets other numbers in another session, so those names say
 * nothing about what changed. They are compared as groups (the name without its number) by count
 * and time; named nodes are compared by name.
 */
export const SESSION_NUMBERED_NODE = /^(.*)_token_\d+$/;
function groupKey(name) {
    const m = SESSION_NUMBERED_NODE.exec(name);
    return m ? `${m[1]}_token_*` : undefined;
}
/** Nodes (and session-numbered node groups) present on one side only, largest first. */
export function graphChanges(baseline, current) {
    const groups = (medians) => {
        const named = new Map();
        const numbered = new Map();
        for (const [name, us] of Object.entries(medians)) {
            const key = groupKey(name);
            if (key === undefined)
                named.set(name, us);
            else {
                const g = numbered.get(key) ?? { count: 0, us: 0 };
                numbered.set(key, { count: g.count + 1, us: g.us + us });
            }
        }
        return { named, numbered };
    };
    const a = groups(baseline);
    const b = groups(current);
    const added = [];
    const removed = [];
    for (const [name, us] of b.named)
        if (!a.named.has(name))
            added.push({ name, currentUs: us });
    for (const [name, us] of a.named)
        if (!b.named.has(name))
            removed.push({ name, baselineUs: us });
    for (const key of new Set([...a.numbered.keys(), ...b.numbered.keys()])) {
        const x = a.numbered.get(key) ?? { count: 0, us: 0 };
        const y = b.numbered.get(key) ?? { count: 0, us: 0 };
        // Average time of one node of the group on the side that has more of them.
        if (y.count > x.count) {
            const k = y.count - x.count;
            added.push({ name: key, count: k, currentUs: round1((y.us / y.count) * k) });
        }
        else if (x.count > y.count) {
            const k = x.count - y.count;
            removed.push({ name: key, count: k, baselineUs: round1((x.us / x.count) * k) });
        }
    }
    added.sort((p, q) => q.currentUs - p.currentUs);
    removed.sort((p, q) => q.baselineUs - p.baselineUs);
    return { added, removed };
}
/** The largest significant regression of `scope`, or undefined. */
export function topRegression(diff, scope) {
    return diff.regressions.find((e) => e.scope === scope);
}
/** Layer of a node key (`/model.4/m.0/...` -> `model.4`), for reports. */
export function layerOfNode(name) {
    const i = layerIndexOf(name);
    return i === null ? null : `model.${i}`;
}
function round1(x) {
    return Math.round(x * 10) / 10;
}
function round3(x) {
    return Math.round(x * 1000) / 1000;
}
