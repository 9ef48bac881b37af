/**
 * Glue for src/core/bench.ts: a timed-window observer that snapshots the machine's counters just
 * before the first timed run and just after the last, summarises the window and applies the busy
 * rule, and writes the summary (and, when busy, the reasons) into the result document.
 *
 * No sampling thread: every figure is a difference of cumulative kernel counters, so two snapshots
 * outside the timed loop carry all of it, and nothing runs beside `session.run` (the overhead is
 * measured in docs/benchmarks.md).
 */
import { DEFAULT_BUSY_RULE } from './busy.js';
import { takeHostSnapshot } from './snapshot.js';
import { summarizeMachineState } from './summary.js';
export function createMachineStateMonitor(options = {}) {
    const rule = options.rule ?? DEFAULT_BUSY_RULE;
    let start;
    let state;
    return {
        observer: {
            start: () => {
                start = takeHostSnapshot(options.sources);
                return Promise.resolve();
            },
            stop: () => {
                if (!start)
                    return Promise.resolve(undefined);
                state = summarizeMachineState(start, takeHostSnapshot(options.sources), rule);
                return Promise.resolve(state);
            },
        },
        state: () => state,
        applyTo: (result) => {
            if (!state)
                return;
            result.machineState = state;
            if (state.assessment.busy) {
                result.health.reliable = false;
                result.health.reasons.push(...state.assessment.reasons);
            }
        },
    };
}
