import { admitInvite, type AdmissionPolicy, type SourceRecord } from '../../src/sip-edge/domain';
import { calledNumber } from '../../src/sip-edge/domain/number-guard';

const policy: AdmissionPolicy = {
  served: new Set(['96500', '12345']),
  sos: new Set(['96500']),
  carriers: new Set(['10.0.0.1']),
  rate: { perSecond: 1, burst: 2 },
  strikes: { maxUnknownNumbers: 3, windowMs: 60_000, blockMs: 600_000 },
};

/** Sends INVITEs one after another from one source, carrying what the edge remembers between them. */
function run(invites: { uri: string; at: number; ua?: string; source?: string }[]) {
  let record: SourceRecord | undefined;
  return invites.map((i) => {
    const out = admitInvite(
      { source: i.source ?? '203.0.113.9', userAgent: i.ua, requestUri: i.uri, now: i.at },
      record,
      policy,
    );
    record = out.record;
    return out.admission;
  });
}

describe('the edge lets only linli’s services through', () => {
  it('admits SOS and hotline calls, however the carrier writes the number', () => {
    expect(calledNumber('sip:+8696500@edge.example;user=phone')).toBe('96500');
    expect(calledNumber('sip:0086-12345@10.0.0.2')).toBe('12345');
    expect(run([{ uri: 'sip:96500@10.0.0.2', at: 0 }])).toEqual([{ admit: true, number: '96500' }]);
  });

  it('refuses any other number with 404, so nobody reaches a dialplan that could dial out', () => {
    const [a, b] = run([
      { uri: 'sip:0085223456789@10.0.0.2', at: 0 },
      { uri: 'sip:10.0.0.2', at: 1 },
    ]);
    expect(a).toMatchObject({ admit: false, status: 404 });
    expect(b).toMatchObject({ admit: false, status: 404 });
  });
});

describe('scanners are refused', () => {
  it.each(['friendly-scanner', 'sipvicious 0.3.0', 'sipcli/v1.8', 'SIPVicious'])(
    'refuses user agent %s',
    (ua) => {
      expect(run([{ uri: 'sip:96500@10.0.0.2', at: 0, ua }])[0]).toMatchObject({ admit: false, status: 403 });
    },
  );

  it('blocks a source that tries too many unknown numbers, then forgives it after the block', () => {
    const tries = [1, 2, 3, 4].map((n) => ({ uri: `sip:100${n}@10.0.0.2`, at: n * 1000 }));
    const out = run([
      ...tries,
      { uri: 'sip:96500@10.0.0.2', at: 5000 },
      { uri: 'sip:96500@10.0.0.2', at: 4000 + 600_000 },
    ]);
    expect(out.map((a) => (a.admit ? 'admit' : a.status))).toEqual([404, 404, 404, 404, 403, 'admit']);
  });

  it('does not block a carrier for misdials: an SOS call after them still lands', () => {
    const misdials = [1, 2, 3, 4, 5].map((n) => ({ uri: `sip:100${n}@10.0.0.2`, at: n, source: '10.0.0.1' }));
    const out = run([...misdials, { uri: 'sip:96500@10.0.0.2', at: 10, source: '10.0.0.1' }]);
    expect(out.at(-1)).toEqual({ admit: true, number: '96500' });
  });

  it('forgets unknown numbers older than the window', () => {
    const slow = [0, 1, 2, 3, 4].map((n) => ({ uri: `sip:200${n}@10.0.0.2`, at: n * 30_000 }));
    expect(run(slow).every((a) => !a.admit && a.status === 404)).toBe(true);
  });
});

describe('per-source rate limit', () => {
  it('tells a source over its rate to retry later, and takes it again once the bucket refills', () => {
    const out = run([
      { uri: 'sip:12345@10.0.0.2', at: 0 },
      { uri: 'sip:12345@10.0.0.2', at: 10 },
      { uri: 'sip:12345@10.0.0.2', at: 20 },
      { uri: 'sip:12345@10.0.0.2', at: 1100 },
    ]);
    expect(out.map((a) => (a.admit ? 'admit' : a.status))).toEqual(['admit', 'admit', 503, 'admit']);
    expect(out[2]).toMatchObject({ retryAfterS: 1 });
  });

  it('never holds back a carrier’s SOS calls', () => {
    const burst = [0, 1, 2, 3, 4].map((at) => ({ uri: 'sip:96500@10.0.0.2', at, source: '10.0.0.1' }));
    expect(run(burst).every((a) => a.admit)).toBe(true);
  });
});
