// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { appendFootnote, createFrame, footnoteHeight, footnoteLines, textWidth } from './svg';

const ENGLISH =
  'Synthetic: hospitals 84/84, ambulance bases 39/39, arrival profiles 3/3 / estimated: municipalities 39/39, conditions and pathways 12/12, transport times 1/1';

describe('chart footnotes', () => {
  it('wrap an English line wider than the chart into lines that each fit', () => {
    const lines = footnoteLines(ENGLISH, 400);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(400);
    expect(lines.join(' ')).toBe(ENGLISH);
  });

  it('cut a long run of Japanese without spaces where the line is full', () => {
    const text = '合成データ'.repeat(20);
    const lines = footnoteLines(text, 200);
    expect(lines.length).toBe(5);
    expect(lines.join('')).toBe(text);
  });

  it('keep a footnote that fits on one line and reserve room for every wrapped line', () => {
    expect(footnoteLines('合成データ: 病院 84/84', 600)).toEqual(['合成データ: 病院 84/84']);
    expect(footnoteHeight('short', 600)).toBe(18);
    expect(footnoteHeight(ENGLISH, 400)).toBe(18 + (footnoteLines(ENGLISH, 392).length - 1) * 13);
    expect(footnoteHeight(undefined, 400)).toBe(0);
  });

  it('draw the wrapped lines inside the chart, the last on the baseline given', () => {
    const svg = createFrame({ width: 400, height: 300, title: 't', className: 'chart' });
    appendFootnote(svg, ENGLISH, 294);
    const spans = [...(svg.node()?.querySelectorAll('text.footnote tspan') ?? [])];
    expect(spans.length).toBeGreaterThan(1);
    const first = Number(svg.select('text.footnote').attr('y'));
    expect(first + (spans.length - 1) * 13).toBe(294);
    expect(spans.map((s) => s.textContent).join(' ')).toBe(ENGLISH);
  });
});
