import { parsePolicy } from '../compare/policy.js';
import { DEFAULT_HISTORY_KEEP } from '../baseline/schema.js';
import { parseBenchConfig, parseModelSource } from './bench.js';
import { readBoolean, readInteger, readOptionalNumber, readString } from './reader.js';
/** Parses the gate's inputs (CLI flags or Action inputs share these names). */
export function parseGateConfig(reader) {
    const baselineModel = readString(reader, 'baseline-model');
    const resultPath = readString(reader, 'out');
    const reportPath = readString(reader, 'report');
    const comparisonPath = readString(reader, 'comparison-out');
    const templatePath = readString(reader, 'template');
    const pairedBudgetSeconds = readOptionalNumber(reader, 'paired-budget', { min: 0, exclusiveMin: true });
    return {
        bench: parseBenchConfig(reader),
        ...(baselineModel
            ? { baselineModel: parseModelSource(baselineModel, reader.label('baseline-model')) }
            : {}),
        ...(pairedBudgetSeconds !== undefined ? { pairedBudgetSeconds } : {}),
        baselinesDir: readString(reader, 'baselines', 'baselines'),
        policy: parsePolicy(reader),
        updateBaseline: readBoolean(reader, 'update-baseline', false),
        historyKeep: readInteger(reader, 'history', DEFAULT_HISTORY_KEEP, { min: 1, max: 1000 }),
        ...(templatePath ? { templatePath } : {}),
        ...(resultPath ? { resultPath } : {}),
        ...(reportPath ? { reportPath } : {}),
        ...(comparisonPath ? { comparisonPath } : {}),
    };
}
