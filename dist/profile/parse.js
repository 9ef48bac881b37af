/**
 * Reads ONNX Runtime's profiler output (Chrome "trace event" JSON) into plain records. Pure: the
 * caller reads the file (see trace-file.ts) and passes the text, its name and its size.
 *
 * Facts about the format (onnxruntime 1.29 output generated here, and upstream
 * onnxruntime/core/common/profiler.cc, onnxruntime/core/framework/sequential_executor.cc):
 * - the file is a JSON array, one complete ("ph": "X") event per line, written when profiling ends;
 * - `cat: "Session"` events: `model_loading_uri`, `session_initialization`, and per `run()` one
 *   `model_run` (plus `SequentialExecutor::Execute`) whose [ts, ts + dur] contains the node events of
 *   that run; a run's events are written before its `model_run` event (which ends last);
 * - `cat: "Node"` events named `<node name>_kernel_time` with args `op_name` (kernel op type),
 *   `provider` (e.g. `CPUExecutionProvider`, `CUDAExecutionProvider`), `node_index`,
 *   `activation_size`, `parameter_size`, `output_size` (decimal strings), `input_type_shape` and
 *   `output_type_shape` (arrays of `{ "<elem type>": [dims] }`), `thread_scheduling_stats`, and in
 *   1.29 arena statistics (`mem_in_use_peak`, `mem_arena_held`, ...). Older releases also wrote
 *   `<node>_fence_before` / `_fence_after` events (args: `op_name` only): they are ignored here;
 * - `cat: "Kernel"` events come from the CUPTI-based GPU profiler of CUDA builds (pid -1): counted only.
 * Unnamed nodes are profiled as `<OpType>_<index>`.
 */
import { UsageError } from '../util/errors.js';
const KERNEL_SUFFIX = '_kernel_time';
/**
 * Parses a trace. Throws a one-line {@link UsageError} naming the file for an empty file, text that
 * is not JSON (and not a recoverable truncated ORT trace) or JSON that is not a trace; malformed
 * events are skipped and counted, never fatal. Node names with `"`, `\` or a line break, which
 * onnxruntime writes unescaped (invalid JSON), are read as written (see readOrtTrace).
 */
