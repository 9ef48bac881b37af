/**
 * A benchmark in its own process: `perf-gate bench --json` started with the flags that measure as
 * the parent's config does (src/config/reproduce.ts `benchArgs`). The gate uses it for several
 * current runs in separate processes (`--runs N`) and for paired mode's memory probes (each model
 * alone in a process, so its peak memory is its own).
 */
import { spawn } from 'node:child_process';
import { benchArgs } from '../config/reproduce.js';
import { BenchResultSchema } from '../schema/result.js';
import { assertValid } from '../schema/validate.js';
import { UsageError } from '../util/errors.js';
import { nodeScriptCommand } from '../util/node-script.js';
/** Runs one benchmark in a child process and returns its validated result document. */
export async function benchInChild(config, options) {
    const { execPath, args } = nodeScriptCommand(import.meta.url, '../cli');
    const argv = [...args, ...benchArgs(config, ['--json', ...(options.extra ?? [])])];
    const { code, stdout, stderr } = await new Promise((resolve, reject) => {
        const child = spawn(execPath, argv, {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, CI: 'true' },
        });
        let out = '';
        let err = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
        child.stderr.setEncoding('utf8').on('data', (d) => {
            err += d;
            for (const line of d.split('\n'))
                if (line.trim())
                    options.log?.(line);
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30 * 60_000);
        child.on('error', reject);
        child.on('close', (status) => {
            clearTimeout(timer);
            resolve({ code: status, stdout: out, stderr: err });
        });
    });
    if (code !== 0) {
        const last = stderr
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .pop();
        const message = `${options.what}: the benchmark process exited ${code ?? 'on a signal'}${last ? `: ${last.replace(/^perf-gate: /, '')}` : ''}`;
        if (code === 2)
            throw new UsageError(message);
        throw new Error(message);
    }
    let json;
    try {
        json = JSON.parse(stdout);
    }
    catch {
        throw new Error(`${options.what}: the benchmark process printed no result document`);
    }
    return assertValid(BenchResultSchema, json, options.what);
}
