/**
 * Hostile and careless input (issue 14), one row per case: the command, its exit code, the first line
 * of stderr, and the files left behind in the case's folder. In-process through main() (the process
 * boundary is not what these test), except where it is: a file unreadable for a non-root user.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextBaseline, serializeBaseline } from '../../src/baseline/index.js';
import { ensureModel } from '../../src/model/index.js';
import type { BenchResult } from '../../src/schema/result.js';
import { makeResult } from '../fixtures/report/fixtures.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { writeDynamicBatchModel, writeStaticShapeModel } from '../helpers/dynamic-model.js';
import { runMain } from '../helpers/run-main.js';

const CACHE = join(REPO_ROOT, '.cache/models');
let root: string;
let modelPath: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'perf-gate-hostile-'));
  modelPath = (await ensureModel({ arch: 'yolov8n', imgsz: 64 }, CACHE)).path;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const json = (v: unknown): string => JSON.stringify(v);

/** A result whose summary was edited: the samples are 30 around 4 ms. */
function forged(edit: (r: BenchResult) => void): string {
  const r = makeResult({ n: 30 });
  edit(r);
  return json(r);
}

const FAST = ['--warmup', '0', '--warmup-seconds', '0', '--quiet'];

interface Case {
  name: string;
  /** Creates the case's inputs in `dir` and returns the arguments. */
  setup: (dir: string) => Promise<string[]>;
  code: number;
  /** The first line of stderr. */
  stderr: RegExp;
  /** Files in `dir` afterwards (default: exactly what setup made). */
  after?: (before: string[]) => string[];
  /** Extra checks on the outcome. */
  check?: (dir: string, out: string, err: string) => Promise<void>;
}

