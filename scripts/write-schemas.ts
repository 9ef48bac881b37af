/**
 * Writes the published JSON Schemas (schemas/*.json) from the TypeBox definitions in src/.
 * Editors validate baseline and result files against them via each file's "$schema" key.
 * `npm run schemas` regenerates; a test fails when the checked-in files drift from src/.
 */
import { writeFileAtomically, toPrettyJson } from '../src/util/atomic.js';
import { PUBLISHED_SCHEMAS } from '../src/schema/published.js';

for (const [file, schema] of Object.entries(PUBLISHED_SCHEMAS)) {
  await writeFileAtomically(`schemas/${file}`, toPrettyJson(schema), file);
  console.log(`wrote schemas/${file}`);
}
