/**
 * The machine-state monitor as the benchmark uses it: observers around the timed window (order,
 * failures), the monitor on a fake /proc tree, and a real benchmark with the monitor attached.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combineObservers, runBenchmark, type TimedWindowObserver } from '../../src/bench/engine.js';
import { DEFAULT_SESSION_SETTINGS } from '../../src/bench/session.js';
import { DEFAULT_BUSY_RULE } from '../../src/host/busy.js';
import { createMachineStateMonitor } from '../../src/host/monitor.js';
import { ensureModel } from '../../src/model/index.js';
import { BenchResultSchema } from '../../src/schema/result.js';
import { schemaProblems } from '../../src/schema/validate.js';
import { REPO_ROOT } from '../helpers/cli.js';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

describe('combineObservers', () => {
  const recorder = (log: string[], name: string, fail?: 'start' | 'stop'): TimedWindowObserver<string> => ({
    start: () => {
      log.push(`start ${name}`);
      return fail === 'start' ? Promise.reject(new Error(`${name} cannot start`)) : Promise.resolve();
    },
    stop: () => {
      log.push(`stop ${name}`);
      return fail === 'stop' ? Promise.reject(new Error(`${name} cannot stop`)) : Promise.resolve(name);
    },
  });

  it('starts in order and stops in reverse, so the last one hugs the timed loop', async () => {
    const log: string[] = [];
    const both = combineObservers([recorder(log, 'gpu'), recorder(log, 'machine')]);
    await both.start();
    expect(await both.stop()).toEqual(['gpu', 'machine']);
    expect(log).toEqual(['start gpu', 'start machine', 'stop machine', 'stop gpu']);
  });

  it('stops the ones already started when a later one fails to start', async () => {
    const log: string[] = [];
    const both = combineObservers([recorder(log, 'gpu'), recorder(log, 'machine', 'start')]);
    await expect(both.start()).rejects.toThrow('machine cannot start');
    expect(log).toEqual(['start gpu', 'start machine', 'stop gpu']);
  });

  it('stops every observer even when one fails to stop, then reports the failure', async () => {
    const log: string[] = [];
    const both = combineObservers([recorder(log, 'gpu'), recorder(log, 'machine', 'stop')]);
    await both.start();
    await expect(both.stop()).rejects.toThrow('machine cannot stop');
    expect(log).toEqual(['start gpu', 'start machine', 'stop machine', 'stop gpu']);
  });
});

describe('createMachineStateMonitor on a fake /proc', () => {
  it('marks the result unreliable with the measured reason when the counters show a busy window', async () => {
    const root = mkdtempSync(join(tmpdir(), 'perf-gate-monitor-'));
    temps.push(root);
    const write = (rel: string, text: string) => {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    const stat = (busy: number, idle: number) => `cpu  ${busy} 0 0 ${idle} 0 0 0 0 0 0\ncpu0 0\ncpu1 0\n`;
    write('proc/stat', stat(1000, 1000));
    write('proc/loadavg', '9.00 8.00 7.00 3/100 1\n');
    let clock = 0n;
    let cpuUs = 0;
    const monitor = createMachineStateMonitor({
      sources: {
        roots: { proc: join(root, 'proc'), sys: join(root, 'sys') },
        clock: () => clock,
        self: () => ({ cpuUs, voluntaryContextSwitches: 0, involuntaryContextSwitches: 0 }),
      },
    });
    await monitor.observer.start();
    // 4 s later: 800 ticks all busy (2 cores), this process used 1.2 s (0.3 cores) -> others 1.7.
    write('proc/stat', stat(1800, 1000));
    clock = 4_000_000_000n;
    cpuUs = 1_200_000;
    const state = await monitor.observer.stop();
    expect(state?.cpu).toEqual({ busyCores: 2, ownCores: 0.3, otherCores: 1.7, stealCores: 0 });
    expect(state?.missing.map((m) => m.source)).toEqual([
      '/proc/pressure/cpu',
      'cgroup cpu controller',
      'CPU frequency',
    ]);
    const result = { health: { reliable: true, reasons: ['earlier reason'] } };
    monitor.applyTo(result);
    expect(result).toMatchObject({
      health: {
        reliable: false,
        reasons: [
          'earlier reason',
          'other processes used 1.7 of 2 cores during the timed window (85% of the machine; this run used 0.3; limit 25%)',
        ],
      },
      machineState: { windowSeconds: 4, cpus: 2 },
    });
  });

  it('writes nothing when the window never opened', () => {
    const monitor = createMachineStateMonitor();
    const result = { health: { reliable: true, reasons: [] } };
    monitor.applyTo(result);
    expect(result).toEqual({ health: { reliable: true, reasons: [] } });
  });
});

describe('a real benchmark with the monitor attached', () => {
  let modelPath: string;
  beforeAll(async () => {
    modelPath = (await ensureModel({ arch: 'yolov8n', imgsz: 64 }, join(REPO_ROOT, '.cache/models'))).path;
  });

  it('records the machine state of the timed window and a benchmark-only peak RSS, schema-valid', async () => {
    // A minimum window no run reaches: this test is about recording, not about how busy the machine is.
    const monitor = createMachineStateMonitor({ rule: { ...DEFAULT_BUSY_RULE, minWindowSeconds: 1e6 } });
    const { result } = await runBenchmark(
      {
        modelPath,
        session: { ...DEFAULT_SESSION_SETTINGS, intraOpThreads: 1 },
        provider: { requested: ['cpu'], actual: 'cpu', fallback: false },
        dims: {},
        warmupIterations: 1,
        warmupSeconds: 0,
        stop: { iterations: 5 },
      },
      { observer: combineObservers([monitor.observer]) },
    );
    monitor.applyTo(result);
    const ms = result.machineState;
    expect(ms?.cpus).toBeGreaterThanOrEqual(1);
    expect(ms?.ownCpuSeconds).toBeGreaterThan(0);
    expect(ms?.windowSeconds).toBeGreaterThan(0);
    expect(ms?.assessment.busy).toBe(false);
    expect(ms?.assessment.notes[0]).toMatch(/not judged/);
    expect(result.memory.peakRssMethod).toMatch(/^vmhwm-since-reset: /);
    expect(result.memory.peakRssBytes).toBeGreaterThanOrEqual(result.memory.rssBeforeSessionBytes);
    expect(result.memory.peakRssBeforeResetBytes).toBeGreaterThan(0);
    expect(schemaProblems(BenchResultSchema, result)).toEqual([]);
  });
});
