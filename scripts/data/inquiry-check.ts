// Prints how many inquiries (照会) the Miyagi baseline's ambulance patients needed, beside FDMA's
// count for Miyagi's severe cases in 2023 (the target of the refusal parameters, docs/data.md
// "Refusals of inquiries"), with the reasons and the access figures that are outputs only.
//   npx tsx scripts/data/inquiry-check.ts [replications] [days]
import { join, resolve } from 'node:path';
import { ScenarioCatalog } from '../../libs/scenario/src';
import { Replication } from '../../libs/model/src/replication/replication';
import { REFUSAL_REASONS } from '../../libs/model/src/kpis/recorder';

/** FDMA 令和5年 受入れ状況等実態調査 p.7: Miyagi 重症以上, patients by inquiries 1…15. */
const FDMA_MIYAGI_2023 = [6529, 1391, 627, 332, 158, 105, 53, 33, 35, 12, 13, 11, 1, 3, 4];

const replications = Number(process.argv[2] ?? 4);
const days = Number(process.argv[3] ?? 365);
const root = resolve(__dirname, '../..');
const catalog = new ScenarioCatalog({
  shippedDir: join(root, 'scenarios'),
  regionsDir: join(root, 'scenarios/data'),
});
const resolved = catalog.resolve({ id: 'inquiry-check', extends: 'miyagi-2025-baseline', horizonDays: days });

// Patients accepted into a high-acute or acute bed by inquiries (16 = 16 or more), and KPI means.
const histogram = new Float64Array(17);
const kpis: Record<string, number> = {};
for (let i = 0; i < replications; i++) {
  const replication = new Replication(resolved, i);
  const result = replication.run();
  replication.state.rec.inquiryHistogram.forEach((n, k) => (histogram[k] += n));
  for (const [key, value] of Object.entries(result.kpis)) kpis[key] = (kpis[key] ?? 0) + value / replications;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const fdmaTotal = FDMA_MIYAGI_2023.reduce((s, n) => s + n, 0);
const fdma = (k: number) => FDMA_MIYAGI_2023[k - 1] / fdmaTotal;
const fdmaFourPlus = FDMA_MIYAGI_2023.slice(3).reduce((s, n) => s + n, 0) / fdmaTotal;
const total = histogram.reduce((s, n) => s + n, 0);
const model = (k: number) => histogram[k] / total;
console.log(
  `Miyagi 2025 baseline, ${replications} × ${days} days; patients accepted into a high-acute or acute bed`,
);
console.log('inquiries\tFDMA Miyagi 2023 (重症以上, ≥ 16 not found)\tmodel');
for (let k = 1; k <= 3; k++) console.log(`${k}\t${pct(fdma(k))}\t${pct(model(k))}`);
console.log(`4 or more\t${pct(fdmaFourPlus)}\t${pct(1 - model(1) - model(2) - model(3))}`);
console.log(
  `mean\t≥ ${(FDMA_MIYAGI_2023.reduce((s, n, k) => s + n * (k + 1), 0) / fdmaTotal).toFixed(2)}\t${kpis['inquiries.perAcceptedPatient.mean'].toFixed(2)}`,
);
console.log(
  `by count: ${Array.from(histogram.slice(1), (n, k) => `${k + 1}: ${pct(n / total)}`).join(', ')}`,
);

const refused = kpis['inquiries.refused'];
console.log(
  `\ninquiries refused ${pct(kpis['inquiries.refusedShare'])} of ${Math.round(kpis['inquiries.total'])} a run:`,
);
console.log(REFUSAL_REASONS.map((r) => `${r} ${pct(kpis[`inquiries.refused.${r}`] / refused)}`).join(', '));
console.log(
  `on scene ≥ 30 min ${pct(kpis['ambulance.onScene30Share'])}, 搬送困難事案 ${Math.round(kpis['difficultTransports'])} ` +
    `(${pct(kpis['difficultTransports.share'])} of accepted), call → scene ${kpis['ambulance.response.mean'].toFixed(1)} min, ` +
    `call → hospital ${kpis['ambulance.callToHospital.mean'].toFixed(1)} min, vehicles busy ${pct(kpis['ambulance.utilisation.prefecture'])}, ` +
    `call wait ${kpis['ambulance.callWait.mean'].toFixed(2)} min, mutual aid ${Math.round(kpis['ambulance.mutualAid'])}`,
);
