// The names reports use: the CSV header (FHIR SANER measure codes), the bed functions (ids or
// 病床機能報告's Japanese names), and the FHIR systems a MeasureReport is read with.
import type { BedFunction, CensusRow } from '@caretwin/contracts';
import { BED_FUNCTION_SYSTEM, SANER_MEASURED_VALUES, SANER_REPORT_PROFILE } from '../forecast/export-fhir';

export { BED_FUNCTION_SYSTEM, SANER_MEASURED_VALUES, SANER_REPORT_PROFILE };

/** The CSV header, in this order (the optional columns may be empty, never left out). */
export const CENSUS_CSV_COLUMNS = [
  'date',
  'institution_code',
  'area',
  'bed_function',
  'numbeds',
  'numBedsOcc',
  'numICUBeds',
  'numICUBedsOcc',
  'numVent',
  'numVentUse',
  'admissions',
  'discharges',
] as const;
export type CensusCsvColumn = (typeof CENSUS_CSV_COLUMNS)[number];

/** A figure of a row, by its SANER measure code (the CSV column, the FHIR group code). */
export const MEASURES = [
  { code: 'numbeds', field: 'beds', required: true },
  { code: 'numBedsOcc', field: 'occupied', required: true },
  { code: 'numICUBeds', field: 'icuBeds', required: false },
  { code: 'numICUBedsOcc', field: 'icuOccupied', required: false },
  { code: 'numVent', field: 'vents', required: false },
  { code: 'numVentUse', field: 'ventsInUse', required: false },
  { code: 'admissions', field: 'admissions', required: false },
  { code: 'discharges', field: 'discharges', required: false },
] as const satisfies ReadonlyArray<{ code: CensusCsvColumn; field: keyof CensusRow; required: boolean }>;
export type MeasureCode = (typeof MEASURES)[number]['code'];
export type MeasureField = (typeof MEASURES)[number]['field'];

/** Pairs that must hold: in use ≤ available. */
export const AT_MOST: ReadonlyArray<[used: MeasureField, of: MeasureField]> = [
  ['occupied', 'beds'],
  ['icuOccupied', 'icuBeds'],
  ['ventsInUse', 'vents'],
];

/** 病床機能報告's names of the four functions (the CSV and FHIR take either these or the ids). */
export const BED_FUNCTION_JA: Readonly<Record<BedFunction, string>> = {
  highAcute: '高度急性期',
  acute: '急性期',
  recovery: '回復期',
  chronic: '慢性期',
};

const FUNCTION_NAMES = new Map<string, BedFunction>(
  (Object.entries(BED_FUNCTION_JA) as Array<[BedFunction, string]>).flatMap(([id, ja]) => [
    [id, id],
    [ja, id],
  ]),
);

/** A bed function from its id or Japanese name; undefined when neither. */
export const bedFunctionOf = (name: string): BedFunction | undefined => FUNCTION_NAMES.get(name.trim());

/** admissions and discharges are not SANER measured values: CareTwin's own codes (a URN: no page behind it). */
export const CENSUS_MEASURE_SYSTEM = 'urn:caretwin:fhir:CodeSystem:census-measure';
/** The Measure the census reports answer. */
export const CENSUS_MEASURE_URL = 'urn:caretwin:fhir:Measure:daily-bed-census';
/** The stratifier's code: the bed function (病床機能). */
export const BED_FUNCTION_STRATIFIER = 'bed-function';
/** 医療機関コード identifier systems accepted on the subject Location (the first is written). */
export const INSTITUTION_CODE_SYSTEMS = [
  'urn:oid:1.2.392.100495.20.3.23',
  'http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no',
] as const;
/** meta.tag marking test (synthetic) data: v3 ActReason HTEST. */
export const TEST_DATA_TAG = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  code: 'HTEST',
} as const;
export const MEASURE_POPULATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-population';
