import { deduplicateAudience } from '../../../src/campaigns/domain';

const N1 = '+8613800000001';
const N2 = '+8613800000002';
const N3 = '+8613800000003';
const LANDLINE = '+862088880000';

describe('deduplicateAudience', () => {
  it('keeps every number of households that share none', () => {
    const result = deduplicateAudience(
      [
        { householdId: 'h1', numbers: [N1, N2] },
        { householdId: 'h2', numbers: [N3] },
      ],
      [],
    );
    expect(result).toEqual({
      targets: [
        { householdId: 'h1', numbers: [N1, N2] },
        { householdId: 'h2', numbers: [N3] },
      ],
      skipped: [],
      duplicates: [],
      invalidNumbers: [],
    });
  });

  it('dials a shared landline once, for the first household, and reports who else listed it', () => {
    const result = deduplicateAudience(
      [
        { householdId: 'old-couple', numbers: [LANDLINE] },
        { householdId: 'son', numbers: [N1, LANDLINE] },
        { householdId: 'daughter', numbers: [LANDLINE] },
      ],
      [],
    );
    expect(result.targets).toEqual([
      { householdId: 'old-couple', numbers: [LANDLINE] },
      { householdId: 'son', numbers: [N1] },
    ]);
    expect(result.duplicates).toEqual([
      { number: LANDLINE, calledFor: 'old-couple', alsoListedBy: ['son', 'daughter'] },
    ]);
    expect(result.skipped).toEqual([
      { householdId: 'daughter', reason: 'numbers_called_for_other_household' },
    ]);
  });

  it('never dials a do-not-call number, and skips a household with nothing else', () => {
    const result = deduplicateAudience(
      [
        { householdId: 'h1', numbers: [N1, N2] },
        { householdId: 'h2', numbers: [N3] },
      ],
      [N1, N3],
    );
    expect(result.targets).toEqual([{ householdId: 'h1', numbers: [N2] }]);
    expect(result.skipped).toEqual([{ householdId: 'h2', reason: 'do_not_call' }]);
  });

  it('does not let a do-not-call household claim a shared number', () => {
    const result = deduplicateAudience(
      [
        { householdId: 'h1', numbers: [N1] },
        { householdId: 'h2', numbers: [N1] },
      ],
      [N1],
    );
    expect(result.targets).toEqual([]);
    expect(result.duplicates).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['do_not_call', 'do_not_call']);
  });

  it('gives do-not-call as the reason when a household also shared a number, since it asked', () => {
    const result = deduplicateAudience(
      [
        { householdId: 'h1', numbers: [N1] },
        { householdId: 'h2', numbers: [N1, N2] },
      ],
      [N2],
    );
    expect(result.skipped).toEqual([{ householdId: 'h2', reason: 'do_not_call' }]);
  });

  it('reports numbers that are not E.164 and skips households left with none', () => {
    const result = deduplicateAudience(
      [
        { householdId: 'h1', numbers: ['13800000001', N2] },
        { householdId: 'h2', numbers: ['', 'abc'] },
      ],
      [],
    );
    expect(result.targets).toEqual([{ householdId: 'h1', numbers: [N2] }]);
    expect(result.invalidNumbers).toEqual([
      { householdId: 'h1', number: '13800000001' },
      { householdId: 'h2', number: '' },
      { householdId: 'h2', number: 'abc' },
    ]);
    expect(result.skipped).toEqual([{ householdId: 'h2', reason: 'no_valid_number' }]);
  });

  it('collapses a number a household lists twice, and trims stray spaces', () => {
    const result = deduplicateAudience([{ householdId: 'h1', numbers: [N1, ` ${N1} `] }], []);
    expect(result.targets).toEqual([{ householdId: 'h1', numbers: [N1] }]);
    expect(result.duplicates).toEqual([]);
  });
});
