/**
 * The one place numbers become text: durations, sizes, relative changes, shares and p-values, for
 * the CLI, the verdict's reason sentences and the reports alike, so a figure reads the same
 * everywhere. Pure; every output is digits, signs, units and spaces only (safe in Markdown).
 */
/** Bytes in one MiB. */
export const MIB = 1024 * 1024;
/** Milliseconds with about four significant digits: `58.57 ms`, `0.403 ms`, `123.4 ms`. */
export function formatMs(ms) {
    if (!Number.isFinite(ms))
        return 'n/a';
    const a = Math.abs(ms);
    return `${a >= 100 ? ms.toFixed(1) : a >= 10 ? ms.toFixed(2) : ms.toFixed(3)} ms`;
}
/**
 * A duration given in microseconds, in the unit that reads best: `870 µs` below a millisecond,
 * `8.81 ms` above (so a table never mixes `+8808.5 µs` with `12.4 ms`). `signed` adds `+`/`-`.
 */
export function formatMicros(us, { signed = false } = {}) {
    if (!Number.isFinite(us))
        return 'n/a';
    const sign = signed ? (us > 0 ? '+' : us < 0 ? '-' : '±') : us < 0 ? '-' : '';
    const a = Math.abs(us);
    const body = a >= 1000 ? formatMs(a / 1000) : `${a >= 100 ? a.toFixed(0) : a.toFixed(1)} µs`;
    return `${sign}${body}`;
}
/** Bytes in binary units: `512 B`, `3.2 KiB`, `276.4 MiB`, `1.50 GiB`. */
export function formatBytes(bytes) {
    if (!Number.isFinite(bytes))
        return 'n/a';
    const a = Math.abs(bytes);
    if (a >= 2 ** 30)
        return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
    if (a >= MIB)
        return `${(bytes / MIB).toFixed(1)} MiB`;
    if (a >= 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${bytes} B`;
}
/** Bytes always in MiB (`12.3 MiB`), for memory figures that are compared side by side. */
export function formatMiB(bytes) {
    return Number.isFinite(bytes) ? `${(bytes / MIB).toFixed(1)} MiB` : 'n/a';
}
/** A relative change with its sign: 0.079 → `+7.9%`, −0.021 → `-2.1%`, 0 → `±0.0%`. */
export function formatChange(fraction, digits = 1) {
    if (Number.isNaN(fraction))
        return 'n/a';
    if (fraction === Infinity)
        return '+∞%';
    if (fraction === -Infinity)
        return '-∞%';
    const text = (fraction * 100).toFixed(digits);
    if (Number(text) === 0)
        return `±${(0).toFixed(digits)}%`;
    return `${fraction > 0 ? '+' : ''}${text}%`;
}
/** A share or an unsigned fraction: 0.035 → `3.5%`. */
export function formatShare(fraction, digits = 1) {
    return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : 'n/a';
}
/** A threshold as users write it: 0.03 → `3%`, 0.005 → `0.5%`, 0.1234 → `12.3%`. */
export function formatThreshold(fraction) {
    return Number.isFinite(fraction) ? `${Number((fraction * 100).toPrecision(3))}%` : 'n/a';
}
/**
 * A p-value in one short token: `<1e-15`, `3.2e-5`, `0.0031`, `0.41`, `1`. Two significant
 * digits; scientific notation below 0.001 so that very small values stay distinguishable.
 */
export function formatP(p) {
    if (p === undefined || Number.isNaN(p))
        return '–';
    if (p < 1e-15)
        return '<1e-15';
    if (p < 0.001) {
        const [mantissa, exponent] = p.toExponential(1).split('e');
        return `${Number(mantissa)}e${exponent}`;
    }
    return String(Number(p.toPrecision(2)));
}
/** `p=0.0031` or `p<1e-15`: a p-value inside a sentence. */
export function formatPEquals(p) {
    const text = formatP(p);
    return text.startsWith('<') ? `p${text}` : `p=${text}`;
}
