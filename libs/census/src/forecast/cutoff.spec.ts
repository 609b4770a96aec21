// The daily cutoff: after it, the latest census (today's or yesterday's) gets a forecast from what
// arrived unless one of it is held; before it, or for an old census, nothing is due.
import { describe, expect, it } from 'vitest';
import { japanTime } from '../region';
import { cutoffForecastDate } from './cutoff';

// 2026-12-03 10:30 in Japan
const at = new Date('2026-12-03T01:30:00Z');

describe('the forecast cutoff', () => {
  it('reads the time of day in Japan', () => {
    expect(japanTime(at)).toBe('10:30');
    expect(japanTime(new Date('2026-12-02T15:00:00Z'))).toBe('00:00');
  });

  it('is due for the latest census once the cutoff has passed and no forecast of it is held', () => {
    expect(cutoffForecastDate(at, '10:00', '2026-12-03', '2026-12-02')).toBe('2026-12-03');
    expect(cutoffForecastDate(at, '10:30', '2026-12-03', null)).toBe('2026-12-03');
    // yesterday's census when today's reports have not come yet
    expect(cutoffForecastDate(at, '10:00', '2026-12-02', '2026-12-01')).toBe('2026-12-02');
  });

  it('is not due before the cutoff, without a cutoff or a census, or once the date has a forecast', () => {
    expect(cutoffForecastDate(at, '10:31', '2026-12-03', null)).toBeNull();
    expect(cutoffForecastDate(at, null, '2026-12-03', null)).toBeNull();
    expect(cutoffForecastDate(at, '10:00', null, null)).toBeNull();
    expect(cutoffForecastDate(at, '10:00', '2026-12-03', '2026-12-03')).toBeNull();
  });

  it('leaves a census older than yesterday to a forecast asked for by hand', () => {
    expect(cutoffForecastDate(at, '10:00', '2026-12-01', null)).toBeNull();
  });
});
