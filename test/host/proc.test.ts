/**
 * The /proc and /sys readers on fake trees (real files in a temp folder): every source present,
 * each one missing, cgroup v2 with the binding quota on a parent, hybrid v1, and the real machine.
 * File contents follow proc(5), Documentation/accounting/psi.rst and the cgroup v1/v2 docs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isMissing,
  parseCgroupFile,
  parseCpuStat,
  parseMountInfo,
  parsePressure,
  readCgroupCpu,
  readCpuFrequency,
  readCpuTimes,
  readLoadAverage,
  readPressure,
  REAL_ROOTS,
  type HostRoots,
} from '../../src/host/proc.js';
import { takeHostSnapshot } from '../../src/host/snapshot.js';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A fake root with `files` (paths relative to it); returns the roots for the readers. */
function fakeTree(files: Record<string, string>): HostRoots {
  const root = mkdtempSync(join(tmpdir(), 'perf-gate-host-'));
  temps.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return { proc: join(root, 'proc'), sys: join(root, 'sys'), pid: 'self' };
}

const STAT = [
  'cpu  50712 10 9709 75674 943 5 302 344 0 0',
  'cpu0 25116 5 4683 38476 269 2 87 175 0 0',
  'cpu1 25596 5 5026 37198 674 3 215 169 0 0',
  'intr 1234',
  'ctxt 5678',
].join('\n');
const PSI =
  'some avg10=14.98 avg60=4.90 avg300=12.28 total=171044397\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n';
const MOUNTS_V2 = [
  '24 1 0:22 / /sys rw,nosuid - sysfs sysfs rw',
  '30 24 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec shared:4 - cgroup2 cgroup2 rw,nsdelegate',
].join('\n');
const MOUNTS_HYBRID = [
  '30 24 0:26 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755',
  '31 30 0:27 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw',
  '32 30 0:28 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu',
  '33 30 0:29 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory',
].join('\n');

describe('parsers', () => {
  it('parses /proc/stat: the aggregate line and the number of cpuN lines', () => {
    expect(parseCpuStat(STAT)).toEqual({
      cpus: 2,
      user: 50712,
      nice: 10,
      system: 9709,
      idle: 75674,
      iowait: 943,
      irq: 5,
      softirq: 302,
      steal: 344,
    });
    expect(isMissing(parseCpuStat('intr 1\n'))).toBe(true);
    expect(isMissing(parseCpuStat('cpu 1 2 3\ncpu0 1 2 3\n'))).toBe(true);
  });

  it('parses the "some" line of /proc/pressure/cpu', () => {
    expect(parsePressure(PSI)).toEqual({ someAvg10: 14.98, someTotalUs: 171044397 });
    expect(isMissing(parsePressure('full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n'))).toBe(true);
  });

  it('parses mountinfo (with octal escapes) and /proc/PID/cgroup', () => {
    const mounts = parseMountInfo(
      `${MOUNTS_HYBRID}\n40 24 0:30 /kube\\040pods /sys/fs/cgroup/x rw - cgroup2 cgroup2 rw`,
    );
    expect(mounts[2]).toEqual({
      root: '/',
      mountPoint: '/sys/fs/cgroup/cpu',
      fsType: 'cgroup',
      superOptions: ['rw', 'cpu'],
    });
    expect(mounts[4]?.root).toBe('/kube pods');
    expect(parseCgroupFile('12:cpu,cpuacct:/docker/abc\n0::/system.slice/x.service\n')).toEqual([
      { id: 12, controllers: ['cpu', 'cpuacct'], path: '/docker/abc' },
      { id: 0, controllers: [], path: '/system.slice/x.service' },
    ]);
  });
});

