// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { shapeNeed } from '../charts/need-chart';
import { setLang } from '../i18n';
import { est, STATIC_NEED } from '../testing/fixtures';
import { needTableElement } from './need-panel';

const areas = [{ id: 'north' }, { id: 'south' }];
const names: Record<string, string> = { north: '北部', south: '南部' };
const cells = (table: HTMLElement, area: string, fn: string): string[] =>
  [...table.querySelectorAll(`tbody[data-area="${area}"] tr[data-function="${fn}"] td`)].map(
    (td) => td.textContent ?? '',
  );

describe('need table (area × function)', () => {
  it('gives beds, need and 不足 / 過剰 per function, and each area total', () => {
    setLang('ja');
    const table = needTableElement(shapeNeed(STATIC_NEED, 'home'), areas, (a) => names[a], false);
    expect(cells(table, 'north', 'acute')).toEqual(['150', '128', '過剰 22床']);
    expect(cells(table, 'north', 'recovery')).toEqual(['40', '56', '不足 16床']);
    // south: 250 beds for a need of 284.2 in all
    expect(cells(table, 'south', 'total')).toEqual(['250', '284', '不足 34床']);
    expect(table.querySelector('tbody[data-area="south"] th')?.textContent).toBe('南部');
    expect(table.querySelector('td.gap.short')).not.toBeNull();
    expect(table.querySelectorAll('thead th')).toHaveLength(5);
  });

  it('puts the simulated census beside them after a run, in English too', () => {
    setLang('en');
    const rows = shapeNeed(STATIC_NEED, 'home', { 'bedsInUse.south.acute': est(205, 3) });
    const table = needTableElement(rows, areas, (a) => a, true);
    expect(cells(table, 'south', 'acute')).toEqual(['220', '256', '36 beds short', '205 beds ±3.0']);
    expect(cells(table, 'north', 'acute')[3]).toBe('–');
    expect(table.querySelector('thead')?.textContent).toContain('Short / over (beds − need)');
    setLang('ja');
  });
});
