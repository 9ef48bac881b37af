/**
 * Subprocess for the atomic-update kill test: performs a real baseline update and stops between the
 * finished temp file and the rename. Prints `READY <temp path>` there, then either waits to be killed
 * (default) or SIGKILLs itself (SELF_KILL=1).
 * Usage: node --import tsx update-child.ts DIR RESULT.json
 */
import { readFileSync } from 'node:fs';
import { updateBaseline } from '../../src/baseline/index.js';
import type { BenchResult } from '../../src/schema/result.js';

const [dir, resultPath] = process.argv.slice(2) as [string, string];
const result = JSON.parse(readFileSync(resultPath, 'utf8')) as BenchResult;
await updateBaseline(dir, result, {
  date: '2025-02-01T00:00:00.000Z',
  commit: 'feedface',
  beforeRename: async (temp) => {
    process.stdout.write(`READY ${temp}\n`);
    if (process.env.SELF_KILL === '1') process.kill(process.pid, 'SIGKILL');
    setInterval(() => undefined, 1000);
    await new Promise(() => undefined);
  },
});
process.stdout.write('RENAMED\n');
