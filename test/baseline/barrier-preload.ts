/**
 * Preloaded (`node --import`) into each `perf-gate baseline update` process of the concurrency test:
 * loads the command's modules first, then says it is ready and waits for the parent's "go" file, so
 * all processes start their read-modify-write within milliseconds of each other instead of being
 * spread over seconds of module loading. Without PERF_GATE_TEST_BARRIER it does nothing.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const barrier = process.env.PERF_GATE_TEST_BARRIER;
if (barrier) {
  await import('../../src/cli/main.js');
  await import('../../src/cli/run/baseline-update.js');
  writeFileSync(join(barrier, `ready-${process.pid}`), '');
  while (!existsSync(join(barrier, 'go'))) await sleep(5);
}
