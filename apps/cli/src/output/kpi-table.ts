// The KPI table `caretwin run` prints at the end: mean and 95 % CI over replications.
import type { AggregateResult } from '@caretwin/contracts';
import { allRows, formatValue, headlineRows } from './kpi-format';
import { renderTable } from './table';

export function kpiTable(aggregate: AggregateResult, options: { all?: boolean } = {}): string[] {
  const keys = Object.keys(aggregate.kpis);
  const rows = options.all ? allRows(keys) : headlineRows(keys);
  const n = aggregate.replications;
  const body = rows.map(({ key, label, unit }) => {
    const e = aggregate.kpis[key];
    const ci = n < 2 ? '(one replication)' : `${formatValue(key, e.lo)} – ${formatValue(key, e.hi)}`;
    return [label, formatValue(key, e.mean), ci, unit];
  });
  return renderTable([`KPI (${n} replication${n === 1 ? '' : 's'})`, 'mean', '95 % CI', 'unit'], body);
}
