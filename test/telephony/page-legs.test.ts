import type { AmiEvent } from '../../src/telephony/asterisk/ami-events';
import { PageLegs } from '../../src/telephony/asterisk/page-legs';

const AT = new Date('2026-12-04T08:00:00+08:00');
const PAGE = 'page-1';

const channel = (uniqueId: string, channel: string, linkedId: string, state = 0): AmiEvent => ({
  kind: 'newchannel',
  uniqueId,
  channel,
  state,
  linkedId,
});
const up = (uniqueId: string, channel: string, linkedId: string): AmiEvent => ({
  kind: 'newstate',
  uniqueId,
  channel,
  state: 6,
  linkedId,
});
const hangup = (uniqueId: string, channel: string, linkedId: string, cause: number): AmiEvent => ({
  kind: 'hangup',
  uniqueId,
  channel,
  cause,
  linkedId,
});

/** Which speaker answered or ended, in order, from what Asterisk reports of a page's channels. */
function speakerEvents(events: AmiEvent[]): string[] {
  const legs = new PageLegs('local');
  legs.follow(PAGE);
  return events
    .flatMap((e) => legs.apply(e, AT))
    .map((e) => {
      if (e.type === 'speakerAnswered') return `${e.callId} ${e.speaker} answered`;
      if (e.type === 'speakerEnded') return `${e.callId} ${e.speaker} ended ${e.answered} ${e.q850}`;
      return e.type;
    });
}

describe('the speakers of a page, each at its own answer', () => {
  it('reports each speaker when it answers and ends, and one that never answered as unanswered', () => {
    expect(
      speakerEvents([
        channel(PAGE, 'Local/s@page-00000001;1', PAGE),
        up(PAGE, 'Local/s@page-00000001;1', PAGE),
        channel('h1', 'PJSIP/horn-east-0000000a', PAGE),
        channel('h2', 'PJSIP/horn-west-0000000b', PAGE),
        up('h1', 'PJSIP/horn-east-0000000a', PAGE),
        up('h1', 'PJSIP/horn-east-0000000a', PAGE),
        hangup('h2', 'PJSIP/horn-west-0000000b', PAGE, 18),
        hangup('h1', 'PJSIP/horn-east-0000000a', PAGE, 16),
        hangup(PAGE, 'Local/s@page-00000001;1', PAGE, 16),
      ]),
    ).toEqual([
      'page-1 horn-east answered',
      'page-1 horn-west ended false 18',
      'page-1 horn-east ended true 16',
    ]);
  });

  it('leaves out the channels of other calls, and of a page once it ended', () => {
    expect(
      speakerEvents([
        channel('c1', 'PJSIP/pstn-0000000c', 'other-call'),
        up('c1', 'PJSIP/pstn-0000000c', 'other-call'),
        hangup(PAGE, 'Local/s@page-00000001;1', PAGE, 16),
        channel('h3', 'PJSIP/horn-late-0000000d', PAGE),
        up('h3', 'PJSIP/horn-late-0000000d', PAGE),
      ]),
    ).toEqual([]);
  });
});

describe('a page that ended while AMI was away', () => {
  it('reports nothing more of it or its speakers: the page’s own end settled them', () => {
    const legs = new PageLegs('local');
    legs.follow(PAGE);
    legs.apply(channel(PAGE, 'Local/s@page-00000001;1', PAGE), AT);
    legs.apply(channel('h1', 'PJSIP/horn-east-0000000a', PAGE), AT);
    legs.forgetUnseen('h1');
    legs.forgetUnseen(PAGE);
    const late = [
      up('h1', 'PJSIP/horn-east-0000000a', PAGE),
      channel('h2', 'PJSIP/horn-west-0000000b', PAGE),
      hangup('h1', 'PJSIP/horn-east-0000000a', PAGE, 16),
    ].flatMap((e) => legs.apply(e, AT));
    expect(late).toEqual([]);
  });
});
