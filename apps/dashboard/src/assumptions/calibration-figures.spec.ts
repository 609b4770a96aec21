import { describe, expect, it } from 'vitest';
// The page copies docs/calibration.md and the hold-outs of docs/validation.md; this keeps the copy
// honest when the docs are updated.
import doc from '../../../../docs/calibration.md?raw';
import validation from '../../../../docs/validation.md?raw';
import { AREA_OCCUPANCY, CALIBRATION_FIGURES } from './calibration-figures';

describe('calibration figures shown on the Assumptions page', () => {
  it('match the "after" column of docs/calibration.md (tuned, fitted) or docs/validation.md (hold-outs)', () => {
    for (const figure of CALIBRATION_FIGURES) {
      const line = (figure.tuned ? doc : `${doc}\n${validation}`)
        .split('\n')
        .find((l: string) => l.includes(`\`${figure.kpi}\``) && l.includes(`**${figure.after}**`));
      expect(line, `${figure.kpi} ${figure.after}`).toBeDefined();
    }
  });

  it('match the occupancy-by-area table', () => {
    // Prettier pads table cells; compare rows with runs of spaces collapsed.
    const rows = doc.split('\n').map((l: string) => l.replace(/ +/g, ' '));
    for (const row of AREA_OCCUPANCY) {
      expect(rows).toContain(
        `| ${row.area.ja} ${row.area.en} | ${row.highAcute} | ${row.acute} | ${row.recovery} | ${row.chronic} |`,
      );
    }
  });
});