export function parseTrace(text, fileName, bytes = byteLength(text)) {
    const what = `profile trace "${fileName}"`;
    if (text.trim() === '')
        throw new UsageError(`${what}: the file is empty (did the profiled run finish?)`);
    let events;
    let truncated = false;
    const warnings = [];
    let root;
    let parsed = false;
    // A backslash inside an ORT node name would be decoded as an escape by JSON.parse (a name
    // containing `\n` would come back with a line break): read such a trace line by line instead.
    if (!RAW_BACKSLASH_NAME.test(text)) {
        try {
            root = JSON.parse(text);
            parsed = true;
        }
        catch {
            // onnxruntime's own writer: read event by event below.
        }
    }
    if (parsed) {
        if (Array.isArray(root))
            events = root;
        else if (isObject(root) && Array.isArray(root.traceEvents))
            events = root.traceEvents;
        else
            throw new UsageError(`${what}: expected a JSON array of trace events, got ${describe(root)}`);
    }
    else {
        const read = readOrtTrace(text, what);
        events = read.events;
        truncated = read.truncated;
        if (read.requotedNames > 0) {
            warnings.push(`${read.requotedNames} node event(s) had a name with a quote, backslash or line break that onnxruntime wrote unescaped; the names were read as written`);
        }
        if (truncated) {
            warnings.push(`trace is truncated: read its ${events.length} complete events, the unfinished run is ignored`);
        }
    }
    events = events;
    const skipReasons = {};
    const skip = (reason) => {
        skipReasons[reason] = (skipReasons[reason] ?? 0) + 1;
    };
    const runs = [];
    const nodes = [];
    let kernelEventCount = 0;
    let sessionInitUs = null;
    for (const ev of events) {
        if (!isObject(ev) || typeof ev.name !== 'string' || typeof ev.cat !== 'string') {
            skip('not an event object with "name" and "cat"');
            continue;
        }
        const ts = ev.ts;
        const dur = ev.dur;
        if (typeof ts !== 'number' ||
            typeof dur !== 'number' ||
            !Number.isFinite(ts) ||
            !Number.isFinite(dur) ||
            dur < 0) {
            skip('missing or invalid "ts"/"dur"');
            continue;
        }
        if (ev.cat === 'Session') {
            if (ev.name === 'model_run')
                runs.push({ ts, dur });
            else if (ev.name === 'session_initialization')
                sessionInitUs = dur;
            continue;
        }
        if (ev.cat === 'Kernel') {
            kernelEventCount++;
            continue;
        }
        if (ev.cat !== 'Node')
            continue; // other categories (e.g. from newer releases) are not ours to read
        if (!ev.name.endsWith(KERNEL_SUFFIX))
            continue; // _fence_before / _fence_after
        const args = ev.args;
        if (!isObject(args) || typeof args.op_name !== 'string' || args.op_name === '') {
            skip('node event without args.op_name');
            continue;
        }
        const input = shapes(args.input_type_shape);
        const output = shapes(args.output_type_shape);
        nodes.push({
            name: ev.name.slice(0, -KERNEL_SUFFIX.length),
            opType: args.op_name,
            provider: typeof args.provider === 'string' && args.provider !== '' ? args.provider : 'unknown',
            nodeIndex: intOrNull(args.node_index ?? args.exec_plan_index),
            ts,
            dur,
            inputShapes: input.text,
            outputShapes: output.text,
            inputTypes: input.types,
            activationSize: intOrNull(args.activation_size) ?? 0,
            parameterSize: intOrNull(args.parameter_size) ?? 0,
            outputSize: intOrNull(args.output_size) ?? 0,
            memInUsePeak: intOrNull(args.mem_in_use_peak),
            memArenaHeld: intOrNull(args.mem_arena_held),
        });
    }
    nodes.sort((a, b) => a.ts - b.ts);
    runs.sort((a, b) => a.ts - b.ts);
    const skippedEvents = Object.values(skipReasons).reduce((a, b) => a + b, 0);
    if (skippedEvents > 0) {
        warnings.push(`skipped ${skippedEvents} malformed event(s): ${Object.entries(skipReasons)
            .map(([r, n]) => `${n} ${r}`)
            .join('; ')}`);
    }
    return {
        fileName,
        bytes,
        eventCount: events.length,
        skippedEvents,
        skipReasons,
        runs,
        nodes,
        kernelEventCount,
        sessionInitUs,
        truncated,
        warnings,
    };
}
/** A node name with a backslash, as onnxruntime writes it: unescaped. */
const RAW_BACKSLASH_NAME = /"name" :"[^"\n]*\\/;
const EVENT_START = /^\{\s*"cat"\s*:/;
const NAME_OPEN = /"name" :"/;
const ARGS_OPEN = '","args" :';
/**
 * Reads onnxruntime's trace writer output event by event. It writes one event per line
 * (`{"cat" : ..., "name" :"<node>_kernel_time","args" : {...}},`) and puts node names in as they are,
 * unescaped (onnxruntime/core/common/profiler.cc), so a name holding `"`, `\` or a line break makes
 * the file invalid JSON. Here a line that does not start an event continues the previous one (a
 * line break inside a name), and an event that does not parse gets its name re-quoted: the text
 * between `"name" :"` and the last `","args" :` is the raw name (args hold no names).
 *
 * A file cut short (the writer died) keeps its complete events (`truncated`). Anything else that
 * does not parse is a UsageError naming the line.
 */
function readOrtTrace(text, what) {
    const body = text.trim();
    if (!body.startsWith('[')) {
        const first = /\S/.exec(text)?.[0];
        throw new UsageError(`${what}: not valid JSON (${first === '{' ? 'not a trace written by onnxruntime' : 'it does not start with "[" or "{"'})`);
    }
    const closed = body.endsWith(']');
    const records = [];
    const lines = text.split('\n');
    for (const [i, raw] of lines.entries()) {
        const line = raw.replace(/\r$/, '');
        const trimmed = line.trim();
        if (records.length === 0 && (trimmed === '[' || trimmed === ''))
            continue;
        if (EVENT_START.test(trimmed.replace(/^\[/, '')))
            records.push({ text: trimmed.replace(/^\[/, ''), line: i + 1 });
        else if (records.length > 0 && !(trimmed === ']' && i >= lines.length - 2)) {
            const last = records[records.length - 1];
            last.text += `\n${line}`;
        }
    }
    const events = [];
    let requotedNames = 0;
    for (const [i, record] of records.entries()) {
        let t = record.text.trimEnd();
        if (i === records.length - 1 && t.endsWith(']'))
            t = t.slice(0, -1).trimEnd();
        if (t.endsWith(','))
            t = t.slice(0, -1);
        const event = parseEvent(t);
        if (event.ok) {
            events.push(event.value);
            if (event.requoted)
                requotedNames++;
            continue;
        }
        if (i === records.length - 1 && !closed)
            return { events, truncated: true, requotedNames };
        throw new UsageError(`${what}: the event on line ${record.line} is not valid JSON, even with its node name re-quoted (onnxruntime writes names unescaped; is the file corrupt?)`);
    }
    if (!closed && events.length === 0)
        throw new UsageError(`${what}: not valid JSON (no complete event)`);
    return { events, truncated: !closed, requotedNames };
}
function parseEvent(text) {
    const hasRawName = RAW_BACKSLASH_NAME.test(text) || text.includes('\n');
    if (!hasRawName) {
        try {
            return { ok: true, value: JSON.parse(text), requoted: false };
        }
        catch {
            // re-quote below
        }
    }
    const open = NAME_OPEN.exec(text);
    const close = text.lastIndexOf(ARGS_OPEN);
    if (!open || close < open.index + open[0].length) {
        try {
            return { ok: true, value: JSON.parse(text), requoted: false };
        }
        catch {
            return { ok: false };
        }
    }
    const start = open.index + open[0].length;
    const name = text.slice(start, close);
    const rebuilt = `${text.slice(0, start - 1)}${JSON.stringify(name)}${text.slice(close + 1)}`;
    try {
        return { ok: true, value: JSON.parse(rebuilt), requoted: true };
    }
    catch {
        return { ok: false };
    }
}
function shapes(value) {
    if (!Array.isArray(value))
        return { text: '', types: [] };
    const parts = [];
    const types = [];
    for (const entry of value) {
        if (!isObject(entry))
            continue;
        for (const [type, dims] of Object.entries(entry)) {
            types.push(type);
            parts.push(`${type}[${Array.isArray(dims) ? dims.join(',') : ''}]`);
        }
    }
    return { text: parts.join(' '), types };
}
function intOrNull(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : null;
    if (typeof value === 'string' && value.trim() !== '') {
        const n = Number(value);
        return Number.isFinite(n) ? n : null;
    }
    return null;
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function describe(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'an array';
    return typeof v === 'object' ? 'an object without "traceEvents"' : `a ${typeof v}`;
}
function byteLength(text) {
    return new TextEncoder().encode(text).length;
}
