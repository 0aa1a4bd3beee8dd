import type { SosContact } from '../../../src/sos/domain';
import { cardAlarmMessage, decideCardAlarmAlert } from '../../../src/sos/inactivity/card-alarm-rule';

/** An instant given as China Standard Time. */
const cst = (iso: string) => Date.parse(`${iso}+08:00`);
const settings = { daytime: { from: '08:00', to: '20:00' }, cooldownMs: 4 * 3_600_000 };
const contacts: SosContact[] = [
  { id: 'cadre', name: '村主任', role: 'cadre', phones: ['13900000004'] },
  { id: 'grid', name: '网格员', role: 'grid_worker', phones: ['13900000003'] },
  { id: 'son', name: '儿子', role: 'family', phones: ['13900000001'] },
  { id: 'daughter', name: '女儿', role: 'family', phones: [] },
];

describe('a card taken off or switched off', () => {
  it('calls family, then the grid worker, in the daytime', () => {
    const decision = decideCardAlarmAlert(
      { lastAlertAt: null, contacts },
      settings,
      cst('2024-03-22T10:00:00'),
    );
    expect(decision.decision === 'alert' && decision.call.map((c) => c.id)).toEqual(['son', 'grid']);
  });

  it('calls nobody at night, when cards are taken off for bed', () => {
    expect(
      decideCardAlarmAlert({ lastAlertAt: null, contacts }, settings, cst('2024-03-22T21:30:00')),
    ).toEqual({
      decision: 'none',
      reason: 'outside_daytime',
    });
  });

  it('calls nobody again within the cool-down after any look-in alert', () => {
    const now = cst('2024-03-22T10:00:00');
    expect(decideCardAlarmAlert({ lastAlertAt: now - 3_600_000, contacts }, settings, now)).toEqual({
      decision: 'none',
      reason: 'cooling_down',
    });
  });

  it('says what happened, when and where', () => {
    const now = cst('2024-03-22T15:25:00');
    expect(
      cardAlarmMessage(
        { elderName: '张秀兰', kind: 'taken_off', at: cst('2024-03-22T15:20:00'), locationWords: '东巷12号' },
        now,
      ),
    ).toMatch(
      /^请上门查看：张秀兰老人的求助卡于.+被摘下了，最后位置在东巷12号。按1表示您将前往，按2表示无法前往。$/,
    );
    expect(
      cardAlarmMessage({ elderName: '张秀兰', kind: 'power_off', at: now, locationWords: null }, now),
    ).toMatch(/关机了。按1/);
  });
});
