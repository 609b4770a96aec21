// CSV exports of a result (docs/architecture.md "Decisions"): UTF-8 with a BOM so Excel in Japan opens it
// right, CRLF lines, and every table headed by which inputs are synthetic or estimated. Shared by
// the api (GET /api/runs/:id/result.csv?table=…) and the CLI (`caretwin run --out`), so both export alike.
import { inputLabelLine, type RunResultDocument } from './result';
import { AREA_COLUMNS, areaRows, type Estimate } from '@caretwin/contracts';

export const CSV_TABLES = [
  'kpis',
  'occupancy',
  'hospitals',
  'flow',
  'static-need',
  'replications',
  'areas',
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Cell = string | number | boolean | null | undefined;

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (cells: Cell[]): string => cells.map(cell).join(',');
const estimate = (e: Estimate | undefined): Cell[] => (e ? [e.mean, e.lo, e.hi] : [null, null, null]);

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function header(doc: RunResultDocument<{ runId?: string }>, table: CsvTable): string[] {
  const { scenario } = doc.provenance;
  return [
    `# CareTwin ${table} — scenario ${scenario.id} (${scenario.name.en} / ${scenario.name.ja}), seed ${doc.provenance.seed}, ${doc.provenance.replications} replications${doc.execution.runId ? `, run ${doc.execution.runId}` : ''}`,
    `# ${inputLabelLine(doc.provenance.inputs)}`,
    '# 95 % confidence intervals over replications (lo, hi); warm-up days excluded',
  ];
}

function body(doc: RunResultDocument, table: CsvTable): string[] {
  const a = doc.aggregate;
  switch (table) {
    case 'kpis':
      return [
        row(['kpi', 'n', 'mean', 'sd', 'halfWidth', 'lo', 'hi']),
        ...Object.keys(a.kpis)
          .sort()
          .map((k) => {
            const e = a.kpis[k];
            return row([k, e.n, e.mean, e.sd, e.halfWidth, e.lo, e.hi]);
          }),
      ];
    case 'occupancy': {
      const first = addDays(a.startDate, a.warmupDays);
      const lines = [row(['date', 'day', 'area', 'function', 'inUseMean', 'inUseLo', 'inUseHi', 'capacity'])];
      for (const s of a.dailyOccupancy)
        s.inUse.mean.forEach((mean, day) =>
          lines.push(
            row([
              addDays(first, day),
              day,
              s.area,
              s.function,
              mean,
              s.inUse.lo[day],
              s.inUse.hi[day],
              s.capacity[day],
            ]),
          ),
        );
      return lines;
    }
    case 'hospitals':
      return [
        row([
          'hospital',
          'area',
          'utilisationMean',
          'utilisationLo',
          'utilisationHi',
          'admissionsMean',
          'admissionsLo',
          'admissionsHi',
          'refusalsMean',
          'refusalsLo',
          'refusalsHi',
          'overflowMean',
          'overflowLo',
          'overflowHi',
        ]),
        ...a.hospitals.map((h) =>
          row([
            h.hospital,
            h.area,
            ...estimate(h.utilisation),
            ...estimate(h.admissions),
            ...estimate(h.refusals),
            ...estimate(h.overflow),
          ]),
        ),
      ];
    case 'flow':
      return [
        row([
          'homeArea',
          ...a.flow.areas.map((t) => `treatedIn:${t}`),
          'leftRegion',
          'selfSufficiencyMean',
          'selfSufficiencyLo',
          'selfSufficiencyHi',
        ]),
        ...a.flow.areas.map((home, i) =>
          row([home, ...a.flow.admissions[i], a.flow.leftRegion[i], ...estimate(a.flow.selfSufficiency[i])]),
        ),
      ];
    case 'static-need': {
      const need = a.staticNeed;
      const lines = [
        row([
          'basis',
          'area',
          'function',
          'bedDaysPerYear',
          'census',
          'need',
          'beds',
          'year',
          'treatingAreaMethod',
        ]),
      ];
      const add = (basis: string, rows: typeof need.byHomeArea): void => {
        for (const r of rows)
          lines.push(
            row([
              basis,
              r.area,
              r.function,
              r.bedDaysPerYear,
              r.census,
              r.need,
              r.beds,
              need.year,
              need.treatingAreaMethod,
            ]),
          );
      };
      add('homeArea', need.byHomeArea);
      add('treatingArea', need.byTreatingArea);
      add('prefecture', need.prefecture);
      return lines;
    }
    case 'areas': {
      // the local KPIs by 二次医療圏 (issue 16): home area unless the column says treating area
      const areas = a.flow.areas;
      return [
        `# by home area (患者住所地) except ${AREA_COLUMNS.filter((c) => c.basis === 'treating')
          .map((c) => c.id)
          .join(', ')} (by treating area); shares 0-1, times in minutes, bed blocking in patient-days`,
        row([
          'area',
          ...AREA_COLUMNS.flatMap((c) => [`${c.id}Mean`, `${c.id}Lo`, `${c.id}Hi`]),
          'bedBlockingPatientsPerDay',
        ]),
        ...areaRows(a.kpis, areas, a.horizonDays).map((r) =>
          row([
            r.area,
            ...r.cells.flatMap((c) => estimate(c.estimate ?? undefined)),
            r.cells.find((c) => c.column.id === 'bedBlocking')?.perDay,
          ]),
        ),
      ];
    }
    case 'replications': {
      const keys = [...new Set(doc.replications.flatMap((r) => Object.keys(r.kpis)))].sort();
      return [
        row(['replication', ...keys]),
        ...doc.replications.map((r) => row([r.replication, ...keys.map((k) => r.kpis[k])])),
      ];
    }
  }
}

export function resultCsv(doc: RunResultDocument<{ runId?: string }>, table: CsvTable): string {
  return '\uFEFF' + [...header(doc, table), ...body(doc, table)].join('\r\n') + '\r\n';
}
