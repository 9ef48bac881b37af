import { statSync, unlinkSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { GraphOptimizationLevel } from '../config/providers.js';
import { UsageError, errorMessage } from '../util/errors.js';

export { GRAPH_OPTIMIZATION_LEVELS, type GraphOptimizationLevel } from '../config/providers.js';

/** Everything that shapes an onnxruntime session, as plain data (also recorded in the fingerprint). */
export interface SessionSettings {
  /** Execution providers in preference order, in onnxruntime-node's session-option shape. */
  executionProviders: ort.InferenceSession.ExecutionProviderConfig[];
  graphOptimizationLevel: GraphOptimizationLevel;
  /** 0 lets onnxruntime choose (one thread per physical core). */
  intraOpThreads: number;
  interOpThreads: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'all',
  intraOpThreads: 0,
  interOpThreads: 0,
};

/** Profiling switches for the separate profiling pass (never for the latency pass). */
export interface ProfilingSettings {
  enableProfiling: boolean;
  profileFilePrefix: string;
}

/**
 * Checks that `path` names a readable, non-empty file that starts like an ONNX protobuf
 * (a ModelProto begins with field 1, ir_version, a varint: byte 0x08). The check is cheap and
 * turns "protobuf parsing failed" from deep inside onnxruntime into one line naming the file.
 */
export async function assertReadableModel(path: string, inputName = '--model'): Promise<void> {
  let size: number;
  const head = Buffer.alloc(1);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
    // Open and read here, so an unreadable file (mode 000) is named now, not by onnxruntime later.
    const handle = await open(path, 'r');
    try {
      await handle.read(head, 0, 1, 0);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw new UsageError(`${inputName}: cannot read "${path}": ${errorMessage(err)}`);
  }
  if (size === 0) throw new UsageError(`${inputName}: "${path}" is empty, not an ONNX model`);
  if (head[0] !== 0x08) {
    throw new UsageError(
      `${inputName}: "${path}" is not an ONNX model (it does not start with a ModelProto header)`,
    );
  }
}

/**
 * Creates an onnxruntime-node session. Load failures (corrupt protobuf, unsupported opset,
 * provider libraries missing) become one-line usage errors naming the model.
 */
export async function createSession(
  modelPath: string,
  settings: SessionSettings,
  profiling?: ProfilingSettings,
  inputName = '--model',
): Promise<ort.InferenceSession> {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: settings.executionProviders,
    graphOptimizationLevel: settings.graphOptimizationLevel,
    ...(settings.intraOpThreads > 0 ? { intraOpNumThreads: settings.intraOpThreads } : {}),
    ...(settings.interOpThreads > 0 ? { interOpNumThreads: settings.interOpThreads } : {}),
    ...(profiling ?? {}),
  };
  removeTelemetryLogAtExit();
  try {
    return await ort.InferenceSession.create(modelPath, options);
  } catch (err) {
    const firstLine = errorMessage(err).split('\n')[0] ?? '';
    throw new UsageError(`${inputName}: onnxruntime could not load "${modelPath}": ${firstLine}`, {
      cause: err,
    });
  }
}

/** Name of an execution-provider config entry (`'cpu'` or `{ name: 'cuda', ... }`). */
export function providerName(ep: ort.InferenceSession.ExecutionProviderConfig): string {
  return typeof ep === 'string' ? ep : ep.name;
}

let telemetryCleanup = false;

/**
 * onnxruntime-node 1.29's telemetry SDK writes an empty `mat-debug-<pid>.log` (and a small shared
 * `.ses` file) into the temp folder when a process creates its first session. Each of our processes
 * removes its own log at exit when it is still empty; `.ses` is the SDK's, shared by every process,
 * and stays (docs/architecture.md, "Files").
 */
function removeTelemetryLogAtExit(): void {
  if (telemetryCleanup) return;
  telemetryCleanup = true;
  const path = join(tmpdir(), `mat-debug-${process.pid}.log`);
  process.once('exit', () => {
    try {
      if (statSync(path).size === 0) unlinkSync(path);
    } catch {
      // Not written (another onnxruntime build), or already gone: nothing to clean.
    }
  });
}
