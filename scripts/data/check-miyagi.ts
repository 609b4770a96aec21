// Prints the expected census per function and area of the committed Miyagi data, against the
// beds in use and the issue-5 calibration targets, plus the ambulance-time arithmetic.
//   npx tsx scripts/data/check-miyagi.ts [year]
import { join, resolve } from 'node:path';
import { BED_FUNCTIONS } from '../../libs/scenario/src/types';
import { bedDaysPerAdmission, expectedDemand, summarise } from './expected-census';
import { readRegionDirectory } from './region-files';
import { estimateTransport } from './transport-check';

const year = process.argv[2] ?? '2025';
const { region } = readRegionDirectory(join(resolve(__dirname, '../..'), 'scenarios/data/miyagi'));
const demand = expectedDemand(region, year);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

console.log(`Expected daily census by home area (患者住所地), ${year} population`);
console.log(
  ['area', 'population', 'admissions/yr', ...BED_FUNCTIONS.map((f) => `${f} census/beds`)].join('\t'),
);
for (const d of demand) {
  const admissions = Object.values(d.admissions).reduce((s, v) => s + v, 0);
  console.log(
    [
      d.area,
      fmt(d.population),
      fmt(admissions),
      ...BED_FUNCTIONS.map(
        (fn) => `${fmt(d.census[fn])}/${fmt(d.beds[fn])} (${pct(d.census[fn] / d.beds[fn])})`,
      ),
    ].join('\t'),
  );
}
const s = summarise(region, demand);
console.log('\nPrefecture');
for (const fn of BED_FUNCTIONS) {
  const target = region.occupancyTargets[fn];
  console.log(
    `  ${fn.padEnd(10)} census ${fmt(s.census[fn]).padStart(6)} / beds ${fmt(s.beds[fn]).padStart(6)} = ${pct(s.utilisation[fn])}; static need at ${target}: ${fmt(s.census[fn] / target)}`,
  );
}
console.log(
  `  general (high-acute + acute + recovery) pooled: ${pct(s.generalUtilisation)} (target 76 ± 3 %); chronic ${pct(s.utilisation.chronic)} (target 90 ± 3 %)`,
);
console.log(
  `  admissions ${fmt(s.admissions)} / yr = ${fmt(s.admissionsPer100k)} per 100k (national 15.6–16.2 M / 124 M = 12,570–13,050)`,
);
console.log(
  `  general-bed days per admission ${s.generalStayDays.toFixed(1)} (national general beds 15.7); chronic stay ${s.chronicStayDays.toFixed(1)} d (131.7)`,
);
console.log('\nBy condition: admissions / yr; bed-days per admission → census by function');
for (const c of region.conditions) {
  const admissions = demand.reduce((sum, d) => sum + d.admissions[c.id], 0);
  const days = bedDaysPerAdmission(region, c);
  const census = BED_FUNCTIONS.map(
    (fn) => `${fn} ${days[fn].toFixed(1)} d → ${fmt((admissions * days[fn]) / 365)}`,
  );
  console.log(`  ${c.id.padEnd(14)} ${fmt(admissions).padStart(8)}  ${census.join('; ')}`);
}
const t = estimateTransport(region, year);
console.log('\nAmbulance arithmetic (no queueing, no refusals)');
console.log(
  `  calls ${fmt(t.callsPerYear)} / yr; call → scene ${t.callToSceneMinutes.toFixed(1)} min (10.0); scene → hospital ${t.sceneToHospitalMinutes.toFixed(1)} min; call → hospital ${t.callToHospitalMinutes.toFixed(1)} min (45.6)`,
);
