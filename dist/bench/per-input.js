/**
 * Latency per input image (pure). The timed loop cycles through the images in file order, so sample
 * `i` ran on image `i mod n`: every image gets the same number of samples (to within one), and the
 * pooled quantiles of the result weight every image equally.
 */
import { summarize } from '../stats/index.js';
const round6 = (v) => Math.round(v * 1e6) / 1e6;
/** Per-image latency summary of cycled samples (`samples[i]` ran on `images[(i + offset) % n]`). */
export function perInputLatency(samples, images, offset = 0) {
    const n = images.length;
    const buckets = images.map(() => []);
    for (let i = 0; i < samples.length; i++)
        buckets[(i + offset) % n].push(samples[i]);
    return {
        order: 'cycle',
        weighting: 'equal',
        count: n,
        images: images.map((img, k) => {
            const b = buckets[k];
            if (b.length === 0)
                return { name: img.name, width: img.width, height: img.height, samples: 0 };
            const s = summarize(b);
            return {
                name: img.name,
                width: img.width,
                height: img.height,
                samples: b.length,
                p50: round6(s.p50),
                p90: round6(s.p90),
                max: round6(s.max),
                mean: round6(s.mean),
            };
        }),
    };
}
