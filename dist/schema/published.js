import { BaselineSchema } from '../baseline/schema.js';
import { Comparison } from '../compare/schema.js';
import { ReportSchema } from '../report/schema.js';
import { HistoryRecordSchema, ReportedChangeSchema } from '../trend/schema.js';
import { BenchResultSchema } from './result.js';
/** Every schema published under schemas/, by file name. */
export const PUBLISHED_SCHEMAS = {
    'result.schema.json': BenchResultSchema,
    'baseline.schema.json': BaselineSchema,
    'comparison.schema.json': Comparison,
    'report.schema.json': ReportSchema,
    'history-record.schema.json': HistoryRecordSchema,
    'reported-change.schema.json': ReportedChangeSchema,
};
