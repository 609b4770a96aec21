import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSeries, encodeSeries } from './run-input';

describe('the hourly demand multiplier encoding', () => {
  // Multipliers are finite and non-negative (the scenario schema checks it); JSON keeps every
  // such double exactly (it writes the shortest text that reads back to the same bits).
  const multiplier = fc
    .double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true })
    .filter((v) => !Object.is(v, -0));

  it('decodes to exactly the series it encoded, bit for bit, after a JSON round trip', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(1), fc.constant(1.5), multiplier), { maxLength: 300 }),
        (values) => {
          const series = Float64Array.from(values);
          const decoded = decodeSeries(JSON.parse(JSON.stringify(encodeSeries(series))));
          expect(decoded.length).toBe(series.length);
          for (let i = 0; i < series.length; i++) expect(Object.is(decoded[i], series[i])).toBe(true);
        },
      ),
    );
  });

  it('stores a constant year of hours as one run', () => {
    const encoded = encodeSeries(new Float64Array(8760).fill(1));
    expect(encoded).toEqual({ values: [1], counts: [8760] });
  });
});
