/**
 * Runs one `perf-gate` sub-command in-process with the same error handling as src/cli/main.ts
 * (UsageError -> one line on stderr, exit 2), without loading the other commands' modules.
 */
import { Command, CommanderError } from 'commander';
import type { CliContext } from '../../src/cli/main.js';
import { ExitCode, isUsageError } from '../../src/util/errors.js';

export interface CommandRun {
  code: number;
  out: string;
  err: string;
}

export async function runCommand(
  register: (program: Command, ctx: CliContext) => void,
  args: string[],
): Promise<CommandRun> {
  let out = '';
  let err = '';
  const ctx: CliContext = { exitCode: ExitCode.Ok, stdout: (t) => (out += t) };
  const program = new Command('perf-gate')
    .exitOverride()
    .configureOutput({ writeErr: (t) => (err += t), writeOut: (t) => (out += t) });
  register(program, ctx);
  program.commands.forEach(function override(cmd: Command): void {
    cmd.exitOverride().configureOutput({ writeErr: (t) => (err += t), writeOut: (t) => (out += t) });
    cmd.commands.forEach(override);
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: ctx.exitCode, out, err };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode === 0 ? 0 : ExitCode.Usage, out, err };
    if (isUsageError(e)) return { code: ExitCode.Usage, out, err: `${err}perf-gate: ${e.message}\n` };
    throw e;
  }
}
