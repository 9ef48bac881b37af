/**
 * nvidia-smi fallback, used when libnvidia-ml cannot be loaded by koffi. Runs
 *   nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits [-i N] [-lms N]
 *   nvidia-smi --query-compute-apps=gpu_uuid,pid,used_memory --format=csv,noheader,nounits
 * Values: memory in MiB, clocks in MHz, power in W, temperature in °C, utilisation in %;
 * clocks_event_reasons.active is a hex mask ("0x0000000000000004"). Unreported values print as
 * "[N/A]", "N/A", "[Not Supported]", "[Unknown Error]", "[Insufficient Permissions]" -> null.
 * Drivers before R535 name the reasons field clocks_throttle_reasons.active: on an
 * invalid-field error the query is retried with that name.
 * The CUDA version the driver supports is not a --query-gpu field: it is read from the header of
 * `nvidia-smi -q` ("CUDA Version : 13.0"), like NVML's nvmlSystemGetCudaDriverVersion_v2, so a
 * baseline recorded through NVML stays comparable with a run that falls back to nvidia-smi.
 * MIG devices come from `nvidia-smi -L` ("  MIG 1g.10gb  Device  0: (UUID: MIG-…)"). nvidia-smi has
 * no per-MIG-instance memory or utilisation query: a MIG device is sampled through its GPU's row
 * with memory and utilisation left null (NVML gives the instance's memory).
 */
