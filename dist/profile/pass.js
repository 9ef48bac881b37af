/**
 * The per-operator profiling pass: runs after the latency pass, in a child process (child.ts) with
 * onnxruntime's profiler on, then reads, parses and aggregates the trace here.
 *
 * Why a child process: profiler overhead (an event per node, arena statistics, thread-pool stats)
 * never touches the latency numbers, and the child's environment can set CUDA_LAUNCH_BLOCKING=1 so
 * that on CUDA each node's `_kernel_time` covers the GPU work and not only the host-side launch.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { providerName } from '../bench/session.js';
import { writeFileAtomically } from '../util/atomic.js';
import { nodeScriptCommand } from '../util/node-script.js';
import { UsageError } from '../util/errors.js';
import { aggregateProfile } from './aggregate.js';
import { parseTrace } from './parse.js';
import { REPLY_PREFIX } from './protocol.js';
/** Runs the profiling pass. Bad options and child failures are one-line errors. */
export async function runProfilingPass(options) {
    const started = performance.now();
    if (!Number.isInteger(options.iterations) || options.iterations < 1) {
        throw new UsageError(`--profile-iterations: expected a positive integer, got "${options.iterations}"`);
    }
    if (!Number.isInteger(options.warmupIterations) || options.warmupIterations < 0) {
        throw new UsageError(`profile warm-up iterations: expected an integer >= 0, got "${options.warmupIterations}"`);
    }
    const outDir = await mkdtemp(join(tmpdir(), 'perf-gate-profile-'));
    try {
        const request = {
            modelPath: resolve(options.modelPath),
            session: options.session,
            dims: options.dims ?? {},
            warmupIterations: options.warmupIterations,
            iterations: options.iterations,
            outDir,
            ...(options.allowFallback ? { allowFallback: true } : {}),
            ...(options.images?.length ? { images: options.images.map((p) => resolve(p)) } : {}),
        };
        const reply = await runChild(request, options.cudaLaunchBlocking, options.timeoutMs ?? 600_000);
        const bytes = await readFile(reply.tracePath);
        const tracePath = options.keepTraceAt !== undefined ? resolve(options.keepTraceAt) : undefined;
        if (tracePath)
            await writeFileAtomically(tracePath, bytes, options.keepTraceLabel ?? '--trace');
        const trace = parseTrace(bytes.toString('utf8'), basename(tracePath ?? reply.tracePath), bytes.length);
        const used = reply.session ?? options.session;
        const { summary, nodes } = aggregateProfile(trace, {
            skipRuns: reply.warmupRuns,
            requestedProviders: used.executionProviders.map(providerName),
            ...(options.moduleRules ? { moduleRules: options.moduleRules } : {}),
            ...(reply.imageNames ? { inputCycle: { names: reply.imageNames, offset: reply.warmupRuns } } : {}),
        });
        return {
            ...(tracePath ? { tracePath } : {}),
            traceBytes: bytes.length,
            wallSeconds: (performance.now() - started) / 1000,
            summary,
            nodes,
            session: used,
            fallbacks: reply.fallbacks ?? [],
        };
    }
    finally {
        // The trace is 3-6 MiB per pass: never leave it in the temp folder.
        await rm(outDir, { recursive: true, force: true });
    }
}
/** The command that runs child.ts: compiled JS as is, TypeScript sources through tsx. */
export function childCommand() {
    return nodeScriptCommand(import.meta.url, './child');
}
async function runChild(request, cudaLaunchBlocking, timeoutMs) {
    const { execPath, args } = childCommand();
    const env = { ...process.env };
    if (cudaLaunchBlocking)
        env.CUDA_LAUNCH_BLOCKING = '1';
    const child = spawn(execPath, [...args, JSON.stringify(request)], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
        if (stdout.length < 1_000_000)
            stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
        if (stderr.length < 64_000)
            stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
    }, timeoutMs);
    const { code, signal } = await new Promise((done, fail) => {
        child.on('error', fail);
        child.on('close', (c, s) => done({ code: c, signal: s }));
    }).finally(() => clearTimeout(timer));
    const line = stdout
        .split('\n')
        .reverse()
        .find((l) => l.startsWith(REPLY_PREFIX));
    let reply;
    if (line) {
        try {
            reply = JSON.parse(line.slice(REPLY_PREFIX.length));
        }
        catch {
            reply = undefined;
        }
    }
    if (reply?.ok && code === 0)
        return reply;
    const firstStderr = stderr
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l !== '');
    const why = timedOut
        ? `timed out after ${Math.round(timeoutMs / 1000)} s`
        : signal
            ? `killed by ${signal}`
            : `exit code ${code}`;
    if (reply && !reply.ok && reply.usage)
        throw new UsageError(`profiling pass: ${reply.message}`);
    const detail = reply && !reply.ok ? reply.message : (firstStderr ?? 'no error output');
    throw new Error(`profiling pass failed (child ${why}): ${detail}`);
}
