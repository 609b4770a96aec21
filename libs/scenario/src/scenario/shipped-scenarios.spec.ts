import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../errors/format-issues';
import { ScenarioCatalog } from './catalog';
import { validateScenario } from './validate';

const repo = join(__dirname, '..', '..', '..', '..');
const shippedDir = join(repo, 'scenarios');
const catalog = new ScenarioCatalog({ shippedDir, regionsDir: join(shippedDir, 'data') });
const shipped = readdirSync(shippedDir)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));

describe('shipped scenarios', () => {
  it('exist', () => {
    expect(shipped.length).toBeGreaterThan(0);
  });

  it.each(shipped)('%s validates against its region', (id) => {
    const result = validateScenario(catalog, id);
    if (!result.ok) throw new Error(formatIssues(result.error.body));
    const { scenario, region, demandMultiplierByHour } = result.resolved;
    expect(scenario.id).toBe(id);
    expect(scenario.name.ja.length).toBeGreaterThan(0);
    expect(scenario.name.en.length).toBeGreaterThan(0);
    expect(scenario.description.ja.length).toBeGreaterThan(0);
    expect(scenario.description.en.length).toBeGreaterThan(0);
    expect(region.id).toBe(scenario.region);
    expect(demandMultiplierByHour.length).toBe((scenario.warmupDays + scenario.horizonDays) * 24);
  });
});
