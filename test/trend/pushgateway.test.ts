/**
 * The nightly numbers pushed to a real Prometheus Pushgateway (Debian's `prometheus-pushgateway`,
 * started on 127.0.0.1 by this test) and read back from its /metrics. The result's GPU telemetry
 * and profile are fixtures (test/fixtures/report): there is no GPU here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyRecordOf } from '../../src/trend/record.js';
import { pushToGateway, pushUrl, renderPushMetrics } from '../../src/trend/pushgateway.js';
import { isUsageError } from '../../src/util/errors.js';
import { gpuSummary, makeResult, profileSummary } from '../fixtures/report/fixtures.js';
import { runCli } from '../helpers/cli.js';

const PUSHGATEWAY = process.env.PERF_GATE_PUSHGATEWAY ?? '/usr/bin/prometheus-pushgateway';

let work: string;
let gateway: ChildProcess | undefined;
let url: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  // Bounded: at most 300 polls; the gateway usually answers within a few.
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`prometheus-pushgateway exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus-pushgateway did not become ready at ${base}`);
}

/** Samples of the /metrics text: `name{labels} value` lines (comments dropped). */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .map((l) => {
      const m = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(l);
      const labels: Record<string, string> = {};
      for (const [, k, v] of (m?.[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
        labels[k as string] = v as string;
      return { labels, value: Number(m?.[2]) };
    });
}

beforeAll(async () => {
  if (!existsSync(PUSHGATEWAY))
    throw new Error(
      `${PUSHGATEWAY} not found: install it (apt-get install prometheus-pushgateway); CI does (.ci/run)`,
    );
  work = mkdtempSync(join(tmpdir(), 'perf-gate-push-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  gateway = spawn(PUSHGATEWAY, [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file='], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  gateway.stderr?.resume();
  await waitReady(url, gateway);
});

afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((r) => gateway?.once('exit', r));
    gateway.kill('SIGTERM');
    await exited;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

const result = makeResult({
  name: 'yolov8n-640',
  gpuName: 'NVIDIA L4',
  peakGpuBytes: 700 * 2 ** 20,
  gpu: gpuSummary(true),
  reliable: false,
  reasons: ['GPU throttled (SwThermalSlowdown) in 42% of samples'],
  profile: profileSummary({ backbone: 1500, neck: 900, head: 600 }),
});

describe('--pushgateway (real prometheus-pushgateway on loopback)', () => {
  it('perf-gate trend record pushes latency quantiles, memory, GPU health and module times, grouped by job/instance', async () => {
    const resultPath = join(work, 'result.json');
    writeFileSync(resultPath, JSON.stringify(result));
    const run = await runCli(
      [
        'trend',
        'record',
        '--result',
        resultPath,
        '--history',
        join(work, 'history'),
        '--commit',
        'c0ffee1234',
        '--date',
        '2025-06-01T03:17:00Z',
        '--pushgateway',
        url,
        '--push-job',
        'nightly',
        '--push-instance',
        'runner-1',
      ],
      { timeoutMs: 280_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `pushed to ${url}/metrics/job/nightly/instance/runner-1/model/yolov8n-640/provider/cuda/`,
    );

    const text = await (await fetch(`${url}/metrics`)).text();
    const group = { job: 'nightly', instance: 'runner-1', model: 'yolov8n-640', provider: 'cuda' };
    const latency = samples(text, 'perf_gate_latency_seconds');
    expect(latency.map((s) => s.labels)).toEqual(
      ['0.5', '0.9', '0.99'].map((quantile) => expect.objectContaining({ ...group, quantile })),
    );
    expect(latency.find((s) => s.labels.quantile === '0.5')?.value).toBeCloseTo(result.latency.p50 / 1000, 9);
    expect(latency.find((s) => s.labels.quantile === '0.99')?.value).toBeCloseTo(
      result.latency.p99 / 1000,
      9,
    );
    const memory = samples(text, 'perf_gate_peak_memory_bytes');
    expect(memory.find((s) => s.labels.kind === 'gpu')?.value).toBe(700 * 2 ** 20);
    expect(memory.find((s) => s.labels.kind === 'gated')?.value).toBe(700 * 2 ** 20);
    // GPU health from the (fake) telemetry: throttled, low clocks, hot, another process.
    expect(samples(text, 'perf_gate_reliable')[0]?.value).toBe(0);
    expect(samples(text, 'perf_gate_gpu_sm_clock_min_hertz')[0]?.value).toBe(900e6);
    expect(samples(text, 'perf_gate_gpu_temperature_max_celsius')[0]?.value).toBe(91);
    expect(samples(text, 'perf_gate_gpu_throttle_reasons')[0]?.value).toBe(1);
    expect(samples(text, 'perf_gate_gpu_other_processes')[0]?.value).toBe(1);
    expect(
      Object.fromEntries(
        samples(text, 'perf_gate_module_time_seconds').map((s) => [s.labels.module, s.value]),
      ),
    ).toEqual({ backbone: 0.0015, neck: 0.0009, head: 0.0006 });
    expect(samples(text, 'perf_gate_run_info')[0]?.labels).toMatchObject({ ...group, commit: 'c0ffee1234' });
    expect(samples(text, 'perf_gate_run_timestamp_seconds')[0]?.value).toBe(
      Date.parse('2025-06-01T03:17:00Z') / 1000,
    );
  }, 300_000);

  it('a second key pushed with the same job and instance does not replace the first; a re-push replaces its own group', async () => {
    const other = historyRecordOf(makeResult({ name: 'yolo11s-640', center: 9 }), {
      date: '2025-06-02T03:17:00Z',
      toolVersion: '0.1.0',
    });
    await pushToGateway({ url, job: 'nightly', instance: 'runner-1', record: other });
    const again = historyRecordOf(makeResult({ name: 'yolo11s-640', center: 11 }), {
      date: '2025-06-03T03:17:00Z',
      toolVersion: '0.1.0',
    });
    await pushToGateway({ url, job: 'nightly', instance: 'runner-1', record: again });
    const text = await (await fetch(`${url}/metrics`)).text();
    const p50 = samples(text, 'perf_gate_latency_seconds').filter((s) => s.labels.quantile === '0.5');
    expect(p50.map((s) => s.labels.model).sort()).toEqual(['yolo11s-640', 'yolov8n-640']);
    expect(p50.find((s) => s.labels.model === 'yolo11s-640')?.value).toBeCloseTo(again.latency.p50 / 1000, 9);
  });

  it('encodes grouping values with "/" in base64, and names the gateway when it is unreachable', async () => {
    expect(
      pushUrl('http://gw:9091/', [
        ['job', 'a/b'],
        ['instance', 'x'],
      ]),
    ).toBe('http://gw:9091/metrics/job@base64/YS9i/instance/x');
    const record = historyRecordOf(result, { date: '2025-06-01T00:00:00Z', toolVersion: '0.1.0' });
    expect(renderPushMetrics(record)).not.toMatch(/# EOF|# UNIT/);
    const closedPort = await freePort();
    const error = await pushToGateway({
      url: `http://127.0.0.1:${closedPort}`,
      job: 'j',
      instance: 'i',
      record,
    }).catch((e: unknown) => e);
    expect(isUsageError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(`^--pushgateway: cannot push to "http://127.0.0.1:${closedPort}"`),
    );
  });
});
