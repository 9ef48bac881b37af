import cliProgress from 'cli-progress';
/** A Ui for the CLI: a progress bar on an interactive terminal, plain lines elsewhere. */
export function createUi({ quiet = false, stream = process.stderr, env = process.env } = {}) {
    const interactive = Boolean(stream.isTTY) && !env.CI && !quiet;
    let bar;
    const write = (line) => {
        if (!quiet)
            stream.write(`${line}\n`);
    };
    return {
        info: write,
        warn(line) {
            this.endProgress();
            stream.write(`${line}\n`);
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
