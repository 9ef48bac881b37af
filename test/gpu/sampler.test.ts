import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNvml } from '../../src/gpu/nvml.js';
import { Value } from '@sinclair/typebox/value';
import { measureIdleMemory, startGpuSampler, type GpuSampler } from '../../src/gpu/sampler.js';
import { GpuTelemetrySummary } from '../../src/gpu/schema.js';
import { isGpuUnavailable } from '../../src/gpu/telemetry.js';
import {
  DEVICE_LINE,
  GIB,
  MIB,
  buildFakeNvml,
  installFakeSmi,
  removeTempDirs,
  sampleLine,
  tempDir,
  useNvmlScript,
  waitUntil,
} from './helpers.js';

let lib: string;
beforeAll(() => {
  lib = buildFakeNvml();
});
afterAll(removeTempDirs);

/**
 * Waits until the worker has sampled the fake up to its last script line: `holder` keeps the fake
 * driver loaded and reads the device's memory, which moves one line per sample the worker takes.
 */
async function untilLastLine(holder: ReturnType<typeof openNvml>, lastUsed: number): Promise<boolean> {
  return waitUntil(() => holder.memoryUsed(0) === lastUsed);
}

function assertSampler(x: GpuSampler | { unavailable: string }): GpuSampler {
  if (isGpuUnavailable(x)) throw new Error(x.unavailable);
  return x;
}

