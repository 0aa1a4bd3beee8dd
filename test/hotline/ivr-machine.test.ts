import { caseNumberWords } from '../../src/hotline/domain/ivr-prompts';
import { MESSAGE_MAX_MS, startIvr, stepIvr } from '../../src/hotline/domain/ivr-machine';
import type { CallerMatch, IvrInput, IvrStep } from '../../src/hotline/domain/ivr-types';

const KNOWN: CallerMatch = { callerNumber: '+8613912345678', householdId: 'h1', gridId: 'g1' };
const UNKNOWN: CallerMatch = { callerNumber: '+8613900000000', householdId: null, gridId: null };

function run(caller: CallerMatch, inputs: IvrInput[]): IvrStep[] {
  const steps = [startIvr('1733.42', caller, 'recordings/hotline-call')];
  for (const input of inputs) {
    const last = steps[steps.length - 1] as IvrStep;
    steps.push(stepIvr(last.session, input));
  }
  return steps;
}
const kinds = (step: IvrStep | undefined) => step?.commands.map((c) => c.kind);
const last = (steps: IvrStep[]) => steps[steps.length - 1] as IvrStep;
function spoken(step: IvrStep | undefined): string {
  return (step?.commands ?? [])
    .flatMap((c) => ('prompt' in c ? c.prompt : []))
    .map((p) => (p.kind === 'tts' ? p.text : ''))
    .join('');
}

