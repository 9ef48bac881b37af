/**
 * The common interface of the GPU telemetry sources (NVML through koffi, nvidia-smi as fallback)
 * and `openGpuTelemetry`, which picks the first that works and otherwise says why none does.
 * A CPU-only run simply gets `{ unavailable }` and continues.
 */
import { errorMessage } from '../util/errors.js';
import { openNvml } from './nvml.js';
import type { GpuDeviceInfo, GpuProcessMemory, GpuSample, GpuTelemetrySourceKind } from './schema.js';
import { openNvidiaSmi } from './smi.js';

export interface GpuTelemetrySource {
  readonly kind: GpuTelemetrySourceKind;
  /** Static facts about every visible device. */
  devices(): GpuDeviceInfo[];
  /** One sample of device `deviceIndex`, process list included. */
  sample(deviceIndex: number): GpuSample;
  /** Compute processes on device `deviceIndex` with their used memory. */
  processes(deviceIndex: number): GpuProcessMemory[];
  close(): void;
}

export interface GpuUnavailable {
  /** One line: why neither NVML nor nvidia-smi can be used. */
  unavailable: string;
}

export interface OpenGpuTelemetryOptions {
  /** Path or soname of libnvidia-ml; default: $PERF_GATE_NVML_LIBRARY, else libnvidia-ml.so.1. */
  nvmlLibrary?: string;
  /** nvidia-smi executable (default "nvidia-smi", looked up on PATH). */
  smiCommand?: string;
  /** Environment for the lookup of PERF_GATE_NVML_LIBRARY and for nvidia-smi (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Skip NVML (testing the fallback, or a broken library). */
  disableNvml?: boolean;
}

export function isGpuUnavailable(x: unknown): x is GpuUnavailable {
  return typeof x === 'object' && x !== null && typeof (x as GpuUnavailable).unavailable === 'string';
}

/** NVML first, nvidia-smi second; never throws. */
export function openGpuTelemetry(options: OpenGpuTelemetryOptions = {}): GpuTelemetrySource | GpuUnavailable {
  const env = options.env ?? process.env;
  let nvmlWhy = 'disabled';
  if (!options.disableNvml) {
    try {
      return openNvml({ library: options.nvmlLibrary, env });
    } catch (err) {
      nvmlWhy = errorMessage(err);
    }
  }
  try {
    return openNvidiaSmi({ command: options.smiCommand, env });
  } catch (err) {
    return { unavailable: `no GPU telemetry: NVML: ${nvmlWhy}; nvidia-smi: ${errorMessage(err)}` };
  }
}
