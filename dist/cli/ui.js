import cliProgress from 'cli-progress';
/** A Ui for the CLI: a progress bar on an interactive terminal, plain lines elsewhere. */
export function createUi({ quiet = false, io } = {}) {
    const out = io ?? {
        stderr: (t) => process.stderr.write(t),
        stderrIsTTY: Boolean(process.stderr.isTTY),
        env: process.env,
    };
    const interactive = out.stderrIsTTY && !out.env.CI && !quiet;
    const stream = process.stderr;
    let bar;
    const write = (line) => {
        if (!quiet)
            out.stderr(`${line}\n`);
    };
    return {
        info: write,
        warn(line) {
            this.endProgress();
            out.stderr(`${line}\n`);
        },
        phase(name, detail) {
            this.endProgress();
            write(detail ? `${name}: ${detail}` : name);
        },
        progress(done, total, elapsedSeconds) {
            if (!interactive)
                return;
            if (!bar) {
                bar = new cliProgress.SingleBar({
                    stream,
                    format: total
                        ? '  timed runs {bar} {value}/{total} ({elapsed}s)'
                        : '  timed runs {value} ({elapsed}s)',
                    hideCursor: true,
                    clearOnComplete: true,
                }, cliProgress.Presets.shades_classic);
                bar.start(total ?? 0, 0, { elapsed: '0.0' });
            }
            bar.update(done, { elapsed: elapsedSeconds.toFixed(1) });
        },
        endProgress() {
            bar?.stop();
            bar = undefined;
        },
    };
}
