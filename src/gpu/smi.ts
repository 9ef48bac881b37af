/**
 * nvidia-smi fallback, used when libnvidia-ml cannot be loaded by koffi. Runs
 *   nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits [-i N] [-lms N]
 *   nvidia-smi --query-compute-apps=gpu_uuid,pid,used_memory --format=csv,noheader,nounits
 * Values: memory in MiB, clocks in MHz, power in W, temperature in °C, utilisation in %;
 * clocks_event_reasons.active is a hex mask ("0x0000000000000004"). Unreported values print as
 * "[N/A]", "N/A", "[Not Supported]", "[Unknown Error]", "[Insufficient Permissions]" -> null.
 * Drivers before R535 name the reasons field clocks_throttle_reasons.active: on an
 * invalid-field error the query is retried with that name.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { GpuDeviceInfo, GpuProcessMemory, GpuSample } from './schema.js';
import type { GpuTelemetrySource } from './telemetry.js';
import { MIB } from '../util/format.js';

export const SMI_SAMPLE_FIELDS = [
  'index',
  'memory.total',
  'memory.used',
  'utilization.gpu',
  'utilization.memory',
  'clocks.sm',
  'clocks.max.sm',
  'clocks.mem',
  'temperature.gpu',
  'power.draw',
  'power.limit',
  'clocks_event_reasons.active',
] as const;
export const SMI_DEVICE_FIELDS = [
  'index',
  'name',
  'uuid',
  'driver_version',
  'memory.total',
  'clocks.max.sm',
  'power.limit',
  'mig.mode.current',
  'ecc.mode.current',
] as const;
export const SMI_APPS_FIELDS = ['gpu_uuid', 'pid', 'used_memory'] as const;
const LEGACY_REASONS = 'clocks_throttle_reasons.active';

export interface OpenNvidiaSmiOptions {
  command?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** One CSV field: trimmed, or null when nvidia-smi says the value is unavailable. */
export function smiValue(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const v = raw.trim();
  if (v === '' || /^\[.*\]$/.test(v) || /^n\/a$/i.test(v)) return null;
  return v;
}

export function smiNumber(raw: string | undefined): number | null {
  const v = smiValue(raw);
  if (v === null) return null;
  const n = /^0x[0-9a-f]+$/i.test(v) ? Number.parseInt(v, 16) : Number(v);
  return Number.isFinite(n) ? n : null;
}

const mibToBytes = (mib: number | null) => (mib === null ? null : Math.round(mib * MIB));
const enabled = (raw: string | undefined): boolean | null => {
  const v = smiValue(raw)?.toLowerCase();
  return v === 'enabled' ? true : v === 'disabled' ? false : null;
};

/** Splits noheader CSV output into rows of fields (names do not contain commas). */
export function parseSmiCsv(text: string, fieldCount: number): string[][] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => l.split(',').map((f) => f.trim()))
    .filter((row) => row.length === fieldCount);
}

/** Parses one --query-gpu row of SMI_SAMPLE_FIELDS (processes filled in separately). */
export function parseSmiSampleRow(row: string[], timestampMs: number): GpuSample {
  const [, total, used, util, utilMem, sm, maxSm, mem, temp, power, limit, reasons] = row;
  return {
    timestampMs,
    memoryUsedBytes: mibToBytes(smiNumber(used)),
    memoryTotalBytes: mibToBytes(smiNumber(total)),
    utilizationGpuPercent: smiNumber(util),
    utilizationMemoryPercent: smiNumber(utilMem),
    smClockMhz: smiNumber(sm),
    memClockMhz: smiNumber(mem),
    maxSmClockMhz: smiNumber(maxSm),
    temperatureC: smiNumber(temp),
    powerWatts: smiNumber(power),
    powerLimitWatts: smiNumber(limit),
    clockEventReasons: smiNumber(reasons),
    processes: null,
  };
}

export class NvidiaSmiTelemetrySource implements GpuTelemetrySource {
  readonly kind = 'nvidia-smi' as const;
  private reasonsField: string = 'clocks_event_reasons.active';
  private cachedDevices: GpuDeviceInfo[] | null = null;

  constructor(
    readonly command: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly timeoutMs: number,
  ) {}

