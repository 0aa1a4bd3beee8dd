import { DEFAULT_MENU } from '../../src/campaigns/domain';
import { outcomeLabel } from '../../src/campaigns/view/outcome-labels';
import { resultsCsv } from '../../src/campaigns/view/results-csv';
import { RESULTS_HEADERS, resultRows, shanghaiTime } from '../../src/campaigns/view/results-table';

describe('exported results', () => {
  it('open in Chinese Excel: a UTF-8 byte order mark, CRLF, quoted cells', () => {
    const csv = resultsCsv(['户', '备注'], [['东巷12号', '说 "好的", 谢谢']]);
    expect(csv).toBe('\uFEFF户,备注\r\n东巷12号,"说 ""好的"", 谢谢"\r\n');
  });

  it('never let a cell run as a formula, and keep phone numbers as text', () => {
    expect(resultsCsv(['x'], [['=HYPERLINK("x")'], ['+8613800138000']])).toBe(
      '\uFEFFx\r\n"\t=HYPERLINK(""x"")"\r\n"\t+8613800138000"\r\n',
    );
  });

  it('show times in Beijing time and the menu’s own labels', () => {
    expect(shanghaiTime(new Date('2026-03-01T01:30:05Z'))).toBe('2026-03-01 09:30:05');
    expect(outcomeLabel('confirmed', DEFAULT_MENU)).toBe('确认');
    expect(outcomeLabel('no_answer', DEFAULT_MENU)).toBe('无人接听');
    const [row] = resultRows(
      [
        {
          targetId: 't',
          householdId: 'h',
          gridId: 'g',
          gridName: '一组',
          label: '东巷12号',
          numbers: ['+8613800138000', '+8613900139000'],
          state: 'FINAL',
          outcome: 'confirmed',
          outcomeLabel: '确认',
          attempts: [
            {
              attemptNo: 1,
              number: '+8613800138000',
              startedAt: new Date('2026-03-01T01:00:00Z'),
              answeredAt: null,
              endedAt: new Date('2026-03-01T01:00:20Z'),
              outcome: 'busy',
              digit: null,
              hangupCause: 17,
              trunk: 'pstn',
            },
            {
              attemptNo: 2,
              number: '+8613900139000',
              startedAt: new Date('2026-03-01T01:00:21Z'),
              answeredAt: new Date('2026-03-01T01:00:25Z'),
              endedAt: new Date('2026-03-01T01:00:40Z'),
              outcome: 'confirmed',
              digit: '1',
              hangupCause: 16,
              trunk: 'pstn',
            },
          ],
        },
      ],
      true,
    );
    expect(RESULTS_HEADERS).toHaveLength(row?.length ?? 0);
    expect(row).toEqual([
      '东巷12号',
      '一组',
      '+8613800138000 / +8613900139000',
      '已完成',
      '确认',
      '1',
      '2',
      '2026-03-01 09:00:40',
      '是',
    ]);
  });
});
