import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readElfNeeded } from '../../src/gpu/elf.js';
import {
  checkProviderAvailability,
  defaultProviderDeps,
  describeUnavailable,
  parseExecutionProviders,
  readCudaDriverVersion,
  resolveExecutionProviders,
  toSessionExecutionProviders,
  type ProviderDeps,
} from '../../src/gpu/providers.js';
import { isUsageError } from '../../src/util/errors.js';
import { FIXTURES, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const BIN = '/ort/bin/napi-v6/linux/x64';
const ALL_BACKENDS = [
  { name: 'cpu', bundled: true },
  { name: 'webgpu', bundled: true },
  { name: 'cuda', bundled: false },
  { name: 'tensorrt', bundled: false },
];

/** Scripted dependencies: which files exist, which libraries load, what the provider links against. */
function fakeDeps(opts: {
  files?: string[];
  loadable?: string[];
  needed?: Record<string, string[]>;
  /** cuDriverGetVersion's answer (default 13000, CUDA 13.0). */
  driverCuda?: number | string;
}): ProviderDeps & {
  loaded: string[];
} {
  const loaded: string[] = [];
  return {
    loaded,
    listSupportedBackends: () => ALL_BACKENDS,
    bindingDir: () => BIN,
    fileExists: (p) => (opts.files ?? []).some((f) => join(BIN, f) === p),
    tryLoadLibrary: (name) => {
      loaded.push(name);
      return (opts.loadable ?? []).includes(name)
        ? null
        : `${name}: cannot open shared object file: No such file or directory`;
    },
    neededLibraries: (p) => opts.needed?.[p.slice(BIN.length + 1)] ?? null,
    cudaDriverVersion: () => opts.driverCuda ?? 13000,
  };
}

const PROVIDER_FILES = ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so'];
const CUDA13 = [
  'libcuda.so.1',
  'libcudart.so.13',
  'libcublas.so.13',
  'libcublasLt.so.13',
  'libcurand.so.10',
  'libcudnn.so.9',
];
const INSTALL_COMMAND = 'npm run install-cuda-provider';

describe('parseExecutionProviders', () => {
  it('parses names and device ids', () => {
    expect(parseExecutionProviders('cuda:0,cpu')).toEqual([{ name: 'cuda', deviceId: 0 }, { name: 'cpu' }]);
    expect(parseExecutionProviders(' TensorRT:1 , cuda:1, webgpu ')).toEqual([
      { name: 'tensorrt', deviceId: 1 },
      { name: 'cuda', deviceId: 1 },
      { name: 'webgpu' },
    ]);
  });

  it('rejects unknown names with a UsageError naming the input, the value and the valid names', () => {
    let err: unknown;
    try {
      parseExecutionProviders('cuda,rocm', '--execution-providers');
    } catch (e) {
      err = e;
    }
    expect(isUsageError(err)).toBe(true);
    expect((err as Error).message).toBe(
      '--execution-providers: unknown execution provider "rocm" in "cuda,rocm"; valid: cuda, tensorrt, webgpu, cpu (e.g. "cuda:0,cpu")',
    );
    expect(() => parseExecutionProviders('')).toThrow(/^--ep: expected a comma-separated list/);
    expect(() => parseExecutionProviders('cuda,,cpu')).toThrow(/got "cuda,,cpu"/);
    expect(() => parseExecutionProviders('cpu:0')).toThrow(/"cpu" takes no device id/);
    expect(() => parseExecutionProviders('cuda:x')).toThrow(/unknown execution provider "cuda:x"/);
    expect(() => parseExecutionProviders('cpu,cpu')).toThrow(/listed twice/);
  });
});

describe('checkProviderAvailability (scripted dependencies)', () => {
  it('cuda is available when the provider files exist and its libraries load', () => {
    const deps = fakeDeps({ files: PROVIDER_FILES, loadable: CUDA13 });
    expect(checkProviderAvailability('cuda', deps)).toEqual({
      provider: 'cuda',
      available: true,
      missing: [],
      evidence: [],
      hint: '',
    });
  });

  it('names the missing provider files and how to install them', () => {
    const a = checkProviderAvailability('cuda', fakeDeps({ loadable: CUDA13 }));
    expect(a.available).toBe(false);
    expect(a.missing).toEqual(PROVIDER_FILES);
    expect(a.evidence[0]).toBe(`${BIN}/libonnxruntime_providers_shared.so does not exist`);
    expect(a.hint).toContain(INSTALL_COMMAND);
    expect(a.hint).toContain('CUDA 13');
    expect(a.hint).toContain('allowScripts');
  });

  it('names the CUDA libraries that do not load, with the loader message, and LD_LIBRARY_PATH', () => {
    const a = checkProviderAvailability(
      'cuda',
      fakeDeps({
        files: PROVIDER_FILES,
        loadable: ['libcuda.so.1', 'libcudart.so.13', 'libcublas.so.13', 'libcurand.so.10'],
      }),
    );
    expect(a.missing).toEqual(['libcublasLt.so.13', 'libcudnn.so.9']);
    expect(a.evidence).toEqual([
      'libcublasLt.so.13: libcublasLt.so.13: cannot open shared object file: No such file or directory',
      'libcudnn.so.9: libcudnn.so.9: cannot open shared object file: No such file or directory',
    ]);
    expect(a.hint).toContain('LD_LIBRARY_PATH');
    expect(a.hint).not.toContain('npm ci');
  });

  it('checks the libraries the installed provider actually links against (DT_NEEDED)', () => {
    const deps = fakeDeps({
      files: PROVIDER_FILES,
      loadable: ['libcuda.so.1', 'libcudart.so.12'],
      needed: {
        'libonnxruntime_providers_cuda.so': [
          'libc.so.6',
          'libcudart.so.12',
          'libcufft.so.11',
          'libstdc++.so.6',
        ],
      },
    });
    const a = checkProviderAvailability('cuda', deps);
    expect(a.missing).toEqual(['libcufft.so.11', 'libcudnn.so.9']);
    expect(deps.loaded).toEqual(['libcuda.so.1', 'libcudart.so.12', 'libcufft.so.11', 'libcudnn.so.9']);
  });

  // Issue 12, point 4: the 1.29.0 CUDA provider opens cuDNN with dlopen when the session is created,
  // so cuDNN is not in its DT_NEEDED list; a check of DT_NEEDED alone passes without cuDNN.
  it('a missing cuDNN is named although the provider does not link it (one line)', () => {
    const needed = ['libcuda.so.1', 'libcudart.so.13', 'libcublas.so.13', 'libcublasLt.so.13', 'libc.so.6'];
    const deps = fakeDeps({
      files: PROVIDER_FILES,
      loadable: CUDA13.filter((l) => l !== 'libcudnn.so.9'),
      needed: { 'libonnxruntime_providers_cuda.so': needed },
    });
    const a = checkProviderAvailability('cuda', deps);
    expect(a.available).toBe(false);
    expect(a.missing).toEqual(['libcudnn.so.9']);
    const line = describeUnavailable(a);
    expect(line).not.toContain('\n');
    expect(line).toMatch(
      /^execution provider "cuda" is not available: missing libcudnn\.so\.9; fix: .*cuDNN 9/,
    );
    // The driver library is listed in DT_NEEDED too, but loaded (and reported) once.
    expect(deps.loaded.filter((l) => l === 'libcuda.so.1')).toHaveLength(1);
  });

  it('a driver older than CUDA 13 is named with both versions (one line)', () => {
    const deps = fakeDeps({ files: PROVIDER_FILES, loadable: CUDA13, driverCuda: 12040 });
    const a = checkProviderAvailability('cuda', deps);
    expect(a.available).toBe(false);
    expect(a.missing).toEqual(['driver support for CUDA 13.0 (the driver supports CUDA 12.4)']);
    const line = describeUnavailable(a);
    expect(line).not.toContain('\n');
    expect(line).toContain('R580');
    expect(a.evidence[0]).toMatch(/cuDriverGetVersion = 12040 .*onnxruntime-node 1\.29\.0 needs CUDA 13\.0/);
    // 13.0 and newer pass; an unreadable version is evidence, not a failure.
    expect(
      checkProviderAvailability(
        'cuda',
        fakeDeps({ files: PROVIDER_FILES, loadable: CUDA13, driverCuda: 13010 }),
      ).available,
    ).toBe(true);
    const unknown = checkProviderAvailability(
      'cuda',
      fakeDeps({ files: PROVIDER_FILES, loadable: CUDA13, driverCuda: 'no symbol' }),
    );
    expect(unknown).toMatchObject({
      available: true,
      evidence: ['libcuda.so.1: driver CUDA version unknown: no symbol'],
    });
  });

  it('without the provider library it checks the CUDA 13 defaults, curand included', () => {
    const deps = fakeDeps({ loadable: CUDA13 });
    checkProviderAvailability('cuda', deps);
    expect(deps.loaded).toEqual(CUDA13);
  });

  it('tensorrt also needs its provider file and TensorRT', () => {
    const a = checkProviderAvailability('tensorrt', fakeDeps({ files: PROVIDER_FILES, loadable: CUDA13 }));
    expect(a.missing).toEqual([
      'libonnxruntime_providers_tensorrt.so',
      'libnvinfer.so.10',
      'libnvonnxparser.so.10',
    ]);
  });

  it('a backend onnxruntime-node does not list is unavailable', () => {
    const deps = { ...fakeDeps({}), listSupportedBackends: () => [{ name: 'cpu', bundled: true }] };
    const a = checkProviderAvailability('webgpu', deps);
    expect(a).toMatchObject({ available: false, missing: ['onnxruntime-node backend "webgpu"'] });
    expect(checkProviderAvailability('cpu', deps).available).toBe(true);
  });
});

describe('resolveExecutionProviders', () => {
  it('uses the requested chain when the first provider is available', () => {
    const deps = fakeDeps({ files: PROVIDER_FILES, loadable: CUDA13 });
    const r = resolveExecutionProviders(
      parseExecutionProviders('cuda:1,cpu'),
      { allowFallback: false },
      deps,
    );
    expect(r).toMatchObject({
      use: [{ name: 'cuda', deviceId: 1 }, { name: 'cpu' }],
      actual: 'cuda',
      fallback: false,
    });
    expect(toSessionExecutionProviders(r.use)).toEqual([{ name: 'cuda', deviceId: 1 }, 'cpu']);
    expect(r.fallbackReason).toBeUndefined();
  });

  it('without allowFallback an unavailable first provider is a one-line UsageError naming what is missing', () => {
    const deps = fakeDeps({ loadable: ['libcuda.so.1'] });
    let err: unknown;
    try {
      resolveExecutionProviders(parseExecutionProviders('cuda,cpu'), { allowFallback: false }, deps);
    } catch (e) {
      err = e;
    }
    expect(isUsageError(err)).toBe(true);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    expect(msg).toMatch(
      /^--ep: execution provider "cuda" is not available: missing libonnxruntime_providers_shared.so, /,
    );
    expect(msg).toContain('libcudnn.so.9');
    expect(msg).toContain(INSTALL_COMMAND);
  });

  it('with allowFallback it falls back and says why', () => {
    const deps = fakeDeps({});
    const r = resolveExecutionProviders(
      parseExecutionProviders('tensorrt,cuda,cpu'),
      { allowFallback: true },
      deps,
    );
    expect(r).toMatchObject({ use: [{ name: 'cpu' }], actual: 'cpu', fallback: true });
    expect(r.fallbackReason).toMatch(
      /^execution provider "tensorrt" is not available: .* \| execution provider "cuda"/,
    );
    // CPU is the last resort even when not requested.
    const w = resolveExecutionProviders(parseExecutionProviders('cuda'), { allowFallback: true }, deps);
    expect(w).toMatchObject({ use: [{ name: 'cpu' }], actual: 'cpu', fallback: true });
  });

  it('maps to onnxruntime-node session option shapes', () => {
    expect(
      toSessionExecutionProviders([
        { name: 'tensorrt', deviceId: 0 },
        { name: 'cuda', deviceId: 2 },
        { name: 'cuda' },
        { name: 'webgpu' },
        { name: 'cpu' },
      ]),
    ).toEqual([
      { name: 'tensorrt', deviceId: 0 },
      { name: 'cuda', deviceId: 2 },
      { name: 'cuda' },
      'webgpu',
      'cpu',
    ]);
  });
});

describe('the real dependencies on this machine (onnxruntime-node 1.29.0, no GPU)', () => {
  it('cpu is available; cuda is not, with a clear message', () => {
    const deps = defaultProviderDeps();
    expect(deps.listSupportedBackends().map((b) => b.name)).toContain('cpu');
    expect(deps.bindingDir()).toMatch(/onnxruntime-node\/bin\/napi-v6\/linux\/x64$/);
    expect(checkProviderAvailability('cpu', deps).available).toBe(true);
    const cuda = checkProviderAvailability('cuda', deps);
    expect(cuda.available).toBe(false);
    // No provider files here (package.json "allowScripts" denies the download) and no driver.
    expect(cuda.missing).toContain('libonnxruntime_providers_cuda.so');
    expect(cuda.hint).toContain(INSTALL_COMMAND);
    const r = resolveExecutionProviders(parseExecutionProviders('cuda:0,cpu'), { allowFallback: true }, deps);
    expect(r).toMatchObject({ use: [{ name: 'cpu' }], actual: 'cpu', fallback: true });
    expect(() =>
      resolveExecutionProviders(parseExecutionProviders('cuda'), { allowFallback: false }, deps),
    ).toThrow(
      /^--ep: execution provider "cuda" is not available: missing .*libonnxruntime_providers_cuda.so/,
    );
  });
});

describe('readCudaDriverVersion (koffi, a fake libcuda.so.1 compiled from the driver API prototype)', () => {
  it('reads cuDriverGetVersion, and says why when the library or symbol is missing', () => {
    const dir = tempDir('fake-libcuda-');
    const lib = join(dir, 'libcuda.so.1');
    execFileSync('gcc', [
      '-shared',
      '-fPIC',
      '-DCUDA_VERSION_VALUE=12040',
      '-o',
      lib,
      join(FIXTURES, 'fake_libcuda.c'),
    ]);
    expect(readCudaDriverVersion(lib)).toBe(12040);
    expect(readCudaDriverVersion(join(dir, 'missing.so'))).toMatch(/missing\.so/);
  });
});

describe('readElfNeeded', () => {
  it('reads the DT_NEEDED sonames of a shared library built with gcc', () => {
    const dir = tempDir('elf-');
    writeFileSync(join(dir, 'dep.c'), 'int dep(void) { return 1; }\n');
    writeFileSync(join(dir, 'main.c'), 'int dep(void);\nint f(void) { return dep(); }\n');
    execFileSync('gcc', [
      '-shared',
      '-fPIC',
      '-Wl,-soname,libdepx.so.13',
      '-o',
      join(dir, 'libdepx.so'),
      join(dir, 'dep.c'),
    ]);
    execFileSync('gcc', [
      '-shared',
      '-fPIC',
      '-o',
      join(dir, 'libmain.so'),
      join(dir, 'main.c'),
      `-L${dir}`,
      '-ldepx',
    ]);
    expect(readElfNeeded(join(dir, 'libmain.so'))).toContain('libdepx.so.13');
    expect(readElfNeeded(join(dir, 'main.c'))).toBeNull();
    expect(readElfNeeded(join(dir, 'nope.so'))).toBeNull();
  });
});
