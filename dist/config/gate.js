import { parseBenchConfig, parseModelSource } from './bench.js';
import { UsageError } from '../util/errors.js';
import { DEFAULT_HISTORY_KEEP } from './baseline.js';
import { parsePolicy } from './policy.js';
import { readBoolean, readInteger, readOptionalInteger, readOptionalNumber, readString, } from './reader.js';
export const PAIRED_SETTING_DEFAULTS = { blockSize: 1, adaptive: true, memoryProbes: 3 };
/** Reads an optional output path together with its input's label. */
export function readOutputTarget(reader, name) {
    // `--out ''` is a mistake (an unset variable), not a request to write nothing.
    if (reader.read(name)?.trim() === '')
        throw new UsageError(`${reader.label(name)}: expected a file path, got ""`);
    const path = readString(reader, name);
    return path ? { path, label: reader.label(name) } : undefined;
}
/**
 * `baseline`: `auto` (default), `stored`, or a model to compare with in paired mode; the older
 * `--baseline-model PATH` is the same as `baseline: PATH`.
 */
export function parseBaselineMode(reader) {
    const raw = readString(reader, 'baseline');
    const model = readString(reader, 'baseline-model');
    if (model) {
        if (raw && raw !== 'auto') {
            throw new UsageError(`${reader.label('baseline')} and ${reader.label('baseline-model')}: give one or the other`);
        }
        return { kind: 'model', source: parseModelSource(model, reader.label('baseline-model')) };
    }
    if (raw === undefined || raw === 'auto')
        return { kind: 'auto' };
    if (raw === 'stored')
        return { kind: 'stored' };
    return { kind: 'model', source: parseModelSource(raw, reader.label('baseline')) };
}
/** Parses `paired-budget`, `block-size` and `adaptive` (shared by `gate` and `compare`). */
export function parsePairedSettings(reader) {
    const budgetSeconds = readOptionalNumber(reader, 'paired-budget', {
        min: 0,
        max: 86_400,
        exclusiveMin: true,
    });
    const firstRoundSamples = readOptionalInteger(reader, 'iterations', { min: 1, max: 100_000 });
    return {
        ...(budgetSeconds !== undefined ? { budgetSeconds } : {}),
        blockSize: readInteger(reader, 'block-size', PAIRED_SETTING_DEFAULTS.blockSize, { min: 1, max: 1000 }),
        adaptive: readBoolean(reader, 'adaptive', PAIRED_SETTING_DEFAULTS.adaptive),
        ...(firstRoundSamples !== undefined ? { firstRoundSamples } : {}),
        memoryProbes: readInteger(reader, 'paired-memory-probes', PAIRED_SETTING_DEFAULTS.memoryProbes, {
            min: 0,
            max: 20,
        }),
    };
}
/** Parses the gate's inputs (CLI flags or Action inputs share these names). */
export function parseGateConfig(reader) {
    const baseline = parseBaselineMode(reader);
    const baselineModel = baseline.kind === 'model' ? baseline.source : undefined;
    const templatePath = readString(reader, 'template');
    const policy = parsePolicy(reader);
    const paired = baselineModel
        ? ` (${reader.label(readString(reader, 'baseline-model') ? 'baseline-model' : 'baseline')})`
        : '';
    if (baselineModel && policy.profileGate && policy.profileGate.length > 0) {
        throw new UsageError(`${reader.label('profile-gate')}: paired mode${paired} does not profile, so a per-operator gate cannot apply; use it with stored baselines`);
    }
    const updateBaseline = readBoolean(reader, 'update-baseline', false);
    if (baselineModel && updateBaseline) {
        throw new UsageError(`${reader.label('update-baseline')}: not in paired mode${paired}: its result holds two models run interleaved; record baselines from a stored-mode run (e.g. the nightly on the main branch)`);
    }
    const baseRef = readString(reader, 'base-ref');
    const command = readString(reader, 'model-command');
    if (command && baseline.kind !== 'auto') {
        throw new UsageError(`${reader.label('model-command')}: needs ${reader.label('baseline')} auto (it builds the base and the head model)`);
    }
    const runs = readInteger(reader, 'runs', 1, { min: 1, max: 20 });
    if (runs > 1 && baselineModel) {
        throw new UsageError(`${reader.label('runs')}: several runs are for stored baselines; paired mode interleaves in one run`);
    }
    const bench = parseBenchConfig(reader);
    if (baselineModel && bench.reference !== 'off') {
        throw new UsageError(`${reader.label('reference')}: paired mode${paired} already times both models interleaved in one window; the reference workload is for stored baselines`);
    }
    // Read (and validated) even without a command, so a bad value never waits for the day it is used.
    const commandTimeout = readInteger(reader, 'model-command-timeout', 1800, { min: 1, max: 86_400 });
    return {
        bench,
        baseline,
        ...(baseRef ? { baseRef } : {}),
        ...(command
            ? {
                modelCommand: {
                    command,
                    timeoutSeconds: commandTimeout,
                    label: reader.label('model-command'),
                },
            }
            : {}),
        runs,
        ...(baselineModel ? { baselineModel } : {}),
        paired: parsePairedSettings(reader),
        baselinesDir: readString(reader, 'baselines', 'baselines'),
        policy,
        updateBaseline,
        forceBaselineUpdate: readBoolean(reader, 'force', false),
        historyKeep: readInteger(reader, 'history', DEFAULT_HISTORY_KEEP, { min: 1, max: 1000 }),
        ...(templatePath ? { templatePath } : {}),
        outputs: Object.fromEntries([
            ['result', 'out'],
            ['markdown', 'report'],
            ['reportJson', 'report-json'],
            ['comparison', 'comparison-out'],
            ['baselineResult', 'baseline-out'],
        ].flatMap(([key, name]) => {
            const target = readOutputTarget(reader, name);
            return target ? [[key, target]] : [];
        })),
        baselinesLabel: reader.label('baselines'),
    };
}
