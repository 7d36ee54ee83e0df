import type { SessionEvent } from '@livelab/contracts';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, eventRows } from './review-csv';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","点我")', `"'=HYPERLINK(""http://x"",""点我"")"`],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('writes text a spreadsheet would run as a formula as text: %j', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('leaves numbers, including negative ones, as numbers', () => {
    expect(csvRow([-3, 0.25, -0.5])).toBe('-3,0.25,-0.5\r\n');
  });

  it('leaves ordinary text alone and quotes what RFC 4180 asks', () => {
    expect(csvRow(['这件有M码吗？', 'a,b', 'say "hi"', 'a-b', null])).toBe(
      '这件有M码吗？,"a,b","say ""hi""",a-b,\r\n',
    );
  });

  it('neutralises a viewer comment in the event log export', () => {
    const event = {
      seq: 7,
      tMs: 1200,
      type: 'comment',
      actor: '=cmd|calc',
      payload: { text: '=1+1' },
    } as unknown as SessionEvent;
    expect(eventRows([event])).toBe(`7,1200,comment,'=cmd|calc,"{""text"":""=1+1""}"\r\n`);
  });
});
