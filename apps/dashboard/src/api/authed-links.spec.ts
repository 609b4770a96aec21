import { describe, expect, it } from 'vitest';
import { fileNameOf } from './authed-links';

describe('the file name of an api download', () => {
  it("takes the api's quoted name from Content-Disposition", () => {
    expect(fileNameOf('attachment; filename="caretwin-forecast-2026-12-01.csv"', 'latest.csv')).toBe(
      'caretwin-forecast-2026-12-01.csv',
    );
  });

  it('prefers the UTF-8 name when the api gives both', () => {
    expect(
      fileNameOf(`attachment; filename="report.html"; filename*=UTF-8''%E4%BB%99%E5%8F%B0.html`, 'x'),
    ).toBe('仙台.html');
  });

  it('reads an unquoted name and falls back when there is none', () => {
    expect(fileNameOf('inline; filename=result.csv', 'x')).toBe('result.csv');
    expect(fileNameOf('attachment', 'latest.fhir')).toBe('latest.fhir');
    expect(fileNameOf(null, 'latest.fhir')).toBe('latest.fhir');
  });
});
