import {
  groupUnreachedByGridWorker,
  type HouseholdCallStatus,
  type NextStep,
  unreachedNotice,
} from '../../../src/campaigns/domain';

const household = (householdId: string, gridId: string, step: NextStep): HouseholdCallStatus => ({
  householdId,
  gridId,
  step,
});

const statuses: HouseholdCallStatus[] = [
  household('h1', 'g1', { kind: 'final', outcome: 'confirmed' }),
  household('h2', 'g1', { kind: 'exhausted', lastOutcome: 'no_answer' }),
  household('h3', 'g1', { kind: 'final', outcome: 'declined' }),
  household('h4', 'g1', { kind: 'exhausted', lastOutcome: 'busy' }),
  household('h5', 'g1', { kind: 'retry', number: '+8613800000005', notBefore: new Date(0) }),
  household('h6', 'g2', { kind: 'final', outcome: 'do_not_call' }),
  household('h7', 'g2', { kind: 'final', outcome: 'machine' }),
  household('h8', 'g3', { kind: 'exhausted', lastOutcome: null }),
];

describe('groupUnreachedByGridWorker', () => {
  it('lists, per grid worker, the households calling is done with that never answered the menu', () => {
    const plan = groupUnreachedByGridWorker(statuses, [
      { personId: 'wang', gridId: 'g1' },
      { personId: 'li', gridId: 'g2' },
    ]);
    expect(plan.lists).toEqual([
      {
        personId: 'wang',
        households: [
          { householdId: 'h2', gridId: 'g1', outcome: 'no_answer' },
          { householdId: 'h4', gridId: 'g1', outcome: 'busy' },
        ],
        message: '您网格内有2户未接通，名单已发送',
      },
      {
        personId: 'li',
        households: [
          { householdId: 'h6', gridId: 'g2', outcome: 'do_not_call' },
          { householdId: 'h7', gridId: 'g2', outcome: 'machine' },
        ],
        message: '您网格内有2户未接通，名单已发送',
      },
    ]);
    expect(plan.withoutWorker).toEqual([{ householdId: 'h8', gridId: 'g3', outcome: null }]);
  });

  it('gives every worker of a grid the list, and merges the grids one person serves', () => {
    const plan = groupUnreachedByGridWorker(statuses, [
      { personId: 'wang', gridId: 'g1' },
      { personId: 'zhao', gridId: 'g1' },
      { personId: 'zhao', gridId: 'g2' },
    ]);
    expect(plan.lists.map((l) => [l.personId, l.households.map((h) => h.householdId)])).toEqual([
      ['wang', ['h2', 'h4']],
      ['zhao', ['h2', 'h4', 'h6', 'h7']],
    ]);
    expect(plan.lists[1]!.message).toBe('您网格内有4户未接通，名单已发送');
  });

  it('sends nothing to a worker whose households were all reached', () => {
    const plan = groupUnreachedByGridWorker(
      [household('h1', 'g1', { kind: 'final', outcome: 'confirmed' })],
      [{ personId: 'wang', gridId: 'g1' }],
    );
    expect(plan).toEqual({ lists: [], withoutWorker: [] });
  });

  it('renders the notice with the count', () => {
    expect(unreachedNotice(17)).toBe('您网格内有17户未接通，名单已发送');
  });
});
