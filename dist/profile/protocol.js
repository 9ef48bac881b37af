/** Prefix of the child's one reply line on stdout (anything else on stdout is ignored). */
export const REPLY_PREFIX = 'PERF_GATE_PROFILE ';
