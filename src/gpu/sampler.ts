/**
 * GPU sampler: samples NVML (or nvidia-smi) on a worker thread at a fixed interval while the main
 * thread times `session.run`, then summarises the samples. `measureIdleMemory` reads the
 * device-level used memory before the session is created (the baseline of the device-level
 * peak-memory method).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UsageError, errorMessage } from '../util/errors.js';
import type { GpuDeviceInfo, GpuSample, GpuTelemetrySourceKind, GpuTelemetrySummary } from './schema.js';
import { summarizeGpuSamples } from './summary.js';
import type { SamplerWorkerData } from './sampler-worker.js';
import { isGpuUnavailable, openGpuTelemetry, type GpuDeviceRef, type GpuUnavailable } from './telemetry.js';

export const DEFAULT_SAMPLE_INTERVAL_MS = 50;

export interface GpuSamplerOptions {
  /** Sampling interval (default 50 ms). */
  intervalMs?: number;
  /** The device to sample: NVML index or UUID (GPU-… / MIG-…); default `deviceIndex`, else 0. */
  device?: GpuDeviceRef;
  deviceIndex?: number;
  /** libnvidia-ml path (default: $PERF_GATE_NVML_LIBRARY, else libnvidia-ml.so.1). */
  nvmlLibrary?: string;
  /**
   * This benchmark's pid as the driver reports it (a host pid inside a container; see
   * device-map.ts identifyOwnProcess); null when unknown. Default process.pid.
   */
  pid?: number | null;
  /** Pids that may be ours (the process lists could not tell); they are not counted as others. */
  ambiguousPids?: number[];
  /** How the device and our process were identified, recorded in the summary. */
  deviceSelection?: string;
  ownProcessMethod?: string;
  /** Result of measureIdleMemory (device used memory before the session existed). */
  idleUsedBytes?: number | null;
  /** Health guard: SM clock below this fraction of max is a clock drop (default 0.9). */
  minClockFraction?: number;
  maxTimelinePoints?: number;
  smiCommand?: string;
  disableNvml?: boolean;
  /** Environment of the worker (default: a copy of process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface GpuSampler {
  readonly kind: GpuTelemetrySourceKind;
  readonly device: GpuDeviceInfo;
  /** Stops sampling (one last sample is taken) and returns the summary. */
  stop(): Promise<GpuTelemetrySummary>;
  /** The raw samples, available after stop(). */
  samples(): readonly GpuSample[];
  /** Sampling errors (count and the last message), available after stop(). */
  errors(): { count: number; last: string | null };
}

/**
 * The worker: the compiled sampler-worker.js next to this file, or, when running from the
 * TypeScript sources (tests, `tsx`), a bootstrap that registers tsx in the worker and imports
 * sampler-worker.ts (`--import tsx` in a worker's execArgv is not applied on Node 20).
 */
