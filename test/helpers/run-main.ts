/**
 * Runs `perf-gate` in-process through the real entry function (src/cli/main.ts: the same commander
 * program, the same error handling), capturing stdout and stderr. Use it for everything but what is
 * about the process boundary itself (exit status of a real process, signals, the built dist/).
 */
import { main } from '../../src/cli/main.js';

export interface MainRun {
  code: number;
  out: string;
  err: string;
}

export async function runMain(
  args: string[],
  env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' },
): Promise<MainRun> {
  let out = '';
  let err = '';
  const code = await main(args, (t) => (out += t), { stderr: (t) => (err += t), stderrIsTTY: false, env });
  return { code, out, err };
}
