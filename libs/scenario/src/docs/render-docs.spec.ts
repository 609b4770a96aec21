import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderScenarioDocs } from './render-docs';

const committed = join(__dirname, '..', '..', '..', '..', 'docs', 'scenarios.md');

describe('docs/scenarios.md', () => {
  it('is up to date with the schema (run `npm run docs:scenarios` after changing it)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(renderScenarioDocs());
  });

  it('documents every scenario key, every policy kind and the region files with type, default and unit', () => {
    const doc = renderScenarioDocs();
    for (const key of [
      'horizonDays',
      'warmupDays',
      'replications',
      'seed',
      'demand',
      'initialCensus',
      'policies',
      'extends',
      'precision',
    ]) {
      expect(doc).toContain(`| \`${key}\` |`);
    }
    for (const kind of [
      'setBeds',
      'convertBeds',
      'closeHospital',
      'mergeHospitals',
      'addHospital',
      'setAmbulances',
      'lengthOfStay',
      'eligibility',
      'travel',
      'bedBorrowing',
    ]) {
      expect(doc).toContain(`### ${kind}`);
    }
    expect(doc).toContain('| `horizonDays` | integer, 1 ≤ x ≤ 3650 | `365` | days |');
    expect(doc).toContain('| `speedKmh` | number, 0 < x ≤ 200 | `40` | km/h |');
    expect(doc).toContain('## Expressions');
  });
});
