import type { AmiMessage, AmiProbe } from './ami-probe';

export interface NotifyCall {
  /** The Uniqueid Asterisk gives the channel (set by the test, so events can be matched to it). */
  readonly id: string;
  /** Resolves with the channel's Hangup event. */
  readonly hangup: Promise<AmiMessage>;
}

let sequence = 0;

/**
 * Originates a call from Asterisk's pstn trunk into linli-notify, as linli's campaigns do, to a
 * simulated PSTN on any port (the dial string names the URI, so tests need not use port 5070).
 */
export async function originateNotifyCall(
  ami: AmiProbe,
  call: { number: string; port: number; variables?: Readonly<Record<string, string>>; timeoutMs?: number },
): Promise<NotifyCall> {
  const id = `sim-test-${process.pid}-${Date.now()}-${++sequence}`;
  const variables = { LINLI_CALL_ID: id, LINLI_MAX_PLAYS: '1', LINLI_DIGIT_TIMEOUT: '4', ...call.variables };
  const hangup = ami.waitFor(
    (m) => m.Event === 'Hangup' && m.Uniqueid === id,
    (call.timeoutMs ?? 10_000) + 20_000,
  );
  hangup.catch(() => undefined);
  const response = await ami.action({
    Action: 'Originate',
    Channel: `PJSIP/pstn/sip:${call.number}@127.0.0.1:${call.port}`,
    Context: 'linli-notify',
    Exten: 's',
    Priority: '1',
    Async: 'true',
    Timeout: String(call.timeoutMs ?? 10_000),
    ChannelId: id,
    Variable: Object.entries(variables).map(([name, value]) => `${name}=${value}`),
  });
  if (response.Response !== 'Success') throw new Error(`Originate failed: ${response.Message}`);
  return { id, hangup };
}

/** Events of one channel, in the order Asterisk sent them. */
export function eventsOf(ami: AmiProbe, id: string): readonly AmiMessage[] {
  return ami.messages().filter((m) => m.Uniqueid === id);
}
