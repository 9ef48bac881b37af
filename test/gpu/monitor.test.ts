import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGpuMonitor, type GpuMonitor, type GpuResultTarget } from '../../src/gpu/monitor.js';
import { openNvml } from '../../src/gpu/nvml.js';
import type { GpuTelemetrySummary } from '../../src/gpu/schema.js';
import {
  DEVICE_LINE,
  GIB,
  buildFakeNvml,
  removeTempDirs,
  sampleLine,
  tempDir,
  useNvmlScript,
} from './helpers.js';

let lib: string;
beforeAll(() => {
  lib = buildFakeNvml();
});
afterAll(removeTempDirs);

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

const GPU_A = 'GPU-aaaaaaaa-0000-4000-8000-000000000001';
const GPU_B = 'GPU-bbbbbbbb-0000-4000-8000-000000000002';
const GPU_C = 'GPU-cccccccc-0000-4000-8000-000000000003';
const MIG_1 = 'MIG-11111111-0000-4000-8000-00000000000a';
const MIG_2 = 'MIG-22222222-0000-4000-8000-00000000000b';

/**
 * Runs the monitor the way src/core/bench.ts does, with the fake driver's clock moved between the
 * steps: line 1 of every device is "before the session", line 2 "session created", later lines are
 * the timed window. `holder` keeps the driver loaded (NVML is reference-counted) and moves the
 * clock: each utilisation query on a device is a tick, and the first tick stays on line 1.
 */
async function runMonitor(
  script: string[],
  options: { env?: NodeJS.ProcessEnv; cudaDeviceId?: number; ticks?: (string | number)[] },
): Promise<{ summary: GpuTelemetrySummary | undefined; monitor: GpuMonitor; log: string[] }> {
  useNvmlScript(script);
  const holder = openNvml({ library: lib });
  const log: string[] = [];
  try {
    const monitor = startGpuMonitor({
      intervalMs: 10,
      nvmlLibrary: lib,
      env: options.env ?? {},
      cudaDeviceId: options.cudaDeviceId ?? 0,
      log: (l) => log.push(l),
    });
    await monitor.beforeSession();
    // "The session is created": every device moves to line 2.
    for (const device of options.ticks ?? [0]) {
      holder.sample(device);
      holder.sample(device);
    }
    await monitor.afterSession();
    await monitor.observer.start();
    // No wait: start() resolves after the first sample, and the fake driver repeats its last line.
    const summary = await monitor.observer.stop();
    return { summary, monitor, log };
  } finally {
    holder.close();
  }
}

const dev = (uuid: string, pci: string) =>
  `device pci=${pci} name=NVIDIA_L4 uuid=${uuid} total=${24 * GIB} maxsm=2040 powerlimit=72000 mig=0 ecc=1`;
const line = (uuid: string, used: number, procs = 'none') =>
  `sample dev=${uuid} used=${used} util=90 sm=2040 mem=6251 temp=50 power=60000 reasons=0x0 procs=${procs}`;

describe('startGpuMonitor in a container (issue 12, point 1)', () => {
  it('recognises its own process by the pid that appeared with the session, not by PID equality', async () => {
    const { summary, monitor } = await runMonitor(
      [
        'pidns 100000', // the driver lists host pids: ours is process.pid + 100000
        dev(GPU_A, '00000000:18:00.0'),
        line(GPU_A, 1 * GIB),
        line(GPU_A, 3 * GIB, `self:${2 * GIB}`),
        line(GPU_A, 4 * GIB, `self:${3 * GIB}`),
      ],
      {},
    );
    expect(summary?.health.otherProcesses).toEqual([]);
    expect(summary?.health.reliable).toBe(true);
    expect(summary?.peakMemory).toMatchObject({ method: 'per-process', bytes: 3 * GIB });
    expect(monitor.ownProcess).toMatchObject({ pid: process.pid + 100000 });
    expect(summary?.ownProcess?.pid).toBe(process.pid + 100000);
  });

  it('still detects a real second process: one there before the session, and one that starts during the window', async () => {
    const { summary } = await runMonitor(
      [
        'pidns 100000',
        dev(GPU_A, '00000000:18:00.0'),
        line(GPU_A, 2 * GIB, `777:${GIB}`),
        line(GPU_A, 4 * GIB, `self:${2 * GIB},777:${GIB}`),
        line(GPU_A, 5 * GIB, `self:${2 * GIB},777:${GIB},888:${GIB}`),
      ],
      {},
    );
    expect(summary?.health.reliable).toBe(false);
    expect(summary?.health.otherProcesses).toEqual([777, 888]);
    expect(summary?.ownProcess?.pid).toBe(process.pid + 100000);
  });

  it('two processes that appear with the session: not counted as ours, and the run says it cannot tell', async () => {
    const { summary } = await runMonitor(
      [
        'pidns 100000',
        dev(GPU_A, '00000000:18:00.0'),
        line(GPU_A, 1 * GIB),
        line(GPU_A, 4 * GIB, `self:${2 * GIB},999:${GIB}`),
      ],
      {},
    );
    expect(summary?.ownProcess?.pid).toBeNull();
    expect(summary?.health.reliable).toBe(false);
    expect(summary?.health.reasons.join('\n')).toMatch(/appeared with the session/);
  });
});

