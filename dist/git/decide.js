/**
 * `baseline: auto`, pure: which comparison a run gets, from the event that started it, whether the
 * model differs from the base commit's, and whether a stored baseline exists (issue 11, point 1;
 * the table is in docs/action.md, "What `baseline: auto` compares").
 */
/**
 * Events whose run is gated against its own base: a pull request's base commit, or a merge queue
 * group's base (`merge_group.base_sha`). Everything else (push, schedule, workflow_dispatch,
 * workflow_run, a CLI run without `--base-ref`) compares with the stored baseline.
 */
export const RELATIVE_EVENTS = ['pull_request', 'pull_request_target', 'merge_group'];
/** The reasons a run gets when it is not compared with anything (reported as the verdict's reason). */
export const AUTO_REASONS = {
    /** Same bytes at the base and no stored baseline: nothing can have regressed. */
    modelUnchanged: 'model unchanged',
    /** The model is new in this pull request and no stored baseline exists. */
    noBase: 'no base to compare with',
};
/**
 * True when `baseline: auto` gates this run against a base commit: a pull request or merge queue
 * event, or an explicit base (`--base-ref` on the CLI, the `base-ref` input) on any event.
 */
export function autoUsesBase(eventName, explicitBase) {
    return explicitBase || RELATIVE_EVENTS.includes(eventName ?? '');
}
/**
 * The comparison `baseline: auto` makes:
 *
 * | relative | model     | stored baseline | comparison                                   |
 * | -------- | --------- | --------------- | -------------------------------------------- |
 * | no       | (any)     | (any)           | stored (its own reason when there is none)   |
 * | yes      | changed   | (any)           | paired A/B against the base model            |
 * | yes      | unchanged | yes             | stored                                       |
 * | yes      | unchanged | no              | none: pass, "model unchanged"                |
 * | yes      | new       | yes             | stored                                       |
 * | yes      | new       | no              | none: inconclusive, "no base to compare with" |
 *
 * A changed model is paired even when a stored baseline exists: the same runner in the same job is
 * the comparison that noise cannot fool (docs/gate-quality.md).
 */
export function decideAutoComparison(input) {
    if (!input.relative) {
        return { compare: 'stored', why: 'not a pull request: compared with the stored baseline' };
    }
    if (input.model === undefined) {
        throw new TypeError('decideAutoComparison: a relative run needs the model status');
    }
    switch (input.model) {
        case 'changed':
            return { compare: 'paired', why: "model changed: paired A/B against the base commit's model" };
        case 'unchanged':
            return input.storedBaseline
                ? { compare: 'stored', why: 'model unchanged: compared with the stored baseline' }
                : {
                    compare: 'none',
                    verdict: 'pass',
                    reason: AUTO_REASONS.modelUnchanged,
                    why: 'model unchanged and no stored baseline: nothing to compare, the numbers of this run are reported',
                };
        case 'new':
            return input.storedBaseline
                ? { compare: 'stored', why: 'model new in this pull request: compared with the stored baseline' }
                : {
                    compare: 'none',
                    verdict: 'inconclusive',
                    reason: AUTO_REASONS.noBase,
                    why: 'model new in this pull request and no stored baseline: the numbers of this run are reported',
                };
    }
}
