/**
 * Readers of the Linux sources the machine-state monitor uses. Each takes the root folders it reads
 * under (`/proc`, `/sys`) so tests can point it at a fake tree, and returns either the parsed value
 * or `{ missing }` with the reason: a source that is absent or unreadable is reported, never guessed.
 *
 * File formats: proc(5) (`/proc/stat`, `/proc/loadavg`, `/proc/PID/cgroup`, `/proc/PID/mountinfo`,
 * `/proc/cpuinfo`), the kernel's PSI documentation (Documentation/accounting/psi.rst), cgroup v2
 * (Documentation/admin-guide/cgroup-v2.rst: `cpu.max`, `cpu.stat`), cgroup v1 CFS bandwidth
 * (Documentation/scheduler/sched-bwc.rst: `cpu.cfs_quota_us`, `cpu.cfs_period_us`, `cpu.stat`) and
 * cpufreq (Documentation/admin-guide/pm/cpufreq.rst: `scaling_cur_freq`, kHz).
 *
 * The reads are synchronous on purpose: a snapshot should describe one instant, and awaiting between
 * files would let other callbacks run between them. They happen outside the timed window.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { errorMessage } from '../util/errors.js';
export const REAL_ROOTS = { proc: '/proc', sys: '/sys', pid: 'self' };
export const isMissing = (x) => typeof x === 'object' && x !== null && 'missing' in x && typeof x.missing === 'string';
/** Why a file could not be read, in words a user can act on. */
function unreadable(path, err, absentHint) {
    const code = err?.code;
    if (code === 'ENOENT')
        return { missing: `${path} is not present (${absentHint})` };
    if (code === 'EACCES' || code === 'EPERM')
        return { missing: `${path} is not readable (${code})` };
    if (code === 'EOPNOTSUPP')
        return { missing: `${path} is not supported by this kernel (EOPNOTSUPP)` };
    return { missing: `${path} could not be read: ${errorMessage(err)}` };
}
function read(path, absentHint) {
    try {
        return readFileSync(path, 'utf8');
    }
    catch (err) {
        return unreadable(path, err, absentHint);
    }
}
/** Parses /proc/stat (exported for tests of the parser alone). */
export function parseCpuStat(text) {
    const lines = text.split('\n');
    const agg = lines.find((l) => /^cpu\s/.test(l));
    if (!agg)
        return { missing: 'no aggregate "cpu" line' };
    const f = agg.trim().split(/\s+/).slice(1).map(Number);
    // Linux >= 2.6.11 has at least 8 fields (steal); guest time is already inside user/nice.
    if (f.length < 8 || f.slice(0, 8).some((v) => !Number.isFinite(v)))
        return { missing: `unexpected "cpu" line: ${agg.trim()}` };
    const [user, nice, system, idle, iowait, irq, softirq, steal] = f;
    const cpus = lines.filter((l) => /^cpu\d+\s/.test(l)).length;
    if (cpus === 0)
        return { missing: 'no per-CPU "cpuN" lines' };
    return { cpus, user, nice, system, idle, iowait, irq, softirq, steal };
}
export function readCpuTimes(roots) {
    const path = join(roots.proc, 'stat');
    const text = read(path, 'no procfs mounted');
    if (isMissing(text))
        return text;
    const parsed = parseCpuStat(text);
    return isMissing(parsed) ? { missing: `${path}: ${parsed.missing}` } : parsed;
}
export function parsePressure(text) {
    const some = text.split('\n').find((l) => l.startsWith('some '));
    const avg10 = some && /\bavg10=([\d.]+)/.exec(some);
    const total = some && /\btotal=(\d+)/.exec(some);
    if (!avg10 || !total)
        return { missing: `no "some avg10=... total=..." line` };
    return { someAvg10: Number(avg10[1]), someTotalUs: Number(total[1]) };
}
export function readPressure(roots) {
    const path = join(roots.proc, 'pressure', 'cpu');
    const text = read(path, 'kernel without PSI (CONFIG_PSI) or booted with psi=0');
    if (isMissing(text))
        return text;
    const parsed = parsePressure(text);
    return isMissing(parsed) ? { missing: `${path}: ${parsed.missing}` } : parsed;
}
export function readLoadAverage(roots) {
    const path = join(roots.proc, 'loadavg');
    const text = read(path, 'no procfs mounted');
    if (isMissing(text))
        return text;
    const [load1, load5, load15] = text.trim().split(/\s+/).slice(0, 3).map(Number);
    if (![load1, load5, load15].every((v) => v !== undefined && Number.isFinite(v) && v >= 0))
        return { missing: `${path}: unexpected content "${text.trim()}"` };
    return { load1: load1, load5: load5, load15: load15 };
}
/**
 * cpufreq's scaling_cur_freq of each CPU; without cpufreq (most virtual machines), the "cpu MHz"
 * lines of /proc/cpuinfo (x86; other architectures have none).
 */
