/**
 * What the git side of `baseline: auto` costs before any benchmark runs: deciding "same bytes?" for
 * an unchanged model, and writing a changed model's base version out of git, each as a ratio against
 * copying the model file once (`fs.copyFile`) and against starting one git process, measured side by
 * side in alternating rounds (full clones: no fetch, which depends on the network). Then the
 * peak memory of writing the base version out, in a child process, against the model's size: the
 * blob is streamed, so it should not grow with the model.
 *
 *   npx tsx scripts/bench-git-base.ts [--arch yolov8n] [--imgsz 640] [--rounds 9]
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { generateYoloModel, parseArch } from '../src/model/index.js';
import { modelVersions, openRepository, resolveBaseCommit, type Git } from '../src/git/index.js';
import { formatBytes } from '../src/util/format.js';
import { createPrRepo, type PrRepo } from '../test/helpers/git-repo.js';

const { values } = parseArgs({
  options: {
    arch: { type: 'string', default: 'yolov8n' },
    imgsz: { type: 'string', default: '640' },
    rounds: { type: 'string', default: '9' },
    'memory-child': { type: 'string' },
  },
});
const MODEL = 'models/det.onnx';

async function versions(git: Git, fx: { baseSha: string }, workDir: string) {
  const repo = await openRepository(git, 'bench');
  const baseCommit = await resolveBaseCommit(git, repo, { kind: 'commit', sha: fx.baseSha, label: 'bench' });
  return modelVersions({ git, repo, baseCommit, model: MODEL, label: 'bench', workDir });
}

/** Child mode: one "changed" resolution in a fresh process; prints its peak RSS in bytes. */
async function memoryChild(spec: string): Promise<void> {
  const { checkout, baseSha, skip } = JSON.parse(spec) as {
    checkout: string;
    baseSha: string;
    skip: boolean;
  };
  const { createGit } = await import('../src/git/index.js');
  if (!skip) {
    const workDir = await mkdtemp(join(tmpdir(), 'perf-gate-bench-git-'));
    try {
      const v = await versions(createGit({ cwd: checkout }), { baseSha }, workDir);
      if (v.status !== 'changed') throw new Error(`expected a changed model, got ${v.status}`);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
  process.stdout.write(String(process.resourceUsage().maxRSS * 1024));
}

async function main(): Promise<void> {
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds: expected a positive integer');
  const arch = parseArch(values.arch as string);
  const imgsz = Number(values.imgsz);
  const base = generateYoloModel({ arch, imgsz }).bytes;
  const head = generateYoloModel({ arch, imgsz, seed: 1 }).bytes;

  const fixtures: PrRepo[] = [];
  const scratch = await mkdtemp(join(tmpdir(), 'perf-gate-bench-git-'));
  try {
    const unchanged = await createPrRepo({ base: { [MODEL]: base }, head: { 'README.md': 'x\n' }, depth: 0 });
    fixtures.push(unchanged);
    const changed = await createPrRepo({ base: { [MODEL]: base }, head: { [MODEL]: head }, depth: 0 });
    fixtures.push(changed);
    const modelFile = join(changed.checkout, MODEL);

    const arms: Record<string, (i: number) => Promise<void>> = {
      'copyFile of the model (reference)': async (i) => {
        await copyFile(modelFile, join(scratch, `copy-${i}.onnx`));
      },
      // One git subprocess: the steps below are a handful of them, so this is their unit of cost.
      'git --version (one git process)': async () => {
        await unchanged.git.run(['--version']);
      },
      'unchanged: same-bytes decision': async (i) => {
        const v = await versions(unchanged.git, unchanged, join(scratch, `u-${i}`));
        if (v.status !== 'unchanged') throw new Error(v.status);
      },
      'changed: base model written out of git': async (i) => {
        const v = await versions(changed.git, changed, join(scratch, `c-${i}`));
        if (v.status !== 'changed') throw new Error(v.status);
        // The bytes are the base commit's (not timed separately: a check, not an arm).
        if (i === 0 && !(await readFile(v.base as string)).equals(Buffer.from(base)))
          throw new Error('wrong base bytes');
      },
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(arms).map((k) => [k, []]));
    const names = Object.keys(arms);
    for (const name of names) await arms[name]?.(-1); // page cache and module warm-up, not recorded
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        const start = process.hrtime.bigint();
        await arms[name]?.(i);
        times[name]?.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }

    const child = (skip: boolean) =>
      Number(
        execFileSync(
          process.execPath,
          [
            '--import',
            'tsx',
            'scripts/bench-git-base.ts',
            '--memory-child',
            JSON.stringify({ checkout: changed.checkout, baseSha: changed.baseSha, skip }),
          ],
          { env: changed.env, encoding: 'utf8' },
        ),
      );
    const idle = child(true);
    const working = child(false);

    const ref = median(times[names[0] as string] as number[]);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ${arch}@${imgsz} (${formatBytes(base.length)}); ${rounds} rounds`,
    );
    const gitOnce = median(times[names[1] as string] as number[]);
    console.log('| step | median ms | ratio to copyFile | ratio to one git process |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const name of names) {
      const m = median(times[name] as number[]);
      console.log(`| ${name} | ${m.toFixed(1)} | ${(m / ref).toFixed(2)} | ${(m / gitOnce).toFixed(2)} |`);
    }
    console.log(
      `peak RSS of a child that writes the base model out: ${formatBytes(working)}; of the same child doing nothing: ${formatBytes(idle)}; difference ${formatBytes(working - idle)} = ${((working - idle) / base.length).toFixed(2)} x the model size`,
    );
  } finally {
    for (const fx of fixtures) await fx.cleanup();
    await rm(scratch, { recursive: true, force: true });
  }
}

if (values['memory-child'] !== undefined) await memoryChild(values['memory-child']);
else await main();
