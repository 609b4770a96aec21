// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../i18n';
import {
  captionFor,
  exportFileParts,
  exportHeading,
  isoDate,
  periodOf,
  provideExportCaption,
  type ExportCaption,
} from './caption';
import { fileName } from './download';

const caption: ExportCaption = {
  scenarios: 'a「基準」と b「仙台の転換」',
  period: '2025-05-01 〜 2026-04-30',
  replications: '6 反復',
  fileStem: ['miyagi-2025-baseline', 'vs', 'sendai-convert'],
};
const now = new Date(2026, 11, 2, 9, 30);
const RUN_A = '0b0e7d5c-7f3a-4a8e-9a57-1d2c3b4a5f60';
const RUN_B = '1c1f8e6d-8a4b-4b9f-8b68-2e3d4c5b6a71';

describe('captions of exported charts', () => {
  afterEach(() => setLang('ja'));

  it('write the date unambiguously, year first', () => {
    expect(isoDate(now)).toBe('2026-12-02');
  });

  it('say the measured period: the days after the warm-up, first and last', () => {
    expect(periodOf({ startDate: '2025-04-01', warmupDays: 30, horizonDays: 365 })).toBe(
      '2025-05-01 〜 2026-04-30(365 日、ウォームアップ 30 日の後)',
    );
    setLang('en');
    expect(periodOf({ startDate: '2025-04-01', warmupDays: 0, horizonDays: 10 })).toBe(
      '2025-04-01 to 2025-04-10 (10 days after 0 warm-up days)',
    );
  });

  it('put scenario, period, replications and date in the subtitle, and the caveat in the page’s language', () => {
    const heading = exportHeading('稼働率の推移', caption, now);
    expect(heading.title).toBe('稼働率の推移');
    expect(heading.subtitle).toBe(
      'a「基準」と b「仙台の転換」 · 2025-05-01 〜 2026-04-30 · 6 反復 · 作成 2026-12-02',
    );
    expect(heading.caveat).toContain('合成データ');
    setLang('en');
    expect(exportHeading('Utilisation', null, now)).toMatchObject({
      subtitle: 'made 2026-12-02',
      caveat: expect.stringContaining('not a forecast') as string,
    });
  });

  it('name the file after whose chart it is, which chart, and the date', () => {
    const parts = exportFileParts(['compare', RUN_A, RUN_B, 'differences'], caption, now);
    expect(fileName(parts, 'png')).toBe(
      'caretwin-miyagi-2025-baseline-vs-sendai-convert-differences-2026-12-02.png',
    );
    expect(fileName(exportFileParts(['home', 'miyagi', 'region-map'], null, now), 'svg')).toBe(
      'caretwin-home-miyagi-region-map-2026-12-02.svg',
    );
    const one = { ...caption, fileStem: ['miyagi-2025-baseline'] };
    const run = '2214dcb4-98e8-4953-9ac6-b186ec3d7944';
    expect(fileName(exportFileParts(['results', run, 'occupancy'], one, now), 'csv')).toBe(
      'caretwin-miyagi-2025-baseline-occupancy-2026-12-02.csv',
    );
    expect(fileName(exportFileParts(['hospital', 'sendai-university', 'weekly'], one, now), 'png')).toBe(
      'caretwin-miyagi-2025-baseline-sendai-university-weekly-2026-12-02.png',
    );
    expect(fileName(exportFileParts(['report', 'miyagi-2025-baseline', 'kpis'], one, now), 'png')).toBe(
      'caretwin-miyagi-2025-baseline-kpis-2026-12-02.png',
    );
  });

  it('are found from a chart inside the view that provided them, and not once the view is replaced', () => {
    const root = document.createElement('main');
    const slot = document.createElement('div');
    root.append(document.createElement('h1'), slot);
    provideExportCaption(root, () => caption);
    expect(captionFor(slot)).toBe(caption);
    const next = document.createElement('div');
    root.replaceChildren(next);
    expect(captionFor(next)).toBeNull();
  });
});