describe('GPU sampler on a worker thread (fake libnvidia-ml through koffi)', () => {
  it('measures idle memory, samples while "running", and summarises: per-process peak, throttle, other process', async () => {
    // Memory rises then falls; a thermal throttle at the 5th sample; a second process at the 6th.
    useNvmlScript([
      DEVICE_LINE,
      sampleLine({ used: 1 * GIB, util: 0, procs: 'none' }),
      sampleLine({ used: 2 * GIB, procs: `self:${1 * GIB}` }),
      sampleLine({ used: 4 * GIB, procs: `self:${3 * GIB}` }),
      sampleLine({ used: 6 * GIB, procs: `self:${5 * GIB}` }),
      sampleLine({ used: 5 * GIB, procs: `self:${4 * GIB}`, reasons: 0x40, sm: 990 }),
      sampleLine({ used: 7 * GIB, procs: `self:${4 * GIB},31337:${2 * GIB}` }),
      sampleLine({ used: 3 * GIB, procs: `self:${2 * GIB}` }),
    ]);
    const holder = openNvml({ library: lib });
    const idle = await measureIdleMemory({ nvmlLibrary: lib, readings: 1 });
    if (isGpuUnavailable(idle)) throw new Error(idle.unavailable);
    expect(idle).toEqual({ kind: 'nvml', usedBytes: 1 * GIB });

    const sampler = assertSampler(
      await startGpuSampler({ intervalMs: 10, nvmlLibrary: lib, idleUsedBytes: idle.usedBytes }),
    );
    expect(sampler.kind).toBe('nvml');
    expect(sampler.device.name).toBe('NVIDIA H100 80GB HBM3');
    expect(await untilLastLine(holder, 3 * GIB)).toBe(true);
    const summary = await sampler.stop();
    holder.close();

    expect(Value.Check(GpuTelemetrySummary, summary)).toBe(true);
    expect(summary.sampleCount).toBeGreaterThanOrEqual(7);
    expect(
      sampler
        .samples()
        .slice(0, 7)
        .map((s) => s.memoryUsedBytes),
    ).toEqual([1, 2, 4, 6, 5, 7, 3].map((g) => g * GIB));
    expect(summary.source).toBe('nvml');
    expect(summary.pid).toBe(process.pid);
    expect(summary.peakMemory).toMatchObject({
      method: 'per-process',
      bytes: 5 * GIB,
      idleUsedBytes: 1 * GIB,
      deviceUsedPeakBytes: 7 * GIB,
    });
    expect(summary.health.reliable).toBe(false);
    expect(summary.health.throttling.map((t) => t.reason)).toEqual(['HwThermalSlowdown']);
    expect(summary.health.otherProcesses).toEqual([31337]);
    expect(summary.health.reasons.join('\n')).toMatch(/HwThermalSlowdown/);
    expect(summary.health.reasons.join('\n')).toMatch(/SM clock below 90% of max/);
    expect(summary.temperatureC.max).toBe(60);
    expect(summary.timeline.length).toBe(summary.sampleCount);
    expect(sampler.errors().count).toBe(0);
  });

  it('uses device used minus idle when the driver does not list our pid', async () => {
    useNvmlScript([
      DEVICE_LINE,
      sampleLine({ used: 2 * GIB, procs: `4242:${GIB}` }),
      sampleLine({ used: 3 * GIB + 256 * MIB, procs: `4242:${GIB}` }),
      sampleLine({ used: 2 * GIB, procs: `4242:${GIB}` }),
    ]);
    // A pid the driver does not list (what the old code assumed in a container).
    const holder = openNvml({ library: lib });
    const sampler = assertSampler(
      await startGpuSampler({ intervalMs: 10, nvmlLibrary: lib, idleUsedBytes: 2 * GIB, pid: 77 }),
    );
    expect(await untilLastLine(holder, 2 * GIB)).toBe(true);
    const summary = await sampler.stop();
    holder.close();
    expect(summary.peakMemory).toMatchObject({ method: 'device-minus-idle', bytes: 1 * GIB + 256 * MIB });
    expect(summary.peakMemory.reason).toMatch(/pid 77 is not in the driver's process list/);
  });

  it('falls back to a streaming nvidia-smi when NVML cannot be loaded', async () => {
    const { env } = installFakeSmi();
    const old = process.env.PATH;
    process.env.PATH = env.PATH; // the worker's nvidia-smi lookup
    process.env.FAKE_SMI_DIR = env.FAKE_SMI_DIR;
    try {
      const sampler = assertSampler(
        await startGpuSampler({
          intervalMs: 20,
          nvmlLibrary: '/nonexistent/libnvidia-ml.so.1',
          idleUsedBytes: 0,
        }),
      );
      expect(sampler.kind).toBe('nvidia-smi');
      // Wait until the fake has streamed every fixture row of GPU 0 (and one more).
      const streamed = join(env.FAKE_SMI_DIR!, 'streamed');
      expect(await waitUntil(() => existsSync(streamed) && Number(readFileSync(streamed, 'utf8')) >= 5)).toBe(
        true,
      );
      const summary = await sampler.stop();
      expect(summary.source).toBe('nvidia-smi');
      // The fixture lists only pid 4242 on GPU 0: not us -> device-level method, other process flagged.
      expect(summary.peakMemory.method).toBe('device-minus-idle');
      expect(summary.peakMemory.bytes).toBe(4619 * MIB);
      expect(summary.health.otherProcesses).toEqual([4242]);
      expect(summary.health.throttling.map((t) => t.reason)).toEqual(['SwThermalSlowdown', 'SwPowerCap']);
    } finally {
      process.env.PATH = old;
    }
  });

  it('resolves { unavailable } without a GPU, so a CPU-only run continues', async () => {
    const old = process.env.PATH;
    process.env.PATH = tempDir('empty-path-');
    try {
      const r = await startGpuSampler({ nvmlLibrary: '/nonexistent/libnvidia-ml.so.1' });
      expect(isGpuUnavailable(r)).toBe(true);
      if (isGpuUnavailable(r))
        expect(r.unavailable).toMatch(/^no GPU telemetry: NVML: cannot load .*nvidia-smi not found/);
      const idle = await measureIdleMemory({ nvmlLibrary: '/nonexistent/libnvidia-ml.so.1' });
      expect(isGpuUnavailable(idle)).toBe(true);
    } finally {
      process.env.PATH = old;
    }
  });

  it('keeps sampling while the main thread is busy (it samples on a worker thread)', async () => {
    useNvmlScript([
      DEVICE_LINE,
      ...[1, 2, 3, 4, 5, 6].map((g) => sampleLine({ used: g * GIB, procs: `self:${GIB}` })),
    ]);
    const holder = openNvml({ library: lib });
    const sampler = assertSampler(
      await startGpuSampler({ intervalMs: 10, nvmlLibrary: lib, idleUsedBytes: 0 }),
    );
    // The main thread is blocked, as it is inside session.run; the fake's device moves on only if
    // the worker keeps sampling meanwhile. No time limit is asserted, only that it happened.
    const from = Date.now();
    let reached = false;
    while (!reached && Date.now() - from < 60_000) reached = holder.memoryUsed(0) === 6 * GIB;
    await sampler.stop();
    holder.close();
    expect(reached).toBe(true);
  });

  it('rejects a bad interval with a UsageError naming the value', () => {
    expect(() => startGpuSampler({ intervalMs: 0 })).toThrow(/gpu sample interval: .* got "0"/);
  });
});
