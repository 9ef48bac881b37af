import { registerBaselineCommand } from './baseline.js';
import { registerBenchCommand } from './bench.js';
import { registerCompareCommand } from './compare.js';
import { registerModelCommand } from './model.js';
import { registerReportCommand } from './report.js';
import { registerGateCommand } from './gate.js';
import { registerMergeCommand } from './merge.js';
import { registerProfileCommand } from './profile.js';
/** Registers every `perf-gate` sub-command. */
export function registerCommands(program, ctx) {
    registerBaselineCommand(program, ctx);
    registerGateCommand(program, ctx);
    registerBenchCommand(program, ctx);
    registerCompareCommand(program, ctx);
    registerProfileCommand(program, ctx);
    registerModelCommand(program, ctx);
    registerReportCommand(program, ctx);
    registerMergeCommand(program, ctx);
}
