// Census reports in, against the committed Miyagi region: every fixture under ./fixtures, valid
// ones read to the same rows whichever format carries them, invalid ones refused whole with each
// issue at its CSV row and column or its FHIRPath.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CensusRow, ValidationIssue } from '@caretwin/contracts';
import { institutionCode, loadRegion } from '@caretwin/scenario';
import { censusRegion } from '../region';
import { censusBundle, censusCsv, censusMeasureReports } from './build';
import { parseCensusCsv } from './csv';
import { parseCensusFhir } from './fhir';
import type { IngestResult } from './rows';

const FIXTURES = join(__dirname, 'fixtures');
const region = censusRegion(loadRegion(resolve(__dirname, '../../../../scenarios/data/miyagi')));
const context = { region, today: '2026-12-01' };
const csv = (name: string): IngestResult =>
  parseCensusCsv(readFileSync(join(FIXTURES, name), 'utf8'), context);
const fhir = (name: string): IngestResult =>
  parseCensusFhir(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')), context);

function rowsOf(result: IngestResult): CensusRow[] {
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.rows;
}

function issuesOf(result: IngestResult): Array<Pick<ValidationIssue, 'path' | 'message'>> {
  if (result.ok) throw new Error('expected the request to be refused');
  return result.issues.map(({ path, message }) => ({ path, message }));
}

describe('census reports in', () => {
  it('gives every Miyagi hospital a well-formed 医療機関コード of its own', () => {
    expect(region.hospitals).toHaveLength(84);
    expect(region.byCode.size).toBe(84);
    expect(region.byId.get('sennan-core')?.institutionCode).toBe('0410100010');
  });

  it('reads a CSV with SANER codes to rows, optional figures null (never 0)', () => {
    const rows = rowsOf(csv('valid.csv'));
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual({
      date: '2026-11-30',
      hospital: 'sennan-core',
      institutionCode: '0410100010',
      area: 'sennan',
      function: 'highAcute',
      beds: 12,
      occupied: 10,
      icuBeds: 8,
      icuOccupied: 6,
      vents: 4,
      ventsInUse: 2,
      admissions: null,
      discharges: null,
    });
  });

  it('takes the Japanese function names, quotes, CRLF, a BOM and an empty area', () => {
    const rows = rowsOf(csv('valid-japanese-functions.csv'));
    expect(rows.map((r) => [r.hospital, r.function, r.area])).toEqual([
      ['shiroishi-municipal', 'acute', 'sennan'],
      ['shiroishi-municipal', 'recovery', 'sennan'],
      ['shiroishi-municipal', 'chronic', 'sennan'],
    ]);
  });

  it('reads the same rows from a FHIR Bundle of SANER MeasureReports as from the CSV', () => {
    const fromFhir = fhir('valid-bundle.json');
    expect(rowsOf(fromFhir)).toEqual(rowsOf(csv('valid.csv')));
    expect(fromFhir.ok && fromFhir.synthetic).toBe(false);
  });

  it('reads a single MeasureReport tagged HTEST as synthetic', () => {
    const result = fhir('valid-measure-report-synthetic.json');
    expect(rowsOf(result).map((r) => r.function)).toEqual(['acute', 'recovery', 'chronic']);
    expect(result.ok && result.synthetic).toBe(true);
  });

  it('builds MeasureReports and CSV that read back to the rows they came from', () => {
    const rows = rowsOf(csv('valid.csv'));
    expect(rowsOf(parseCensusFhir(censusBundle(rows), context))).toEqual(rows);
    expect(rowsOf(parseCensusCsv(censusCsv(rows), context))).toEqual(rows);
    const reports = censusMeasureReports(rows, { synthetic: true });
    expect(reports).toHaveLength(2);
    // a measure nobody reported is left out, not sent as 0
    expect(
      (reports[1]?.group as Array<{ code: { coding: Array<{ code: string }> } }>).map(
        (g) => g.code.coding[0]?.code,
      ),
    ).toEqual(['numbeds', 'numBedsOcc', 'admissions', 'discharges']);
  });

  it('accepts a function the region gives the hospital no beds of (beds change), as long as numbeds is given', () => {
    const text = `${readFileSync(join(FIXTURES, 'valid.csv'), 'utf8').split('\n')[0]}\n2026-11-30,0410100010,sennan,chronic,10,4,,,,,,\n`;
    expect(rowsOf(parseCensusCsv(text, context))).toMatchObject([
      { hospital: 'sennan-core', function: 'chronic', beds: 10 },
    ]);
  });

  describe('refuses, naming the row and column', () => {
    it('occupied beds over the beds', () => {
      expect(issuesOf(csv('invalid-occupied-over-beds.csv'))).toEqual([
        { path: 'row 2, column numBedsOcc', message: 'numBedsOcc 80 is more than numbeds 79' },
      ]);
    });

    it('a hospital × function × day twice in one request', () => {
      expect(issuesOf(csv('invalid-duplicates.csv'))).toEqual([
        {
          path: 'row 4',
          message:
            'duplicate: shiroishi-municipal (0410200018) acute on 2026-11-30 is reported twice in this request (first at row 2)',
        },
      ]);
    });

    it('an unknown hospital', () => {
      expect(issuesOf(csv('invalid-unknown-hospital.csv'))).toEqual([
        {
          path: 'row 3, column institution_code',
          message: 'unknown hospital: no hospital of region miyagi has 医療機関コード 0419999990',
        },
      ]);
    });

    it('a date after today in Japan', () => {
      expect(issuesOf(csv('invalid-future-date.csv'))).toEqual([
        { path: 'row 2, column date', message: '2099-01-01 is in the future (today is 2026-12-01 in Japan)' },
      ]);
    });

    it('a missing count', () => {
      expect(issuesOf(csv('invalid-missing-counts.csv'))).toEqual([
        { path: 'row 2, column numBedsOcc', message: 'numBedsOcc is missing' },
      ]);
    });

    it('negative and fractional figures, an area not the hospital’s, an unknown function, a bad check digit', () => {
      expect(issuesOf(csv('invalid-figures.csv'))).toEqual([
        {
          path: 'row 2, column area',
          message: 'hospital shiroishi-municipal (0410200018) is in area sennan, not sendai',
        },
        { path: 'row 2, column numBedsOcc', message: 'numBedsOcc: -1 is negative' },
        { path: 'row 3, column numbeds', message: 'numbeds: 65.5 is not a whole number' },
        {
          path: 'row 4, column bed_function',
          message:
            'unknown bed function "ward": one of highAcute (高度急性期), acute (急性期), recovery (回復期), chronic (慢性期)',
        },
        {
          path: 'row 5, column institution_code',
          message: '"0410200017" is not a 医療機関コード: check digit 7 should be 8 (検証番号)',
        },
      ]);
    });

    it('a header without the SANER columns', () => {
      const issues = issuesOf(csv('invalid-header.csv'));
      expect(issues[0]).toMatchObject({
        path: 'row 1, column function',
        message: expect.stringMatching(/^unknown column "function"/),
      });
      expect(issues.map((i) => i.path)).toContain('row 1, column bed_function');
      expect(issues.map((i) => i.path)).toContain('row 1, column discharges');
    });

    it('an unterminated quote, with the row it opened on', () => {
      const text = `${CSV_HEADER}\n2026-11-30,"0410200018,sennan,acute,79,60,,,,,,\n`;
      expect(issuesOf(parseCensusCsv(text, context))).toEqual([
        { path: 'row 2', message: 'a quoted field opened on row 2 never closes' },
      ]);
    });
  });

  describe('refuses FHIR, naming the FHIRPath', () => {
    it('a subject that is not a Location', () => {
      expect(issuesOf(fhir('invalid-wrong-subject-type.json'))).toEqual([
        {
          path: 'Bundle.entry[1].resource.subject',
          message:
            "wrong subject type: a Patient; the subject is the hospital's Location (reference Location/… or type Location)",
        },
      ]);
    });

    it('a stratum without its count', () => {
      expect(issuesOf(fhir('invalid-missing-counts.json'))).toEqual([
        {
          path: 'MeasureReport.group[1].stratifier[0].stratum[0].population[0].count',
          message: 'numBedsOcc is missing',
        },
      ]);
    });

    it('occupied beds over the beds', () => {
      expect(issuesOf(fhir('invalid-occupied-over-beds.json'))).toEqual([
        {
          path: 'MeasureReport.group[1].stratifier[0].stratum[0].population[0].count',
          message: 'numBedsOcc 80 is more than numbeds 79',
        },
      ]);
    });

    it('the same hospital and day twice in a Bundle', () => {
      const issues = issuesOf(fhir('invalid-duplicates.json'));
      expect(issues).toHaveLength(3);
      expect(issues[0]).toEqual({
        path: 'Bundle.entry[2].resource.group[0].stratifier[0].stratum[0]',
        message:
          'duplicate: shiroishi-municipal (0410200018) acute on 2026-11-30 is reported twice in this request (first at Bundle.entry[1].resource.group[0].stratifier[0].stratum[0])',
      });
    });

    it('an unknown hospital', () => {
      expect(issuesOf(fhir('invalid-unknown-hospital.json'))).toEqual([
        {
          path: 'MeasureReport.subject.identifier.value',
          message: 'unknown hospital: no hospital of region miyagi has 医療機関コード 0419999990',
        },
      ]);
    });

    it('a date after today in Japan', () => {
      expect(issuesOf(fhir('invalid-future-date.json'))[0]).toEqual({
        path: 'MeasureReport.period.start',
        message: '2099-01-01 is in the future (today is 2026-12-01 in Japan)',
      });
    });

    it('a report that does not claim the SANER profile', () => {
      expect(issuesOf(fhir('invalid-wrong-profile.json'))).toEqual([
        {
          path: 'MeasureReport.meta.profile',
          message:
            'wrong profile: http://hl7.org/fhir/us/davinci-deqm/StructureDefinition/indv-measurereport-deqm; a census report claims http://hl7.org/fhir/uv/saner/StructureDefinition/PublicHealthMeasureReport',
        },
      ]);
    });

    it('a Bundle entry that is not a MeasureReport', () => {
      expect(issuesOf(fhir('invalid-bundle-entry.json'))).toEqual([
        {
          path: 'Bundle.entry[0].resource.resourceType',
          message: 'a Patient: the Bundle carries MeasureReports only',
        },
      ]);
    });

    it('a document that is neither a MeasureReport nor a Bundle', () => {
      expect(issuesOf(parseCensusFhir({ resourceType: 'Patient' }, context))).toEqual([
        { path: 'resourceType', message: 'a Patient: send a MeasureReport or a Bundle of them' },
      ]);
      expect(issuesOf(parseCensusFhir([1, 2], context))[0]?.path).toBe('');
    });

    it('the R4 invariant mrp-2 (a stratum with both a value and components), evaluated by fhirpath', () => {
      const report = JSON.parse(readFileSync(join(FIXTURES, 'valid-measure-report-synthetic.json'), 'utf8'));
      report.group[0].stratifier[0].stratum[0].component = [{ code: { text: 'x' }, value: { text: 'y' } }];
      expect(issuesOf(parseCensusFhir(report, context))).toContainEqual({
        path: 'MeasureReport',
        message: 'mrp-2: Stratifiers SHALL be either a single criteria or a set of criteria components',
      });
    });

    it('elements off R4’s shape (checked against the fhirpath library’s R4 model): a count as text, an id as a number, an unknown element, a single group', () => {
      const report = JSON.parse(readFileSync(join(FIXTURES, 'valid-measure-report-synthetic.json'), 'utf8'));
      report.group[0].stratifier[0].stratum[0].population[0].count = '80';
      report.id = 123;
      report.hospitalNote = 'busy';
      const issues = issuesOf(parseCensusFhir(report, context));
      expect(issues).toContainEqual({
        path: 'MeasureReport.group[0].stratifier[0].stratum[0].population[0].count',
        message: 'integer expected (a whole JSON number), got "80"',
      });
      expect(issues).toContainEqual({
        path: 'MeasureReport.id',
        message: 'System.String expected (a JSON string), got 123',
      });
      expect(issues).toContainEqual({
        path: 'MeasureReport.hospitalNote',
        message: 'MeasureReport has no element "hospitalNote" in FHIR R4',
      });
      const single = JSON.parse(readFileSync(join(FIXTURES, 'valid-measure-report-synthetic.json'), 'utf8'));
      single.group = single.group[0];
      expect(issuesOf(parseCensusFhir(single, context))).toContainEqual({
        path: 'MeasureReport.group',
        message: 'MeasureReport.group repeats: an array is expected',
      });
    });

    it('a group total that is not the sum of its strata', () => {
      const report = JSON.parse(readFileSync(join(FIXTURES, 'valid-measure-report-synthetic.json'), 'utf8'));
      report.group[0].population[0].count = 1;
      expect(issuesOf(parseCensusFhir(report, context))).toEqual([
        {
          path: 'MeasureReport.group[0].population[0].count',
          message: 'numbeds 1 is not the sum of its bed-function strata (194)',
        },
      ]);
    });

    it('reads a dateTime period in Japan time (23:30 UTC is the next day in Japan)', () => {
      const report = JSON.parse(readFileSync(join(FIXTURES, 'valid-measure-report-synthetic.json'), 'utf8'));
      report.period = { start: '2026-11-29T15:00:00Z' };
      expect(rowsOf(parseCensusFhir(report, context))[0]?.date).toBe('2026-11-30');
    });
  });

  it('derives a code for a hospital its region gives none (test regions)', () => {
    const small = censusRegion({
      id: 'tiny',
      areas: [{ id: 'a' }],
      hospitals: [{ id: 'h', area: 'a', municipality: '13101', beds: { acute: 10 } }],
    });
    expect(small.byId.get('h')?.institutionCode).toBe(institutionCode('13', 99, 9000));
  });
});

const CSV_HEADER =
  'date,institution_code,area,bed_function,numbeds,numBedsOcc,numICUBeds,numICUBedsOcc,numVent,numVentUse,admissions,discharges';
