import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { assessGpuHealth } from '../../src/gpu/health.js';
import { gpuFingerprint } from '../../src/gpu/fingerprint.js';
import { ClockEventReason, clockEventReasonNames } from '../../src/gpu/reasons.js';
import { GpuFingerprint, GpuHealth, GpuTelemetrySummary, type GpuDeviceInfo } from '../../src/gpu/schema.js';
import { downsampleTimeline, peakMemory, summarizeGpuSamples } from '../../src/gpu/summary.js';
import { GIB, MIB, sample } from './helpers.js';

const PID = 4321;
const base = { pid: PID, source: 'nvml' as const, deviceIndex: 0, intervalMs: 50 };

describe('peak memory', () => {
  it('uses the per-process value when the driver lists our pid, and finds the peak', () => {
    const used = [100, 300, 900, 700, 200].map((m) => m * MIB);
    const samples = used.map((u, i) =>
      sample({ t: i * 50, memoryUsedBytes: 2 * GIB + u, processes: [{ pid: PID, usedBytes: u }] }),
    );
    const s = summarizeGpuSamples(samples, { ...base, idleUsedBytes: 2 * GIB });
    expect(s.peakMemory.method).toBe('per-process');
    expect(s.peakMemory.bytes).toBe(900 * MIB);
    expect(s.peakMemory.deviceUsedPeakBytes).toBe(2 * GIB + 900 * MIB);
    expect(s.peakMemory.reason).toContain(`pid ${PID}`);
    expect(Value.Check(GpuTelemetrySummary, s)).toBe(true);
  });

  it('falls back to device used minus idle when our pid is not listed (container PID namespace)', () => {
    const samples = [1, 3, 2].map((g, i) =>
      sample({ t: i * 50, memoryUsedBytes: g * GIB, processes: [{ pid: 17, usedBytes: g * GIB }] }),
    );
    const p = peakMemory(samples, PID, 0.5 * GIB);
    expect(p.method).toBe('device-minus-idle');
    expect(p.bytes).toBe(2.5 * GIB);
    expect(p.reason).toMatch(
      /pid 4321 is not in the driver's process list \(it lists pid 17; in a container/,
    );
  });

  it('says why when the process list could not be read, or memory is not reported per process', () => {
    const noList = [sample({ memoryUsedBytes: 2 * GIB, processes: null })];
    expect(peakMemory(noList, PID, GIB).reason).toMatch(/process list could not be read/);
    const na = [sample({ memoryUsedBytes: 2 * GIB, processes: [{ pid: PID, usedBytes: null }] })];
    const p = peakMemory(na, PID, GIB);
    expect(p.method).toBe('device-minus-idle');
    expect(p.reason).toMatch(/does not report its memory/);
  });

  it('is unavailable without an idle level, and never negative', () => {
    const samples = [sample({ memoryUsedBytes: GIB, processes: [] })];
    const p = peakMemory(samples, PID, null);
    expect(p).toMatchObject({ bytes: null, method: 'unavailable' });
    expect(p.reason).toMatch(/no idle level/);
    expect(peakMemory(samples, PID, 2 * GIB).bytes).toBe(0);
  });
});

