/**
 * NVML telemetry through koffi (libnvidia-ml.so.1, or the library named by the `library` option /
 * $PERF_GATE_NVML_LIBRARY). Only functions that exist since the R450-era API are required; newer
 * ones (..._v2 memory info, ClocksEventReasons, ComputeRunningProcesses_v3, TemperatureV) fall
 * back to their older forms when the symbol is missing.
 *
 * Devices are addressed by NVML index (PCI order) or by UUID (`GPU-…`, or `MIG-…` for a MIG
 * device): src/gpu/device-map.ts turns the CUDA device a session uses into a UUID. A MIG device
 * handle gives the instance's own memory and processes; clocks, temperature, power and throttle
 * reasons are the physical GPU's, read from its parent handle; utilisation is not available per
 * MIG instance (NVML_ERROR_NOT_SUPPORTED), so it is null.
 *
 * Layouts (nvml.h), all read from explicit Buffers so the offsets are visible here:
 * - nvmlMemory_v2_t { uint version; ull total; ull reserved; ull free; ull used } = 40 bytes,
 *   version = sizeof | (2 << 24) = 0x02000028 (NVML_STRUCT_VERSION(Memory, 2)).
 * - nvmlMemory_t { ull total; ull free; ull used } = 24 bytes.
 * - nvmlProcessInfo_t (= nvmlProcessInfo_v2_t, used by ..._v2 and ..._v3)
 *   { uint pid; ull usedGpuMemory; uint gpuInstanceId; uint computeInstanceId } = 24 bytes.
 * - nvmlUtilization_t { uint gpu; uint memory }.
 * - nvmlTemperature_v1_t { uint version; int sensorType; int temperature } = 12 bytes,
 *   version = 12 | (1 << 24) = 0x0100000C (NVML_STRUCT_VERSION(Temperature, 1)).
 * - nvmlPciInfo_t { char busIdLegacy[16]; uint domain, bus, device, pciDeviceId,
 *   pciSubSystemId; char busId[32] } = 68 bytes; busId at 36 ("00000000:3B:00.0").
 */