const CASES: Case[] = [
  {
    name: 'bench --iterations 1000000000 (over the 100k cap)',
    setup: async () => ['bench', '--model', modelPath, '--iterations', '1000000000'],
    code: 2,
    stderr: /^perf-gate: --iterations: expected an integer between 1 and 100000, got "1000000000"$/,
  },
  {
    name: 'bench --iterations 99999999999999999999 (past 2^53)',
    setup: async () => ['bench', '--model', modelPath, '--iterations', '99999999999999999999'],
    code: 2,
    stderr: /^perf-gate: --iterations: expected an integer between 1 and 100000, got "99999999999999999999"$/,
  },
  {
    name: 'bench --warmup 99999999999999999999',
    setup: async () => ['bench', '--model', modelPath, '--warmup', '99999999999999999999'],
    code: 2,
    stderr: /^perf-gate: --warmup: expected an integer between 0 and 100000, got "99999999999999999999"$/,
  },
  {
    name: 'bench --duration 100000 (over one day)',
    setup: async () => ['bench', '--model', modelPath, '--duration', '100000'],
    code: 2,
    stderr: /^perf-gate: --duration: expected a number > 0 and <= 86400, got "100000"$/,
  },
  {
    name: 'bench --dim batch=99999999999 (over 2^31 - 1)',
    setup: async (dir) => {
      writeDynamicBatchModel(join(dir, 'dynamic.onnx'));
      return ['bench', '--model', join(dir, 'dynamic.onnx'), '--dim', 'batch=99999999999'];
    },
    code: 2,
    stderr: /^perf-gate: --dim: expected a dimension between 1 and 2147483647, got "batch=99999999999"$/,
  },
  {
    name: 'bench --dim batch=100000000 (an input of 19.2 G elements)',
    setup: async (dir) => {
      writeDynamicBatchModel(join(dir, 'dynamic.onnx'));
      return ['bench', '--model', join(dir, 'dynamic.onnx'), '--dim', 'batch=100000000', ...FAST];
    },
    code: 2,
    stderr:
      /^perf-gate: model input "images": shape \[100000000,3,8,8\] has 19,200,000,000 elements, more than the 1,073,741,824 the benchmark can allocate; lower --dim batch$/,
  },
  {
    name: 'a model declaring 1x3x100000x100000',
    setup: async (dir) => {
      writeStaticShapeModel(join(dir, 'huge.onnx'), [1, 3, 100000, 100000]);
      return ['bench', '--model', join(dir, 'huge.onnx'), '--iterations', '1', ...FAST];
    },
    code: 2,
    stderr:
      /^perf-gate: model (input|output) "(images|output0)": shape \[1,3,100000,100000\] has 30,000,000,000 elements, more than the 1,073,741,824 the benchmark can allocate \(as the model declares it\)$/,
  },
  {
    name: "bench --model '' (explicitly empty)",
    setup: async () => ['bench', '--model', '', '--iterations', '1'],
    code: 2,
    stderr: /^perf-gate: --model: expected a model file or builtin:ARCH\[@IMGSZ\], got ""$/,
  },
  {
    name: "bench --out '' (explicitly empty)",
    setup: async () => ['bench', '--model', modelPath, '--iterations', '1', '--out', ''],
    code: 2,
    stderr: /^perf-gate: --out: expected a file path, got ""$/,
  },
  {
    name: 'bench --name of 5 MB',
    setup: async () => ['bench', '--model', modelPath, '--name', 'n'.repeat(5 * 2 ** 20)],
    code: 2,
    stderr: /^perf-gate: --name: expected at most 256 characters, got "n{40}…" \(5,242,880 characters\)$/,
  },
  {
    name: 'builtin model spec of 5 MB',
    setup: async () => ['bench', '--model', `builtin:${'x'.repeat(5 * 2 ** 20)}`],
    code: 2,
    stderr:
      /^perf-gate: --model: unknown YOLO architecture "x{200}…" \(5,242,880 characters\); expected one of yolov8n/,
  },
  {
    name: 'unknown option',
    setup: async () => ['bench', '--frobnicate'],
    code: 2,
    stderr: /^perf-gate: unknown option '--frobnicate' \(see --help\)$/,
  },
  {
    name: 'baseline show of a link to /etc/passwd',
    setup: async (dir) => {
      await mkdir(join(dir, 'bl'));
      await symlink('/etc/passwd', join(dir, 'bl', 'x.json'));
      return ['baseline', 'show', join(dir, 'bl', 'x.json')];
    },
    code: 2,
    stderr:
      /^perf-gate: baseline ".*\/bl\/x\.json": is a symbolic link to "\/etc\/passwd", outside the working directory; refusing to read it/,
    check: async (_dir, _out, err) => expect(err).not.toMatch(/root:/),
  },
  {
    name: 'baseline show of a folder holding a link that leaves it',
    setup: async (dir) => {
      await mkdir(join(dir, 'bl'));
      await writeFile(join(dir, 'secret.json'), '{"token": "hunter2"}');
      await symlink(join(dir, 'secret.json'), join(dir, 'bl', 'x.json'));
      return ['baseline', 'show', '--baselines', join(dir, 'bl')];
    },
    code: 2,
    stderr:
      /^perf-gate: baseline ".*\/bl\/x\.json": is a symbolic link to ".*\/secret\.json", outside the folder ".*\/bl"/,
    check: async (_dir, _out, err) => expect(err).not.toMatch(/hunter2/),
  },
  {
    name: 'a file that is not JSON is not quoted',
    setup: async (dir) => {
      await writeFile(join(dir, 'passwd.json'), 'root:x:0:0:root:/root:/bin/bash\n');
      return ['baseline', 'show', join(dir, 'passwd.json')];
    },
    code: 2,
    stderr:
      /^perf-gate: baseline ".*passwd\.json": not valid JSON \(truncated or corrupt\?\): it does not start with "\{" or "\[" \(is it a JSON file\?\)$/,
    check: async (_dir, _out, err) => expect(err).not.toMatch(/root:x/),
  },
  {
    name: 'a result that is a FIFO (never opened: it would block)',
    setup: async (dir) => {
      execFileSync('mkfifo', [join(dir, 'fifo.json')]);
      return ['baseline', 'update', '--result', join(dir, 'fifo.json'), '--baselines', join(dir, 'bl')];
    },
    code: 2,
    stderr: /^perf-gate: --result ".*fifo\.json": is not a regular file$/,
  },
  {
    name: 'a result larger than 64 MiB',
    setup: async (dir) => {
      await writeFile(join(dir, 'big.json'), '');
      await truncate(join(dir, 'big.json'), 65 * 2 ** 20);
      return ['compare', '--baseline', join(dir, 'big.json'), '--current', join(dir, 'big.json')];
    },
    code: 2,
    stderr:
      /^perf-gate: --baseline ".*big\.json": the file has 65\.0 MiB, more than the 64\.0 MiB a perf-gate document may have$/,
  },
  {
    name: 'a result with 1,000,001 samples (schema maxItems)',
    setup: async (dir) => {
      const r = makeResult();
      r.latency.samplesMs = new Array<number>(1_000_001).fill(4);
      await writeFile(join(dir, 'many.json'), json(r));
      return ['compare', '--baseline', join(dir, 'many.json'), '--current', join(dir, 'many.json')];
    },
    code: 2,
    stderr:
      /^perf-gate: --baseline ".*many\.json": does not match the schema: \/latency\/samplesMs must NOT have more than 1000000 items$/,
  },
  {
    name: 'a UTF-8 BOM before the JSON is accepted',
    setup: async (dir) => {
      await writeFile(join(dir, 'bom.json'), `\ufeff${json(makeResult())}`);
      return ['baseline', 'update', '--result', join(dir, 'bom.json'), '--baselines', join(dir, 'bl')];
    },
    code: 0,
    stderr: /^$/,
    after: (before) => [...before, 'bl'],
  },
  ...(['compare', 'report', 'merge', 'baseline update'] as const).map((command): Case => ({
    name: `${command}: 30 samples summarised as 999,999 runs`,
    setup: async (dir) => {
      const bad = join(dir, 'forged.json');
      await writeFile(
        bad,
        forged((r) => Object.assign(r.latency, { count: 999_999, p50: 0.001 })),
      );
      const good = join(dir, 'good.json');
      await writeFile(good, json(makeResult()));
      if (command === 'compare') return ['compare', '--baseline', good, '--current', bad];
      if (command === 'report') return ['report', '--baseline', good, '--current', bad];
      if (command === 'merge') return ['merge', '--results', bad];
      return ['baseline', 'update', '--result', bad, '--baselines', join(dir, 'bl')];
    },
    code: 2,
    stderr:
      /^perf-gate: (--current|--results|--result) ".*forged\.json": latency\.count is 999999 but latency\.samplesMs holds 30 samples; the summary does not describe the samples \(was the file edited\?\)$/,
  })),
  {
    name: 'compare: P50 of 0.001 ms over samples around 4 ms',
    setup: async (dir) => {
      await writeFile(
        join(dir, 'forged.json'),
        forged((r) => (r.latency.p50 = 0.001)),
      );
      return ['compare', '--baseline', join(dir, 'forged.json'), '--current', join(dir, 'forged.json')];
    },
    code: 2,
    stderr:
      /^perf-gate: --baseline ".*forged\.json": latency\.p50 is 0\.001 ms, but latency\.samplesMs puts it between 4\.\d+ ms and 4\.\d+ ms/,
  },
  {
    name: 'baseline show: a baseline whose representative run was edited',
    setup: async (dir) => {
      const b = nextBaseline(undefined, makeResult(), { date: '2025-01-01T00:00:00.000Z' });
      b.result.latency.p99 = 999;
      await writeFile(join(dir, 'edited.json'), serializeBaseline(b));
      return ['baseline', 'show', join(dir, 'edited.json')];
    },
    code: 2,
    stderr:
      /^perf-gate: baseline ".*edited\.json": result\.latency\.p99 is 999\.0 ms, but latency\.samplesMs puts it between/,
  },
  {
    name: 'compare: samples of 5e-324 ms',
    setup: async (dir) => {
      const r = makeResult();
      r.latency.samplesMs = r.latency.samplesMs.map(() => 5e-324);
      Object.assign(r.latency, { p50: 5e-324, p90: 5e-324, p95: 5e-324, p99: 5e-324 });
      Object.assign(r.latency, { mean: 5e-324, min: 5e-324, max: 5e-324 });
      await writeFile(join(dir, 'tiny.json'), json(r));
      await writeFile(join(dir, 'good.json'), json(makeResult()));
      return ['compare', '--baseline', join(dir, 'good.json'), '--current', join(dir, 'tiny.json')];
    },
    code: 2,
    stderr:
      /^perf-gate: --current ".*tiny\.json": latency\.samplesMs\[0\] is 5e-324 ms, below the 1 ns resolution perf-gate records durations in/,
  },
  {
    name: 'bench --out through a link: the link is replaced, its target untouched',
    setup: async (dir) => {
      await writeFile(join(dir, 'victim.txt'), 'precious\n');
      await symlink(join(dir, 'victim.txt'), join(dir, 'out.json'));
      return ['bench', '--model', modelPath, '--iterations', '3', '--out', join(dir, 'out.json'), ...FAST];
    },
    code: 0,
    stderr: /^$/,
    check: async (dir) => {
      expect(await readFile(join(dir, 'victim.txt'), 'utf8')).toBe('precious\n');
      expect((await lstat(join(dir, 'out.json'))).isSymbolicLink()).toBe(false);
      expect(JSON.parse(await readFile(join(dir, 'out.json'), 'utf8'))).toMatchObject({
        kind: 'yolo-perf-gate/result',
      });
    },
  },
];

