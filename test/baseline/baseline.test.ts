import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BaselineSchema,
  baselineFileName,
  findBaseline,
  formatBaseline,
  listBaselines,
  loadBaselineFile,
  checkBaselineDocument,
  nextBaseline,
  serializeBaseline,
  thinSamples,
  updateBaseline,
  withBaselinesLock,
  type Baseline,
} from '../../src/baseline/index.js';
import { schemaProblems } from '../../src/schema/validate.js';
import { isUsageError } from '../../src/util/errors.js';
import { SHA_B, makeResult } from '../fixtures/report/fixtures.js';
import { runMain } from '../helpers/run-main.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perf-gate-baseline-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DATE = '2025-01-20T08:00:00.000Z';
const l4 = (o: Parameters<typeof makeResult>[0] = {}) =>
  makeResult({ gpuName: 'NVIDIA L4', peakGpuBytes: 900 * 2 ** 20, ...o });
const a100 = (o: Parameters<typeof makeResult>[0] = {}) =>
  makeResult({ gpuName: 'NVIDIA A100-SXM4-80GB', peakGpuBytes: 900 * 2 ** 20, ...o });

async function usageMessage(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(isUsageError(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('baseline files', () => {
  it('names the file after model, provider and hardware class, sanitised', () => {
    expect(baselineFileName({ model: 'yolov8n', provider: 'cuda', hardwareClass: 'gpu-nvidia-l4' })).toBe(
      'yolov8n.cuda.gpu-nvidia-l4.json',
    );
    expect(baselineFileName({ model: '../../etc/passwd x', provider: 'cuda:1', hardwareClass: 'a/b' })).toBe(
      'etc_passwd_x.cuda_1.a_b.json',
    );
  });

  it('creates a baseline that validates, carries $schema and reads back equal', async () => {
    const out = await updateBaseline(dir, l4(), { date: DATE, commit: 'abc123' });
    expect(out.created).toBe(true);
    expect(out.path).toBe(join(dir, 'yolov8n.cuda.gpu-nvidia-l4.json'));
    const text = await readFile(out.path, 'utf8');
    const json = JSON.parse(text) as Baseline;
    expect(json.$schema).toBe('https://yolo-perf-gate.dev/schemas/baseline.schema.json');
    expect(schemaProblems(BaselineSchema, json)).toEqual([]);
    expect(json).toEqual(out.baseline);
    expect(json.history).toHaveLength(1);
    expect(json.history[0]).toMatchObject({
      commit: 'abc123',
      recordedAt: DATE,
      peakMemoryBytes: 900 * 2 ** 20,
    });
    expect(out.summary).toContain('created');
  });

  it('serialises in schema key order, 2-space indented, 10 samples a line', async () => {
    const baseline = nextBaseline(undefined, l4(), { date: DATE });
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : v;
    const shuffled = reverse(baseline) as Baseline;
    expect(Object.keys(shuffled)[0]).toBe('history');
    const text = serializeBaseline(shuffled);
    expect(text).toBe(serializeBaseline(baseline));
    const topKeys = [...text.matchAll(/^ {2}"([^"]+)":/gm)].map((m) => m[1]);
    expect(topKeys).toEqual([
      '$schema',
      'kind',
      'schemaVersion',
      'key',
      'modelSha256',
      'recordedAt',
      'samples',
      'result',
      'history',
    ]);
    expect(text).toMatch(/"samplesMs": \[\n {8}[\d.]+(, [\d.]+){9},\n/);
    expect(JSON.parse(text)).toEqual(baseline);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('thins samples evenly above the cap and says so', () => {
    expect(thinSamples([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(thinSamples([1, 2, 3], 5)).toEqual([1, 2, 3]);
    const b = nextBaseline(undefined, l4({ n: 50 }), { date: DATE, maxSamples: 20 });
    expect(b.result.latency.samplesMs).toHaveLength(20);
    expect(b.samples).toEqual({ measured: 50, stored: 20, method: 'even-thinning' });
  });

  it('keeps the last K history entries', async () => {
    for (let i = 0; i < 5; i++) {
      await updateBaseline(dir, l4({ center: 4 + i }), {
        date: `2025-01-2${i}T00:00:00.000Z`,
        commit: `c${i}`,
        keep: 3,
      });
    }
    const [loaded] = await listBaselines(dir);
    expect(loaded?.baseline.history.map((h) => h.commit)).toEqual(['c2', 'c3', 'c4']);
    expect(loaded?.baseline.commit).toBe('c4');
    const out = await updateBaseline(dir, l4({ center: 3 }), { date: DATE, keep: 3 });
    expect(out.summary).toMatch(/P50 {5}\d\.\d+ ms -> \d\.\d+ ms \(-\d+\.\d%\)/);
    expect(out.summary).toContain('history 3 run(s) (keeping the last 3; dropped 1 oldest)');
    expect(out.summary).toMatch(/memory {2}900\.0 MiB -> 900\.0 MiB/);
  });

  it('refuses an unreliable run unless allowed', async () => {
    const bad = l4({ reliable: false, reasons: ['GPU throttled'] });
    expect(await usageMessage(updateBaseline(dir, bad, { date: DATE }))).toMatch(
      /unreliable \(GPU throttled\).*--force/,
    );
    await expect(updateBaseline(dir, bad, { date: DATE, allowUnreliable: true })).resolves.toMatchObject({
      created: true,
    });
  });

  it('formats a baseline for `baseline show`', async () => {
    await updateBaseline(dir, l4(), { date: DATE, commit: 'abc123' });
    const out = await updateBaseline(dir, l4({ center: 4.2 }), { date: DATE, commit: 'def456' });
    const text = formatBaseline(out.baseline, out.path);
    expect(text).toContain('baseline   yolov8n / cuda / gpu-nvidia-l4');
    expect(text).toContain('NVIDIA L4 (gpu-nvidia-l4)');
    expect(text).toContain('history    2 run(s)');
    expect(text).toContain('run-to-run P50 spread');
  });
});

describe('findBaseline', () => {
  it('finds the baseline of the same model, provider and hardware class', async () => {
    await updateBaseline(dir, l4(), { date: DATE });
    await updateBaseline(dir, l4({ name: 'yolo11n' }), { date: DATE });
    await updateBaseline(dir, l4({ provider: 'cpu', gpuName: undefined, hardwareClass: 'gpu-nvidia-l4' }), {
      date: DATE,
    });
    const found = await findBaseline(dir, l4({ center: 5, sha256: SHA_B }));
    expect(found.status).toBe('match');
    expect(found.hardwareMismatch).toBe(false);
    if (found.status !== 'match') throw new Error('unreachable');
    expect(found.path).toBe(join(dir, 'yolov8n.cuda.gpu-nvidia-l4.json'));
  });

  it('returns the only same-model baseline of other hardware flagged hardwareMismatch, with the reason', async () => {
    await updateBaseline(dir, a100(), { date: DATE });
    const found = await findBaseline(dir, l4());
    expect(found.status).toBe('hardware-mismatch');
    if (found.status !== 'hardware-mismatch') throw new Error('unreachable');
    expect(found.hardwareMismatch).toBe(true);
    expect(found.baseline.key.hardwareClass).toBe('gpu-nvidia-a100-sxm4-80gb');
    expect(found.reason).toContain(
      'is for NVIDIA A100-SXM4-80GB (gpu-nvidia-a100-sxm4-80gb), this runner has NVIDIA L4 (gpu-nvidia-l4)',
    );
  });

  it('explains why none fits, listing the baselines that exist', async () => {
    await updateBaseline(dir, a100(), { date: DATE });
    await updateBaseline(dir, makeResult({ gpuName: 'NVIDIA T4', peakGpuBytes: 1 }), { date: DATE });
    await updateBaseline(dir, l4({ name: 'yolo11s' }), { date: DATE });
    const found = await findBaseline(dir, l4());
    expect(found.status).toBe('none');
    if (found.status !== 'none') throw new Error('unreachable');
    expect(found.available).toHaveLength(3);
    expect(found.reason).toContain('no baseline in');
    expect(found.reason).toContain('2 baselines for this model and provider are for other hardware');
    expect(found.reason).toContain('NVIDIA T4 (gpu-nvidia-t4), this runner has NVIDIA L4 (gpu-nvidia-l4)');
    expect(found.reason).toContain('yolo11s.cuda.gpu-nvidia-l4.json" (model "yolo11s")');
    const cpu = await findBaseline(dir, l4({ provider: 'cpu', requested: ['cuda', 'cpu'] }));
    expect(cpu.status).toBe('none');
    if (cpu.status === 'none') expect(cpu.reason).toContain('provider cuda, this run used cpu');
  });

  it('says how to record one when the folder is missing or empty', async () => {
    const found = await findBaseline(join(dir, 'nope'), l4());
    expect(found).toMatchObject({ status: 'none' });
    if (found.status === 'none') expect(found.reason).toContain('perf-gate baseline update');
  });

  it('rejects two files holding the same key, naming both', async () => {
    const out = await updateBaseline(dir, l4(), { date: DATE });
    await writeFile(join(dir, 'copy.json'), await readFile(out.path, 'utf8'));
    const msg = await usageMessage(findBaseline(dir, l4()));
    expect(msg).toContain(`"${join(dir, 'copy.json')}" and "${out.path}"`);
    expect(await usageMessage(updateBaseline(dir, l4(), { date: DATE }))).toContain('keep one');
  });
});

describe('bad baseline files', () => {
  async function written(): Promise<{ path: string; text: string }> {
    const out = await updateBaseline(dir, l4(), { date: DATE });
    return { path: out.path, text: await readFile(out.path, 'utf8') };
  }

  it('truncated JSON names the file', async () => {
    const { path, text } = await written();
    await writeFile(path, text.slice(0, text.length / 2));
    const msg = await usageMessage(findBaseline(dir, l4()));
    expect(msg).toContain(`baseline "${path}": not valid JSON (truncated or corrupt?)`);
  });

  it('an empty file names the file', async () => {
    const { path } = await written();
    await writeFile(path, '');
    expect(await usageMessage(loadBaselineFile(path))).toBe(`baseline "${path}": the file is empty`);
  });

  it('a newer schema version names the file and the version', async () => {
    const { path, text } = await written();
    await writeFile(path, text.replace('"schemaVersion": 2', '"schemaVersion": 7'));
    expect(await usageMessage(loadBaselineFile(path))).toBe(
      `baseline "${path}": schemaVersion 7 is newer than this perf-gate supports (2); upgrade yolo-perf-gate to read it`,
    );
  });

  it('an unknown version, a wrong kind, a non-object and a schema violation are named', () => {
    expect(() =>
      checkBaselineDocument({ kind: 'yolo-perf-gate/baseline', schemaVersion: 'x' }, 'f.json'),
    ).toThrow('f.json: unsupported schemaVersion "x" (this version reads 2)');
    expect(() =>
      checkBaselineDocument({ kind: 'yolo-perf-gate/result', schemaVersion: 1 }, 'f.json'),
    ).toThrow('f.json: not a yolo-perf-gate baseline (kind "yolo-perf-gate/result"');
    expect(() => checkBaselineDocument([1], 'f.json')).toThrow(
      'f.json: expected a JSON object, got an array',
    );
    const b = nextBaseline(undefined, l4(), { date: DATE });
    expect(() => checkBaselineDocument({ ...b, history: 'none' }, 'f.json')).toThrow(
      /^f\.json: does not match the schema: \/history/,
    );
    expect(() => checkBaselineDocument({ ...b, key: { ...b.key, model: 'other' } }, 'f.json')).toThrow(
      'f.json: inconsistent baseline: key.model "other" vs result.model.name "yolov8n"',
    );
  });

  it('a missing file is named', async () => {
    expect(await usageMessage(loadBaselineFile(join(dir, 'x.json')))).toMatch(
      /^baseline ".*x\.json": cannot read: ENOENT/,
    );
  });

  it('an unwritable folder is a clear error and the old file stays', async () => {
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'not a folder');
    const msg = await usageMessage(updateBaseline(join(blocker, 'baselines'), l4(), { date: DATE }));
    expect(msg).toMatch(/^--baselines: cannot create the folder ".*file\/baselines": ENOTDIR/);
    expect(await usageMessage(listBaselines(blocker))).toContain('is not a folder');
  });
});

describe('the baselines folder lock', () => {
  it('an update that cannot get the lock in time fails naming the folder and the lock; nothing is written', async () => {
    const first = await updateBaseline(dir, l4(), { date: DATE, commit: 'first' });
    const before = await readFile(first.path, 'utf8');
    let release: () => void = () => undefined;
    let acquired: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (acquired = resolve));
    const held = withBaselinesLock(dir, () => {
      acquired();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await holding; // the update below must find the lock taken
    try {
      const msg = await usageMessage(updateBaseline(dir, l4({ center: 5 }), { date: DATE, lockWaitMs: 300 }));
      expect(msg).toMatch(
        /^--baselines: another perf-gate process has been updating ".*" for more than 0 s \(lock ".*\/\.perf-gate\.lock"\); a lock whose process died is taken over after 10 s/,
      );
      expect(await readFile(first.path, 'utf8')).toBe(before);
    } finally {
      release();
      await held;
    }
    // Released: the next update goes through and the lock folder is gone.
    const next = await updateBaseline(dir, l4({ center: 5 }), { date: DATE, commit: 'next' });
    expect(next.baseline.history.map((h) => h.commit)).toEqual(['first', 'next']);
    expect(await readdir(dir)).toEqual([basename(first.path)]);
  });
});

describe('atomic update under a kill', () => {
  const child = fileURLToPath(new URL('./update-child.ts', import.meta.url));

  async function killDuringUpdate(selfKill: boolean): Promise<void> {
    const first = await updateBaseline(dir, l4(), { date: DATE, commit: 'old' });
    const before = await readFile(first.path, 'utf8');
    const resultPath = join(dir, '..', `${dir.split('/').pop()}-result.json`);
    await writeFile(resultPath, JSON.stringify(l4({ center: 9, sha256: SHA_B })));
    try {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, dir, resultPath], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { ...process.env, SELF_KILL: selfKill ? '1' : '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        proc.on('exit', (code, signal) => resolve({ code, signal })),
      );
      const ready = await new Promise<string>((resolve, reject) => {
        proc.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /READY (.+)\n/.exec(stdout);
          if (m) resolve(m[1] as string);
        });
        void exited.then(() =>
          /READY/.test(stdout) ? undefined : reject(new Error(`child exited early: ${stderr}`)),
        );
      });
      if (!selfKill) {
        // Paused between the finished temp file and the rename: the target is still the old file.
        expect(await readFile(first.path, 'utf8')).toBe(before);
        expect(JSON.parse(await readFile(ready, 'utf8'))).toMatchObject({ commit: 'feedface' });
        proc.kill('SIGKILL');
      }
      const { signal } = await exited;
      expect(signal).toBe('SIGKILL');
      expect(stdout).not.toContain('RENAMED');
      // The old file is intact, parses and is still the baseline; the leftover temp file is ignored.
      expect(await readFile(first.path, 'utf8')).toBe(before);
      const loaded = await loadBaselineFile(first.path);
      expect(loaded.baseline.commit).toBe('old');
      // SIGKILL cannot be caught: the temp file (and the dead holder's lock) are still there...
      expect((await readdir(dir)).filter((n) => n.endsWith('.perf-gate.tmp'))).toHaveLength(1);
      expect(await readdir(dir)).toContain('.perf-gate.lock');
      expect(await listBaselines(dir)).toHaveLength(1);
      await expect(findBaseline(dir, l4())).resolves.toMatchObject({ status: 'match' });
      // ...and the next update takes the stale lock over, removes the dead process's temp file and
      // goes through (a 2 s stale time instead of 10 s, to keep the test short).
      const next = await updateBaseline(dir, l4({ center: 5 }), {
        date: DATE,
        commit: 'next',
        lockStaleMs: 2000,
      });
      expect(next.baseline.history.map((h) => h.commit)).toEqual(['old', 'next']);
      expect((await readdir(dir)).sort()).toEqual([basename(first.path)]);
    } finally {
      await rm(resultPath, { force: true });
    }
  }

  it('killed by the parent between temp file and rename: old file intact', async () => {
    await killDuringUpdate(false);
  });

  it('SIGKILLs itself between temp file and rename: old file intact', async () => {
    await killDuringUpdate(true);
  });
});

describe('perf-gate baseline (CLI)', () => {
  const run = (args: string[]) => runMain(args);

  it('update then show', async () => {
    const resultPath = join(dir, 'cur.json');
    await writeFile(resultPath, JSON.stringify(l4()));
    const baselines = join(dir, 'baselines');
    const up = await run([
      'baseline',
      'update',
      '--result',
      resultPath,
      '--baselines',
      baselines,
      '--keep',
      '4',
      '--commit',
      'abc',
      '--date',
      DATE,
    ]);
    expect(up.code).toBe(0);
    expect(up.out).toContain('created');
    const shown = await run(['baseline', 'show', '--baselines', baselines, '--model', 'yolov8n']);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('yolov8n / cuda / gpu-nvidia-l4');
    const file = await run(['baseline', 'show', join(baselines, 'yolov8n.cuda.gpu-nvidia-l4.json')]);
    expect(file.out).toContain('commit abc');
  });

  it('bad input exits 2 with one line', async () => {
    const resultPath = join(dir, 'cur.json');
    await writeFile(resultPath, '{"kind": ');
    const a = await run(['baseline', 'update', '--result', resultPath, '--baselines', dir]);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/^perf-gate: --result ".*cur\.json": not valid JSON/);
    const b = await run(['baseline', 'update', '--result', resultPath, '--keep', '0']);
    expect(b.code).toBe(2);
    await writeFile(resultPath, JSON.stringify(l4()));
    const c = await run(['baseline', 'update', '--result', resultPath, '--baselines', dir, '--keep', '0']);
    expect(c.err).toBe('perf-gate: --keep: expected an integer between 1 and 1000, got "0"\n');
    await mkdir(join(dir, 'empty'));
    const d = await run(['baseline', 'show', '--baselines', join(dir, 'empty')]);
    expect(d.code).toBe(2);
    expect(d.err).toContain('no baselines in');
    const e = await run(['baseline', 'update', '--baselines', dir]);
    expect(e.code).toBe(2);
  });
});
