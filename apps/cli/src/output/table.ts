// Plain-text tables for terminals: columns sized by display width (CJK takes two columns),
// first column left-aligned, the rest right-aligned.
import { displayWidth } from '../commands/validate';

const padEnd = (text: string, width: number): string =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));
const padStart = (text: string, width: number): string =>
  ' '.repeat(Math.max(0, width - displayWidth(text))) + text;

export function renderTable(
  header: string[],
  rows: string[][],
  options: { leftColumns?: number } = {},
): string[] {
  const left = options.leftColumns ?? 1;
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i < left ? padEnd(c, widths[i]) : padStart(c, widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}
