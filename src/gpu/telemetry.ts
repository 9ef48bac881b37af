/**
 * The common interface of the GPU telemetry sources (NVML through koffi, nvidia-smi as fallback)
 * and `openGpuTelemetry`, which picks the first that works and otherwise says why none does.
 * A CPU-only run simply gets `{ unavailable }` and continues.
 */
import { errorMessage } from '../util/errors.js';
import type { PhysicalGpu } from './device-map.js';
import { openNvml } from './nvml.js';
import type { GpuDeviceInfo, GpuProcessMemory, GpuSample, GpuTelemetrySourceKind } from './schema.js';
import { openNvidiaSmi } from './smi.js';

/** A device: its NVML / nvidia-smi index (PCI order), or its UUID (`GPU-…`, or `MIG-…` for a MIG device). */
export type GpuDeviceRef = number | string;

export interface GpuTelemetrySource {
  readonly kind: GpuTelemetrySourceKind;
  /** Static facts about every physical GPU. */
  devices(): GpuDeviceInfo[];
  /** Static facts about one device (a MIG device: its GPU's, with its own UUID and memory). */
  deviceInfo(device: GpuDeviceRef): GpuDeviceInfo | undefined;
  /** GPUs with PCI bus ids and MIG devices (src/gpu/device-map.ts). */
  topology(): PhysicalGpu[];
  /** One sample of `device`, process list included. */
  sample(device: GpuDeviceRef): GpuSample;
  /** Device-level used memory of `device` (null when not reported). */
  memoryUsed(device: GpuDeviceRef): number | null;
  /** Compute processes on `device` with their used memory. */
  processes(device: GpuDeviceRef): GpuProcessMemory[];
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
