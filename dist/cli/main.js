import { Command, CommanderError } from 'commander';
import { ExitCode, errorMessage, isUsageError, oneLineMessage } from '../util/errors.js';
import { TOOL_VERSION } from '../version.js';
import { registerCommands } from './commands.js';
/** Commander's own messages (unknown option, missing value) as one `perf-gate:` line. */
function commanderMessage(text) {
    const line = text
        .trim()
        .split('\n')[0]
        ?.replace(/^error: /, '') ?? text.trim();
    return `perf-gate: ${oneLineMessage(line)} (see --help)\n`;
}
/**
 * Runs `perf-gate` with `argv` (without node and script) and returns the exit code; never calls
 * process.exit, so tests can run it in-process and the entry point stays a few lines.
 */
export async function main(argv, stdout = (t) => process.stdout.write(t), io = {}) {
    const stderr = io.stderr ?? ((t) => process.stderr.write(t));
    const ctx = {
        exitCode: ExitCode.Ok,
        stdout,
        io: {
            stdout,
            stderr,
            stderrIsTTY: io.stderrIsTTY ?? (io.stderr ? false : Boolean(process.stderr.isTTY)),
            env: io.env ?? process.env,
        },
    };
    const program = new Command('perf-gate')
        .description('Performance-conservation gate for YOLO ONNX models: benchmark, compare, report.')
        .version(TOOL_VERSION)
        .option('--verbose', 'print stack traces for errors', false)
        .exitOverride();
    registerCommands(program, ctx);
    program.commands.forEach(function configure(cmd) {
        cmd.exitOverride();
        cmd.commands.forEach(configure);
    });
    const output = {
        writeOut: stdout,
        writeErr: stderr,
        outputError: (text, write) => write(commanderMessage(text)),
    };
    program.configureOutput(output);
    program.commands.forEach(function configure(cmd) {
        cmd.configureOutput(output);
        cmd.commands.forEach(configure);
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
            stderr(`perf-gate: ${oneLineMessage(err.message)}\n`);
            if (verbose && err.stack)
                stderr(`${err.stack}\n`);
            return ExitCode.Usage;
        }
        stderr(`perf-gate: internal error: ${oneLineMessage(errorMessage(err))}${verbose ? '' : ' (rerun with --verbose for details)'}\n`);
        if (verbose && err instanceof Error && err.stack)
            stderr(`${err.stack}\n`);
        return ExitCode.Internal;
    }
}
