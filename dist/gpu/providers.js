/**
 * Execution providers: parse `--ep`, check that a provider can really run here (onnxruntime-node
 * lists it, its provider libraries are installed next to the native binding, and the CUDA /
 * cuDNN / TensorRT libraries they link against load), and resolve the list handed to
 * onnxruntime's session options, with an explicit, reported fallback.
 *
 * The onnxruntime / file-system / loader dependencies sit behind `ProviderDeps` so tests can drive
 * every branch; `defaultProviderDeps()` is the real one.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import koffi from 'koffi';
import { UsageError } from '../util/errors.js';
import { readElfNeeded } from './elf.js';
export * from '../config/providers.js';
/**
 * What the GPU build of onnxruntime-node 1.29.0 needs (its linux-x64 provider libraries link
 * `libcudart.so.13` and `libcublas(Lt).so.13`, and load cuDNN 9 at run time).
 */
export const CUDA_REQUIREMENT = {
    onnxruntime: '1.29.0',
    /** Lowest driver CUDA version, in cuDriverGetVersion's encoding (13.0). */
    cudaVersion: 13000,
    /** NVIDIA's CUDA 13.0 release notes: Linux driver >= 580.65.06. */
    driverHint: 'update the NVIDIA driver to R580 or newer (CUDA 13.0 needs Linux driver >= 580.65.06)',
};
/** Provider library files (bin/napi-v6/<platform>/<arch>/) that `npm run install-cuda-provider` downloads. */
export const PROVIDER_FILES = {
    cuda: ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so'],
    tensorrt: [
        'libonnxruntime_providers_shared.so',
        'libonnxruntime_providers_cuda.so',
        'libonnxruntime_providers_tensorrt.so',
    ],
};
/**
 * Libraries checked when the provider library's DT_NEEDED list cannot be read (it is not
 * installed yet): the CUDA 13 / TensorRT 10 sonames of the GPU build. When the provider
 * library is present its DT_NEEDED entries are used instead, so the check follows the build.
 */
export const DEFAULT_GPU_LIBRARIES = {
    cuda: ['libcudart.so.13', 'libcublas.so.13', 'libcublasLt.so.13', 'libcurand.so.10'],
    tensorrt: ['libnvinfer.so.10', 'libnvonnxparser.so.10'],
};
/**
 * Libraries the provider opens with dlopen when the session is created, so they are never in its
 * DT_NEEDED list and a missing one passes a link-time check: cuDNN 9 for the CUDA provider (the
 * TensorRT provider runs on top of it).
 */
export const RUNTIME_LOADED_LIBRARIES = {
    cuda: ['libcudnn.so.9'],
    tensorrt: ['libcudnn.so.9'],
};
/** The driver's user-space library: without it nothing CUDA runs. */
export const CUDA_DRIVER_LIBRARY = 'libcuda.so.1';
const NVIDIA_LIB = /^lib(cuda|cudart|cublas|cublasLt|cudnn|cufft|curand|cusparse|nvrtc|nvJitLink|nvinfer|nvonnxparser|nccl)\b/;
export const INSTALL_HINT = 'run `npm run install-cuda-provider` (onnxruntime-node\'s own installer, forced: it downloads the CUDA 13 provider libraries of 1.29.0 from NuGet; package.json "allowScripts" keeps `npm ci` from running it)';
const LIBRARY_HINT = 'install CUDA 13, cuDNN 9 (and TensorRT 10 for tensorrt) and make them findable, e.g. `export LD_LIBRARY_PATH=/usr/local/cuda/lib64:/path/to/cudnn/lib:$LD_LIBRARY_PATH`';
const DRIVER_HINT = 'install the NVIDIA driver (libcuda.so.1 comes with it; in a container run with --gpus)';
/** "13.0" from cuDriverGetVersion's 13000. */
export function formatCudaVersion(v) {
    return `${Math.floor(v / 1000)}.${Math.floor((v % 1000) / 10)}`;
}
/**
 * Reads the CUDA version the driver supports through `cuDriverGetVersion` of libcuda.so.1 (it needs
 * no cuInit and no GPU context); a string says why it could not be read.
 */
