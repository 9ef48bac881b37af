import type * as ort from 'onnxruntime-node';
import { createInputFeeds, preallocateOutputs, type ResolvedInput } from './inputs.js';

/**
 * The one call the timed loop makes: `session.run` on fixed inputs, writing into pre-allocated
 * outputs when their shapes are static. Shared with the overhead benchmark so both time the same thing.
 */
export function createRunner(
  session: ort.InferenceSession,
  inputs: readonly ResolvedInput[],
): () => Promise<unknown> {
  const feeds = createInputFeeds(inputs);
  const fetches = preallocateOutputs(session.outputMetadata);
  return fetches ? () => session.run(feeds, fetches) : () => session.run(feeds);
}
