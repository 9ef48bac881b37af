/** Number formatting for reports. Pure; every output is digits, signs, units and spaces only. */
export function fmtMs(v) {
    if (!Number.isFinite(v))
        return 'n/a';
    return `${v >= 100 ? v.toFixed(1) : v >= 10 ? v.toFixed(2) : v.toFixed(3)} ms`;
}
export function fmtUs(us) {
    if (!Number.isFinite(us))
        return 'n/a';
    return us >= 10_000 ? `${(us / 1000).toFixed(1)} ms` : `${us.toFixed(1)} µs`;
}
export function fmtBytes(b) {
    if (!Number.isFinite(b))
        return 'n/a';
    if (Math.abs(b) >= 2 ** 30)
        return `${(b / 2 ** 30).toFixed(2)} GiB`;
    if (Math.abs(b) >= 2 ** 20)
        return `${(b / 2 ** 20).toFixed(1)} MiB`;
    if (Math.abs(b) >= 1024)
        return `${(b / 1024).toFixed(1)} KiB`;
    return `${b} B`;
}
/** Signed percentage of a fraction: 0.124 -> "+12.4%". */
export function fmtPct(fraction, digits = 1) {
    if (!Number.isFinite(fraction))
        return 'n/a';
    const v = fraction * 100;
    const s = v.toFixed(digits);
    if (Number(s) === 0)
        return `±${(0).toFixed(digits)}%`;
    return `${v > 0 ? '+' : ''}${s}%`;
}
/** Unsigned percentage of a fraction: 0.035 -> "3.5%". */
export function fmtPctPlain(fraction, digits = 1) {
    return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : 'n/a';
}
export function fmtP(p) {
    if (p === undefined || !Number.isFinite(p))
        return '–';
    if (p < 0.0001)
        return '<0.0001';
    if (p < 0.01)
        return p.toFixed(4);
    return p.toFixed(3);
}