export function readCudaDriverVersion(library = CUDA_DRIVER_LIBRARY) {
    try {
        const lib = koffi.load(library);
        const get = lib.func('int cuDriverGetVersion(_Out_ int *version)');
        const out = [0];
        const rc = get(out);
        return rc === 0 ? out[0] : `cuDriverGetVersion returned CUresult ${rc}`;
    }
    catch (err) {
        return `${library}: ${err instanceof Error ? err.message : String(err)}`;
    }
}
/** The real dependencies: onnxruntime-node (loaded lazily), node:fs, koffi. */
export function defaultProviderDeps() {
    const require = createRequire(import.meta.url);
    return {
        listSupportedBackends: () => require('onnxruntime-node').listSupportedBackends(),
        bindingDir: () => {
            // .../onnxruntime-node/dist/index.js -> .../onnxruntime-node/bin/napi-v6/<platform>/<arch>
            const root = dirname(dirname(require.resolve('onnxruntime-node')));
            return join(root, 'bin', 'napi-v6', process.platform, process.arch);
        },
        fileExists: (p) => existsSync(p),
        tryLoadLibrary: (name) => {
            try {
                koffi.load(name);
                return null;
            }
            catch (err) {
                return err instanceof Error ? err.message : String(err);
            }
        },
        neededLibraries: (p) => readElfNeeded(p),
        cudaDriverVersion: () => readCudaDriverVersion(),
    };
}
/** Checks whether `ep` can run here; never throws (missing onnxruntime is reported as missing). */
export function checkProviderAvailability(ep, deps = defaultProviderDeps()) {
    const missing = [];
    const evidence = [];
    const hints = new Set();
    let backends = [];
    try {
        backends = deps.listSupportedBackends();
    }
    catch (err) {
        evidence.push(`onnxruntime-node: ${err instanceof Error ? err.message : String(err)}`);
    }
    const listed = backends.find((b) => b.name === ep);
    if (!listed) {
        missing.push(`onnxruntime-node backend "${ep}"`);
        evidence.push(`listSupportedBackends() = [${backends.map((b) => b.name).join(', ')}]`);
        hints.add(`onnxruntime-node ${ep === 'cpu' ? '' : 'for this platform '}does not support "${ep}"; reinstall with \`npm ci\``);
    }
    if (listed && (ep === 'cuda' || ep === 'tensorrt')) {
        const dir = deps.bindingDir();
        const missingFiles = PROVIDER_FILES[ep].filter((f) => !deps.fileExists(join(dir, f)));
        for (const f of missingFiles) {
            missing.push(f);
            evidence.push(`${join(dir, f)} does not exist`);
        }
        if (missingFiles.length > 0)
            hints.add(INSTALL_HINT);
        // Which libraries the provider links against (its DT_NEEDED, else the defaults), plus the ones
        // it opens at run time. The driver library is checked on its own, once.
        const libs = new Set();
        const providerLibs = ep === 'cuda'
            ? ['libonnxruntime_providers_cuda.so']
            : ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_tensorrt.so'];
        for (const file of providerLibs) {
            const path = join(dir, file);
            const needed = deps.fileExists(path) ? deps.neededLibraries(path) : null;
            const kind = file.includes('tensorrt') ? 'tensorrt' : 'cuda';
            for (const lib of needed ? needed.filter((n) => NVIDIA_LIB.test(n)) : DEFAULT_GPU_LIBRARIES[kind])
                libs.add(lib);
        }
        for (const lib of RUNTIME_LOADED_LIBRARIES[ep])
            libs.add(lib);
        libs.delete(CUDA_DRIVER_LIBRARY);
        const driverError = deps.tryLoadLibrary(CUDA_DRIVER_LIBRARY);
        if (driverError !== null) {
            missing.push(CUDA_DRIVER_LIBRARY);
            evidence.push(`${CUDA_DRIVER_LIBRARY}: ${driverError}`);
            hints.add(DRIVER_HINT);
        }
        else {
            const version = deps.cudaDriverVersion();
            if (typeof version === 'string') {
                evidence.push(`${CUDA_DRIVER_LIBRARY}: driver CUDA version unknown: ${version}`);
            }
            else if (version < CUDA_REQUIREMENT.cudaVersion) {
                const need = formatCudaVersion(CUDA_REQUIREMENT.cudaVersion);
                missing.push(`driver support for CUDA ${need} (the driver supports CUDA ${formatCudaVersion(version)})`);
                evidence.push(`${CUDA_DRIVER_LIBRARY}: cuDriverGetVersion = ${version} (CUDA ${formatCudaVersion(version)}); the CUDA provider of onnxruntime-node ${CUDA_REQUIREMENT.onnxruntime} needs CUDA ${need}`);
                hints.add(CUDA_REQUIREMENT.driverHint);
            }
        }
        for (const lib of libs) {
            const error = deps.tryLoadLibrary(lib);
            if (error !== null) {
                missing.push(lib);
                evidence.push(`${lib}: ${error}`);
                hints.add(LIBRARY_HINT);
            }
        }
    }
    return { provider: ep, available: missing.length === 0, missing, evidence, hint: [...hints].join('; ') };
}
/** One line: "cuda" is not available: missing a, b; fix: ... */
export function describeUnavailable(a) {
    return `execution provider "${a.provider}" is not available: missing ${a.missing.join(', ')}; fix: ${a.hint}`;
}
/**
 * The first available provider of `requested` runs the model. Without `allowFallback` the first
 * requested provider must be available, otherwise a one-line UsageError says what is missing.
 * With it, unavailable providers are skipped (the reason is reported), and CPU is the last resort.
 */
