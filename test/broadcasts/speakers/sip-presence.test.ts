import { sipPresence } from '../../../src/broadcasts/speakers/sip-health';
import { isOnline } from '../../../src/broadcasts/speakers/speaker-health';

const NOW = Date.parse('2026-12-04T08:00:00+08:00');

/** A SIP horn's row as the engine's verdict leaves it, then judged by the API and the gauges. */
function judged(reachability: 'reachable' | 'unreachable' | 'unknown', before: Date | null) {
  const presence = sipPresence(reachability, NOW);
  const lastSeenAt = presence.lastSeenAt ?? before;
  return { online: isOnline({ kind: 'SIP', online: presence.online, lastSeenAt }, NOW, 60_000), lastSeenAt };
}

describe('a SIP horn’s health from the engine’s qualification', () => {
  const earlier = new Date(NOW - 3_600_000);

  it('is online and seen now when the engine reaches it', () => {
    expect(judged('reachable', earlier)).toEqual({ online: true, lastSeenAt: new Date(NOW) });
  });

  it('is offline when the engine cannot reach it, and keeps when it was last seen', () => {
    expect(judged('unreachable', earlier)).toEqual({ online: false, lastSeenAt: earlier });
  });

  it('is not held offline when the engine does not check it, nor counted as seen', () => {
    expect(judged('unknown', earlier)).toEqual({ online: true, lastSeenAt: earlier });
  });
});
