/** The request/reply shapes between pass.ts (parent) and child.ts (the profiling process). */
import type { SessionSettings } from '../bench/session.js';

/** Prefix of the child's one reply line on stdout (anything else on stdout is ignored). */
export const REPLY_PREFIX = 'PERF_GATE_PROFILE ';

export interface ChildRequest {
  modelPath: string;
  session: SessionSettings;
  dims: Record<string, number>;
  warmupIterations: number;
  iterations: number;
  /** Fresh folder for the trace; the profile file prefix is `<outDir>/ort-profile`. */
  outDir: string;
  /** Skip a provider whose session fails to create (src/bench/session.ts createSessionWithFallback). */
  allowFallback?: boolean;
  /** Image files or folders (`--inputs`): every run (warm-up included) feeds image `run mod n`. */
  images?: string[];
}

export type ChildReply =
  | {
      ok: true;
      tracePath: string;
      warmupRuns: number;
      runs: number;
      runSeconds: number;
      /** The settings the session really ran with (after any provider fallback). */
      session?: SessionSettings;
      /** One line per provider that failed to create a session and was skipped. */
      fallbacks?: string[];
      /** File names of the images fed, in cycle order (absent without `--inputs`). */
      imageNames?: string[];
    }
  | { ok: false; usage: boolean; message: string };
