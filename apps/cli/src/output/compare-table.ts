// The table `caretwin compare` prints: a, b, the difference b − a with its 95 % CI, and a mark
// on differences whose CI excludes 0 and that reach the KPI's practical threshold (issue 16).
// The method line says paired or unpaired (Welch), and why.
import { practicallySignificant, type Comparison } from '@caretwin/contracts';
import { allRows, formatValue, headlineRows, isShare } from './kpi-format';
import { renderTable } from './table';

export const SIGNIFICANT_MARK = '*';

function signed(key: string, value: number): string {
  const text = formatValue(key, Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

export function compareTable(
  comparison: Comparison,
  options: { all?: boolean; labels?: [string, string] } = {},
): string[] {
  const keys = Object.keys(comparison.kpis);
  const rows = options.all ? allRows(keys) : headlineRows(keys);
  const [la, lb] = options.labels ?? [`a: ${comparison.a.scenarioId}`, `b: ${comparison.b.scenarioId}`];
  const body = rows.map(({ key, label, unit }) => {
    const d = comparison.kpis[key];
    return [
      `${practicallySignificant(key, d) ? SIGNIFICANT_MARK : ' '} ${label}`,
      formatValue(key, d.a),
      formatValue(key, d.b),
      signed(key, d.difference),
      `${signed(key, d.lo)} … ${signed(key, d.hi)}`,
      isShare(key) ? 'pct points' : unit,
    ];
  });
  const significant = keys.filter((k) => practicallySignificant(k, comparison.kpis[k])).length;
  return [
    comparison.note.charAt(0).toUpperCase() + comparison.note.slice(1),
    `a = ${comparison.a.scenarioId} (seed ${comparison.a.seed}, ${comparison.a.replications} replications), b = ${comparison.b.scenarioId} (seed ${comparison.b.seed}, ${comparison.b.replications} replications)`,
    '',
    ...renderTable(['  KPI', la, lb, 'b − a', '95 % CI of b − a', 'unit'], body),
    '',
    `${SIGNIFICANT_MARK} significant: the 95 % CI of the difference excludes 0 and it reaches the practical threshold — minutes 1.0, shares 1 pt, days 0.5, counts 5 % of a (${significant} of ${keys.length} KPIs${options.all ? '' : '; --all lists every KPI'})`,
  ];
}
