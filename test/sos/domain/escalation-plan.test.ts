import { contactListProblems, planEscalation, type SosContact } from '../../../src/sos/domain';
import { cadre, family, gridWorker } from './escalation-session';

const ids = (tiers: readonly (readonly SosContact[])[]): string[][] => tiers.map((t) => t.map((c) => c.id));

describe('planEscalation', () => {
  // Listed out of order on purpose: the plan must not depend on how the operator typed the list.
  const contacts = [
    cadre('cadre', '5'),
    family('son', '1'),
    gridWorker('grid', '4'),
    family('daughter', '2'),
    family('niece', '3'),
  ];

  it.each([
    ['sequential', [['son'], ['daughter'], ['niece'], ['grid'], ['cadre']]],
    ['parallel', [['son', 'daughter', 'niece'], ['grid'], ['cadre']]],
  ] as const)('%s: family in their own order, then grid worker, then cadre', (mode, expected) => {
    expect(ids(planEscalation(contacts, mode))).toEqual(expected);
  });

  it('leaves out contacts without a phone number and calls a contact listed twice once', () => {
    const plan = planEscalation(
      [family('son', '1'), family('nophone'), family('son', '1'), gridWorker('grid', '4')],
      'parallel',
    );
    expect(ids(plan)).toEqual([['son'], ['grid']]);
  });

  it('has no tiers when nobody can be called', () => {
    expect(planEscalation([family('son')], 'sequential')).toEqual([]);
  });
});

describe('contactListProblems', () => {
  it.each([
    ['a valid list', [family('a', '1'), family('b', '2'), family('c', '3'), gridWorker('g', '4')], []],
    [
      'four family members',
      [family('a', '1'), family('b', '2'), family('c', '3'), family('d', '4')],
      ['4 family contacts; at most 3 are allowed'],
    ],
    ['a contact without a number', [family('a', '1'), cadre('c')], ['contact c (c) has no phone number']],
    ['a contact listed twice', [family('a', '1'), family('a', '2')], ['contact a is listed twice']],
    ['nobody callable', [], ['nobody can be called']],
  ] as const)('%s', (_name, list, problems) => {
    expect(contactListProblems(list)).toEqual(problems);
  });
});
