/** POSIX shell quoting: safe words as they are, everything else in single quotes. */
export function shellQuote(word) {
    return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
/**
 * The commands that re-measure `current` locally and compare it with the same baseline:
 * `perf-gate bench` with the run's settings, then `perf-gate report`.
 */
export function reproduceCommandFor(current, baselinePath) {
    const s = current.settings;
    const bench = [
        'npx',
        'perf-gate',
        'bench',
        '--model',
        current.model.path,
        '--name',
        current.model.name,
        '--ep',
        current.provider.requested.join(','),
        ...(s.iterations !== undefined
            ? ['--iterations', String(s.iterations)]
            : s.durationSeconds !== undefined
                ? ['--duration', String(s.durationSeconds)]
                : []),
        ...(s.intraOpThreads ? ['--intra-op-threads', String(s.intraOpThreads)] : []),
        ...(s.interOpThreads ? ['--inter-op-threads', String(s.interOpThreads)] : []),
        ...(s.graphOptimizationLevel !== 'all' ? ['--graph-optimization', s.graphOptimizationLevel] : []),
        ...Object.entries(s.dims).flatMap(([k, v]) => ['--dim', `${k}=${v}`]),
        '--out',
        'current.json',
    ];
    const report = ['npx', 'perf-gate', 'report', '--baseline', baselinePath, '--current', 'current.json'];
    return `${bench.map(shellQuote).join(' ')}\n${report.map(shellQuote).join(' ')}`;
}
