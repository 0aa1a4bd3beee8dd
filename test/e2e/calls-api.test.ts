import { callsCapability } from '../../src/calls/calls-capability';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(90_000);

const MESSAGE = '明天上午9:00在村委会检测，确认请按1。';

const PLAN = {
  presses1: '8617000000001',
  busy: '8617000000002',
  noAnswer: '8617000000003',
  declines: '8617000000004',
  silent: '8617000000005',
};

describe('a call placed through the API rings a simulated phone through the real Asterisk', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      numberPlan: [
        { number: PLAN.presses1, behaviour: { kind: 'press', digits: '1' } },
        { number: PLAN.busy, behaviour: { kind: 'busy' } },
        { number: PLAN.noAnswer, behaviour: { kind: 'no-answer' } },
        { number: PLAN.declines, behaviour: { kind: 'decline' } },
        { number: PLAN.silent, behaviour: { kind: 'silent' } },
      ],
      timeScale: 0.3,
    });
    t = await startTestPlatform([callsCapability]);
  });

  afterAll(async () => {
    await t?.stop();
    await pstn?.stop();
  });

  async function call(destination: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await t.api.inject({
      method: 'POST',
      url: '/api/v1/calls',
      headers: authHeader,
      payload: {
        trunk: 'pstn',
        destination: `+${destination}`,
        ...(extra.prompt ? {} : { text: MESSAGE }),
        ...extra,
      },
    });
    expect(res.statusCode).toBe(202);
    return res.json<{ id: string }>().id;
  }

  async function ended(id: string): Promise<Record<string, unknown>> {
    return waitFor(
      async () => {
        const res = await t.api.inject({ method: 'GET', url: `/api/v1/calls/${id}`, headers: authHeader });
        const body = res.json<Record<string, unknown>>();
        return body.endedAt ? body : undefined;
      },
      60_000,
      `call ${id} to end`,
    );
  }

  it('stores the digit the household pressed, and the API shows it', async () => {
    const id = await call(PLAN.presses1);
    const result = await ended(id);
    expect(result).toMatchObject({ outcome: 'answered', digits: '1', hangupCause: 16 });
    expect(result.answeredAt).toBeTruthy();
    expect(pstn.calls().filter((c) => c.number === PLAN.presses1)).toHaveLength(1);
  });

  it('tells busy, no answer, declined and answered-without-a-digit apart', async () => {
    const [busy, noAnswer, declined, silent] = await Promise.all([
      call(PLAN.busy),
      call(PLAN.noAnswer, { ringTimeoutSeconds: 5 }),
      call(PLAN.declines),
      call(PLAN.silent, { prompt: 'beep' }),
    ]);
    expect(await ended(busy)).toMatchObject({ outcome: 'busy', digits: '' });
    expect(await ended(noAnswer)).toMatchObject({ outcome: 'no-answer', digits: '' });
    expect(await ended(declined)).toMatchObject({ outcome: 'rejected', digits: '' });
    expect(await ended(silent)).toMatchObject({ outcome: 'answered', digits: '' });
  });

  it('refuses bad input with field errors and places no call', async () => {
    const before = pstn.calls().length;
    const res = await t.api.inject({
      method: 'POST',
      url: '/api/v1/calls',
      headers: authHeader,
      payload: { trunk: 'nowhere', destination: '12', text: '' },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ fields: { field: string }[] }>().fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['destination', 'text']));
    const unknownTrunk = await t.api.inject({
      method: 'POST',
      url: '/api/v1/calls',
      headers: authHeader,
      payload: { trunk: 'nowhere', destination: '13800138000', text: '测试' },
    });
    expect(unknownTrunk.statusCode).toBe(400);
    expect(unknownTrunk.json<{ fields: { field: string }[] }>().fields[0]?.field).toBe('trunk');
    expect(await t.database.db.call.count({ where: { trunk: 'nowhere' } })).toBe(0);
    expect(pstn.calls().length).toBe(before);
  });
});
