import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { element, label, nop, scenario, send } from '../sipp/scenario-xml';
import { ALLOW_HEADER, CONTACT_HEADER, OK_TO_REQUEST, UAS_TAG, uasResponse } from '../sipp/sip-messages';
import { startSipp, waitUntilListening, type SippProcess } from '../sipp/sipp-process';
import { releaseUdpPortBlock, reserveUdpPortBlock } from '../sipp/udp-ports';
import { RtpCounter } from './rtp-counter';

const HOST = '127.0.0.1';

/** The 200 OK a horn answers a page with: PCMA only, its media to the RTP counter's port. */
function answerWithMedia(rtpPort: number): string[] {
  return [
    'SIP/2.0 200 OK',
    '[last_Via:]',
    '[last_From:]',
    `[last_To:];tag=${UAS_TAG}`,
    '[last_Call-ID:]',
    '[last_CSeq:]',
    CONTACT_HEADER,
    ALLOW_HEADER,
    'Content-Type: application/sdp',
    'Content-Length: [len]',
    '',
    'v=0',
    `o=linli-horn [pid][call_number] 1 IN IP4 ${HOST}`,
    's=linli-horn',
    `c=IN IP4 ${HOST}`,
    't=0 0',
    `m=audio ${rtpPort} RTP/AVP 8`,
    'a=rtpmap:8 PCMA/8000',
    'a=ptime:20',
    'a=recvonly',
  ];
}

/**
 * An auto-answer SIP loudspeaker (SIPp as UAS on `sipPort`): answers every page at once, counts the
 * RTP it receives (RtpCounter), and answers Asterisk's OPTIONS qualification so the engine
 * sees it reachable. Stopping it makes it unreachable.
 */
export class SipSpeaker {
  private constructor(
    readonly sipPort: number,
    readonly rtp: RtpCounter,
    private readonly sipp: SippProcess,
    private readonly workDir: string,
    private readonly release: () => void,
  ) {}

  /** `answerAfterMs`: how long the horn takes to answer a page (a horn that is slow to pick up). */
  static async start(sipPort: number, answerAfterMs = 0): Promise<SipSpeaker> {
    const rtp = await RtpCounter.open(HOST);
    const workDir = mkdtempSync(join(tmpdir(), 'linli-horn-'));
    writeFileSync(
      join(workDir, 'horn.xml'),
      scenario('linli auto-answer horn', [
        // Asterisk's qualification arrives as an OPTIONS of its own: answered, that is all.
        element('recv', { request: 'OPTIONS', optional: 'true', next: 'options' }),
        element('recv', { request: 'INVITE', crlf: 'true' }),
        // A slow horn rings first, so Asterisk stops resending the INVITE while it waits.
        ...(answerAfterMs > 0
          ? [send(uasResponse(180)), element('pause', { milliseconds: answerAfterMs })]
          : []),
        send(answerWithMedia(rtp.port), { retrans: 500 }),
        element('recv', { request: 'ACK' }),
        element('recv', { request: 'BYE' }),
        send(OK_TO_REQUEST),
        nop({ next: 'done' }),
        label('options'),
        send(OK_TO_REQUEST),
        label('done'),
      ]),
    );
    const mediaPort = reserveUdpPortBlock(4);
    const sipp = startSipp(
      [
        '-sf',
        'horn.xml',
        '-i',
        HOST,
        '-p',
        String(sipPort),
        '-mi',
        HOST,
        '-mp',
        String(mediaPort),
        '-aa',
        '-nostdin',
      ],
      { cwd: workDir },
    );
    try {
      await waitUntilListening(sipp, sipPort);
    } catch (error) {
      await rtp.close();
      releaseUdpPortBlock(mediaPort, 4);
      throw error;
    }
    return new SipSpeaker(sipPort, rtp, sipp, workDir, () => releaseUdpPortBlock(mediaPort, 4));
  }

  async stop(): Promise<void> {
    await this.sipp.stop();
    await this.rtp.close();
    this.release();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
