import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { NVML_LIBRARY_ENV, nvmlLibraryPath, openNvml } from '../../src/gpu/nvml.js';
import { GpuDeviceInfo, GpuSample } from '../../src/gpu/schema.js';
import { isGpuUnavailable, openGpuTelemetry } from '../../src/gpu/telemetry.js';
import {
  DEVICE_LINE,
  GIB,
  MIB,
  buildFakeNvml,
  removeTempDirs,
  sampleLine,
  tempDir,
  useNvmlScript,
} from './helpers.js';

let lib: string;
let legacyLib: string;
let noDeprecatedLib: string;
beforeAll(() => {
  lib = buildFakeNvml();
  legacyLib = buildFakeNvml({ legacy: true });
  noDeprecatedLib = buildFakeNvml({ define: 'DROP_DEPRECATED' });
});
afterAll(removeTempDirs);

describe('NVML through koffi (fake libnvidia-ml)', () => {
  it('reads device facts: name, UUID, driver, CUDA version, memory, max clock, power limit, MIG, ECC', () => {
    useNvmlScript(['driver 575.57.08', 'cuda 12090', DEVICE_LINE, sampleLine({ used: GIB })]);
    const nvml = openNvml({ library: lib });
    try {
      const [d] = nvml.devices();
      expect(d).toEqual({
        index: 0,
        pciBusId: '00000000:10:00.0',
        name: 'NVIDIA H100 80GB HBM3',
        uuid: 'GPU-5d3e8b1a-2f4c-4e6b-9a7d-1c2b3a4d5e6f',
        driverVersion: '575.57.08',
        cudaDriverVersion: '12.9',
        memoryTotalBytes: 85520809984,
        maxSmClockMhz: 1980,
        powerLimitWatts: 700,
        migEnabled: false,
        eccEnabled: true,
      });
      expect(Value.Check(GpuDeviceInfo, d)).toBe(true);
    } finally {
      nvml.close();
    }
  });

  it('samples the scripted sequence (memory_v2 with the right version, throttle at sample 3, processes)', () => {
    const pid = process.pid;
    useNvmlScript([
      DEVICE_LINE,
      sampleLine({ used: 1 * GIB, procs: 'none' }),
      sampleLine({ used: 3 * GIB, procs: `self:${2 * GIB}` }),
      sampleLine({
        used: 5 * GIB,
        procs: `self:${4 * GIB},777:${512 * MIB}`,
        reasons: 0x20,
        sm: 1410,
        temp: 88,
      }),
      sampleLine({ used: 2 * GIB, procs: 'self:na', power: 123456 }),
      sampleLine({ used: 2 * GIB, procs: 'fail' }),
    ]);
    const nvml = openNvml({ library: lib });
    try {
      nvml.devices(); // device-info reads do not consume samples
      const s = Array.from({ length: 6 }, () => nvml.sample(0));
      for (const x of s) expect(Value.Check(GpuSample, x)).toBe(true);
      expect(s.map((x) => x.memoryUsedBytes)).toEqual([1, 3, 5, 2, 2, 2].map((g) => g * GIB));
      expect(s[0]?.processes).toEqual([]);
      expect(s[1]?.processes).toEqual([{ pid, usedBytes: 2 * GIB }]);
      expect(s[2]?.processes).toEqual([
        { pid, usedBytes: 4 * GIB },
        { pid: 777, usedBytes: 512 * MIB },
      ]);
      expect(s[2]).toMatchObject({
        clockEventReasons: 0x20,
        smClockMhz: 1410,
        temperatureC: 88,
        maxSmClockMhz: 1980,
      });
      expect(s[3]?.processes).toEqual([{ pid, usedBytes: null }]);
      expect(s[3]?.powerWatts).toBeCloseTo(123.456);
      expect(s[4]?.processes).toBeNull();
      expect(s[0]).toMatchObject({ utilizationGpuPercent: 95, memClockMhz: 2619, powerLimitWatts: 700 });
      expect(() => nvml.processes(0)).toThrow(/ComputeRunningProcesses/);
    } finally {
      nvml.close();
    }
  });

  it('falls back to the older calls on an older driver (no _v2 memory, ThrottleReasons, processes _v2)', () => {
    useNvmlScript([DEVICE_LINE, sampleLine({ used: 3 * GIB, reasons: 0x4, procs: `self:${GIB}` })]);
    const nvml = openNvml({ library: legacyLib });
    try {
      const s = nvml.sample(0);
      // v1 `used` is reserved + allocated (nvml.h); the fake reserves 512 MiB.
      expect(s).toMatchObject({ memoryUsedBytes: 3 * GIB + 512 * MIB, clockEventReasons: 0x4 });
      expect(s.processes).toEqual([{ pid: process.pid, usedBytes: GIB }]);
    } finally {
      nvml.close();
    }
  });

  it('takes the library from the option, then $PERF_GATE_NVML_LIBRARY, then libnvidia-ml.so.1', () => {
    expect(nvmlLibraryPath({ library: '/x.so', env: { [NVML_LIBRARY_ENV]: '/y.so' } })).toBe('/x.so');
    expect(nvmlLibraryPath({ env: { [NVML_LIBRARY_ENV]: '/y.so' } })).toBe('/y.so');
    expect(nvmlLibraryPath({ env: {} })).toBe('libnvidia-ml.so.1');
    useNvmlScript([DEVICE_LINE, sampleLine({ used: GIB })]);
    const src = openGpuTelemetry({ env: { ...process.env, [NVML_LIBRARY_ENV]: lib } });
    expect(isGpuUnavailable(src)).toBe(false);
    if (!isGpuUnavailable(src)) {
      expect(src.kind).toBe('nvml');
      src.close();
    }
  });

  it('reports a library that cannot be loaded, and an init failure, with the path and reason', () => {
    expect(() => openNvml({ library: '/nonexistent/libnvidia-ml.so.1' })).toThrow(
      /^cannot load \/nonexistent\/libnvidia-ml.so.1: .+/,
    );
    process.env.FAKE_NVML_SCRIPT = `${tempDir()}/missing-script.txt`;
    expect(() => openNvml({ library: lib })).toThrow(
      /nvmlInit_v2 failed: Unknown Error \(nvmlReturn_t 999\)/,
    );
  });
});