describe('hotline IVR', () => {
  it('greets with the menu of five keys', () => {
    const [start] = run(KNOWN, []);
    expect(start?.commands).toEqual([expect.objectContaining({ kind: 'gather', maxDigits: 1 })]);
    expect(spoken(start)).toMatch(/投诉或反映问题请按1.*咨询请按2.*建议请按3.*企业服务请按4.*紧急.*请按0/);
  });

  it('a known caller pressing 1 leaves a message, the case goes to their grid and the number is read back', () => {
    const steps = run(KNOWN, [
      { kind: 'gathered', digits: '1' },
      { kind: 'recorded', recording: 'recordings/hotline-message-1733-42' },
      { kind: 'case-opened', number: '202612030001' },
      { kind: 'played' },
    ]);
    expect(steps[1]?.commands).toEqual([
      expect.objectContaining({
        kind: 'record',
        maxDurationMs: MESSAGE_MAX_MS,
        name: 'recordings/hotline-message-1733-42',
      }),
    ]);
    expect(spoken(steps[1])).toContain('按井号键');
    expect(steps[2]?.commands).toEqual([
      {
        kind: 'open-case',
        request: {
          category: 'complaint',
          urgent: false,
          householdId: 'h1',
          areaId: 'g1',
          callerNumber: '+8613912345678',
          recording: 'recordings/hotline-message-1733-42',
        },
      },
    ]);
    expect(spoken(steps[3])).toContain('二零二六，幺二零三，零零零幺');
    expect(kinds(steps[4])).toEqual(['hangup']);
    expect(last(steps).session.stage.at).toBe('done');
  });

  it.each([
    ['2', 'consultation'],
    ['3', 'suggestion'],
    ['4', 'business'],
  ])('key %s opens a %s case', (digit, category) => {
    const steps = run(KNOWN, [
      { kind: 'gathered', digits: digit },
      { kind: 'recorded', recording: 'r' },
    ]);
    expect(steps[2]?.commands[0]).toMatchObject({ kind: 'open-case', request: { category } });
  });

  it('a bad key replays the menu once, then takes the default route (a recorded complaint)', () => {
    const steps = run(KNOWN, [
      { kind: 'gathered', digits: '7' },
      { kind: 'gathered', digits: '' },
      { kind: 'recorded', recording: 'r' },
    ]);
    expect(kinds(steps[1])).toEqual(['gather']);
    expect(spoken(steps[1])).toMatch(/^对不起，没有听清/);
    expect(kinds(steps[2])).toEqual(['record']);
    expect(steps[3]?.commands[0]).toMatchObject({ request: { category: 'complaint' } });
  });

  it('an unknown caller keys in a village code; the case goes to that village', () => {
    const steps = run(UNKNOWN, [
      { kind: 'gathered', digits: '2' },
      { kind: 'gathered', digits: '1021' },
      { kind: 'village-found', villageId: 'v9' },
      { kind: 'recorded', recording: 'r' },
    ]);
    expect(spoken(steps[1])).toContain('请输入您所在村的编码');
    expect(steps[2]?.commands).toEqual([{ kind: 'find-village', code: '1021' }]);
    expect(kinds(steps[3])).toEqual(['record']);
    expect(steps[4]?.commands[0]).toMatchObject({ request: { areaId: 'v9', householdId: null } });
  });

  it('an unknown caller without a valid village code twice goes to the town dispatcher', () => {
    const steps = run(UNKNOWN, [
      { kind: 'gathered', digits: '1' },
      { kind: 'gathered', digits: '999' },
      { kind: 'village-found', villageId: null },
      { kind: 'gathered', digits: '' },
      { kind: 'recorded', recording: 'r' },
    ]);
    expect(spoken(steps[3])).toMatch(/^没有找到这个村的编码/);
    expect(kinds(steps[4])).toEqual(['record']);
    expect(steps[5]?.commands[0]).toMatchObject({ request: { areaId: null } });
  });

  it('key 0 opens an urgent case at once, rings the duty worker and bridges them when they accept', () => {
    const steps = run(KNOWN, [
      { kind: 'gathered', digits: '0' },
      { kind: 'worker-calling', workerCallId: 'w1' },
      { kind: 'case-opened', number: '202612030002' },
      { kind: 'worker-ready' },
      { kind: 'worker-gone' },
      { kind: 'played' },
    ]);
    expect(kinds(steps[1])).toEqual(['open-case', 'ring-duty-worker', 'say']);
    expect(steps[1]?.commands[0]).toMatchObject({
      request: { category: 'urgent', urgent: true, recording: 'recordings/hotline-call' },
    });
    expect(steps[1]?.commands[1]).toEqual({ kind: 'ring-duty-worker', gridId: 'g1', villageId: null });
    expect(steps[4]?.commands).toEqual([{ kind: 'bridge', workerCallId: 'w1' }]);
    // The worker hung up first: the caller hears the case number.
    expect(spoken(steps[5])).toContain('二零二六，幺二零三，零零零二');
    expect(kinds(steps[6])).toEqual(['hangup']);
  });

  it('key 0 when the duty worker cannot be reached: the caller leaves a message instead', () => {
    const steps = run(KNOWN, [
      { kind: 'gathered', digits: '0' },
      { kind: 'case-opened', number: '202612030002' },
      { kind: 'worker-gone' },
      { kind: 'recorded', recording: 'r' },
    ]);
    expect(kinds(steps[3])).toEqual(['record']);
    expect(spoken(steps[3])).toMatch(/^值班人员暂时无法接通/);
    expect(steps[4]?.commands[0]).toMatchObject({
      kind: 'open-case',
      request: { urgent: true, recording: 'r' },
    });
  });

  it('a caller who hangs up in the menu still leaves a case, with the recording of the call', () => {
    const steps = run(KNOWN, [{ kind: 'caller-ended' }]);
    expect(steps[1]?.commands).toEqual([
      expect.objectContaining({
        kind: 'open-case',
        request: expect.objectContaining({ category: 'complaint', recording: 'recordings/hotline-call' }),
      }),
    ]);
    expect(steps[1]?.session.stage.at).toBe('done');
  });

  it('a caller who hangs up while recording: the case keeps the message, and the late recorded event changes nothing', () => {
    const steps = run(KNOWN, [
      { kind: 'gathered', digits: '3' },
      { kind: 'caller-ended' },
      { kind: 'recorded', recording: 'recordings/hotline-message-1733-42' },
      { kind: 'case-opened', number: '202612030003' },
    ]);
    expect(steps[2]?.commands[0]).toMatchObject({
      request: { category: 'suggestion', recording: 'recordings/hotline-message-1733-42' },
    });
    expect(steps[3]?.commands).toEqual([]);
    expect(steps[4]?.commands).toEqual([]);
  });

  it('ignores a copy of an event another process already fed (a second gathered in the recording stage)', () => {
    const steps = run(KNOWN, [
      { kind: 'gathered', digits: '1' },
      { kind: 'gathered', digits: '1' },
    ]);
    expect(steps[2]?.commands).toEqual([]);
    expect(steps[2]?.session).toEqual(steps[1]?.session);
  });

  it('tells the caller when the case could not be opened', () => {
    const steps = run(KNOWN, [
      { kind: 'gathered', digits: '1' },
      { kind: 'recorded', recording: 'r' },
      { kind: 'case-failed' },
      { kind: 'played' },
    ]);
    expect(spoken(steps[3])).toContain('系统暂时无法受理');
    expect(kinds(steps[4])).toEqual(['hangup']);
  });

  it('reads case numbers digit by digit with 幺 for 1', () => {
    expect(caseNumberWords('202612030011')).toBe('二零二六，幺二零三，零零幺幺');
  });
});