import koffi from 'koffi';
export const NVML_LIBRARY_ENV = 'PERF_GATE_NVML_LIBRARY';
export const DEFAULT_NVML_LIBRARY = 'libnvidia-ml.so.1';
export const NVML_SUCCESS = 0;
export const NVML_ERROR_INSUFFICIENT_SIZE = 7;
const NVML_CLOCK_SM = 1;
const NVML_CLOCK_MEM = 2;
const NVML_TEMPERATURE_GPU = 0;
const NVML_MEMORY_V2_VERSION = (40 | (2 << 24)) >>> 0; // 0x02000028
const NVML_TEMPERATURE_V1_VERSION = (12 | (1 << 24)) >>> 0; // 0x0100000C
const PCI_INFO_SIZE = 68;
const PCI_BUS_ID_OFFSET = 36;
const PROCESS_INFO_SIZE = 24;
const NVML_VALUE_NOT_AVAILABLE = 0xffffffffffffffffn;
const BUFFER_SIZE = 96; // NVML_DEVICE_NAME_V2_BUFFER_SIZE / NVML_DEVICE_UUID_V2_BUFFER_SIZE
export class NvmlError extends Error {
    call;
    code;
    name = 'NvmlError';
    constructor(call, code, text) {
        super(`${call} failed: ${text} (nvmlReturn_t ${code})`);
        this.call = call;
        this.code = code;
    }
}
/** The library that would be loaded: option, then $PERF_GATE_NVML_LIBRARY, then libnvidia-ml.so.1. */
export function nvmlLibraryPath(options = {}) {
    const env = options.env ?? process.env;
    return options.library || env[NVML_LIBRARY_ENV] || DEFAULT_NVML_LIBRARY;
}
const cString = (buf) => {
    const end = buf.indexOf(0);
    return buf.toString('utf8', 0, end < 0 ? buf.length : end);
};
/** Loads and initialises NVML; throws an Error naming the library and the loader's message. */
export function openNvml(options = {}) {
    const path = nvmlLibraryPath(options);
    let lib;
    try {
        lib = koffi.load(path);
    }
    catch (err) {
        throw new Error(`cannot load ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return new NvmlTelemetrySource(lib, path);
}
export class NvmlTelemetrySource {
    lib;
    libraryPath;
    kind = 'nvml';
    fns = new Map();
    handles = new Map();
    errorString;
    closed = false;
    cachedDevices = null;
    constructor(lib, libraryPath) {
        this.lib = lib;
        this.libraryPath = libraryPath;
        let es = null;
        try {
            es = lib.func('const char *nvmlErrorString(int result)');
        }
        catch {
            es = null;
        }
        this.errorString = es;
        const init = this.fn('int nvmlInit_v2()') ?? this.fn('int nvmlInit()');
        if (!init)
            throw new Error(`${libraryPath} does not export nvmlInit_v2: not an NVML library`);
        const rc = init();
        if (rc !== NVML_SUCCESS) {
            try {
                lib.unload();
            }
            catch {
                /* ignore */
            }
            throw new NvmlError('nvmlInit_v2', rc, this.text(rc));
        }
    }
    text(code) {
        try {
            return this.errorString?.(code) ?? `error ${code}`;
        }
        catch {
            return `error ${code}`;
        }
    }
    /** Binds a function by C prototype; null when the symbol is missing (older driver). */
    fn(proto) {
        if (this.fns.has(proto))
            return this.fns.get(proto) ?? null;
        let f = null;
        try {
            f = this.lib.func(proto);
        }
        catch {
            f = null;
        }
        this.fns.set(proto, f);
        return f;
    }
    check(call, rc) {
        if (rc !== NVML_SUCCESS)
            throw new NvmlError(call, rc, this.text(rc));
    }
    handle(ref) {
        const cached = this.handles.get(ref);
        if (cached !== undefined)
            return cached;
        const out = Buffer.alloc(8);
        if (typeof ref === 'number') {
            const f = this.fn('int nvmlDeviceGetHandleByIndex_v2(uint32_t index, void *device)');
            if (!f)
                throw new Error('nvmlDeviceGetHandleByIndex_v2 missing');
            this.check(`nvmlDeviceGetHandleByIndex_v2(${ref})`, f(ref, out));
        }
        else {
            const f = this.fn('int nvmlDeviceGetHandleByUUID(const char *uuid, void *device)');
            if (!f)
                throw new Error('nvmlDeviceGetHandleByUUID missing');
            this.check(`nvmlDeviceGetHandleByUUID(${ref})`, f(ref, out));
        }
        const h = out.readBigUInt64LE(0);
        this.handles.set(ref, h);
        return h;
    }
    /** The physical GPU of a MIG device handle; the handle itself for a GPU. */
    gpuOf(dev) {
        const isMig = this.fn('int nvmlDeviceIsMigDeviceHandle(void *device, void *isMig)');
        const parent = this.fn('int nvmlDeviceGetDeviceHandleFromMigDeviceHandle(void *mig, void *device)');
        if (!isMig || !parent)
            return dev;
        const flag = Buffer.alloc(4);
        if (isMig(dev, flag) !== NVML_SUCCESS || flag.readUInt32LE(0) !== 1)
            return dev;
        const out = Buffer.alloc(8);
        return parent(dev, out) === NVML_SUCCESS ? out.readBigUInt64LE(0) : dev;
    }
    /** Calls a `int f(nvmlDevice_t, ...outs)` getter; null when missing or not successful. */
    u32(proto, dev, ...pre) {
        const f = this.fn(proto);
        if (!f)
            return null;
        const out = Buffer.alloc(8);
        return f(dev, ...pre, out) === NVML_SUCCESS ? out.readUInt32LE(0) : null;
    }
    str(proto, ...pre) {
        const f = this.fn(proto);
        if (!f)
            return null;
        const buf = Buffer.alloc(BUFFER_SIZE);
        return f(...pre, buf, BUFFER_SIZE) === NVML_SUCCESS ? cString(buf) : null;
    }
    deviceCount() {
        const f = this.fn('int nvmlDeviceGetCount_v2(void *count)');
        if (!f)
            throw new Error('nvmlDeviceGetCount_v2 missing');
        const out = Buffer.alloc(4);
        this.check('nvmlDeviceGetCount_v2', f(out));
        return out.readUInt32LE(0);
    }
    devices() {
        if (this.cachedDevices)
            return this.cachedDevices;
        const driverVersion = this.str('int nvmlSystemGetDriverVersion(void *version, uint32_t length)') ?? 'unknown';
        let cudaDriverVersion = null;
        const cuda = this.fn('int nvmlSystemGetCudaDriverVersion_v2(void *version)');
        if (cuda) {
            const out = Buffer.alloc(4);
            if (cuda(out) === NVML_SUCCESS) {
                const v = out.readInt32LE(0); // e.g. 13000 -> "13.0", like nvidia-smi's "CUDA Version"
                cudaDriverVersion = `${Math.floor(v / 1000)}.${Math.floor((v % 1000) / 10)}`;
            }
        }
        const list = [];
        const n = this.deviceCount();
        for (let index = 0; index < n; index++) {
            const dev = this.handle(index);
            const mem = this.memory(dev);
            const f = (proto) => this.fn(proto);
            let migEnabled = null;
            const mig = f('int nvmlDeviceGetMigMode(void *device, void *currentMode, void *pendingMode)');
            if (mig) {
                const cur = Buffer.alloc(4);
                const pend = Buffer.alloc(4);
                if (mig(dev, cur, pend) === NVML_SUCCESS)
                    migEnabled = cur.readUInt32LE(0) === 1;
            }
            let eccEnabled = null;
            const ecc = f('int nvmlDeviceGetEccMode(void *device, void *current, void *pending)');
            if (ecc) {
                const cur = Buffer.alloc(4);
                const pend = Buffer.alloc(4);
                if (ecc(dev, cur, pend) === NVML_SUCCESS)
                    eccEnabled = cur.readUInt32LE(0) === 1;
            }
            const limit = this.u32('int nvmlDeviceGetEnforcedPowerLimit(void *device, void *limit)', dev);
            list.push({
                index,
                pciBusId: this.pciBusId(dev),
                name: this.str('int nvmlDeviceGetName(void *device, void *name, uint32_t length)', dev) ?? 'unknown',
                uuid: this.str('int nvmlDeviceGetUUID(void *device, void *uuid, uint32_t length)', dev) ?? 'unknown',
                driverVersion,
                cudaDriverVersion,
                memoryTotalBytes: mem?.total ?? 0,
                maxSmClockMhz: this.u32('int nvmlDeviceGetMaxClockInfo(void *device, int type, void *clock)', dev, NVML_CLOCK_SM),
                powerLimitWatts: limit === null ? null : limit / 1000,
                migEnabled,
                eccEnabled,
            });
        }
        this.cachedDevices = list;
        return list;
    }
    /**
     * Device memory: nvmlDeviceGetMemoryInfo_v2, else the v1 call. nvml.h: v2 `used` is "Allocated
     * device memory", with `reserved` ("reserved for system use") apart, like nvidia-smi's Used and
     * Reserved; v1 `used` is the "Sum of Reserved and Allocated device memory", so it is higher by
     * the reserved amount. Within a run the same call is used for the idle level and the samples,
     * and device-minus-idle cancels the reserved part either way.
     */
    memory(dev) {
        const v2 = this.fn('int nvmlDeviceGetMemoryInfo_v2(void *device, void *memory)');
        if (v2) {
            const buf = Buffer.alloc(40);
            buf.writeUInt32LE(NVML_MEMORY_V2_VERSION, 0);
            if (v2(dev, buf) === NVML_SUCCESS) {
                return { total: Number(buf.readBigUInt64LE(8)), used: Number(buf.readBigUInt64LE(32)) };
            }
        }
        const v1 = this.fn('int nvmlDeviceGetMemoryInfo(void *device, void *memory)');
        if (v1) {
            const buf = Buffer.alloc(24);
            if (v1(dev, buf) === NVML_SUCCESS) {
                return { total: Number(buf.readBigUInt64LE(0)), used: Number(buf.readBigUInt64LE(16)) };
            }
        }
        return null;
    }
    reasons(dev) {
        for (const name of [
            'nvmlDeviceGetCurrentClocksEventReasons',
            'nvmlDeviceGetCurrentClocksThrottleReasons',
        ]) {
            const f = this.fn(`int ${name}(void *device, void *reasons)`);
            if (!f)
                continue;
            const out = Buffer.alloc(8);
            if (f(dev, out) === NVML_SUCCESS)
                return Number(out.readBigUInt64LE(0));
            return null;
        }
        return null;
    }
    /** Compute processes, two-call size pattern; null when the list cannot be read. */
    processList(dev) {
        const f = this.fn('int nvmlDeviceGetComputeRunningProcesses_v3(void *device, void *infoCount, void *infos)') ??
            this.fn('int nvmlDeviceGetComputeRunningProcesses_v2(void *device, void *infoCount, void *infos)');
        if (!f)
            return null;
        const count = Buffer.alloc(4);
        let rc = f(dev, count, null);
        if (rc === NVML_SUCCESS)
            return [];
        for (let attempt = 0; attempt < 4 && rc === NVML_ERROR_INSUFFICIENT_SIZE; attempt++) {
            const capacity = count.readUInt32LE(0) + 8; // room for processes that start in between
            const infos = Buffer.alloc(capacity * PROCESS_INFO_SIZE);
            count.writeUInt32LE(capacity, 0);
            rc = f(dev, count, infos);
            if (rc === NVML_SUCCESS) {
                const list = [];
                const n = Math.min(count.readUInt32LE(0), capacity);
                for (let i = 0; i < n; i++) {
                    const off = i * PROCESS_INFO_SIZE;
                    const used = infos.readBigUInt64LE(off + 8);
                    list.push({
                        pid: infos.readUInt32LE(off),
                        usedBytes: used === NVML_VALUE_NOT_AVAILABLE ? null : Number(used),
                    });
                }
                return list;
            }
        }
        return null;
    }
    processes(device) {
        const list = this.processList(this.handle(device));
        if (list === null)
            throw new Error('nvmlDeviceGetComputeRunningProcesses failed or is missing');
        return list;
    }
    /** Device-level used memory of `device` (a GPU or a MIG device); null when not reported. */
    memoryUsed(device) {
        return this.memory(this.handle(device))?.used ?? null;
    }
    pciBusId(dev) {
        const f = this.fn('int nvmlDeviceGetPciInfo_v3(void *device, void *pci)');
        if (!f)
            return null;
        const buf = Buffer.alloc(PCI_INFO_SIZE);
        return f(dev, buf) === NVML_SUCCESS ? cString(buf.subarray(PCI_BUS_ID_OFFSET)) : null;
    }
    temperature(dev) {
        // nvmlDeviceGetTemperature is deprecated in NVML 13.0; TemperatureV replaces it.
        const v = this.fn('int nvmlDeviceGetTemperatureV(void *device, void *temperature)');
        if (v) {
            const buf = Buffer.alloc(12);
            buf.writeUInt32LE(NVML_TEMPERATURE_V1_VERSION, 0);
            buf.writeInt32LE(NVML_TEMPERATURE_GPU, 4);
            return v(dev, buf) === NVML_SUCCESS ? buf.readInt32LE(8) : null;
        }
        return this.u32('int nvmlDeviceGetTemperature(void *device, int sensorType, void *temp)', dev, NVML_TEMPERATURE_GPU);
    }
    /** GPUs in NVML (PCI) order with their PCI bus ids and MIG devices, for device-map.ts. */
    topology() {
        const maxMig = this.fn('int nvmlDeviceGetMaxMigDeviceCount(void *device, void *count)');
        const migAt = this.fn('int nvmlDeviceGetMigDeviceHandleByIndex(void *device, uint32_t index, void *mig)');
        return this.devices().map((d) => {
            const gpu = {
                index: d.index,
                uuid: d.uuid,
                pciBusId: d.pciBusId ?? null,
                name: d.name,
                migEnabled: d.migEnabled,
                migDevices: [],
            };
            if (d.migEnabled && maxMig && migAt) {
                const dev = this.handle(d.index);
                const count = Buffer.alloc(4);
                const n = maxMig(dev, count) === NVML_SUCCESS ? count.readUInt32LE(0) : 0;
                for (let i = 0; i < n; i++) {
                    const out = Buffer.alloc(8);
                    if (migAt(dev, i, out) !== NVML_SUCCESS)
                        continue;
                    const mig = out.readBigUInt64LE(0);
                    const uuid = this.str('int nvmlDeviceGetUUID(void *device, void *uuid, uint32_t length)', mig);
                    if (!uuid)
                        continue;
                    this.handles.set(uuid, mig);
                    gpu.migDevices.push({
                        uuid,
                        gpuInstanceId: this.u32('int nvmlDeviceGetGpuInstanceId(void *device, void *id)', mig),
                        computeInstanceId: this.u32('int nvmlDeviceGetComputeInstanceId(void *device, void *id)', mig),
                        memoryTotalBytes: this.memory(mig)?.total ?? null,
                    });
                }
            }
            return gpu;
        });
    }
    /** Static facts of one device; for a MIG device, its parent's with the instance's UUID and memory. */
    deviceInfo(device) {
        if (typeof device === 'number')
            return this.devices().find((d) => d.index === device);
        const byUuid = this.devices().find((d) => d.uuid === device);
        if (byUuid)
            return byUuid;
        const gpu = this.topology().find((g) => g.migDevices.some((m) => m.uuid === device));
        const parent = gpu && this.devices().find((d) => d.index === gpu.index);
        const mig = gpu?.migDevices.find((m) => m.uuid === device);
        if (!parent || !mig)
            return undefined;
        return {
            ...parent,
            uuid: device,
            memoryTotalBytes: mig.memoryTotalBytes ?? 0,
            migParentUuid: parent.uuid,
        };
    }
    sample(device) {
        if (this.closed)
            throw new Error('NVML telemetry source is closed');
        const dev = this.handle(device);
        const gpu = this.gpuOf(dev);
        const timestampMs = Date.now();
        let utilGpu = null;
        let utilMem = null;
        const util = this.fn('int nvmlDeviceGetUtilizationRates(void *device, void *utilization)');
        if (util) {
            const buf = Buffer.alloc(8);
            if (util(dev, buf) === NVML_SUCCESS) {
                utilGpu = buf.readUInt32LE(0);
                utilMem = buf.readUInt32LE(4);
            }
        }
        const mem = this.memory(dev);
        const power = this.u32('int nvmlDeviceGetPowerUsage(void *device, void *power)', gpu);
        const limit = this.u32('int nvmlDeviceGetEnforcedPowerLimit(void *device, void *limit)', gpu);
        return {
            timestampMs,
            memoryUsedBytes: mem?.used ?? null,
            memoryTotalBytes: mem?.total ?? null,
            utilizationGpuPercent: utilGpu,
            utilizationMemoryPercent: utilMem,
            smClockMhz: this.u32('int nvmlDeviceGetClockInfo(void *device, int type, void *clock)', gpu, NVML_CLOCK_SM),
            memClockMhz: this.u32('int nvmlDeviceGetClockInfo(void *device, int type, void *clock)', gpu, NVML_CLOCK_MEM),
            maxSmClockMhz: this.u32('int nvmlDeviceGetMaxClockInfo(void *device, int type, void *clock)', gpu, NVML_CLOCK_SM),
            temperatureC: this.temperature(gpu),
            powerWatts: power === null ? null : power / 1000,
            powerLimitWatts: limit === null ? null : limit / 1000,
            clockEventReasons: this.reasons(gpu),
            processes: this.processList(dev),
        };
    }
    close() {
        if (this.closed)
            return;
        this.closed = true;
        this.fn('int nvmlShutdown()')?.();
        // The library stays mapped: unloading a driver library that may still have threads is unsafe.
    }
}