const GPU_A = 'GPU-aaaaaaaa-0000-4000-8000-000000000001';
const GPU_B = 'GPU-bbbbbbbb-0000-4000-8000-000000000002';
const GPU_C = 'GPU-cccccccc-0000-4000-8000-000000000003';
const MIG_1 = 'MIG-11111111-0000-4000-8000-00000000000a';
const MIG_2 = 'MIG-22222222-0000-4000-8000-00000000000b';

describe('NVML as a real driver behaves (issue 12, points 2, 3, 8)', () => {
  it('numbers GPUs in PCI order whatever the order they were installed in, and finds them by UUID', () => {
    useNvmlScript([
      `device pci=00000000:B1:00.0 name=NVIDIA_L4 uuid=${GPU_C} total=${24 * GIB}`,
      `device pci=00000000:3B:00.0 name=NVIDIA_L4 uuid=${GPU_B} total=${24 * GIB}`,
      `device pci=00000000:18:00.0 name=NVIDIA_L4 uuid=${GPU_A} total=${24 * GIB}`,
      `sample dev=${GPU_B} used=${5 * GIB} procs=none`,
      `sample dev=${GPU_C} used=${9 * GIB} procs=none`,
    ]);
    const nvml = openNvml({ library: lib });
    try {
      expect(nvml.devices().map((d) => [d.index, d.uuid, d.pciBusId])).toEqual([
        [0, GPU_A, '00000000:18:00.0'],
        [1, GPU_B, '00000000:3B:00.0'],
        [2, GPU_C, '00000000:B1:00.0'],
      ]);
      expect(nvml.sample(GPU_B).memoryUsedBytes).toBe(5 * GIB);
      expect(nvml.sample(GPU_C).memoryUsedBytes).toBe(9 * GIB);
      expect(nvml.sample(2).memoryUsedBytes).toBe(9 * GIB);
      expect(() => nvml.sample('GPU-ffffffff-0000-4000-8000-00000000ffff')).toThrow(/Not Found/);
    } finally {
      nvml.close();
    }
  });

  it('samples a MIG device through its own handle: its memory and processes; utilisation unknown; clocks from its GPU', () => {
    useNvmlScript([
      `device pci=00000000:07:00.0 name=NVIDIA_A100-SXM4-40GB uuid=${GPU_A} total=${40 * GIB} maxsm=1410 mig=1`,
      `mig parent=${GPU_A} uuid=${MIG_1} gi=1 ci=0 total=${20 * GIB}`,
      `mig parent=${GPU_A} uuid=${MIG_2} gi=2 ci=0 total=${20 * GIB}`,
      `sample dev=${GPU_A} used=${30 * GIB} util=80 sm=1410 temp=61 power=250000 procs=none`,
      `sample dev=${MIG_2} used=${3 * GIB} procs=self:${3 * GIB}`,
      `sample dev=${MIG_1} used=${12 * GIB} procs=4242:${12 * GIB}`,
    ]);
    const nvml = openNvml({ library: lib });
    try {
      const [gpu] = nvml.topology();
      expect(gpu?.migEnabled).toBe(true);
      expect(gpu?.migDevices).toEqual([
        { uuid: MIG_1, gpuInstanceId: 1, computeInstanceId: 0, memoryTotalBytes: 20 * GIB },
        { uuid: MIG_2, gpuInstanceId: 2, computeInstanceId: 0, memoryTotalBytes: 20 * GIB },
      ]);
      expect(nvml.deviceInfo(MIG_2)).toMatchObject({
        uuid: MIG_2,
        migParentUuid: GPU_A,
        memoryTotalBytes: 20 * GIB,
      });
      const s = nvml.sample(MIG_2);
      expect(s).toMatchObject({
        memoryUsedBytes: 3 * GIB,
        memoryTotalBytes: 20 * GIB,
        utilizationGpuPercent: null,
        smClockMhz: 1410,
        temperatureC: 61,
        powerWatts: 250,
      });
      expect(s.processes).toEqual([{ pid: process.pid, usedBytes: 3 * GIB }]);
      // The parent's list needs privileges a runner rarely has.
      expect(nvml.sample(0).processes).toBeNull();
    } finally {
      nvml.close();
    }
  });

  it('reads the temperature through nvmlDeviceGetTemperatureV when the deprecated call is gone', () => {
    useNvmlScript([DEVICE_LINE, sampleLine({ used: GIB, temp: 71 })]);
    const nvml = openNvml({ library: noDeprecatedLib });
    try {
      expect(nvml.sample(0).temperatureC).toBe(71);
    } finally {
      nvml.close();
    }
  });

  it('v2 reports allocated memory, v1 allocated + reserved; the device-minus-idle peak is the same with both', () => {
    const script = [DEVICE_LINE, sampleLine({ used: 1 * GIB }), sampleLine({ used: 4 * GIB })];
    const peak = (library: string) => {
      useNvmlScript(script);
      const nvml = openNvml({ library });
      try {
        const [idle, busy] = [nvml.sample(0), nvml.sample(0)];
        return { idle: idle.memoryUsedBytes!, growth: busy.memoryUsedBytes! - idle.memoryUsedBytes! };
      } finally {
        nvml.close();
      }
    };
    const v2 = peak(lib);
    const v1 = peak(legacyLib);
    expect(v2.idle).toBe(1 * GIB);
    expect(v1.idle).toBe(1 * GIB + 512 * MIB);
    expect(v1.growth).toBe(3 * GIB);
    expect(v2.growth).toBe(3 * GIB);
  });

  it('init and shutdown are reference-counted: closing one source leaves another working', () => {
    useNvmlScript([DEVICE_LINE, sampleLine({ used: 2 * GIB })]);
    const a = openNvml({ library: lib });
    const b = openNvml({ library: lib });
    a.close();
    a.close(); // twice: still one shutdown
    expect(b.sample(0).memoryUsedBytes).toBe(2 * GIB);
    b.close();
  });

  it('reads a process list that needs the second call (NVML_ERROR_INSUFFICIENT_SIZE first), host PIDs as reported', () => {
    useNvmlScript([
      'pidns 100000',
      DEVICE_LINE,
      sampleLine({ used: 6 * GIB, procs: `self:${2 * GIB},31337:${GIB},4242:na` }),
    ]);
    const nvml = openNvml({ library: lib });
    try {
      // In a PID namespace the driver lists the host pid: ours is not process.pid.
      expect(nvml.sample(0).processes).toEqual([
        { pid: process.pid + 100000, usedBytes: 2 * GIB },
        { pid: 31337, usedBytes: GIB },
        { pid: 4242, usedBytes: null },
      ]);
    } finally {
      nvml.close();
    }
  });

  it('reports the CUDA version the driver supports as "13.0"', () => {
    useNvmlScript(['cuda 13000', DEVICE_LINE, sampleLine({ used: GIB })]);
    const nvml = openNvml({ library: lib });
    try {
      expect(nvml.devices()[0]?.cudaDriverVersion).toBe('13.0');
    } finally {
      nvml.close();
    }
  });
});
