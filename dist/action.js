// Entry point of the GitHub Action (action.yml runs dist/action.js): all logic is in src/action/run.ts.
import { runAction } from './action/run.js';
process.exitCode = (await runAction()).exitCode;
