import { UsageError } from '../util/errors.js';
import { parseBenchConfig, parseModelSource } from './bench.js';
import { parsePairedSettings } from './gate.js';
import { parsePolicy } from './policy.js';
import { readString } from './reader.js';
/** Parses `compare`'s inputs; mixing the two modes' inputs is a UsageError naming both. */
export function parseCompareConfig(reader) {
    const baseline = readString(reader, 'baseline');
    const current = readString(reader, 'current');
    const baselineModel = readString(reader, 'baseline-model');
    const model = readString(reader, 'model');
    const outPath = readString(reader, 'out');
    const policy = parsePolicy(reader);
    const out = outPath ? { outPath } : {};
    if (baselineModel !== undefined) {
        if (baseline !== undefined)
            throw new UsageError(`--baseline and --baseline-model: give one or the other, not both`);
        if (current !== undefined)
            throw new UsageError(`--current and --baseline-model: paired mode benchmarks --model, it does not read --current`);
        if (model === undefined)
            throw new UsageError(`--model: is required with --baseline-model (paired A/B mode)`);
        if (policy.profileGate && policy.profileGate.length > 0) {
            throw new UsageError(`--profile-gate: paired mode does not profile, so a per-operator gate cannot apply; use it with stored baselines`);
        }
        const bench = parseBenchConfig(reader);
        if (bench.reference !== 'off') {
            throw new UsageError(`${reader.label('reference')}: paired mode already times both models interleaved in one window; the reference workload is for stored baselines`);
        }
        return {
            mode: 'paired',
            bench,
            baselineModel: parseModelSource(baselineModel, reader.label('baseline-model')),
            paired: parsePairedSettings(reader),
            policy,
            ...out,
        };
    }
    if (baseline === undefined)
        throw new UsageError(`--baseline: is required (a result or baseline file), or use --baseline-model with --model for paired mode`);
    if (current === undefined)
        throw new UsageError(`--current: is required with --baseline (a result file from perf-gate bench --out)`);
    if (model !== undefined)
        throw new UsageError(`--model: only for paired mode (with --baseline-model); stored mode reads --current`);
    const hardwareMismatch = readString(reader, 'hardware-mismatch');
    return {
        mode: 'stored',
        baselinePath: baseline,
        currentPath: current,
        ...(hardwareMismatch ? { hardwareMismatch } : {}),
        policy,
        ...out,
    };
}
