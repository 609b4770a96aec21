import { describe, expect, it } from 'vitest';
import { BOM, toCsv } from './csv';

describe('CSV export', () => {
  const table = {
    title: 'CareTwin — KPIs',
    notes: ['synthetic or estimated inputs: hospitals 84/84'],
    columns: ['kpi', 'label', 'mean'],
    rows: [
      ['occupancy.prefecture.acute', '急性期 稼働率', 0.7461234567],
      ['refusals', 'Refusals, "no bed"', 68500],
      ['bad', '=HYPERLINK("x")', null],
      ['neg', '-', -3.5],
    ],
  };

  it('starts with a byte-order mark and the comment lines, with CRLF line ends', () => {
    const text = toCsv(table);
    expect(text.startsWith(BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('# CareTwin — KPIs');
    expect(lines[1]).toBe('# synthetic or estimated inputs: hospitals 84/84');
    expect(lines[2]).toBe('kpi,label,mean');
    expect(lines.at(-1)).toBe('');
  });

  it('keeps numbers at full precision and quotes text with commas or quotes', () => {
    const lines = toCsv(table).slice(1).split('\r\n');
    expect(lines[3]).toBe('occupancy.prefecture.acute,急性期 稼働率,0.7461234567');
    expect(lines[4]).toBe('refusals,"Refusals, ""no bed""",68500');
  });

  it('keeps text a spreadsheet would run as a formula as text, and leaves negative numbers alone', () => {
    const lines = toCsv(table).slice(1).split('\r\n');
    expect(lines[5]).toBe(`bad,"'=HYPERLINK(""x"")",`);
    expect(lines[6]).toBe("neg,'-,-3.5");
  });

  it('encodes as UTF-8 with the BOM bytes EF BB BF', async () => {
    const bytes = new Uint8Array(await new Blob([toCsv(table)]).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('keeps a multi-line note on one comment line', () => {
    const text = toCsv({ ...table, notes: ['one\ntwo'] });
    expect(text).toContain('# one two\r\n');
  });
});
