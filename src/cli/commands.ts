import type { Command } from 'commander';
import type { CliContext } from './main.js';
import { registerBaselineCommand } from './baseline.js';
import { registerBenchCommand } from './bench.js';
import { registerCompareCommand } from './compare.js';
import { registerModelCommand } from './model.js';
import { registerReportCommand } from './report.js';
import { registerGateCommand } from './gate.js';
import { registerMergeCommand } from './merge.js';
import { registerProfileCommand } from './profile.js';
import { registerDashboardCommand, registerTrendCommand } from './trend.js';

/** Registers every `perf-gate` sub-command. */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerBaselineCommand(program, ctx);
  registerGateCommand(program, ctx);
  registerBenchCommand(program, ctx);
  registerCompareCommand(program, ctx);
  registerProfileCommand(program, ctx);
  registerModelCommand(program, ctx);
  registerReportCommand(program, ctx);
  registerMergeCommand(program, ctx);
  registerTrendCommand(program, ctx);
  registerDashboardCommand(program, ctx);
}