describe('hostile and careless input: exit code, first stderr line, files left behind', () => {
  it.each(CASES)('$name', async ({ setup, code, stderr, after, check }) => {
    const dir = await mkdtemp(join(root, 'case-'));
    const args = await setup(dir);
    const before = (await readdir(dir)).sort();
    const run = await runMain(args);
    const first = run.err.split('\n')[0] ?? '';
    expect({ code: run.code, first }).toMatchObject({ code });
    expect(first).toMatch(stderr);
    // One line, bounded, no stack trace.
    expect(run.err.trim().split('\n').length).toBeLessThanOrEqual(1);
    expect(first.length).toBeLessThan(1000);
    expect((await readdir(dir)).sort()).toEqual((after ?? ((b) => b))(before).sort());
    await check?.(dir, run.out, run.err);
  });
});

describe('a model the user cannot read (mode 000; a real process, not root)', () => {
  it('exit 2 naming --model and the file', async () => {
    // Root reads any file, so the CLI runs as "nobody" when the test runs as root.
    const asRoot = process.getuid?.() === 0;
    const dir = await mkdtemp(join(asRoot ? dirname(tmpdir()) : root, 'perf-gate-unreadable-'));
    try {
      await chmod(dir, 0o1777);
      const model = join(dir, 'secret.onnx');
      await writeFile(model, await readFile(modelPath));
      await chmod(model, 0o000);
      const result = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(REPO_ROOT, 'src/cli.ts'), 'bench', '--model', model],
          {
            cwd: REPO_ROOT,
            env: { ...process.env, CI: 'true', TMPDIR: dir },
            stdio: ['ignore', 'ignore', 'pipe'],
            ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
          },
        );
        let err = '';
        child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stderr: err }));
      });
      expect(result.status).toBe(2);
      expect(result.stderr.split('\n')[0]).toMatch(
        /^perf-gate: --model: cannot read ".*secret\.onnx": EACCES/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