describe('health guard', () => {
  it('is reliable for a clean, busy GPU with only our process', () => {
    const samples = Array.from({ length: 10 }, (_, i) =>
      sample({ t: i, processes: [{ pid: PID, usedBytes: GIB }] }),
    );
    const h = assessGpuHealth(samples, { pid: PID });
    expect(h).toMatchObject({ reliable: true, reasons: [], otherProcesses: [], lowClockFraction: 0 });
    expect(Value.Check(GpuHealth, h)).toBe(true);
  });

  it('flags thermal throttling with the reason name and fraction of samples', () => {
    const samples = Array.from({ length: 10 }, (_, i) =>
      sample({
        t: i,
        clockEventReasons: i >= 7 ? ClockEventReason.SwThermalSlowdown | ClockEventReason.GpuIdle : 0,
      }),
    );
    const h = assessGpuHealth(samples, { pid: PID });
    expect(h.reliable).toBe(false);
    expect(h.throttling).toEqual([{ reason: 'SwThermalSlowdown', fraction: 0.3 }]);
    expect(h.reasons[0]).toBe('GPU throttling: SwThermalSlowdown active in 30% of 10 samples');
  });

  it('flags power cap, HW slowdown and power brake; ignores GpuIdle alone', () => {
    const mask =
      ClockEventReason.SwPowerCap | ClockEventReason.HwSlowdown | ClockEventReason.HwPowerBrakeSlowdown;
    const h = assessGpuHealth([sample({ clockEventReasons: mask }), sample({ clockEventReasons: 0x1 })], {
      pid: PID,
    });
    expect(h.throttling.map((t) => t.reason)).toEqual(['SwPowerCap', 'HwSlowdown', 'HwPowerBrakeSlowdown']);
    expect(assessGpuHealth([sample({ clockEventReasons: 0x1 })], { pid: PID }).reliable).toBe(true);
    expect(clockEventReasonNames(0x24)).toEqual(['SwPowerCap', 'SwThermalSlowdown']);
  });

  it('flags another process on the GPU', () => {
    const samples = [
      sample({ processes: [{ pid: PID, usedBytes: GIB }] }),
      sample({
        processes: [
          { pid: PID, usedBytes: GIB },
          { pid: 999, usedBytes: 10 * GIB },
        ],
      }),
    ];
    const h = assessGpuHealth(samples, { pid: PID });
    expect(h.reliable).toBe(false);
    expect(h.otherProcesses).toEqual([999]);
    expect(h.reasons).toEqual(['other processes used the GPU during the measurement: pid 999']);
  });

  it('flags an SM clock below the configured fraction of max', () => {
    const samples = [1980, 1980, 1500, 1980].map((c) => sample({ smClockMhz: c }));
    const h = assessGpuHealth(samples, { pid: PID });
    expect(h.reliable).toBe(false);
    expect(h.lowClockFraction).toBe(0.25);
    expect(h.reasons[0]).toMatch(
      /SM clock below 90% of max \(1980 MHz\) in 25% of samples \(lowest 1500 MHz\)/,
    );
    expect(assessGpuHealth(samples, { pid: PID, minClockFraction: 0.7 }).reliable).toBe(true);
    expect(assessGpuHealth(samples, { pid: PID, tolerateFraction: 0.3 }).reliable).toBe(true);
  });

  it('is unreliable without samples', () => {
    expect(assessGpuHealth([], { pid: PID })).toMatchObject({ reliable: false, sampleCount: 0 });
  });
});

describe('summary', () => {
  it('computes mean/max utilisation, min/mean clock, max temperature, mean/max power', () => {
    const samples = [
      sample({ t: 0, utilizationGpuPercent: 50, smClockMhz: 1900, temperatureC: 50, powerWatts: 300 }),
      sample({ t: 50, utilizationGpuPercent: 100, smClockMhz: 1980, temperatureC: 70, powerWatts: 500 }),
      sample({ t: 100, utilizationGpuPercent: null, smClockMhz: null, temperatureC: null, powerWatts: null }),
    ];
    const s = summarizeGpuSamples(samples, { ...base, idleUsedBytes: null });
    expect(s.utilizationGpuPercent).toEqual({ mean: 75, max: 100 });
    expect(s.smClockMhz).toEqual({ min: 1900, mean: 1940 });
    expect(s.temperatureC).toEqual({ max: 70 });
    expect(s.powerWatts).toEqual({ mean: 400, max: 500 });
    expect(s.durationMs).toBe(100);
    expect(s.timeline.map((p) => p.tMs)).toEqual([0, 50, 100]);
  });

  it('downsamples the timeline to at most 200 points and keeps the peak', () => {
    const samples = Array.from({ length: 2000 }, (_, i) =>
      sample({ t: i * 5, memoryUsedBytes: (i === 1234 ? 50 : 1) * GIB }),
    );
    const tl = downsampleTimeline(samples, PID);
    expect(tl.length).toBe(200);
    expect(Math.max(...tl.map((p) => p.memoryUsedBytes ?? 0))).toBe(50 * GIB);
    expect(tl[0]?.tMs).toBe(0);
  });
});

describe('fingerprint', () => {
  it('keeps model, memory, driver, CUDA, power limit, MIG and ECC', () => {
    const device: GpuDeviceInfo = {
      index: 0,
      name: 'NVIDIA H100 80GB HBM3',
      uuid: 'GPU-x',
      driverVersion: '575.57.08',
      cudaDriverVersion: '12.9',
      memoryTotalBytes: 80 * GIB,
      maxSmClockMhz: 1980,
      powerLimitWatts: 700,
      migEnabled: false,
      eccEnabled: true,
    };
    const fp = gpuFingerprint(device);
    expect(fp).toEqual({
      model: 'NVIDIA H100 80GB HBM3',
      memoryTotalBytes: 80 * GIB,
      driverVersion: '575.57.08',
      cudaDriverVersion: '12.9',
      powerLimitWatts: 700,
      migEnabled: false,
      eccEnabled: true,
    });
    expect(Value.Check(GpuFingerprint, fp)).toBe(true);
  });
});
