import { unansweredReason } from '../../src/broadcasts/delivery/page-reports';

describe('why a paged horn that did not answer waits', () => {
  it('refused when it said no: busy or declined', () => {
    expect(unansweredReason(17)).toBe('refused');
    expect(unansweredReason(21)).toBe('refused');
  });

  it('offline when it was not reached: no answer, no route, gone, or the engine did not say', () => {
    for (const q850 of [0, 16, 18, 19, 20, 27, 34, 38]) expect(unansweredReason(q850)).toBe('offline');
  });
});
