import { Command, CommanderError } from 'commander';
import { ExitCode, errorMessage, isUsageError } from '../util/errors.js';
import { TOOL_VERSION } from '../version.js';
import { registerCommands } from './commands.js';
/**
 * Runs `perf-gate` with `argv` (without node and script) and returns the exit code; never calls
 * process.exit, so tests can run it in-process and the entry point stays a few lines.
 */
export async function main(argv, stdout = (t) => process.stdout.write(t)) {
    const ctx = { exitCode: ExitCode.Ok, stdout };
    const program = new Command('perf-gate')
        .description('Performance-conservation gate for YOLO ONNX models: benchmark, compare, report.')
        .version(TOOL_VERSION)
        .option('--verbose', 'print stack traces for errors', false)
        .showHelpAfterError('(run with --help for usage)')
        .exitOverride();
    registerCommands(program, ctx);
    program.commands.forEach(function override(cmd) {
        cmd.exitOverride();
        cmd.commands.forEach(override);
    });
    try {
        await program.parseAsync(argv, { from: 'user' });
        return ctx.exitCode;
    }
    catch (err) {
        if (err instanceof CommanderError) {
            // Help and version are successful exits; every other commander error is bad usage.
            return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0
                ? ExitCode.Ok
                : ExitCode.Usage;
        }
        const verbose = argv.includes('--verbose');
        if (isUsageError(err)) {
            process.stderr.write(`perf-gate: ${err.message}\n`);
            if (verbose && err.stack)
                process.stderr.write(`${err.stack}\n`);
            return ExitCode.Usage;
        }
        process.stderr.write(`perf-gate: internal error: ${errorMessage(err)}${verbose ? '' : ' (rerun with --verbose for details)'}\n`);
        if (verbose && err instanceof Error && err.stack)
            process.stderr.write(`${err.stack}\n`);
        return ExitCode.Internal;
    }
}