export function readCpuFrequency(roots) {
    const cpuDir = join(roots.sys, 'devices', 'system', 'cpu');
    let cpufreqWhy;
    try {
        const cpus = readdirSync(cpuDir).filter((n) => /^cpu\d+$/.test(n));
        const khz = cpus
            .map((c) => read(join(cpuDir, c, 'cpufreq', 'scaling_cur_freq'), ''))
            .filter((t) => !isMissing(t))
            .map((t) => Number(t.trim()))
            .filter((v) => Number.isFinite(v) && v > 0);
        if (khz.length > 0)
            return { source: 'cpufreq', mhz: khz.map((k) => k / 1000) };
        cpufreqWhy = `no readable cpufreq/scaling_cur_freq under ${cpuDir} (no cpufreq driver, as in most virtual machines)`;
    }
    catch (err) {
        cpufreqWhy = unreadable(cpuDir, err, 'no sysfs mounted').missing;
    }
    const info = read(join(roots.proc, 'cpuinfo'), 'no procfs mounted');
    if (isMissing(info))
        return { missing: `${cpufreqWhy}; ${info.missing}` };
    const mhz = [...info.matchAll(/^cpu MHz\s*:\s*([\d.]+)/gm)].map((m) => Number(m[1]));
    if (mhz.length === 0)
        return { missing: `${cpufreqWhy}; ${join(roots.proc, 'cpuinfo')} has no "cpu MHz" lines` };
    return { source: 'cpuinfo', mhz };
}
// mountinfo escapes space, tab, newline and backslash as octal.
const unescapeMount = (s) => s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)));
export function parseMountInfo(text) {
    const out = [];
    for (const line of text.split('\n')) {
        const parts = line.trim().split(' ');
        const dash = parts.indexOf('-');
        if (dash < 6 || parts.length < dash + 3)
            continue;
        out.push({
            root: unescapeMount(parts[3]),
            mountPoint: unescapeMount(parts[4]),
            fsType: parts[dash + 1],
            superOptions: (parts[dash + 3] ?? '').split(','),
        });
    }
    return out;
}
export function parseCgroupFile(text) {
    const out = [];
    for (const line of text.split('\n')) {
        const m = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
        if (m)
            out.push({ id: Number(m[1]), controllers: m[2] ? m[2].split(',') : [], path: m[3] ?? '/' });
    }
    return out;
}
/** Where a mount point is under our roots: `/sys/...` is read under the sys root. */
function underRoots(roots, mountPoint) {
    if (roots.sys === '/sys')
        return mountPoint;
    return mountPoint === '/sys' || mountPoint.startsWith('/sys/')
        ? join(roots.sys, mountPoint.slice('/sys'.length))
        : join(roots.sys, '..', mountPoint);
}
/** The cgroup folders from the process's own up to the mount's root, own first. */
function chain(roots, mount, cgroupPath) {
    const base = underRoots(roots, mount.mountPoint);
    // The path in /proc/PID/cgroup is relative to the cgroup namespace root; the mount shows `root`.
    const rel = mount.root === '/'
        ? cgroupPath
        : cgroupPath === mount.root || cgroupPath.startsWith(`${mount.root}/`)
            ? cgroupPath.slice(mount.root.length)
            : '/';
    const dirs = [];
    let p = posix.normalize(rel || '/');
    for (;;) {
        if (p === '/' || p === '.') {
            dirs.push(base);
            break;
        }
        dirs.push(join(base, p));
        p = posix.dirname(p);
    }
    return dirs;
}
function statFields(text) {
    const m = new Map();
    for (const line of text.split('\n')) {
        const [k, v] = line.trim().split(/\s+/);
        if (k && v !== undefined && Number.isFinite(Number(v)))
            m.set(k, Number(v));
    }
    return m;
}
function readV2(dirs) {
    let best;
    for (const dir of dirs) {
        const max = read(join(dir, 'cpu.max'), '');
        if (isMissing(max))
            continue;
        const [quota, period] = max.trim().split(/\s+/);
        const cores = quota === 'max' ? null : Number(quota) / Number(period ?? 100_000);
        if (cores !== null && !Number.isFinite(cores))
            continue;
        if (!best || (cores !== null && (best.quotaCores === null || cores < best.quotaCores)))
            best = { dir, quotaCores: cores };
    }
    if (!best)
        return `cgroup v2 at ${dirs[0] ?? '?'} has no cpu.max (the cpu controller is not enabled for it)`;
    const stat = read(join(best.dir, 'cpu.stat'), 'no cpu controller');
    if (isMissing(stat))
        return stat.missing;
    const s = statFields(stat);
    return {
        version: 'v2',
        path: best.dir,
        quotaCores: best.quotaCores,
        periods: s.get('nr_periods') ?? 0,
        throttledPeriods: s.get('nr_throttled') ?? 0,
        throttledUs: s.get('throttled_usec') ?? 0,
    };
}
function readV1(dirs) {
    let best;
    for (const dir of dirs) {
        const quota = read(join(dir, 'cpu.cfs_quota_us'), '');
        const period = read(join(dir, 'cpu.cfs_period_us'), '');
        if (isMissing(quota) || isMissing(period))
            continue;
        const q = Number(quota.trim());
        const cores = q < 0 ? null : q / Number(period.trim());
        if (cores !== null && !Number.isFinite(cores))
            continue;
        if (!best || (cores !== null && (best.quotaCores === null || cores < best.quotaCores)))
            best = { dir, quotaCores: cores };
    }
    if (!best)
        return `cgroup v1 cpu hierarchy at ${dirs[0] ?? '?'} has no cpu.cfs_quota_us`;
    const stat = read(join(best.dir, 'cpu.stat'), 'no CFS bandwidth control');
    if (isMissing(stat))
        return stat.missing;
    const s = statFields(stat);
    return {
        version: 'v1',
        path: best.dir,
        quotaCores: best.quotaCores,
        periods: s.get('nr_periods') ?? 0,
        throttledPeriods: s.get('nr_throttled') ?? 0,
        // v1 reports nanoseconds.
        throttledUs: (s.get('throttled_time') ?? 0) / 1000,
    };
}
/**
 * The CPU quota and throttling counters of the process's cgroup: cgroup v2 when its cpu controller
 * is enabled for us, else the v1 `cpu` hierarchy (hybrid setups have both). Of the folders from the
 * process's cgroup up to the mount's root, the one with the smallest quota binds and is reported.
 */
