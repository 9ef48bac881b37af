/**
 * How long `perf-gate --help` (and `--version`) take, as a ratio against `node -e 0` measured side
 * by side: the two commands alternate, so a busy moment of the machine hits both arms.
 *
 *   npx tsx scripts/bench-cli-startup.ts [--rounds 15] [--cli dist/cli.js]
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { median } from 'simple-statistics';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    cli: { type: 'string', default: 'dist/cli.js' },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: expected a positive integer`);

function timeOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return ms;
}

const arms: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'perf-gate --help': [values.cli, '--help'],
  'perf-gate --version': [values.cli, '--version'],
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(arms).map((k) => [k, []]));
timeOnce(arms['perf-gate --help'] as string[]); // page cache warm-up, not recorded
for (let i = 0; i < rounds; i++) {
  const order = Object.keys(arms);
  if (i % 2 === 1) order.reverse();
  for (const name of order) times[name]?.push(timeOnce(arms[name] as string[]));
}
const base = median(times['node -e 0'] as number[]);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${rounds} rounds; cli ${values.cli}`,
);
console.log('| command | median ms | ratio to `node -e 0` |');
console.log('| --- | ---: | ---: |');
for (const [name, list] of Object.entries(times)) {
  const m = median(list);
  console.log(`| \`${name}\` | ${m.toFixed(0)} | ${(m / base).toFixed(2)} |`);
}
