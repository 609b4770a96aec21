import { describe, expect, it } from 'vitest';
import { AREA_COLOURS, areaColourMap, lightness, occupancyScale } from './palette';

describe('colour scales', () => {
  it('gives the first four areas colours at least 10 L* apart, so greyscale keeps them apart', () => {
    const l = AREA_COLOURS.slice(0, 4).map(lightness);
    for (let i = 0; i < l.length; i++)
      for (let j = i + 1; j < l.length; j++) expect(Math.abs(l[i] - l[j])).toBeGreaterThanOrEqual(10);
  });

  it('cycles the palette for regions with more areas than colours', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `a${i}`);
    const map = areaColourMap(ids);
    expect(map.get('a8')).toBe(map.get('a0'));
  });

  it('darkens monotonically as utilisation rises (greyscale keeps the order)', () => {
    const scale = occupancyScale();
    const toHex = (rgb: string): string => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    };
    const values = [0.5, 0.6, 0.7, 0.8, 0.9, 1].map((u) => lightness(toHex(scale(u))));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]);
    expect(scale(0.2)).toBe(scale(0.5));
  });
});
