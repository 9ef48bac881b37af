import type { Command } from 'commander';
import type { CliContext } from './main.js';
import { registerBenchCommand } from './bench.js';
import { registerModelCommand } from './model.js';

/** Registers every `perf-gate` sub-command. */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerBenchCommand(program, ctx);
  registerModelCommand(program, ctx);
}
