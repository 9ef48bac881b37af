import { beforeAll, describe, expect, it } from 'vitest';
import { startGpuMonitor, type GpuResultTarget } from '../../src/gpu/monitor.js';
import { DEVICE_LINE, GIB, buildFakeNvml, sampleLine, tempDir, useNvmlScript } from './helpers.js';

let lib: string;
beforeAll(() => {
  lib = buildFakeNvml();
});

describe('startGpuMonitor (glue for src/core/bench.ts)', () => {
  it('fingerprints, measures idle memory, samples the window and fills the result', async () => {
    useNvmlScript([
      DEVICE_LINE,
      sampleLine({ used: 1 * GIB, procs: 'none' }),
      sampleLine({ used: 3 * GIB, procs: `self:${2 * GIB}`, reasons: 0x4 }),
    ]);
    const monitor = startGpuMonitor({ intervalMs: 10, nvmlLibrary: lib });
    expect(monitor.fingerprint).toMatchObject({
      model: 'NVIDIA H100 80GB HBM3',
    });
    await monitor.beforeSession();
    await monitor.observer.start();
    await new Promise((r) => setTimeout(r, 100));
    const summary = await monitor.observer.stop();
    expect(summary?.peakMemory).toMatchObject({
      method: 'per-process',
      bytes: 2 * GIB,
      idleUsedBytes: 1 * GIB,
    });
    const result: GpuResultTarget = { memory: {}, health: { reliable: true, reasons: [] } };
    monitor.applyTo(result);
    expect(result.memory.peakGpuBytes).toBe(2 * GIB);
    expect(result.memory.gpuMethod).toMatch(/^per-process: /);
    expect(result.health.reliable).toBe(false);
    expect(result.health.reasons[0]).toMatch(/SwPowerCap/);
    expect(result.gpu).toBe(summary);
  });

  it('does nothing (and logs why) without GPU telemetry', async () => {
    const old = process.env.PATH;
    process.env.PATH = tempDir('empty-path-');
    try {
      const lines: string[] = [];
      const monitor = startGpuMonitor({
        nvmlLibrary: '/nonexistent/libnvidia-ml.so.1',
        log: (l) => lines.push(l),
      });
      expect(monitor.fingerprint).toBeUndefined();
      await monitor.beforeSession();
      await monitor.observer.start();
      expect(await monitor.observer.stop()).toBeUndefined();
      const result: GpuResultTarget = { memory: {}, health: { reliable: true, reasons: [] } };
      monitor.applyTo(result);
      expect(result).toEqual({ memory: {}, health: { reliable: true, reasons: [] } });
      expect(lines[0]).toMatch(/^GPU telemetry unavailable: no GPU telemetry: NVML: cannot load/);
    } finally {
      process.env.PATH = old;
    }
  });
});
