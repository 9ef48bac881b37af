import { beforeAll, describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { NVML_LIBRARY_ENV, nvmlLibraryPath, openNvml } from '../../src/gpu/nvml.js';
import { GpuDeviceInfo, GpuSample } from '../../src/gpu/schema.js';
import { isGpuUnavailable, openGpuTelemetry } from '../../src/gpu/telemetry.js';
import { DEVICE_LINE, GIB, MIB, buildFakeNvml, sampleLine, tempDir, useNvmlScript } from './helpers.js';

let lib: string;
let legacyLib: string;
beforeAll(() => {
  lib = buildFakeNvml();
  legacyLib = buildFakeNvml({ legacy: true });
});

describe('NVML through koffi (fake libnvidia-ml)', () => {
  it('reads device facts: name, UUID, driver, CUDA version, memory, max clock, power limit, MIG, ECC', () => {
    useNvmlScript(['driver 575.57.08', 'cuda 12090', DEVICE_LINE, sampleLine({ used: GIB })]);
    const nvml = openNvml({ library: lib });
    try {
      const [d] = nvml.devices();
      expect(d).toEqual({
        index: 0,
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
      expect(s).toMatchObject({ memoryUsedBytes: 3 * GIB, clockEventReasons: 0x4 });
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
