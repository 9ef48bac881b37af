import { createRandomSource, DEFAULT_SEED } from './rng.js';
import { assertInteger, finiteCopy } from './validate.js';
/**
 * A simple random sample without replacement of `cap` values (all values when there are at most
 * `cap`), by a partial Fisher–Yates shuffle (Knuth, TAOCP vol. 2, 3rd ed., §3.4.2, Algorithm P,
 * stopped after `cap` steps) driven by the seeded generator: deterministic for a given seed, O(n)
 * to copy plus O(cap) swaps. A simple random subsample of iid values is itself an iid sample of
 * size `cap`, so the coverage and size measured at n = cap hold unchanged for any larger n; the
 * price is the precision the discarded values would have added.
 *
 * @param samples values (any order)
 * @param cap largest number of values kept, integer ≥ 1
 * @param seed seed of the selection (default {@link DEFAULT_SEED})
 */
export function subsampleToCap(samples, cap, seed = DEFAULT_SEED) {
    assertInteger(cap, 'subsampleToCap cap', 1);
    const x = finiteCopy(samples, 'subsampleToCap samples');
    const n = x.length;
    if (n <= cap)
        return x;
    const random = createRandomSource(seed);
    for (let i = 0; i < cap; i++) {
        const j = i + Math.floor(random() * (n - i));
        const t = x[i];
        x[i] = x[j];
        x[j] = t;
    }
    return x.slice(0, cap);
}
/**
 * The same simple random sample as {@link subsampleToCap}, returned in the original order: for
 * series whose order matters (samples in time order, for the block bootstrap and the long-run rank
 * test). The kept values are further apart in time than neighbours were, so their serial
 * correlation is at most that of the full series; the block statistics see it as it is.
 *
 * @param samples values in time order
 * @param cap largest number of values kept, integer ≥ 1
 * @param seed seed of the selection (default {@link DEFAULT_SEED})
 */
export function subsampleInOrder(samples, cap, seed = DEFAULT_SEED) {
    assertInteger(cap, 'subsampleInOrder cap', 1);
    const x = finiteCopy(samples, 'subsampleInOrder samples');
    const n = x.length;
    if (n <= cap)
        return x;
    const index = new Float64Array(n);
    for (let i = 0; i < n; i++)
        index[i] = i;
    const kept = subsampleToCap(index, cap, seed).sort();
    return Float64Array.from(kept, (i) => x[i]);
}
