/**
 * The pure machine-state summary and the busy rule, on hand-built snapshots whose expected figures
 * are worked out here from the definitions (proc(5) for /proc/stat ticks, psi.rst for "some" total).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSY_RULE, assessMachineState } from '../../src/host/busy.js';
import type { CgroupReading, CpuTimes, Missing } from '../../src/host/proc.js';
import type { BusyRule, MachineState } from '../../src/host/schema.js';
import type { HostSnapshot } from '../../src/host/snapshot.js';
import { summarizeMachineState } from '../../src/host/summary.js';

const ticks = (t: Partial<CpuTimes>): CpuTimes => ({
  cpus: 2,
  user: 0,
  nice: 0,
  system: 0,
  idle: 0,
  iowait: 0,
  irq: 0,
  softirq: 0,
  steal: 0,
  ...t,
});

function snap(at: number, over: Partial<HostSnapshot> = {}): HostSnapshot {
  return {
    atNs: BigInt(Math.round(at * 1e9)),
    self: { cpuUs: 0, voluntaryContextSwitches: 0, involuntaryContextSwitches: 0 },
    cpuTimes: ticks({}),
    pressure: { someAvg10: 0, someTotalUs: 0 },
    load: { load1: 0, load5: 0, load15: 0 },
    cgroup: { missing: 'no cgroup in this test' },
    frequency: { source: 'cpuinfo', mhz: [2000, 2000] },
    ...over,
  };
}

const cg = (o: Partial<CgroupReading>): CgroupReading => ({
  version: 'v2',
  path: '/sys/fs/cgroup/ci',
  quotaCores: 1.5,
  periods: 0,
  throttledPeriods: 0,
  throttledUs: 0,
  ...o,
});

describe('summarizeMachineState', () => {
  // A 10 s window on 2 CPUs (USER_HZ 100: 2,000 ticks). This process used 12 s of CPU (1.2 cores).
  // All CPUs: 1,800 busy ticks (1.8 cores busy), 100 idle, 100 steal -> others 0.6, steal 0.1.
  const start = snap(100, {
    self: { cpuUs: 1_000_000, voluntaryContextSwitches: 10, involuntaryContextSwitches: 100 },
    cpuTimes: ticks({ user: 1000, system: 500, idle: 5000, steal: 20 }),
    pressure: { someAvg10: 3, someTotalUs: 50_000_000 },
    load: { load1: 1, load5: 2, load15: 3 },
    cgroup: cg({ periods: 100, throttledPeriods: 5, throttledUs: 1_000_000 }),
    frequency: { source: 'cpufreq', mhz: [3400, 3000] },
  });
  const stop = snap(110, {
    self: { cpuUs: 13_000_000, voluntaryContextSwitches: 15, involuntaryContextSwitches: 1100 },
    cpuTimes: ticks({ user: 2500, nice: 100, system: 650, irq: 20, softirq: 30, idle: 5100, steal: 120 }),
    pressure: { someAvg10: 41.5, someTotalUs: 54_000_000 },
    load: { load1: 3.4, load5: 2.5, load15: 3.1 },
    cgroup: cg({ periods: 200, throttledPeriods: 45, throttledUs: 3_000_000 }),
    frequency: { source: 'cpufreq', mhz: [2800, 2600] },
  });

  it('turns counter differences into cores and shares of the window', () => {
    const s = summarizeMachineState(start, stop, {
      ...DEFAULT_BUSY_RULE,
      maxOtherCpuShare: 1,
      maxPressureShare: 0.3,
    });
    expect(s.windowSeconds).toBe(10);
    expect(s.cpus).toBe(2);
    expect(s.cpu).toEqual({ busyCores: 1.8, ownCores: 1.2, otherCores: 0.6, stealCores: 0.1 });
    expect(s.ownCpuSeconds).toBe(12);
    expect(s.contextSwitches).toEqual({ voluntary: 5, involuntary: 1000 });
    expect(s.pressure).toEqual({ someShare: 0.4, someAvg10AtStop: 41.5 });
    expect(s.loadAverage).toEqual({
      start: { load1: 1, load5: 2, load15: 3 },
      stop: { load1: 3.4, load5: 2.5, load15: 3.1 },
      load1PerCpuAtStop: 1.7,
    });
    expect(s.cgroup).toEqual({
      version: 'v2',
      path: '/sys/fs/cgroup/ci',
      quotaCores: 1.5,
      periods: 100,
      throttledPeriods: 40,
      throttledSeconds: 2,
      throttledShare: 0.2,
    });
    expect(s.cpuFrequencyMHz).toEqual({
      source: 'cpufreq',
      start: { min: 3000, mean: 3200, max: 3400 },
      stop: { min: 2600, mean: 2700, max: 2800 },
    });
    expect(s.missing).toEqual([]);
    expect(s.assessment.busy).toBe(true);
    expect(s.assessment.reasons).toEqual([
      'CPU pressure: tasks waited for a CPU during 40% of the 10.0 s timed window (/proc/pressure/cpu "some"; limit 30%)',
      'the cgroup hit its 1.5-core CPU quota: throttled in 40 of 100 periods, 2.00 s of the 10.0 s timed window (20%; limit 5%)',
    ]);
  });

  it('records a source missing in either snapshot as null with its reason', () => {
    const gone: Missing = { missing: '/x/proc/pressure/cpu is not present (kernel without PSI)' };
    const s = summarizeMachineState(start, {
      ...stop,
      pressure: gone,
      cpuTimes: { missing: 'no /proc/stat' },
    });
    expect(s.pressure).toBeNull();
    expect(s.cpu).toBeNull();
    expect(s.cpus).toBeNull();
    expect(s.missing).toEqual([
      { source: '/proc/stat', reason: 'no /proc/stat' },
      { source: '/proc/pressure/cpu', reason: gone.missing },
    ]);
    expect(s.assessment.notes).toEqual([
      'other processes\u2019 CPU use and steal time not judged: /proc/stat is missing',
      'CPU pressure not judged: /proc/pressure/cpu is missing',
    ]);
    // The cgroup rule still applies: the figures it needs are there.
    expect(s.assessment.reasons).toHaveLength(1);
  });

  it('does not judge a window shorter than the rule allows, but records it', () => {
    const s = summarizeMachineState(start, { ...stop, atNs: start.atNs + 200_000_000n });
    expect(s.windowSeconds).toBe(0.2);
    expect(s.assessment).toMatchObject({ busy: false, reasons: [] });
    expect(s.assessment.notes[0]).toMatch(/shorter than 0.5 s: machine state recorded, not judged/);
  });
});

describe('assessMachineState (the busy rule)', () => {
  const quiet: Omit<MachineState, 'assessment'> = {
    windowSeconds: 20,
    cpus: 2,
    cpu: { busyCores: 1.9, ownCores: 1.85, otherCores: 0.05, stealCores: 0 },
    ownCpuSeconds: 37,
    contextSwitches: { voluntary: 1, involuntary: 10 },
    pressure: { someShare: 0.05, someAvg10AtStop: 4 },
    loadAverage: null,
    cgroup: null,
    cpuFrequencyMHz: null,
    missing: [],
  };

  it.each<{
    name: string;
    state: Partial<Omit<MachineState, 'assessment'>>;
    rule?: Partial<BusyRule>;
    reason?: RegExp;
  }>([
    { name: 'a quiet machine', state: {} },
    {
      name: 'other processes on 1.7 of 2 cores',
      state: { cpu: { busyCores: 2, ownCores: 0.3, otherCores: 1.7, stealCores: 0 } },
      reason:
        /^other processes used 1\.7 of 2 cores during the timed window \(85% of the machine; this run used 0\.3; limit 25%\)$/,
    },
    {
      name: 'other processes just under the limit',
      state: { cpu: { busyCores: 2, ownCores: 1.5, otherCores: 0.5, stealCores: 0 } },
    },
    {
      name: 'a lower limit from the config',
      state: { cpu: { busyCores: 2, ownCores: 1.5, otherCores: 0.5, stealCores: 0 } },
      rule: { maxOtherCpuShare: 0.2 },
      reason: /other processes used 0\.5 of 2 cores .*limit 20%/,
    },
    {
      name: 'steal time',
      state: { cpu: { busyCores: 1.5, ownCores: 1.5, otherCores: 0, stealCores: 0.4 } },
      reason: /^the hypervisor stole 0\.4 of 2 cores during the timed window \(steal time 20%; limit 10%\)$/,
    },
    {
      name: 'CPU pressure, not judged by default',
      state: { pressure: { someShare: 0.62, someAvg10AtStop: 70 } },
    },
    {
      name: 'CPU pressure with a limit from the config',
      state: { pressure: { someShare: 0.62, someAvg10AtStop: 70 } },
      rule: { maxPressureShare: 0.3 },
      reason: /^CPU pressure: tasks waited for a CPU during 62% of the 20\.0 s timed window/,
    },
    {
      name: 'CPU pressure all the time with the check switched off (1)',
      state: { pressure: { someShare: 1, someAvg10AtStop: 100 } },
      rule: { maxPressureShare: 1 },
    },
    {
      name: 'throttling without a quota of its own (a parent limits it)',
      state: {
        cgroup: {
          version: 'v1',
          path: '/sys/fs/cgroup/cpu',
          quotaCores: null,
          periods: 200,
          throttledPeriods: 30,
          throttledSeconds: 3,
          throttledShare: 0.15,
        },
      },
      reason:
        /^the cgroup hit its CPU quota: throttled in 30 of 200 periods, 3\.00 s of the 20\.0 s timed window \(15%; limit 5%\)$/,
    },
  ])('$name', ({ state, rule, reason }) => {
    const a = assessMachineState({ ...quiet, ...state }, { ...DEFAULT_BUSY_RULE, ...rule });
    expect(a.busy).toBe(reason !== undefined);
    if (reason) {
      expect(a.reasons).toHaveLength(1);
      expect(a.reasons[0]).toMatch(reason);
    } else expect(a.reasons).toEqual([]);
    expect(a.rule).toEqual({ ...DEFAULT_BUSY_RULE, ...rule });
  });
});