  private run(args: string[]): string {
    const r = spawnSync(this.command, args, { env: this.env, encoding: 'utf8', timeout: this.timeoutMs });
    if (r.error) {
      const code = (r.error as NodeJS.ErrnoException).code;
      throw new Error(
        code === 'ENOENT' ? `${this.command} not found on PATH` : `${this.command}: ${r.error.message}`,
      );
    }
    if (r.status !== 0) {
      const msg = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0] ?? '';
      throw new Error(`${this.command} ${args[0] ?? ''} exited with ${r.status}: ${msg}`);
    }
    return r.stdout;
  }

  sampleFields(): string[] {
    return SMI_SAMPLE_FIELDS.map((f) => (f === 'clocks_event_reasons.active' ? this.reasonsField : f));
  }

  /** --query-gpu for the sample fields, retrying with the pre-R535 reasons field name. */
  private queryGpu(extra: string[]): string {
    const args = () => [
      `--query-gpu=${this.sampleFields().join(',')}`,
      '--format=csv,noheader,nounits',
      ...extra,
    ];
    try {
      return this.run(args());
    } catch (err) {
      if (this.reasonsField !== LEGACY_REASONS && /clocks_event_reasons/.test(String(err))) {
        this.reasonsField = LEGACY_REASONS;
        return this.run(args());
      }
      throw err;
    }
  }

  devices(): GpuDeviceInfo[] {
    if (this.cachedDevices) return this.cachedDevices;
    const out = this.run([`--query-gpu=${SMI_DEVICE_FIELDS.join(',')}`, '--format=csv,noheader,nounits']);
    this.cachedDevices = parseSmiCsv(out, SMI_DEVICE_FIELDS.length).map((r) => ({
      index: smiNumber(r[0]) ?? 0,
      name: smiValue(r[1]) ?? 'unknown',
      uuid: smiValue(r[2]) ?? 'unknown',
      driverVersion: smiValue(r[3]) ?? 'unknown',
      cudaDriverVersion: null,
      memoryTotalBytes: mibToBytes(smiNumber(r[4])) ?? 0,
      maxSmClockMhz: smiNumber(r[5]),
      powerLimitWatts: smiNumber(r[6]),
      migEnabled: enabled(r[7]),
      eccEnabled: enabled(r[8]),
    }));
    return this.cachedDevices;
  }

  processes(deviceIndex: number): GpuProcessMemory[] {
    const uuid = this.devices().find((d) => d.index === deviceIndex)?.uuid;
    const out = this.run([
      `--query-compute-apps=${SMI_APPS_FIELDS.join(',')}`,
      '--format=csv,noheader,nounits',
    ]);
    return parseSmiCsv(out, SMI_APPS_FIELDS.length)
      .filter((r) => uuid === undefined || r[0] === uuid)
      .map((r) => ({ pid: smiNumber(r[1]) ?? -1, usedBytes: mibToBytes(smiNumber(r[2])) }))
      .filter((p) => p.pid >= 0);
  }

  private processesOrNull(deviceIndex: number): GpuProcessMemory[] | null {
    try {
      return this.processes(deviceIndex);
    } catch {
      return null;
    }
  }

  sample(deviceIndex: number): GpuSample {
    const timestampMs = Date.now();
    const row = parseSmiCsv(this.queryGpu(['-i', String(deviceIndex)]), SMI_SAMPLE_FIELDS.length)[0];
    if (!row) throw new Error(`${this.command}: no row for GPU ${deviceIndex}`);
    return { ...parseSmiSampleRow(row, timestampMs), processes: this.processesOrNull(deviceIndex) };
  }

  /**
   * Streams samples with `-lms intervalMs` (one long-running nvidia-smi) and calls `onSample` for
   * each row; the process list is NOT included (too slow per row): `processes()` is called by the
   * caller at its own pace. Returns a function that stops the stream.
   */
  stream(deviceIndex: number, intervalMs: number, onSample: (s: GpuSample) => void): () => void {
    this.devices();
    const child = spawn(
      this.command,
      [
        `--query-gpu=${this.sampleFields().join(',')}`,
        '--format=csv,noheader,nounits',
        '-i',
        String(deviceIndex),
        '-lms',
        String(Math.max(1, Math.round(intervalMs))),
      ],
      { env: this.env, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const row of parseSmiCsv(lines.join('\n'), SMI_SAMPLE_FIELDS.length)) {
        onSample(parseSmiSampleRow(row, Date.now()));
      }
    });
    child.on('error', () => undefined);
    return () => {
      child.kill('SIGTERM');
    };
  }

  close(): void {
    /* nothing held */
  }
}

/** Checks that nvidia-smi runs and lists at least one GPU; throws a one-line reason otherwise. */
export function openNvidiaSmi(options: OpenNvidiaSmiOptions = {}): NvidiaSmiTelemetrySource {
  const source = new NvidiaSmiTelemetrySource(
    options.command ?? 'nvidia-smi',
    options.env ?? process.env,
    options.timeoutMs ?? 10_000,
  );
  if (source.devices().length === 0) throw new Error(`${source.command} lists no GPU`);
  return source;
}