export function readCgroupCpu(roots) {
    const pid = String(roots.pid ?? 'self');
    const cgroupText = read(join(roots.proc, pid, 'cgroup'), 'kernel without cgroups');
    if (isMissing(cgroupText))
        return cgroupText;
    const mountText = read(join(roots.proc, pid, 'mountinfo'), 'no procfs mounted');
    if (isMissing(mountText))
        return mountText;
    const members = parseCgroupFile(cgroupText);
    const mounts = parseMountInfo(mountText);
    const why = [];
    const v2Member = members.find((m) => m.id === 0 && m.controllers.length === 0);
    const v2Mount = mounts.find((m) => m.fsType === 'cgroup2');
    if (v2Member && v2Mount) {
        const r = readV2(chain(roots, v2Mount, v2Member.path));
        if (typeof r !== 'string')
            return r;
        why.push(r);
    }
    else
        why.push('no cgroup v2 membership or mount');
    const v1Member = members.find((m) => m.controllers.includes('cpu'));
    const v1Mount = mounts.find((m) => m.fsType === 'cgroup' && m.superOptions.includes('cpu'));
    if (v1Member && v1Mount) {
        const r = readV1(chain(roots, v1Mount, v1Member.path));
        if (typeof r !== 'string')
            return r;
        why.push(r);
    }
    else
        why.push('no cgroup v1 cpu hierarchy');
    return { missing: `cgroup CPU controller: ${why.join('; ')}` };
}