describe('readers on fake trees', () => {
  const full = {
    'proc/stat': STAT,
    'proc/pressure/cpu': PSI,
    'proc/loadavg': '1.15 1.55 1.28 8/173 8915\n',
    'proc/self/cgroup': '0::/ci/job\n',
    'proc/self/mountinfo': MOUNTS_V2,
    'proc/cpuinfo': 'processor : 0\ncpu MHz\t\t: 1996.250\n\nprocessor : 1\ncpu MHz\t\t: 2100.000\n',
    // The quota binds on the parent (1.5 cores), not on the job's own cgroup (unlimited).
    'sys/fs/cgroup/ci/cpu.max': '150000 100000\n',
    'sys/fs/cgroup/ci/cpu.stat': 'usage_usec 9\nnr_periods 40\nnr_throttled 12\nthrottled_usec 800000\n',
    'sys/fs/cgroup/ci/job/cpu.max': 'max 100000\n',
    'sys/fs/cgroup/ci/job/cpu.stat': 'usage_usec 5\nnr_periods 40\nnr_throttled 0\nthrottled_usec 0\n',
    'sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq': '3400000\n',
    'sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq': '1200000\n',
  };

  it('reads every source of a complete tree', () => {
    const roots = fakeTree(full);
    expect(readCpuTimes(roots)).toMatchObject({ cpus: 2, steal: 344 });
    expect(readPressure(roots)).toEqual({ someAvg10: 14.98, someTotalUs: 171044397 });
    expect(readLoadAverage(roots)).toEqual({ load1: 1.15, load5: 1.55, load15: 1.28 });
    expect(readCpuFrequency(roots)).toEqual({ source: 'cpufreq', mhz: [3400, 1200] });
    expect(readCgroupCpu(roots)).toEqual({
      version: 'v2',
      path: join(roots.sys, 'fs/cgroup/ci'),
      quotaCores: 1.5,
      periods: 40,
      throttledPeriods: 12,
      throttledUs: 800000,
    });
  });

  it.each([
    ['proc/stat', readCpuTimes, /stat is not present \(no procfs mounted\)/],
    [
      'proc/pressure/cpu',
      readPressure,
      /pressure\/cpu is not present \(kernel without PSI \(CONFIG_PSI\) or booted with psi=0\)/,
    ],
    ['proc/loadavg', readLoadAverage, /loadavg is not present/],
  ] as const)('reports a missing %s with the reason', (file, reader, reason) => {
    const { [file]: _gone, ...rest } = full;
    const value = reader(fakeTree(rest));
    expect(isMissing(value)).toBe(true);
    expect((value as { missing: string }).missing).toMatch(reason);
  });

  it('falls back from cpufreq to /proc/cpuinfo, and reports both missing', () => {
    const noFreq = Object.fromEntries(Object.entries(full).filter(([k]) => !k.includes('cpufreq')));
    const roots = fakeTree({ ...noFreq, 'sys/devices/system/cpu/cpu0/online': '1\n' });
    expect(readCpuFrequency(roots)).toEqual({ source: 'cpuinfo', mhz: [1996.25, 2100] });
    const { 'proc/cpuinfo': _info, ...none } = noFreq;
    const missing = readCpuFrequency(fakeTree({ ...none, 'sys/devices/system/cpu/cpu0/online': '1\n' }));
    expect((missing as { missing: string }).missing).toMatch(
      /no readable cpufreq\/scaling_cur_freq .*no cpufreq driver.*cpuinfo is not present/,
    );
  });

  it('reads cgroup v1 in a hybrid setup where v2 has no cpu controller (as on the development machine)', () => {
    const roots = fakeTree({
      'proc/self/cgroup': '4:memory:/x\n1:cpu:/\n0::/\n',
      'proc/self/mountinfo': MOUNTS_HYBRID,
      'sys/fs/cgroup/unified/cpu.stat': 'usage_usec 610679879\nuser_usec 509927764\n',
      'sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1\n',
      'sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000\n',
      'sys/fs/cgroup/cpu/cpu.stat': 'nr_periods 7\nnr_throttled 3\nthrottled_time 2500000000\n',
    });
    expect(readCgroupCpu(roots)).toEqual({
      version: 'v1',
      path: join(roots.sys, 'fs/cgroup/cpu'),
      quotaCores: null,
      periods: 7,
      throttledPeriods: 3,
      throttledUs: 2_500_000,
    });
  });

  it('reports a missing cgroup CPU controller with the reasons of both versions', () => {
    const roots = fakeTree({
      'proc/self/cgroup': '0::/\n',
      'proc/self/mountinfo': MOUNTS_V2,
      'sys/fs/cgroup/cpu.stat': 'usage_usec 1\n',
    });
    expect(readCgroupCpu(roots)).toEqual({
      missing: `cgroup CPU controller: cgroup v2 at ${join(roots.sys, 'fs/cgroup')} has no cpu.max (the cpu controller is not enabled for it); no cgroup v1 cpu hierarchy`,
    });
    expect((readCgroupCpu(fakeTree({})) as { missing: string }).missing).toMatch(/cgroup is not present/);
  });

  it('an empty tree gives a snapshot of missing sources, never guessed values', () => {
    const snap = takeHostSnapshot({ roots: fakeTree({}) });
    for (const key of ['cpuTimes', 'pressure', 'load', 'cgroup', 'frequency'] as const)
      expect(isMissing(snap[key]), key).toBe(true);
    expect(snap.self.cpuUs).toBeGreaterThan(0);
  });
});

describe('the real machine', () => {
  it('reads /proc/stat and the load average here (Linux), and names anything it cannot read', () => {
    const snap = takeHostSnapshot({ roots: REAL_ROOTS });
    expect(isMissing(snap.cpuTimes)).toBe(false);
    expect(isMissing(snap.load)).toBe(false);
    for (const key of ['pressure', 'cgroup', 'frequency'] as const) {
      const v = snap[key];
      if (isMissing(v)) expect(v.missing.length, key).toBeGreaterThan(10);
    }
  });
});
