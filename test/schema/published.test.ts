import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_SCHEMAS } from '../../src/schema/published.js';

describe('published JSON Schemas (schemas/*.json)', () => {
  it.each(Object.keys(PUBLISHED_SCHEMAS))(
    '%s matches the TypeBox definition (run "npm run schemas" after a change)',
    (file) => {
      const committed = JSON.parse(
        readFileSync(new URL(`../../schemas/${file}`, import.meta.url), 'utf8'),
      ) as unknown;
      expect(committed).toEqual(JSON.parse(JSON.stringify(PUBLISHED_SCHEMAS[file])));
    },
  );
});
