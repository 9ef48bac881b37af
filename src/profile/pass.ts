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
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { providerName, type SessionSettings } from '../bench/session.js';
import { writeFileAtomically } from '../util/atomic.js';
import { UsageError } from '../util/errors.js';
import { aggregateProfile, type NodeStat } from './aggregate.js';
import type { ModuleRule } from './modules.js';
import { parseTrace } from './parse.js';
import { REPLY_PREFIX, type ChildReply, type ChildRequest } from './protocol.js';
import type { ProfileSummary } from './schema.js';

export interface ProfilingPassOptions {
  modelPath: string;
  /** The same session settings as the latency pass. */
  session: SessionSettings;
  /** Values of symbolic input dimensions (`{ batch: 1 }`). */
  dims?: Record<string, number>;
  /** Runs before the profiled ones; they are in the trace but excluded from the aggregation. */
  warmupIterations: number;
  /** Profiled runs (default in the config: 20). */
  iterations: number;
  /** Set CUDA_LAUNCH_BLOCKING=1 in the child (CUDA / TensorRT providers). */
  cudaLaunchBlocking: boolean;
  /** Copy the raw trace here (atomically). The child's temp folder is always removed. */
  keepTraceAt?: string;
  /** The input that named `keepTraceAt` (`--trace`), for error messages. */
  keepTraceLabel?: string;
  /** User module mapping for architectures other than YOLOv8 / YOLO11. */
  moduleRules?: readonly ModuleRule[];
  /** Kill the child after this long. Default 10 minutes. */
  timeoutMs?: number;
  /** A provider whose session fails to create is skipped for the next one (reported in `fallbacks`). */
  allowFallback?: boolean;
  /** Image files or folders to feed, cycled as in the latency pass (`--inputs`). */
  images?: readonly string[];
}

export interface ProfilingPassResult {
  /** Where the raw trace was kept (`keepTraceAt`); undefined when it was not kept. */
  tracePath?: string;
  traceBytes: number;
  /** Whole pass: child start to aggregated summary. */
  wallSeconds: number;
  summary: ProfileSummary;
  /** Every node with its per-iteration times (not for embedding in documents). */
  nodes: NodeStat[];
  /** The session settings the child really used (after any provider fallback). */
  session: SessionSettings;
  /** One line per provider that failed to create a session and was skipped (empty: none). */
  fallbacks: string[];
}

/** Runs the profiling pass. Bad options and child failures are one-line errors. */
export async function runProfilingPass(options: ProfilingPassOptions): Promise<ProfilingPassResult> {
  const started = performance.now();
  if (!Number.isInteger(options.iterations) || options.iterations < 1) {
    throw new UsageError(`--profile-iterations: expected a positive integer, got "${options.iterations}"`);
  }
  if (!Number.isInteger(options.warmupIterations) || options.warmupIterations < 0) {
    throw new UsageError(
      `profile warm-up iterations: expected an integer >= 0, got "${options.warmupIterations}"`,
    );
  }
  const outDir = await mkdtemp(join(tmpdir(), 'perf-gate-profile-'));
  try {
    const request: ChildRequest = {
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
    if (tracePath) await writeFileAtomically(tracePath, bytes, options.keepTraceLabel ?? '--trace');
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
  } finally {
    // The trace is 3-6 MiB per pass: never leave it in the temp folder.
    await rm(outDir, { recursive: true, force: true });
  }
}

/** The command that runs child.ts: compiled JS as is, TypeScript sources through tsx. */
export function childCommand(): { execPath: string; args: string[] } {
  const fromSources = import.meta.url.endsWith('.ts');
  const script = fileURLToPath(new URL(fromSources ? './child.ts' : './child.js', import.meta.url));
  if (!fromSources) return { execPath: process.execPath, args: [script] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { execPath: process.execPath, args: ['--import', tsx, script] };
}

async function runChild(
  request: ChildRequest,
  cudaLaunchBlocking: boolean,
  timeoutMs: number,
): Promise<Extract<ChildReply, { ok: true }>> {
  const { execPath, args } = childCommand();
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (cudaLaunchBlocking) env.CUDA_LAUNCH_BLOCKING = '1';
  const child = spawn(execPath, [...args, JSON.stringify(request)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    if (stdout.length < 1_000_000) stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    if (stderr.length < 64_000) stderr += d;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (done, fail) => {
      child.on('error', fail);
      child.on('close', (c, s) => done({ code: c, signal: s }));
    },
  ).finally(() => clearTimeout(timer));

  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(REPLY_PREFIX));
  let reply: ChildReply | undefined;
  if (line) {
    try {
      reply = JSON.parse(line.slice(REPLY_PREFIX.length)) as ChildReply;
    } catch {
      reply = undefined;
    }
  }
  if (reply?.ok && code === 0) return reply;
  const firstStderr = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  const why = timedOut
    ? `timed out after ${Math.round(timeoutMs / 1000)} s`
    : signal
      ? `killed by ${signal}`
      : `exit code ${code}`;
  if (reply && !reply.ok && reply.usage) throw new UsageError(`profiling pass: ${reply.message}`);
  const detail = reply && !reply.ok ? reply.message : (firstStderr ?? 'no error output');
  throw new Error(`profiling pass failed (child ${why}): ${detail}`);
}