export function resolveExecutionProviders(requested, options, deps = defaultProviderDeps()) {
    const inputName = options.inputName ?? '--ep';
    if (requested.length === 0)
        throw new UsageError(`${inputName}: no execution provider given, got ""`);
    const checked = [];
    const cache = new Map();
    const check = (ep) => {
        let a = cache.get(ep);
        if (!a) {
            a = checkProviderAvailability(ep, deps);
            cache.set(ep, a);
        }
        return a;
    };
    const first = requested[0];
    const firstCheck = check(first.name);
    checked.push(firstCheck);
    if (!firstCheck.available && !options.allowFallback) {
        throw new UsageError(`${inputName}: ${describeUnavailable(firstCheck)} (or allow fallback)`);
    }
    let startIdx = firstCheck.available ? 0 : -1;
    for (let i = 1; startIdx < 0 && i < requested.length; i++) {
        const a = check(requested[i].name);
        checked.push(a);
        if (a.available)
            startIdx = i;
    }
    const chain = startIdx >= 0 ? requested.slice(startIdx).filter((r) => check(r.name).available) : [];
    if (chain.length === 0 || chain[chain.length - 1]?.name !== 'cpu') {
        const cpu = check('cpu');
        if (cpu.available)
            chain.push({ name: 'cpu' });
    }
    const actualReq = chain[0];
    if (!actualReq)
        throw new UsageError(`${inputName}: ${describeUnavailable(check('cpu'))}`);
    const fallback = actualReq.name !== first.name;
    const result = {
        use: chain,
        actual: actualReq.name,
        fallback,
        checked,
    };
    if (fallback) {
        result.fallbackReason = checked
            .filter((a) => !a.available)
            .map(describeUnavailable)
            .join(' | ');
    }
    return result;
}
/** Maps requests to onnxruntime-node's session option shape. */
export function toSessionExecutionProviders(list) {
    return list.map((r) => {
        switch (r.name) {
            case 'cpu':
                return 'cpu';
            case 'webgpu':
                return 'webgpu';
            case 'cuda':
            case 'tensorrt':
                return r.deviceId === undefined ? { name: r.name } : { name: r.name, deviceId: r.deviceId };
        }
    });
}
