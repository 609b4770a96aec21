import { describe, expect, it } from 'vitest';
import { parseText } from '../parse/safe-yaml';
import { mergeScenarioDocuments } from './extends';

const doc = (text: string, file: string) => parseText(text, { file }).doc;

describe('mergeScenarioDocuments', () => {
  const base = doc(
    [
      'id: base',
      'name: {ja: 基準, en: Base}',
      'description: {ja: 説明, en: About}',
      'demand: {multiplier: "1.1", maxMultiplier: 3}',
      'items:',
      '  - {id: a, x: 1, y: 1}',
      '  - {id: b, x: 2}',
      'plain: [1, 2, 3]',
      'policies:',
      '  - {kind: bedBorrowing, enabled: true}',
    ].join('\n'),
    'base.yaml',
  );
  const child = doc(
    [
      'extends: base',
      'demand: {multiplier: "1.2"}',
      'items:',
      '  - {id: b, x: 20}',
      '  - {id: c, x: 3}',
      'plain: [9]',
      'policies:',
      '  - {kind: closeHospital, hospital: h}',
    ].join('\n'),
    'child.yaml',
  );
  const merged = mergeScenarioDocuments(base, child);
  const value = merged.value as Record<string, unknown>;

  it('deep-merges objects, the what-if winning', () => {
    expect(value.demand).toEqual({ multiplier: '1.2', maxMultiplier: 3 });
  });

  it('appends the what-if’s policies after the baseline’s', () => {
    expect(value.policies).toEqual([
      { kind: 'bedBorrowing', enabled: true },
      { kind: 'closeHospital', hospital: 'h' },
    ]);
  });

  it('merges lists of items with ids by id and replaces other lists', () => {
    expect(value.items).toEqual([
      { id: 'a', x: 1, y: 1 },
      { id: 'b', x: 20 },
      { id: 'c', x: 3 },
    ]);
    expect(value.plain).toEqual([9]);
  });

  it('does not inherit id, name and description', () => {
    expect(value.id).toBeUndefined();
    expect(value.name).toBeUndefined();
    expect(value.description).toBeUndefined();
    expect(value.extends).toBe('base');
  });

  it('keeps each value’s position in the file it came from', () => {
    expect(merged.positions.get('policies[0]')).toEqual({ file: 'base.yaml', line: 10, column: 5 });
    expect(merged.positions.get('policies[1].hospital')).toEqual({ file: 'child.yaml', line: 8, column: 27 });
    expect(merged.positions.get('demand.maxMultiplier')?.file).toBe('base.yaml');
    expect(merged.positions.get('demand.multiplier')?.file).toBe('child.yaml');
    expect(merged.positions.get('items[2].x')?.file).toBe('child.yaml');
    expect(merged.positions.get('items[0].y')?.file).toBe('base.yaml');
  });
});