import { spawn, spawnSync } from 'node:child_process';
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
];
export const SMI_DEVICE_FIELDS = [
    'index',
    'name',
    'uuid',
    'pci.bus_id',
    'driver_version',
    'memory.total',
    'clocks.max.sm',
    'power.limit',
    'mig.mode.current',
    'ecc.mode.current',
];
export const SMI_APPS_FIELDS = ['gpu_uuid', 'pid', 'used_memory'];
const LEGACY_REASONS = 'clocks_throttle_reasons.active';
/** One CSV field: trimmed, or null when nvidia-smi says the value is unavailable. */
export function smiValue(raw) {
    if (raw === undefined)
        return null;
    const v = raw.trim();
    if (v === '' || /^\[.*\]$/.test(v) || /^n\/a$/i.test(v))
        return null;
    return v;
}
export function smiNumber(raw) {
    const v = smiValue(raw);
    if (v === null)
        return null;
    const n = /^0x[0-9a-f]+$/i.test(v) ? Number.parseInt(v, 16) : Number(v);
    return Number.isFinite(n) ? n : null;
}
const mibToBytes = (mib) => (mib === null ? null : Math.round(mib * MIB));
const enabled = (raw) => {
    const v = smiValue(raw)?.toLowerCase();
    return v === 'enabled' ? true : v === 'disabled' ? false : null;
};
/** "CUDA Version : 13.0" from the header of `nvidia-smi -q`; null when absent or "[N/A]". */
export function parseSmiCudaVersion(text) {
    const m = /^\s*CUDA Version\s*:\s*(.+?)\s*$/m.exec(text);
    const v = smiValue(m?.[1]);
    return v !== null && /^\d+\.\d+$/.test(v) ? v : null;
}
/** MIG devices per GPU UUID from `nvidia-smi -L`. */
export function parseSmiList(text) {
    const out = new Map();
    let gpu = null;
    for (const line of text.split(/\r?\n/)) {
        const g = /^GPU \d+: .*\(UUID: (GPU-[^)]+)\)/.exec(line);
        if (g) {
            gpu = g[1];
            out.set(gpu, []);
            continue;
        }
        const m = /^\s+MIG .*Device\s+\d+: \(UUID: (MIG-[^)]+)\)/.exec(line);
        if (m && gpu) {
            out
                .get(gpu)
                .push({ uuid: m[1], gpuInstanceId: null, computeInstanceId: null, memoryTotalBytes: null });
        }
    }
    return out;
}
/** Splits noheader CSV output into rows of fields (names do not contain commas). */
export function parseSmiCsv(text, fieldCount) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .map((l) => l.split(',').map((f) => f.trim()))
        .filter((row) => row.length === fieldCount);
}
/** Parses one --query-gpu row of SMI_SAMPLE_FIELDS (processes filled in separately). */
export function parseSmiSampleRow(row, timestampMs) {
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
export class NvidiaSmiTelemetrySource {
    command;
    env;
    timeoutMs;
    kind = 'nvidia-smi';
    reasonsField = 'clocks_event_reasons.active';
    cachedDevices = null;
    cachedTopology = null;
    constructor(command, env, timeoutMs) {
        this.command = command;
        this.env = env;
        this.timeoutMs = timeoutMs;
    }
    run(args) {
        const r = spawnSync(this.command, args, { env: this.env, encoding: 'utf8', timeout: this.timeoutMs });
        if (r.error) {
            const code = r.error.code;
            throw new Error(code === 'ENOENT' ? `${this.command} not found on PATH` : `${this.command}: ${r.error.message}`);
        }
        if (r.status !== 0) {
            const msg = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0] ?? '';
            throw new Error(`${this.command} ${args[0] ?? ''} exited with ${r.status}: ${msg}`);
        }
        return r.stdout;
    }
    sampleFields() {
        return SMI_SAMPLE_FIELDS.map((f) => (f === 'clocks_event_reasons.active' ? this.reasonsField : f));
    }
    /** --query-gpu for the sample fields, retrying with the pre-R535 reasons field name. */
    queryGpu(extra) {
        const args = () => [
            `--query-gpu=${this.sampleFields().join(',')}`,
            '--format=csv,noheader,nounits',
            ...extra,
        ];
        try {
            return this.run(args());
        }
        catch (err) {
            if (this.reasonsField !== LEGACY_REASONS && /clocks_event_reasons/.test(String(err))) {
                this.reasonsField = LEGACY_REASONS;
                return this.run(args());
            }
            throw err;
        }
    }
    devices() {
        if (this.cachedDevices)
            return this.cachedDevices;
        const out = this.run([`--query-gpu=${SMI_DEVICE_FIELDS.join(',')}`, '--format=csv,noheader,nounits']);
        let cuda = null;
        try {
            cuda = parseSmiCudaVersion(this.run(['-q', '-d', 'COMPUTE']));
        }
        catch {
            cuda = null;
        }
        this.cachedDevices = parseSmiCsv(out, SMI_DEVICE_FIELDS.length).map((r) => ({
            index: smiNumber(r[0]) ?? 0,
            pciBusId: smiValue(r[3]),
            name: smiValue(r[1]) ?? 'unknown',
            uuid: smiValue(r[2]) ?? 'unknown',
            driverVersion: smiValue(r[4]) ?? 'unknown',
            cudaDriverVersion: cuda,
            memoryTotalBytes: mibToBytes(smiNumber(r[5])) ?? 0,
            maxSmClockMhz: smiNumber(r[6]),
            powerLimitWatts: smiNumber(r[7]),
            migEnabled: enabled(r[8]),
            eccEnabled: enabled(r[9]),
        }));
        return this.cachedDevices;
    }
    topology() {
        if (this.cachedTopology)
            return this.cachedTopology;
        let migs = new Map();
        if (this.devices().some((d) => d.migEnabled)) {
            try {
                migs = parseSmiList(this.run(['-L']));
            }
            catch {
                migs = new Map();
            }
        }
        this.cachedTopology = this.devices().map((d) => ({
            index: d.index,
            uuid: d.uuid,
            pciBusId: d.pciBusId ?? null,
            name: d.name,
            migEnabled: d.migEnabled,
            migDevices: d.migEnabled ? (migs.get(d.uuid) ?? []) : [],
        }));
        return this.cachedTopology;
    }
    /** The GPU a reference belongs to, and whether it names a MIG device. */
    target(device) {
        const devices = this.devices();
        const direct = typeof device === 'number'
            ? devices.find((d) => d.index === device)
            : devices.find((d) => d.uuid === device);
        if (direct)
            return { gpu: direct, mig: null };
        const parent = this.topology().find((g) => g.migDevices.some((m) => m.uuid === device));
        const gpu = parent && devices.find((d) => d.index === parent.index);
        if (!gpu)
            throw new Error(`${this.command}: no GPU or MIG device ${device}`);
        return { gpu, mig: String(device) };
    }
    deviceInfo(device) {
        try {
            const { gpu, mig } = this.target(device);
            return mig ? { ...gpu, uuid: mig, migParentUuid: gpu.uuid } : gpu;
        }
        catch {
            return undefined;
        }
    }
    processes(device) {
        const { gpu, mig } = this.target(device);
        const out = this.run([
            `--query-compute-apps=${SMI_APPS_FIELDS.join(',')}`,
            '--format=csv,noheader,nounits',
        ]);
        return parseSmiCsv(out, SMI_APPS_FIELDS.length)
            .filter((r) => r[0] === gpu.uuid || (mig !== null && r[0] === mig))
            .map((r) => ({ pid: smiNumber(r[1]) ?? -1, usedBytes: mibToBytes(smiNumber(r[2])) }))
            .filter((p) => p.pid >= 0);
    }
    processesOrNull(device) {
        try {
            return this.processes(device);
        }
        catch {
            return null;
        }
    }
    memoryUsed(device) {
        return this.sample(device).memoryUsedBytes;
    }
    sample(device) {
        const timestampMs = Date.now();
        const { gpu, mig } = this.target(device);
        const row = parseSmiCsv(this.queryGpu(['-i', String(gpu.index)]), SMI_SAMPLE_FIELDS.length)[0];
        if (!row)
            throw new Error(`${this.command}: no row for GPU ${gpu.index}`);
        const s = { ...parseSmiSampleRow(row, timestampMs), processes: this.processesOrNull(device) };
        return mig ? withoutInstanceFields(s) : s;
    }
    /**
     * Streams samples with `-lms intervalMs` (one long-running nvidia-smi) and calls `onSample` for
     * each row; the process list is NOT included (too slow per row): `processes()` is called by the
     * caller at its own pace. Returns a function that stops the stream.
     */
    stream(device, intervalMs, onSample) {
        const { gpu, mig } = this.target(device);
        const child = spawn(this.command, [
            `--query-gpu=${this.sampleFields().join(',')}`,
            '--format=csv,noheader,nounits',
            '-i',
            String(gpu.index),
            '-lms',
            String(Math.max(1, Math.round(intervalMs))),
        ], { env: this.env, stdio: ['ignore', 'pipe', 'ignore'] });
        let pending = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk) => {
            pending += chunk;
            const lines = pending.split('\n');
            pending = lines.pop() ?? '';
            for (const row of parseSmiCsv(lines.join('\n'), SMI_SAMPLE_FIELDS.length)) {
                const s = parseSmiSampleRow(row, Date.now());
                onSample(mig ? withoutInstanceFields(s) : s);
            }
        });
        child.on('error', () => undefined);
        return () => {
            child.kill('SIGTERM');
        };
    }
    close() {
        /* nothing held */
    }
}
/** A MIG device sampled through its GPU's row: the GPU's memory and utilisation are not the instance's. */
function withoutInstanceFields(s) {
    return {
        ...s,
        memoryUsedBytes: null,
        memoryTotalBytes: null,
        utilizationGpuPercent: null,
        utilizationMemoryPercent: null,
    };
}
/** Checks that nvidia-smi runs and lists at least one GPU; throws a one-line reason otherwise. */
export function openNvidiaSmi(options = {}) {
    const source = new NvidiaSmiTelemetrySource(options.command ?? 'nvidia-smi', options.env ?? process.env, options.timeoutMs ?? 10_000);
    if (source.devices().length === 0)
        throw new Error(`${source.command} lists no GPU`);
    return source;
}
