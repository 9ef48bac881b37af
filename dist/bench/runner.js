import { createInputFeeds, preallocateOutputs } from './inputs.js';
/**
 * The one call the timed loop makes: `session.run` on fixed inputs, writing into pre-allocated
 * outputs when their shapes are static. Shared with the overhead benchmark so both time the same thing.
 */
export function createRunner(session, inputs) {
    const feeds = createInputFeeds(inputs);
    const fetches = preallocateOutputs(session.outputMetadata);
    return fetches ? () => session.run(feeds, fetches) : () => session.run(feeds);
}
