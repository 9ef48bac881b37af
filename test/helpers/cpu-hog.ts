import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Busy child processes, one per CPU by default, each bounded in time and stopped by `stop()`. */
export interface CpuHog {
  pids: number[];
  stop(): Promise<void>;
}

/**
 * Starts `count` processes that spin on the CPU until stopped, or until `maxSeconds` have passed
 * (so a crashed test never leaves them behind for long). Resolves once every one is spinning.
 */
export async function startCpuHog({
  count = availableParallelism(),
  maxSeconds = 90,
}: { count?: number; maxSeconds?: number } = {}): Promise<CpuHog> {
  const body =
    `const end = Date.now() + ${Math.round(maxSeconds * 1000)};` +
    `process.stdout.write('spinning\\n');` +
    `let x = 0; while (Date.now() < end) { x = (x * 1103515245 + 12345) % 2147483648; }`;
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGKILL');
          }),
      ),
    );
  };
  try {
    for (let i = 0; i < count; i++) {
      const child = spawn(process.execPath, ['-e', body], { stdio: ['ignore', 'pipe', 'ignore'] });
      children.push(child);
      await new Promise<void>((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`CPU hog exited early with code ${code}`)));
        child.stdout?.once('data', () => resolve());
      });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { pids: children.map((c) => c.pid as number), stop };
}
