/**
 * Vitest global setup: every test run gets its own temporary root (TMPDIR for the workers and for
 * every child process they start), removed when the run ends, so a run never leaves folders behind
 * in the machine's temp directory, whatever a test or a child process forgot to remove.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'perf-gate-test-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
