import { statSync, unlinkSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { UsageError, errorMessage } from '../util/errors.js';
export { GRAPH_OPTIMIZATION_LEVELS } from '../config/providers.js';
export const DEFAULT_SESSION_SETTINGS = {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpThreads: 0,
    interOpThreads: 0,
};
/**
 * Checks that `path` names a readable, non-empty file that starts like an ONNX protobuf
 * (a ModelProto begins with field 1, ir_version, a varint: byte 0x08). The check is cheap and
 * turns "protobuf parsing failed" from deep inside onnxruntime into one line naming the file.
 */
export async function assertReadableModel(path, inputName = '--model') {
    let size;
    const head = Buffer.alloc(1);
    try {
        const info = await stat(path);
        if (!info.isFile())
            throw new Error('not a regular file');
        size = info.size;
        // Open and read here, so an unreadable file (mode 000) is named now, not by onnxruntime later.
        const handle = await open(path, 'r');
        try {
            await handle.read(head, 0, 1, 0);
        }
        finally {
            await handle.close();
        }
    }
    catch (err) {
        throw new UsageError(`${inputName}: cannot read "${path}": ${errorMessage(err)}`);
    }
    if (size === 0)
        throw new UsageError(`${inputName}: "${path}" is empty, not an ONNX model`);
    if (head[0] !== 0x08) {
        throw new UsageError(`${inputName}: "${path}" is not an ONNX model (it does not start with a ModelProto header)`);
    }
}
/**
 * onnxruntime's first line without the source location and failed condition it starts with, e.g.
 * "…/webgpu_context.cc:100 …Initialize(…) adapter_result.status == … was false. Failed to get a
 * WebGPU adapter: No supported adapters" -> "Failed to get a WebGPU adapter: No supported adapters".
 */
export function conciseOrtError(err) {
    const first = errorMessage(err).split('\n')[0] ?? '';
    const m = /^\S+\.(?:cc|cpp|h):\d+ .*? was false\. (.+)$/.exec(first);
    return (m?.[1] ?? first).trim();
}
/** One line: "webgpu" could not create a session: <onnxruntime's reason>. */
export function describeSessionFailure(f) {
    return `execution provider "${f.provider}" could not create a session: ${f.message}`;
}
async function tryCreate(modelPath, settings, profiling) {
    const options = {
        executionProviders: settings.executionProviders,
        graphOptimizationLevel: settings.graphOptimizationLevel,
        ...(settings.intraOpThreads > 0 ? { intraOpNumThreads: settings.intraOpThreads } : {}),
        ...(settings.interOpThreads > 0 ? { interOpNumThreads: settings.interOpThreads } : {}),
        ...(profiling ?? {}),
    };
    removeTelemetryLogAtExit();
    return ort.InferenceSession.create(modelPath, options);
}
/**
 * Creates an onnxruntime-node session and tells a provider failure from a model failure.
 * onnxruntime does not fall back when a provider cannot be initialised (no WebGPU adapter, a CUDA
 * library that fails in dlopen): the whole creation fails. When the first provider is not the CPU
 * and creation fails, the session is tried without it: if that works, the provider is to blame.
 * With `allowFallback` the session without it is kept (the failure is returned, to be reported);
 * without, the error is a one-line UsageError naming the provider. Only when the CPU cannot load
 * the model either is the model blamed.
 */
export async function createSessionWithFallback(modelPath, settings, options = {}) {
    const inputName = options.inputName ?? '--model';
    const providerInput = options.providerInput ?? '--ep';
    const failures = [];
    let current = settings;
    for (;;) {
        const first = current.executionProviders[0];
        try {
            const session = await tryCreate(modelPath, current, options.profiling);
            return { session, settings: current, failures };
        }
        catch (err) {
            if (first === undefined || providerName(first) === 'cpu') {
                throw new UsageError(`${inputName}: onnxruntime could not load "${modelPath}": ${conciseOrtError(err)}`, {
                    cause: err,
                });
            }
            const failure = { provider: providerName(first), message: conciseOrtError(err) };
            const rest = current.executionProviders.slice(1);
            const next = {
                ...current,
                executionProviders: rest.some((p) => providerName(p) === 'cpu') ? rest : [...rest, 'cpu'],
            };
            if (!options.allowFallback) {
                // Blame the provider only when the model itself loads without it.
                const probe = await tryCreate(modelPath, { ...next, executionProviders: ['cpu'] }, undefined).catch((probeErr) => {
                    throw new UsageError(`${inputName}: onnxruntime could not load "${modelPath}": ${conciseOrtError(probeErr)}`, { cause: probeErr });
                });
                await probe.release();
                throw new UsageError(`${providerInput}: ${describeSessionFailure(failure)} (the model loads on cpu, so the provider is at fault; allow fallback to run on the next provider)`, { cause: err });
            }
            failures.push(failure);
            current = next;
        }
    }
}
/**
 * Creates an onnxruntime-node session without fallback. Load failures (corrupt protobuf,
 * unsupported opset) become one-line usage errors naming the model; a provider that cannot create
 * a session is named instead ({@link createSessionWithFallback}).
 */
export async function createSession(modelPath, settings, profiling, inputName = '--model') {
    const created = await createSessionWithFallback(modelPath, settings, {
        ...(profiling ? { profiling } : {}),
        inputName,
    });
    return created.session;
}
/** Name of an execution-provider config entry (`'cpu'` or `{ name: 'cuda', ... }`). */
export function providerName(ep) {
    return typeof ep === 'string' ? ep : ep.name;
}
let telemetryCleanup = false;
/**
 * onnxruntime-node 1.29's telemetry SDK writes an empty `mat-debug-<pid>.log` (and a small shared
 * `.ses` file) into the temp folder when a process creates its first session. Each of our processes
 * removes its own log at exit when it is still empty; `.ses` is the SDK's, shared by every process,
 * and stays (docs/architecture.md, "Files").
 */
function removeTelemetryLogAtExit() {
    if (telemetryCleanup)
        return;
    telemetryCleanup = true;
    const path = join(tmpdir(), `mat-debug-${process.pid}.log`);
    process.once('exit', () => {
        try {
            if (statSync(path).size === 0)
                unlinkSync(path);
        }
        catch {
            // Not written (another onnxruntime build), or already gone: nothing to clean.
        }
    });
}
