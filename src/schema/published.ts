import type { TSchema } from '@sinclair/typebox';
import { BenchResultSchema } from './result.js';

/** Every schema published under schemas/, by file name. */
export const PUBLISHED_SCHEMAS: Record<string, TSchema> = {
  'result.schema.json': BenchResultSchema,
};
