import { open, stat } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { UsageError, errorMessage } from '../util/errors.js';

/** Graph optimisation levels onnxruntime accepts, in its own names. */
export const GRAPH_OPTIMIZATION_LEVELS = ['disabled', 'basic', 'extended', 'layout', 'all'] as const;
export type GraphOptimizationLevel = (typeof GRAPH_OPTIMIZATION_LEVELS)[number];

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
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
  } catch (err) {
    throw new UsageError(`${inputName}: cannot read "${path}": ${errorMessage(err)}`);
  }
  if (size === 0) throw new UsageError(`${inputName}: "${path}" is empty, not an ONNX model`);
  // One byte, not the whole file: a model-sized buffer here would sit in the process's memory.
  const head = Buffer.alloc(1);
  const file = await open(path, 'r');
  try {
    await file.read(head, 0, 1, 0);
  } finally {
    await file.close();
  }
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
