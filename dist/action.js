// Entry point of the GitHub Action (action.yml runs dist/action.js): all logic is in src/github/run-action.ts.
import { runAction } from './github/run-action.js';
process.exitCode = (await runAction()).exitCode;