describe('startGpuMonitor picks the GPU the session runs on (issue 12, points 2 and 3)', () => {
  // Three GPUs, listed out of PCI order on purpose; each shows different memory.
  const threeGpus = [
    dev(GPU_C, '00000000:B1:00.0'),
    dev(GPU_A, '00000000:18:00.0'),
    dev(GPU_B, '00000000:3B:00.0'),
    line(GPU_A, 1 * GIB),
    line(GPU_A, 1 * GIB),
    line(GPU_B, 2 * GIB),
    line(GPU_B, 2 * GIB, `self:${GIB}`),
    line(GPU_C, 3 * GIB),
    line(GPU_C, 3 * GIB),
  ];
  const cases: { name: string; env: NodeJS.ProcessEnv; uuid: string; index: number }[] = [
    {
      name: 'CUDA_VISIBLE_DEVICES=1 with PCI order',
      env: { CUDA_VISIBLE_DEVICES: '1', CUDA_DEVICE_ORDER: 'PCI_BUS_ID' },
      uuid: GPU_B,
      index: 1,
    },
    { name: 'CUDA_VISIBLE_DEVICES=<UUID>', env: { CUDA_VISIBLE_DEVICES: GPU_C }, uuid: GPU_C, index: 2 },
  ];
  it.each(cases)('$name samples that GPU', async ({ env, uuid, index }) => {
    const { summary, monitor } = await runMonitor(threeGpus, { env, ticks: [0, 1, 2] });
    expect(summary?.timeline[0]?.memoryUsedBytes).toBe((index + 1) * GIB);
    expect(summary?.deviceIndex).toBe(index);
    expect(summary?.deviceUuid).toBe(uuid);
    expect(monitor.deviceSelection).toContain(uuid);
  });

  it('CUDA_VISIBLE_DEVICES=1 in the default FASTEST_FIRST order: confirmed by where the session memory appeared', async () => {
    // CUDA put the session on GPU C although C is PCI index 2: only C's memory grows.
    const { summary, monitor, log } = await runMonitor(
      [
        dev(GPU_A, '00000000:18:00.0'),
        dev(GPU_B, '00000000:3B:00.0'),
        dev(GPU_C, '00000000:B1:00.0'),
        line(GPU_B, 2 * GIB),
        line(GPU_B, 2 * GIB),
        line(GPU_C, 3 * GIB),
        line(GPU_C, 4 * GIB, `self:${GIB}`),
      ],
      { env: { CUDA_VISIBLE_DEVICES: '1' }, ticks: [1, 2] },
    );
    expect(summary?.peakMemory).toMatchObject({ method: 'per-process', bytes: GIB, idleUsedBytes: 3 * GIB });
    expect({ uuid: summary?.deviceUuid, log }).toMatchObject({ uuid: GPU_C });
    expect(monitor.deviceSelection).toMatch(/FASTEST_FIRST.*appeared on GPU-cccccccc.*used instead/);
    expect(summary?.deviceSelection).toBe(monitor.deviceSelection);
    expect(monitor.fingerprint?.model).toBe('NVIDIA L4');
  });

  it('CUDA_VISIBLE_DEVICES=<MIG UUID> samples that MIG device: its memory and processes, utilisation unavailable with the reason', async () => {
    const { summary, monitor } = await runMonitor(
      [
        `device pci=00000000:07:00.0 name=NVIDIA_A100-SXM4-40GB uuid=${GPU_A} total=${40 * GIB} maxsm=1410 mig=1 ecc=1`,
        `mig parent=${GPU_A} uuid=${MIG_1} gi=1 ci=0 total=${20 * GIB}`,
        `mig parent=${GPU_A} uuid=${MIG_2} gi=2 ci=0 total=${20 * GIB}`,
        `sample dev=${GPU_A} used=${30 * GIB} util=80 sm=1410 temp=61 power=250000 procs=none`,
        `sample dev=${MIG_1} used=${12 * GIB} procs=4242:${12 * GIB}`,
        `sample dev=${MIG_2} used=${1 * GIB} procs=none`,
        `sample dev=${MIG_2} used=${3 * GIB} procs=self:${2 * GIB}`,
      ],
      { env: { CUDA_VISIBLE_DEVICES: MIG_2 }, ticks: [MIG_2] },
    );
    expect(summary?.deviceUuid).toBe(MIG_2);
    expect(summary?.mig).toBe(true);
    expect(monitor.fingerprint).toMatchObject({
      model: 'NVIDIA A100-SXM4-40GB',
      memoryTotalBytes: 20 * GIB,
      migEnabled: true,
    });
    expect(summary?.peakMemory).toMatchObject({
      method: 'per-process',
      bytes: 2 * GIB,
      idleUsedBytes: 1 * GIB,
    });
    expect(summary?.utilizationGpuPercent).toMatchObject({
      mean: null,
      max: null,
      reason: expect.stringMatching(/MIG instance/),
    });
    // The other instance's process (4242) is not on our MIG device.
    expect(summary?.health.otherProcesses).toEqual([]);
    expect(summary?.smClockMhz.min).toBe(1410);
  });
});
