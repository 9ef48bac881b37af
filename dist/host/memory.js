/**
 * Peak memory of the benchmark alone (issue 10 point 7). Linux keeps the process's peak resident
 * set ("high water mark", VmHWM in /proc/PID/status); writing "5" to /proc/PID/clear_refs resets
 * it to the current RSS (proc(5), "/proc/pid/clear_refs", Linux >= 4.0). So just before the
 * session is created we
 *   1. collect garbage, so what model generation or earlier file reads left on the JS heap is
 *      released instead of staying resident under the benchmark,
 *   2. hand freed malloc memory back to the kernel (glibc's malloc_trim), and
 *   3. reset the high water mark,
 * and after the timed window read VmHWM: the peak from the session's creation to the end of the
 * run, plus whatever the process still held at the reset (Node, onnxruntime's code).
 *
 * Where the reset is not possible (not Linux, /proc read-only, a kernel older than 4.0), the peak
 * falls back to getrusage's ru_maxrss over the whole process, and `method` says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import koffi from 'koffi';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { errorMessage } from '../util/errors.js';
let collect;
/**
 * A full garbage collection, when one can be had: `global.gc` under --expose-gc, else V8's
 * `gc` obtained by turning the flag on at run time (node:v8 setFlagsFromString, then a fresh
 * context, whose global gets the function). Returns false when neither works.
 */
export function collectGarbage() {
    if (collect === undefined) {
        const g = globalThis.gc;
        if (typeof g === 'function')
            collect = g;
        else {
            try {
                setFlagsFromString('--expose-gc');
                const fn = runInNewContext('gc');
                collect = typeof fn === 'function' ? fn : null;
            }
            catch {
                collect = null;
            }
        }
    }
    if (!collect)
        return false;
    collect();
    return true;
}
let trim;
/**
 * glibc's malloc_trim(0): hands the free memory of every malloc arena back to the kernel (glibc
 * >= 2.8 also releases free pages inside the heap). onnxruntime's buffers and the backing stores
 * of collected ArrayBuffers are malloc'd; once freed, glibc keeps them mapped, and they would sit
 * in the RSS at the reset. Returns false where there is no glibc (musl, macOS, Windows).
 */
export function trimMalloc() {
    if (trim === undefined) {
        try {
            trim =
                process.platform === 'linux'
                    ? koffi.load('libc.so.6').func('int malloc_trim(size_t pad)')
                    : null;
        }
        catch {
            trim = null;
        }
    }
    if (!trim)
        return false;
    trim(0);
    return true;
}
function readStatusKiB(procRoot, field) {
    try {
        const text = readFileSync(join(procRoot, 'self', 'status'), 'utf8');
        const m = new RegExp(`^${field}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
        return m ? Number(m[1]) : null;
    }
    catch {
        return null;
    }
}
/** Collects garbage and resets the process's peak RSS. */
export function resetPeakRss(procRoot = '/proc') {
    // Twice: V8 frees the backing stores of dead ArrayBuffers (the generated model's weights) on a
    // background sweeper after a full collection; the next full collection waits for it to finish.
    if (collectGarbage())
        collectGarbage();
    trimMalloc();
    const before = readStatusKiB(procRoot, 'VmHWM');
    const peakBeforeBytes = before === null ? null : before * 1024;
    if (before === null)
        return { reset: false, peakBeforeBytes, reason: `${join(procRoot, 'self', 'status')} has no VmHWM` };
    try {
        writeFileSync(join(procRoot, 'self', 'clear_refs'), '5');
        return { reset: true, peakBeforeBytes };
    }
    catch (err) {
        return { reset: false, peakBeforeBytes, reason: `clear_refs: ${errorMessage(err)}` };
    }
}
/** The peak RSS the benchmark is charged with, and how it was measured. */
export function readPeakRss(reset, procRoot = '/proc') {
    const hwm = reset?.reset ? readStatusKiB(procRoot, 'VmHWM') : null;
    if (hwm !== null) {
        return {
            bytes: hwm * 1024,
            method: 'vmhwm-since-reset',
            description: 'VmHWM of /proc/self/status, reset (clear_refs 5) after a garbage collection just before the session was created',
        };
    }
    const why = reset?.reason ?? (reset ? 'VmHWM unreadable after the reset' : 'no reset was attempted');
    return {
        // getrusage's ru_maxrss is in KiB on Linux.
        bytes: process.resourceUsage().maxRSS * 1024,
        method: 'process-maxrss',
        description: `getrusage ru_maxrss over the whole process (peak not reset: ${why})`,
    };
}
