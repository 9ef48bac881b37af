import { xoroshiro128plus } from 'pure-rand';
/** Default seed used when a caller gives none, so that results are reproducible by default. */
export const DEFAULT_SEED = 0x5eed;
const WARMUP = 16;
/** MurmurHash3 32-bit finaliser `fmix32` (Appleby): a bijective avalanche mix of a 32-bit integer. */
function fmix32(h) {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h | 0;
}
/**
 * A seeded uniform random source in [0, 1), in the `randomSource` shape simple-statistics
 * expects (e.g. `sampleWithReplacement(x, n, randomSource)`).
 *
 * Generator: xoroshiro128+ (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), 2021) from pure-rand. Each call consumes one 32-bit output and
 * returns it divided by 2^32, so values are multiples of 2^-32 (ample for index sampling:
 * `floor(u·n)` has a relative bias below n/2^32).
 *
 * pure-rand fills the xoroshiro128+ state directly from the 32-bit seed, which leaves it
 * sparse: the first outputs for seeds 0, 1 and 2 are all ≈ 1.0. The seed is therefore scrambled
 * with the MurmurHash3 finaliser first and the first 16 outputs are discarded.
 *
 * @param seed any integer (taken modulo 2^32); the same seed always gives the same stream
 */
export function createRandomSource(seed = DEFAULT_SEED) {
    if (!Number.isInteger(seed)) {
        throw new RangeError(`seed: expected an integer, got ${String(seed)}`);
    }
    const gen = xoroshiro128plus(fmix32(seed | 0));
    for (let i = 0; i < WARMUP; i++)
        gen.unsafeNext();
    return () => (gen.unsafeNext() >>> 0) / 4294967296;
}
