import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
/** Hex sha256 of a byte buffer. */
export function sha256(bytes) {
    return createHash('sha256').update(bytes).digest('hex');
}
/** Hex sha256 of a file, streamed so large models do not sit in memory twice. */
export async function sha256File(path) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path))
        hash.update(chunk);
    return hash.digest('hex');
}
