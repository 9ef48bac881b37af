import cliProgress from 'cli-progress';
import type { CliIo } from './main.js';

/**
 * How a long run talks to the person at the terminal. Progress goes to stderr so stdout stays
 * clean for the summary or `--json`; on a non-TTY or in CI (CI=true) only phase lines are
 * printed, and with `quiet` nothing.
 */
export interface Ui {
  info(line: string): void;
  /** Warnings (e.g. a provider fallback) are printed even when quiet. */
  warn(line: string): void;
  phase(name: string, detail?: string): void;
  progress(done: number, total: number | undefined, elapsedSeconds: number): void;
  endProgress(): void;
}

export interface UiOptions {
  quiet?: boolean;
  /** The CLI's stderr (process.stderr, or a test's capture). */
  io?: Pick<CliIo, 'stderr' | 'stderrIsTTY' | 'env'>;
}

/** A Ui for the CLI: a progress bar on an interactive terminal, plain lines elsewhere. */
export function createUi({ quiet = false, io }: UiOptions = {}): Ui {
  const out = io ?? {
    stderr: (t: string) => process.stderr.write(t),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
  const interactive = out.stderrIsTTY && !out.env.CI && !quiet;
  const stream = process.stderr;
  let bar: cliProgress.SingleBar | undefined;
  const write = (line: string): void => {
    if (!quiet) out.stderr(`${line}\n`);
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
      if (!interactive) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: total
              ? '  timed runs {bar} {value}/{total} ({elapsed}s)'
              : '  timed runs {value} ({elapsed}s)',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
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
