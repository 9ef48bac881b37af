import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { Comparison } from '../../src/compare/schema.js';
import { assertValid } from '../../src/schema/validate.js';
import { runCli } from '../helpers/cli.js';
import { historyOf, latencies, makeResult, SHA_A, SHA_B } from './fixtures.js';

let dir: string;
const file = (name: string) => join(dir, name);

async function writeJson(name: string, value: unknown): Promise<string> {
  await writeFile(file(name), JSON.stringify(value));
  return file(name);
}

async function run(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await main(args, (t) => {
    stdout += t;
  });
  return { code, stdout };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perf-gate-compare-'));
  await writeJson('base.json', makeResult(latencies(500, 1)));
  await writeJson('same.json', makeResult(latencies(500, 2), { sha256: SHA_B }));
  await writeJson('slow.json', makeResult(latencies(500, 2, { scale: 1.1 }), { sha256: SHA_B }));
  await writeJson('fast.json', makeResult(latencies(500, 2, { scale: 0.9 }), { sha256: SHA_B }));
  await writeJson(
    'ort.json',
    makeResult(latencies(500, 2), { sha256: SHA_B, env: { onnxruntime: '1.28.0' } }),
  );
  await writeJson('other-model.json', makeResult(latencies(500, 2), { name: 'yolo11n' }));
  await writeJson('v2.json', { ...makeResult(latencies(50, 2)), schemaVersion: 2 });
  await writeJson('empty-samples.json', makeResult([]));
  await writeFile(file('truncated.json'), '{"kind": "yolo-perf-gate/res');
  const baseResult = makeResult(latencies(500, 1));
  await writeJson('baseline-file.json', {
    kind: 'yolo-perf-gate/baseline',
    schemaVersion: 2,
    key: { model: 'yolov8n', provider: 'cpu', hardwareClass: 'cpu-test-2c' },
    modelSha256: SHA_A,
    recordedAt: '2026-01-01T00:00:00.000Z',
    samples: { measured: 500, stored: 500, method: 'all' },
    result: baseResult,
    history: historyOf([10, 10.02, 9.98, 10.01, 9.99]),
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('perf-gate compare (stored results, in process)', () => {
  it.each([
    { name: 'same distribution', cur: 'same.json', code: 0, verdict: 'PASS' },
    { name: '+10%', cur: 'slow.json', code: 1, verdict: 'REGRESSION' },
    { name: '-10%', cur: 'fast.json', code: 0, verdict: 'IMPROVEMENT' },
    { name: 'other onnxruntime', cur: 'ort.json', code: 3, verdict: 'INCONCLUSIVE' },
  ])('$name -> exit $code', async ({ cur, code, verdict }) => {
    const r = await run(['compare', '--baseline', file('base.json'), '--current', file(cur)]);
    expect(r.code).toBe(code);
    expect(r.stdout).toMatch(
      /metric\s+baseline\s+current\s+change \[CI\]\s+threshold\s+p \(Holm\)\s+catches\s+verdict/,
    );
    expect(r.stdout).toContain(`verdict: ${verdict} - `);
  });

  it('--json prints the schema-valid comparison, --out writes it atomically', async () => {
    const r = await run([
      'compare',
      '--baseline',
      file('base.json'),
      '--current',
      file('slow.json'),
      '--json',
      '--out',
      file('out/cmp.json'),
    ]);
    expect(r.code).toBe(1);
    const printed = assertValid(Comparison, JSON.parse(r.stdout), 'stdout');
    const written = assertValid(Comparison, JSON.parse(await readFile(file('out/cmp.json'), 'utf8')), 'file');
    expect(written).toEqual(printed);
    expect(printed.verdict).toBe('regression');
  });

  it('policy flags apply: a 10% shift under a 15% threshold passes', async () => {
    const r = await run([
      'compare',
      '--baseline',
      file('base.json'),
      '--current',
      file('slow.json'),
      '--threshold-p50',
      '15%',
      '--gate-metrics',
      'p50,peak-memory',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).policy.thresholds.p50).toBe(0.15);
    expect(JSON.parse(r.stdout).policy.gate).toEqual(['p50', 'peak-memory']);
  });

  it('reads a baseline file (result + history)', async () => {
    const r = await run([
      'compare',
      '--baseline',
      file('baseline-file.json'),
      '--current',
      file('slow.json'),
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).historyRuns).toBe(5);
  });

  it('--hardware-mismatch -> inconclusive', async () => {
    const r = await run([
      'compare',
      '--baseline',
      file('base.json'),
      '--current',
      file('same.json'),
      '--hardware-mismatch',
      'no baseline for cpu-x-4c',
    ]);
    expect(r.code).toBe(3);
  });

  it.each([
    { name: 'missing --current', args: () => ['--baseline', file('base.json')] },
    { name: 'missing file', args: () => ['--baseline', file('nope.json'), '--current', file('same.json')] },
    {
      name: 'truncated JSON',
      args: () => ['--baseline', file('truncated.json'), '--current', file('same.json')],
    },
    { name: 'schema version 2', args: () => ['--baseline', file('base.json'), '--current', file('v2.json')] },
    {
      name: 'empty samples',
      args: () => ['--baseline', file('empty-samples.json'), '--current', file('same.json')],
    },
    {
      name: 'different model',
      args: () => ['--baseline', file('base.json'), '--current', file('other-model.json')],
    },
    {
      name: 'bad threshold',
      args: () => ['--baseline', file('base.json'), '--current', file('same.json'), '--threshold-p50', 'x'],
    },
    {
      name: 'both modes',
      args: () => [
        '--baseline',
        file('base.json'),
        '--current',
        file('same.json'),
        '--baseline-model',
        'a.onnx',
      ],
    },
    { name: 'paired without --model', args: () => ['--baseline-model', 'a.onnx'] },
  ])('$name -> exit 2', async ({ args }) => {
    expect((await run(['compare', ...args()])).code).toBe(2);
  });
});

describe('perf-gate compare (real subprocesses)', () => {
  it('stored mode: exit code 1 and the verdict line on a regression', async () => {
    const r = await runCli(['compare', '--baseline', file('base.json'), '--current', file('slow.json')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/verdict: REGRESSION - P50 \+\d+\.\d% \[/);
  }, 120_000);

  it('usage error: one line naming the input, exit 2', async () => {
    const r = await runCli(['compare', '--baseline', file('base.json'), '--current', file('v2.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^perf-gate: --current ".*v2\.json": unsupported result schemaVersion 2 \(this version reads 1\)$/,
    );
  }, 120_000);

  it('paired mode on a generated model: a verdict with a valid exit code and JSON', async () => {
    const r = await runCli([
      'compare',
      '--baseline-model',
      'builtin:yolov8n@64',
      '--model',
      'builtin:yolov8n@64',
      '--iterations',
      '20',
      '--warmup',
      '2',
      '--warmup-seconds',
      '0',
      '--intra-op-threads',
      '1',
      '--adaptive',
      'false',
      '--json',
    ]);
    expect([0, 1, 3]).toContain(r.status);
    const c = assertValid(Comparison, JSON.parse(r.stdout), 'stdout');
    expect(c.mode).toBe('paired');
    expect(c.samples).toEqual({ baseline: 20, current: 20 });
    expect(r.status).toBe(c.verdict === 'regression' ? 1 : c.verdict === 'inconclusive' ? 3 : 0);
  }, 180_000);
});
