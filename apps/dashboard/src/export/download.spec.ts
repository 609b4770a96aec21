import { describe, expect, it } from 'vitest';
import { fileName } from './download';

describe('export file names', () => {
  it('joins the parts with hyphens and keeps only characters safe on every system', () => {
    expect(fileName(['results', '0196c1e2-aaaa', 'region map'], 'png')).toBe(
      'results-0196c1e2-aaaa-region-map.png',
    );
    expect(fileName(['compare', undefined, '宮城/比較'], 'csv')).toBe('compare.csv');
    expect(fileName([], 'svg')).toBe('caretwin.svg');
  });
});
