import { digitByDigit, escalationText, satisfactionText } from '../../../src/cases/calls/case-call-prompts';
import { firstCallableAt, parseQuietHours } from '../../../src/cases/timers/quiet-hours';

const sh = (local: string) => Date.parse(`${local}+08:00`);

describe('what case calls say', () => {
  it('reads the case number digit by digit', () => {
    expect(digitByDigit('202612030017')).toBe('二 零 二 六 幺 二 零 三 零 零 幺 七');
  });

  it('the escalation call names the case, its category and address, then the keys', () => {
    const text = escalationText(
      { number: '202612030001', category: 'complaint', address: '东村村口' },
      'accept',
      false,
    );
    expect(text).toMatch(/案件编号 二 零 二 六.*投诉反映.*东村村口.*即将超过受理时限.*按1.*按2.*按9/);
  });

  it('the satisfaction call offers 1, 2 and 3', () => {
    expect(satisfactionText({ number: '1', category: 'suggestion', address: '' })).toMatch(
      /满意请按1.*基本满意请按2.*不满意请按3/,
    );
  });
});

describe('quiet hours for satisfaction calls', () => {
  const quiet = parseQuietHours('21:00-08:00');
  it('a call due at night waits until 08:00, one due by day goes at once', () => {
    expect(firstCallableAt(sh('2026-12-03T22:15'), quiet)).toBe(sh('2026-12-04T08:00'));
    expect(firstCallableAt(sh('2026-12-04T06:00'), quiet)).toBe(sh('2026-12-04T08:00'));
    expect(firstCallableAt(sh('2026-12-04T14:00'), quiet)).toBe(sh('2026-12-04T14:00'));
  });
});
