// Shared by the data tests: the committed Miyagi region and the figures it must reproduce, copied
// from scripts/data/reference/miyagi-reference.json, so no test trusts the generator's reading of it.
import { join, resolve } from 'node:path';
import type { Beds } from '../../libs/scenario/src/types';
import { readRegionDirectory } from '../../scripts/data/region-files';

export const ROOT = resolve(__dirname, '../..');
export const MIYAGI_DIR = join(ROOT, 'scenarios/data/miyagi');
export const SCENARIO_DIR = join(ROOT, 'scenarios');

export const miyagi = () => readRegionDirectory(MIYAGI_DIR);

/** 令和4年度 病床機能報告: beds in use by area and function (idle beds excluded). */
export const BEDS_2022: Record<string, Beds> = {
  sennan: { highAcute: 12, acute: 469, recovery: 388, chronic: 332 },
  sendai: { highAcute: 1951, acute: 7404, recovery: 1526, chronic: 2035 },
  'osaki-kurihara': { highAcute: 44, acute: 1277, recovery: 288, chronic: 866 },
  'ishinomaki-tome-kesennuma': { highAcute: 46, acute: 1306, recovery: 467, chronic: 785 },
};

/** Same report, the facilities' own plans for 2025. */
export const BEDS_PLANNED_2025: Record<string, Beds> = {
  sennan: { highAcute: 26, acute: 469, recovery: 388, chronic: 332 },
  sendai: { highAcute: 1959, acute: 7353, recovery: 1530, chronic: 2039 },
  'osaki-kurihara': { highAcute: 44, acute: 1174, recovery: 308, chronic: 789 },
  'ishinomaki-tome-kesennuma': { highAcute: 46, acute: 1303, recovery: 508, chronic: 729 },
};

/**
 * Area population: 2020 census and the IPSS 2023 (令和5年推計) municipal projections summed per
 * area for 2025 and 2040 (scripts/data/reference/demand-inputs.md §1; demand-inputs.json).
 */
export const AREA_POPULATION: Record<string, Record<'2020' | '2025' | '2040', number>> = {
  sennan: { '2020': 166_529, '2025': 155_883, '2040': 126_858 },
  sendai: { '2020': 1_540_389, '2025': 1_532_487, '2040': 1_453_953 },
  'osaki-kurihara': { '2020': 259_990, '2025': 240_532, '2040': 192_389 },
  'ishinomaki-tome-kesennuma': { '2020': 335_088, '2025': 309_821, '2040': 241_139 },
};

/** 2020 census, Miyagi by sex (sendai-podcast.jp quoting 県 and 市; demand-inputs.md P4). */
export const MIYAGI_2020_BY_SEX = { male: 1_122_598, female: 1_179_398 };

/** 2020 census population of a few municipalities, as published (Sendai city as its five wards). */
export const MUNICIPALITY_2020: Record<string, number> = {
  '04101': 311_590,
  '04102': 196_732,
  '04103': 141_475,
  '04104': 234_758,
  '04105': 212_149,
  '04302': 1_262,
  '04215': 127_330,
  '04202': 140_151,
  '04205': 61_147,
  '04321': 23_571,
};

/** Sendai city (2020 census 1,096,704) is modelled as its wards, 青葉区 … 泉区 (04101–04105). */
export const SENDAI_CITY_2020 = 1_096_704;
export const SENDAI_WARD_CODES = ['04101', '04102', '04103', '04104', '04105'];
