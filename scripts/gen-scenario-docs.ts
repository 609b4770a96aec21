// Writes docs/scenarios.md from the scenario and region schemas (npm run docs:scenarios).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderScenarioDocs } from '../libs/scenario/src/docs/render-docs';

const target = join(__dirname, '..', 'docs', 'scenarios.md');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderScenarioDocs());
console.log(`wrote ${target}`);
