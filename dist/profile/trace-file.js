import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UsageError, errorMessage } from '../util/errors.js';
import { parseTrace } from './parse.js';
/**
 * Reads and parses an ONNX Runtime profile trace file (the I/O edge of parse.ts). Traces of a few
 * tens of MB are read in one piece: JSON.parse handles that in well under a second, and a
 * streaming parser would not pay for itself.
 *
 * @param what names the input the path came from, for the error message.
 */
export async function readTraceFile(path, what = 'profile trace') {
    let bytes;
    try {
        const info = await stat(path);
        if (!info.isFile())
            throw new Error('not a regular file');
        bytes = info.size;
    }
    catch (err) {
        throw new UsageError(`${what}: cannot read "${path}": ${errorMessage(err)}`);
    }
    if (bytes === 0)
        throw new UsageError(`${what}: "${path}" is empty (did the profiled run finish?)`);
    const text = await readFile(path, 'utf8');
    return parseTrace(text, basename(path), bytes);
}
