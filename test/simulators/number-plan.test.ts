import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { phoneBehaviour } from '../../simulators/phone/phone-behaviour';
import {
  NumberPlanError,
  numberPlanCsv,
  parseNumberPlan,
  readNumberPlanFile,
  validateNumberPlan,
} from '../../simulators/pstn/number-plan';

describe('number plan CSV', () => {
  it('reads every behaviour, in both parameter styles, with header, comments and a default row', () => {
    const plan = parseNumberPlan(
      [
        'number,behaviour,param',
        '# the Wang family',
        '8613800000001,press:1',
        '+8613800000002,press,2',
        '',
        '8613800000003,busy',
        '8613800000004,no-answer',
        '8613800000005,decline',
        '8613800000006,silent',
        '8613800000007,machine',
        '8613800000008,press-and-hold:1:30',
        '8613800000009,hangup,4.5',
        '8613800000010,reject:503',
        '*,reject:480',
      ].join('\r\n'),
    );

    expect(plan.problems).toEqual([]);
    expect(plan.entries.map((e) => [e.number, e.behaviour])).toEqual([
      ['8613800000001', { kind: 'press', digits: '1' }],
      ['+8613800000002', { kind: 'press', digits: '2' }],
      ['8613800000003', { kind: 'busy' }],
      ['8613800000004', { kind: 'no-answer' }],
      ['8613800000005', { kind: 'decline' }],
      ['8613800000006', { kind: 'silent' }],
      ['8613800000007', { kind: 'machine' }],
      ['8613800000008', { kind: 'press-and-hold', digits: '1', holdSeconds: 30 }],
      ['8613800000009', { kind: 'hangup', afterSeconds: 4.5 }],
      ['8613800000010', { kind: 'reject', sipStatus: 503 }],
    ]);
    expect(plan.defaultBehaviour).toEqual({ kind: 'reject', sipStatus: 480 });
  });

  it('names the row and the reason of every bad line, and keeps the good ones', () => {
    const plan = parseNumberPlan(
      [
        '8613800000001,press:1', // 1
        '8613800000002,press:12345678x', // 2
        '8613800000003,pres:1', // 3
        'not-a-number,busy', // 4
        '+8613800000001,busy', // 5: same number as row 1
        '8613800000006', // 6
        '8613800000007,press-and-hold:1', // 7
        '8613800000008,reject:200', // 8
        '8613800000009,press:1,2', // 9
        '8613800000010,busy', // 10
      ].join('\n'),
    );

    expect(plan.entries.map((e) => e.number)).toEqual(['8613800000001', '8613800000010']);
    expect(plan.problems.map((p) => p.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const reasons = plan.problems.map((p) => p.reason);
    expect(reasons[0]).toMatch(/digits/);
    expect(reasons[1]).toMatch(/unknown behaviour "pres"/);
    expect(reasons[2]).toMatch(/not a phone number/);
    expect(reasons[3]).toMatch(/already in the plan \(row 1\)/);
    expect(reasons[4]).toMatch(/found 1 field/);
    expect(reasons[5]).toMatch(/press-and-hold:<digits>:<seconds>/);
    expect(reasons[6]).toMatch(/400 to 699/);
    expect(reasons[7]).toMatch(/not both/);
  });

  it('refuses a plan file with bad rows, listing them in the error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-test-'));
    try {
      const file = join(dir, 'plan.csv');
      writeFileSync(file, '8613800000001,press:1\n8613800000002,explode\n');
      expect(() => readNumberPlanFile(file)).toThrow(NumberPlanError);
      expect(() => readNumberPlanFile(file)).toThrow(/row 2: unknown behaviour "explode"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a plan that reads back the same', () => {
    const entries = [
      { number: '+8617000000001', behaviour: phoneBehaviour('press-and-hold:12:15') },
      { number: '8617000000002', behaviour: phoneBehaviour('machine') },
    ];
    const back = parseNumberPlan(numberPlanCsv({ entries, defaultBehaviour: phoneBehaviour('busy') }));
    expect(back.problems).toEqual([]);
    expect(back.entries).toEqual(entries);
    expect(back.defaultBehaviour).toEqual({ kind: 'busy' });
  });

  it('checks plans built in code for bad and repeated numbers', () => {
    const problems = validateNumberPlan([
      { number: '8613800000001', behaviour: phoneBehaviour('busy') },
      { number: '12', behaviour: phoneBehaviour('busy') },
      { number: '+8613800000001', behaviour: phoneBehaviour('silent') },
    ]);
    expect(problems).toEqual([
      { row: 2, reason: expect.stringMatching(/not a phone number/) },
      { row: 3, reason: expect.stringMatching(/already in the plan \(row 1\)/) },
    ]);
  });
});