function createWorker(workerData: SamplerWorkerData, env: NodeJS.ProcessEnv | undefined): Worker {
  const envOption = env ? { env } : {};
  const js = new URL('./sampler-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData, ...envOption });
  const ts = new URL('./sampler-worker.ts', import.meta.url).href;
  const boot =
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); })` +
    `.catch((err) => { throw err; });`;
  return new Worker(boot, { eval: true, workerData, ...envOption });
}

function checkInterval(intervalMs: number): void {
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new UsageError(
      `gpu sample interval: expected a positive number of milliseconds, got "${intervalMs}"`,
    );
  }
}

type WorkerMessage =
  | { type: 'ready'; kind: GpuTelemetrySourceKind; device: GpuDeviceInfo }
  | { type: 'unavailable'; reason: string }
  | { type: 'done'; samples: GpuSample[]; errors: number; lastError: string | null };

/**
 * Starts sampling on a worker thread; resolves once the first sample has been taken, or with
 * `{ unavailable }` when there is no GPU telemetry (CPU-only runs go on without it).
 */
export function startGpuSampler(options: GpuSamplerOptions = {}): Promise<GpuSampler | GpuUnavailable> {
  const intervalMs = options.intervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS;
  checkInterval(intervalMs);
  const device = options.device ?? options.deviceIndex ?? 0;
  const pid = options.pid === undefined ? process.pid : options.pid;
  const data: SamplerWorkerData = {
    intervalMs,
    device,
    nvmlLibrary: options.nvmlLibrary,
    smiCommand: options.smiCommand,
    disableNvml: options.disableNvml,
  };
  const worker = createWorker(data, options.env);

  return new Promise((resolve) => {
    let done: ((m: Extract<WorkerMessage, { type: 'done' }>) => void) | null = null;
    let failStop: ((err: Error) => void) | null = null;
    let ready = false;
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'unavailable') resolve({ unavailable: msg.reason });
      else if (msg.type === 'done') done?.(msg);
      else if (msg.type === 'ready') {
        ready = true;
        let samples: GpuSample[] = [];
        let errors = { count: 0, last: null as string | null };
        resolve({
          kind: msg.kind,
          device: msg.device,
          samples: () => samples,
          errors: () => errors,
          stop: () =>
            new Promise<GpuTelemetrySummary>((res, rej) => {
              failStop = rej;
              done = (m) => {
                samples = m.samples;
                errors = { count: m.errors, last: m.lastError };
                res(
                  summarizeGpuSamples(samples, {
                    pid,
                    selfPid: process.pid,
                    ...(options.ambiguousPids ? { ambiguousPids: options.ambiguousPids } : {}),
                    idleUsedBytes: options.idleUsedBytes ?? null,
                    source: msg.kind,
                    deviceIndex: msg.device.index,
                    deviceUuid: msg.device.uuid,
                    mig: msg.device.migParentUuid !== undefined,
                    ...(options.deviceSelection ? { deviceSelection: options.deviceSelection } : {}),
                    ...(options.ownProcessMethod ? { ownProcessMethod: options.ownProcessMethod } : {}),
                    intervalMs,
                    minClockFraction: options.minClockFraction,
                    maxSmClockMhz: msg.device.maxSmClockMhz,
                    maxTimelinePoints: options.maxTimelinePoints,
                  }),
                );
              };
              worker.postMessage({ type: 'stop' });
            }),
        });
      }
    });
    worker.on('error', (err) => {
      if (!ready) resolve({ unavailable: `GPU sampler worker failed: ${errorMessage(err)}` });
      else failStop?.(err);
    });
    worker.on('exit', (code) => {
      if (!ready) resolve({ unavailable: `GPU sampler worker exited with code ${code} before sampling` });
      else failStop?.(new Error(`GPU sampler worker exited with code ${code}`));
    });
  });
}

export interface IdleMemory {
  kind: GpuTelemetrySourceKind;
  /** Lowest device-level used memory over the readings. */
  usedBytes: number;
}

/**
 * Device-level used memory before the onnxruntime session is created (main thread; nothing is
 * being timed yet). Takes `readings` samples `spacingMs` apart and keeps the lowest.
 */
export async function measureIdleMemory(
  options: Pick<
    GpuSamplerOptions,
    'device' | 'deviceIndex' | 'nvmlLibrary' | 'smiCommand' | 'disableNvml' | 'env'
  > & {
    readings?: number;
    spacingMs?: number;
  } = {},
): Promise<IdleMemory | GpuUnavailable> {
  const source = openGpuTelemetry(options);
  if (isGpuUnavailable(source)) return source;
  try {
    const values: number[] = [];
    const readings = options.readings ?? 3;
    for (let i = 0; i < readings; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, options.spacingMs ?? 20));
      const used = source.memoryUsed(options.device ?? options.deviceIndex ?? 0);
      if (used !== null) values.push(used);
    }
    if (values.length === 0) return { unavailable: `${source.kind} does not report device used memory` };
    return { kind: source.kind, usedBytes: Math.min(...values) };
  } catch (err) {
    return { unavailable: `${source.kind}: ${errorMessage(err)}` };
  } finally {
    source.close();
  }
}
