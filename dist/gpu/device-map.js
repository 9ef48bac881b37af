/**
 * CUDA_VISIBLE_DEVICES as CUDA reads it; null when unset (every device is visible). Parsing stops
 * at the first entry that is neither an index nor a UUID, as CUDA does.
 */
export function parseCudaVisibleDevices(value) {
    if (value === undefined)
        return null;
    const entries = [];
    for (const raw of value.split(',')) {
        const part = raw.trim();
        if (/^\d+$/.test(part))
            entries.push({ kind: 'index', index: Number(part) });
        else if (/^(GPU|MIG)-[0-9A-Za-z/-]+$/.test(part))
            entries.push({ kind: 'uuid', uuid: part });
        else
            break;
    }
    return entries;
}
const byPci = (gpus) => [...gpus].sort((a, b) => a.pciBusId !== null && b.pciBusId !== null ? a.pciBusId.localeCompare(b.pciBusId) : a.index - b.index);
/** The GPU or MIG device a UUID (or a unique prefix, as CUDA accepts) names. */
function findUuid(uuid, gpus) {
    const legacy = /^MIG-(GPU-[0-9A-Za-z-]+)\/(\d+)\/(\d+)$/.exec(uuid);
    if (legacy) {
        const gpu = gpus.find((g) => g.uuid === legacy[1]);
        const mig = gpu?.migDevices.find((m) => m.gpuInstanceId === Number(legacy[2]) && m.computeInstanceId === Number(legacy[3]));
        return gpu && mig ? { gpu, mig } : null;
    }
    const matches = [];
    for (const gpu of gpus) {
        if (gpu.uuid.startsWith(uuid))
            matches.push({ gpu, mig: null });
        for (const mig of gpu.migDevices)
            if (mig.uuid.startsWith(uuid))
                matches.push({ gpu, mig });
    }
    return matches.length === 1 ? matches[0] : null;
}
/**
 * Maps CUDA device `cudaDeviceId` (the `:N` of `--ep cuda:N`) to an NVML device through
 * CUDA_VISIBLE_DEVICES and CUDA_DEVICE_ORDER.
 */
export function resolveCudaDevice(cudaDeviceId, env, gpus) {
    const none = (method) => ({
        uuid: null,
        gpu: null,
        mig: false,
        certain: false,
        method,
    });
    if (gpus.length === 0)
        return none('the driver lists no GPU');
    const pciOrder = (env.CUDA_DEVICE_ORDER ?? '').trim().toUpperCase() === 'PCI_BUS_ID';
    const ordered = byPci(gpus);
    const entries = parseCudaVisibleDevices(env.CUDA_VISIBLE_DEVICES);
    const cvd = env.CUDA_VISIBLE_DEVICES === undefined ? 'unset' : `"${env.CUDA_VISIBLE_DEVICES}"`;
    const byIndex = (physical, how) => {
        const gpu = ordered[physical];
        if (!gpu)
            return none(`${how}: GPU ${physical} does not exist (the driver lists ${gpus.length})`);
        if (gpu.migEnabled) {
            // CUDA enumerates MIG devices, not the GPU; which one is only known from memory growth.
            const first = gpu.migDevices[0];
            return {
                uuid: first?.uuid ?? gpu.uuid,
                gpu,
                mig: first !== undefined,
                certain: false,
                method: `${how}: GPU ${gpu.index} (${gpu.uuid}) has MIG enabled; which MIG device CUDA uses is not known from its index`,
            };
        }
        const certain = pciOrder || gpus.length === 1;
        const order = pciOrder
            ? 'CUDA_DEVICE_ORDER=PCI_BUS_ID'
            : gpus.length === 1
                ? 'one GPU'
                : 'CUDA_DEVICE_ORDER is FASTEST_FIRST (the default), which need not be the PCI order NVML uses';
        return {
            uuid: gpu.uuid,
            gpu,
            mig: false,
            certain,
            method: `${how}, ${order}: GPU ${gpu.index} (${gpu.uuid})`,
        };
    };
    if (entries === null)
        return byIndex(cudaDeviceId, `CUDA device ${cudaDeviceId}, CUDA_VISIBLE_DEVICES unset`);
    const entry = entries[cudaDeviceId];
    if (!entry) {
        return none(`CUDA device ${cudaDeviceId} does not exist: CUDA_VISIBLE_DEVICES=${cvd} makes ${entries.length} device(s) visible`);
    }
    if (entry.kind === 'uuid') {
        const found = findUuid(entry.uuid, gpus);
        if (!found)
            return none(`CUDA_VISIBLE_DEVICES=${cvd}: no GPU or MIG device has UUID ${entry.uuid}`);
        const uuid = found.mig?.uuid ?? found.gpu.uuid;
        return {
            uuid,
            gpu: found.gpu,
            mig: found.mig !== null,
            certain: true,
            method: `CUDA device ${cudaDeviceId} = CUDA_VISIBLE_DEVICES entry ${entry.uuid}: ${found.mig ? `MIG device ${uuid} of ` : ''}GPU ${found.gpu.index} (${found.gpu.uuid})`,
        };
    }
    return byIndex(entry.index, `CUDA device ${cudaDeviceId} = CUDA_VISIBLE_DEVICES=${cvd} entry ${entry.index}`);
}
/** Least growth of used memory that counts as "the session's memory appeared here" (a CUDA context is larger). */
export const MIN_SESSION_GROWTH_BYTES = 64 * 1024 * 1024;
/**
 * The device whose used memory grew when the session was created: exactly one device grew by at
 * least `minGrowth`, else null with the reason.
 */
export function pickGrownDevice(before, after, minGrowth = MIN_SESSION_GROWTH_BYTES) {
    const grown = [];
    for (const [uuid, a] of after) {
        const b = before.get(uuid);
        if (a === null || b === null || b === undefined)
            continue;
        if (a - b >= minGrowth)
            grown.push({ uuid, growthBytes: a - b });
    }
    if (grown.length === 1)
        return grown[0];
    if (grown.length === 0)
        return { none: `no device's used memory grew by ${minGrowth / 2 ** 20} MiB or more` };
    return { none: `several devices' used memory grew: ${grown.map((g) => g.uuid).join(', ')}` };
}
/**
 * Finds this benchmark in the driver's process list without assuming the driver reports our pid:
 * inside a container it reports host pids. Our pid is ours when listed; otherwise the one process
 * that appeared between the lists read before and after the session was created.
 */
export function identifyOwnProcess(before, after, pid) {
    if (after === null)
        return { pid: null, ambiguous: [], method: 'the process list could not be read' };
    if (after.some((p) => p.pid === pid)) {
        return { pid, ambiguous: [], method: `the driver lists this process's pid ${pid}` };
    }
    if (before === null) {
        return { pid: null, ambiguous: [], method: 'no process list from before the session to compare with' };
    }
    const known = new Set(before.map((p) => p.pid));
    const appeared = [...new Set(after.map((p) => p.pid).filter((p) => !known.has(p)))].sort((a, b) => a - b);
    if (appeared.length === 1) {
        return {
            pid: appeared[0],
            ambiguous: [],
            method: `pid ${pid} is not in the driver's list (another PID namespace, e.g. a container); pid ${appeared[0]} appeared when the session was created`,
        };
    }
    if (appeared.length === 0) {
        return {
            pid: null,
            ambiguous: [],
            method: `no process appeared in the driver's list when the session was created`,
        };
    }
    return {
        pid: null,
        ambiguous: appeared,
        method: `pids ${appeared.join(', ')} appeared when the session was created; which is this benchmark is unknown`,
    };
}
