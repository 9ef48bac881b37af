const short = (sha) => sha.slice(0, 12);
/** The usable reference block of a run, or why it has none. */
function blockOf(result, what) {
    const r = result.reference;
    if (!r)
        return `${what} has no reference ratio (measured without --reference interleaved)`;
    if ('skipped' in r)
        return `${what}'s reference workload was skipped: ${r.skipped}`;
    return r;
}
/**
 * Whether the reference matters to this comparison at all: the current run asked for it, or the
 * baseline's runs carry it. When neither did (the default), a comparison says nothing about it.
 */
export function referenceRelevant(currentRuns, history) {
    return (currentRuns.some((r) => r.reference !== undefined) || history.some((h) => h.referenceRatio !== undefined));
}
/**
 * Decides the P50 basis of a stored comparison with a run history.
 * @param currentRuns every current run (one per process with `--runs N`)
 * @param history the baseline's usable history runs (same model bytes, reliable)
 */
export function referenceBasis(currentRuns, history) {
    const absolute = (reason) => ({ basis: 'absolute', reason });
    if (history.length === 0)
        return absolute('the baseline has no run history to compare reference ratios with');
    const current = [];
    for (const [i, run] of currentRuns.entries()) {
        const block = blockOf(run, currentRuns.length > 1 ? `current run ${i + 1}` : 'the current run');
        if (typeof block === 'string')
            return absolute(block);
        current.push(block);
    }
    const sha = current[0].sha256;
    const other = current.find((b) => b.sha256 !== sha);
    if (other) {
        return absolute(`the current runs used different reference models (sha ${short(sha)} and ${short(other.sha256)})`);
    }
    const missing = history.filter((h) => h.referenceRatio === undefined || h.referenceSha256 === undefined);
    if (missing.length === history.length) {
        return absolute('baseline history has no reference ratio (recorded without --reference interleaved)');
    }
    if (missing.length > 0) {
        return absolute(`${missing.length} of ${history.length} baseline history runs have no reference ratio (recorded without --reference interleaved); the ratio is used when every run has one`);
    }
    const differs = history.filter((h) => h.referenceSha256 !== sha);
    if (differs.length > 0) {
        const theirs = [...new Set(differs.map((h) => short(h.referenceSha256)))].join(', ');
        return absolute(`reference model differs (sha ${theirs} in ${differs.length} of ${history.length} baseline history runs, ${short(sha)} now): ratios to different references are not comparable`);
    }
    return { basis: 'ratio', current, history: [...history] };
}
/** Whether a run was timed interleaved with the reference (a skipped reference means it ran alone). */
const interleaved = (r) => r.reference !== undefined && !('skipped' in r.reference);
/**
 * Why runs timed beside the reference and runs timed alone are being compared, or undefined when
 * every run of the comparison was timed the same way. Such runs differ in absolute terms by more than
 * the model: a model run that follows a run of another session is slower (the "switching cost" of
 * paired mode, docs/verdict.md, +28% at 320 px there), and the reference session's memory is part
 * of the peak (docs/machine-state.md). So absolute latency and peak memory are not comparable
 * between the two setups, and the ratio is not available either.
 * @param history the baseline's usable history runs (empty: the baseline result stands for them)
 */
export function interleavingMismatch(currentRuns, baseline, history) {
    const now = currentRuns.filter(interleaved).length;
    const then = history.length > 0
        ? { with: history.filter((h) => h.referenceRatio !== undefined).length, of: history.length }
        : { with: interleaved(baseline) ? 1 : 0, of: 1 };
    const mixedNow = now > 0 && now < currentRuns.length;
    const differs = (now > 0 && then.with < then.of) || (now < currentRuns.length && then.with > 0);
    if (!mixedNow && !differs)
        return undefined;
    const runs = history.length > 0 ? 'baseline history runs' : 'baseline run';
    const currentText = currentRuns.length === 1
        ? `the current run was timed ${now === 1 ? 'interleaved with the reference workload' : 'alone'}`
        : `${now} of ${currentRuns.length} current runs were timed interleaved with the reference workload`;
    const baselineText = `${then.with} of ${then.of} ${runs} ${then.with === 1 && then.of === 1 ? 'was' : 'were'}`;
    return (`runs timed with and without the interleaved reference workload are compared (${currentText}; ${baselineText}): ` +
        `a run timed beside the reference differs in absolute latency (each model run follows a reference run) and in peak memory (the reference session's), ` +
        `so record the baseline with the same --reference setting`);
}
/**
 * The comparison's `reference` block: the basis, and one sentence for the CLI and the PR comment.
 * @param ratio with the ratio basis: the history's and the current level (geometric means) and the
 *   run-to-run spread of log ratios the comparison used
 * @param calibrationMoved the runner calibration's message when it moved beyond its tolerance
 */
export function describeReference(decision, ratio, calibrationMoved) {
    if (decision.basis === 'absolute') {
        return {
            basis: 'absolute',
            reason: decision.reason,
            message: `P50 compared in absolute time, not as a ratio to the reference workload: ${decision.reason}`,
        };
    }
    const first = decision.current[0];
    const r = ratio ?? { baseline: NaN, current: NaN, spread: NaN, historyRuns: decision.history.length };
    const spread = `${Number((r.spread * 100).toPrecision(2))}%`;
    return {
        basis: 'ratio',
        model: first.model,
        imgsz: first.imgsz,
        sha256: first.sha256,
        baseline: r.baseline,
        current: r.current,
        spread: r.spread,
        message: `P50 compared as a ratio to the interleaved reference workload (${first.model} ${first.imgsz} px): ` +
            `${r.current.toFixed(3)} vs baseline ${r.baseline.toFixed(3)} ± ${spread} (run-to-run spread of ${r.historyRuns} baseline run${r.historyRuns === 1 ? '' : 's'})` +
            (calibrationMoved
                ? `; the runner's speed cancels in the ratio, so the calibration does not block P50`
                : ''),
    };
}
