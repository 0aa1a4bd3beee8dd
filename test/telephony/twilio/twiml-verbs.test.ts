/** The TwiML each verb of the Twilio driver produces, asserted by content (no network). */
import { InvalidCallRequest } from '../../../src/telephony/errors/invalid-call-request';
import type { PromptItem } from '../../../src/telephony/twilio/twiml-prompts';
import { bridgeTwiml } from '../../../src/telephony/twilio/verbs/bridge';
import { checkGather, gatherComplete, gatherTwiml } from '../../../src/telephony/twilio/verbs/gather';
import { hangupUpdate, requestedCause } from '../../../src/telephony/twilio/verbs/hangup';
import {
  machineDetectionParam,
  notifyAnswerStep,
  notifyKeyStep,
  notifyPlayTwiml,
  type NotifyScript,
} from '../../../src/telephony/twilio/verbs/notify';
import { refusePage } from '../../../src/telephony/twilio/verbs/page';
import { parkTwiml } from '../../../src/telephony/twilio/verbs/park';
import { checkRecord, recordingEnd, recordTwiml } from '../../../src/telephony/twilio/verbs/record';
import { sayTwiml } from '../../../src/telephony/twilio/verbs/say';
import { tellTwiml } from '../../../src/telephony/twilio/verbs/tell';
import { WebhookUrls } from '../../../src/telephony/twilio/webhook-urls';
import { parseTwiml, type TwimlVerb } from '../../support/fake-twilio/twiml-document';

const urls = new WebhookUrls('https://linli.example.org');
const BASE = 'https://linli.example.org/twilio/calls/c1';
const message: PromptItem[] = [
  { kind: 'play', url: 'https://linli.example.org/twilio/media/cache/a.wav?exp=1&sig=x' },
];
const spoken: PromptItem[] = [
  { kind: 'say', text: '明天上午九点开会', language: 'cmn-CN', voice: 'Polly.Zhiyu' },
];

/** The verbs of a document as [name, attributes, text, children] for compact comparison. */
function shape(xml: string): unknown[] {
  const of = (v: TwimlVerb): unknown => [v.name, v.attrs, v.text, v.children.map(of)];
  return parseTwiml(xml).map(of);
}

const script: NotifyScript = {
  prompt: message,
  acknowledgement: spoken,
  answerDigits: '129',
  holdDigits: '1',
  repeatDigit: '9',
  maxPlays: 3,
  digitTimeoutS: 5,
  holdS: 60,
  machineDetection: 'off',
};

describe('Twilio TwiML per verb', () => {
  it('notify: each play is a one-key <Gather> around the message, any key, posted even when empty', () => {
    expect(shape(notifyPlayTwiml(script, urls, 'c1', 2))).toEqual([
      [
        'Gather',
        {
          input: 'dtmf',
          numDigits: '1',
          timeout: '5',
          finishOnKey: '',
          action: `${BASE}/key?play=2`,
          method: 'POST',
          actionOnEmptyResult: 'true',
        },
        '',
        [['Play', {}, message[0]?.kind === 'play' ? message[0].url : '', []]],
      ],
    ]);
  });

  it('notify: the answer raises answered; a machine hangs up or gets the message after the beep', () => {
    expect(notifyAnswerStep(script, urls, 'c1', undefined).events).toEqual([{ type: 'answered' }]);
    const hangUp = notifyAnswerStep({ ...script, machineDetection: 'hang-up' }, urls, 'c1', 'machine_start');
    expect(hangUp.events).toEqual([
      { type: 'answered' },
      { type: 'machine', verdict: 'machine', detail: 'machine_start' },
    ]);
    expect(shape(hangUp.twiml)).toEqual([['Hangup', {}, '', []]]);
    const leave = notifyAnswerStep(
      { ...script, machineDetection: 'leave-message' },
      urls,
      'c1',
      'machine_end_beep',
    );
    expect(shape(leave.twiml).map((v) => (v as unknown[])[0])).toEqual(['Play', 'Redirect']);
    expect(leave.twiml).toContain(`${BASE}/message-left`);
    const human = notifyAnswerStep({ ...script, machineDetection: 'hang-up' }, urls, 'c1', 'human');
    expect(human.events[1]).toEqual({ type: 'machine', verdict: 'human', detail: 'human' });
    expect(human.twiml).toContain('<Gather');
    expect([
      machineDetectionParam('off'),
      machineDetectionParam('hang-up'),
      machineDetectionParam('leave-message'),
    ]).toEqual([undefined, 'Enable', 'DetectMessageEnd']);
  });

  it('notify: the menu rules — repeat, no key, a wrong key, an answer, a holding answer', () => {
    const repeat = notifyKeyStep(script, urls, 'c1', 1, '9');
    expect(repeat.events).toEqual([{ type: 'repeat', play: 1 }]);
    expect(repeat.twiml).toContain(`${BASE}/key?play=2`);
    expect(shape(notifyKeyStep(script, urls, 'c1', 3, '9').twiml)).toEqual([['Hangup', {}, '', []]]);

    const none = notifyKeyStep(script, urls, 'c1', 1, '');
    expect(none.events).toEqual([{ type: 'digit', digit: '', play: 1, recovered: false }]);
    expect(none.twiml).toContain('key?play=2');
    expect(shape(notifyKeyStep(script, urls, 'c1', 2, '').twiml)).toEqual([['Hangup', {}, '', []]]);

    expect(notifyKeyStep(script, urls, 'c1', 1, '5').twiml).toContain('key?play=2');

    const answer = notifyKeyStep(script, urls, 'c1', 1, '2');
    expect(answer.events).toEqual([{ type: 'digit', digit: '2', play: 1, recovered: false }]);
    expect(shape(answer.twiml)).toEqual([
      ['Say', { language: 'cmn-CN', voice: 'Polly.Zhiyu' }, '明天上午九点开会', []],
      ['Hangup', {}, '', []],
    ]);

    const hold = notifyKeyStep(script, urls, 'c1', 1, '1');
    expect(hold.events).toEqual([
      { type: 'digit', digit: '1', play: 1, recovered: false },
      { type: 'holding', digit: '1' },
    ]);
    expect(shape(hold.twiml)).toEqual([
      ['Pause', { length: '60' }, '', []],
      ['Hangup', {}, '', []],
    ]);
  });

  it('say plays then reports through a redirect; tell plays then hangs up; park waits a minute at a time', () => {
    expect(shape(sayTwiml(message, urls, 'c1', 's1'))).toEqual([
      ['Play', {}, (message[0] as { url: string }).url, []],
      ['Redirect', { method: 'POST' }, `${BASE}/played?step=s1`, []],
    ]);
    expect(shape(tellTwiml(spoken)).map((v) => (v as unknown[])[0])).toEqual(['Pause', 'Say', 'Hangup']);
    expect(shape(parkTwiml(urls, 'c1', 3))).toEqual([
      ['Pause', { length: '60' }, '', []],
      ['Redirect', { method: 'POST' }, `${BASE}/park?minute=4`, []],
    ]);
    expect(shape(parkTwiml(urls, 'c1', 10))).toEqual([['Hangup', {}, '', []]]);
  });

  it('gather: up to maxDigits keys, # ends early, the result posted with the step and the limit', () => {
    const request = { prompt: [], maxDigits: 4, timeoutMs: 8000 };
    expect(shape(gatherTwiml(request, message, urls, 'c1', 's2'))[0]).toEqual([
      'Gather',
      {
        input: 'dtmf',
        numDigits: '4',
        timeout: '8',
        finishOnKey: '#',
        action: `${BASE}/gathered?step=s2&max=4`,
        method: 'POST',
        actionOnEmptyResult: 'true',
      },
      '',
      [['Play', {}, (message[0] as { url: string }).url, []]],
    ]);
    expect([
      gatherComplete('12', '#', 4),
      gatherComplete('1234', '', 4),
      gatherComplete('12', '', 4),
    ]).toEqual([true, true, false]);
    expect(() => checkGather({ ...request, maxDigits: 0 })).toThrow(InvalidCallRequest);
  });

  it('record: <Record> with the limit, silence (or none), # and the beep; what ended it', () => {
    const request = { name: 'recordings/case-1', maxDurationMs: 30_000, silenceMs: 0, beep: false };
    expect(shape(recordTwiml(request, [], urls, 'c1', 's3'))).toEqual([
      [
        'Record',
        {
          action: `${BASE}/recorded?step=s3&name=recordings%2Fcase-1&max=30`,
          method: 'POST',
          maxLength: '30',
          timeout: '30',
          finishOnKey: '#',
          playBeep: 'false',
          trim: 'do-not-trim',
        },
        '',
        [],
      ],
    ]);
    expect(recordTwiml({ ...request, silenceMs: 3000 }, [], urls, 'c1', 's3')).toContain('timeout="3"');
    expect([
      recordingEnd('#', 4, 30),
      recordingEnd('hangup', 4, 30),
      recordingEnd('', 30, 30),
      recordingEnd('', 7, 30),
    ]).toEqual(['key', 'hangup', 'time-limit', 'silence']);
    expect(() => checkRecord({ ...request, name: '../etc/passwd' })).toThrow(InvalidCallRequest);
  });

  it('bridge: both calls dial one conference that ends when either leaves, and report their join', () => {
    expect(shape(bridgeTwiml('bridge-7', urls))).toEqual([
      [
        'Dial',
        {},
        '',
        [
          [
            'Conference',
            {
              startConferenceOnEnter: 'true',
              endConferenceOnExit: 'true',
              beep: 'false',
              waitUrl: '',
              statusCallback: 'https://linli.example.org/twilio/bridges/bridge-7/events',
              statusCallbackMethod: 'POST',
              statusCallbackEvent: 'join',
            },
            'bridge-7',
            [],
          ],
        ],
      ],
      ['Hangup', {}, '', []],
    ]);
  });

  it('hangup completes an answered call and cancels a ringing one; page is refused, saying why', () => {
    expect(hangupUpdate(true)).toEqual({ status: 'completed' });
    expect(hangupUpdate(false)).toEqual({ status: 'canceled' });
    expect([requestedCause(undefined), requestedCause(8)]).toEqual([16, 8]);
    expect(() => refusePage({ speakers: ['spk-1'], prompt: [], timeoutMs: 1000 })).toThrow(
      /Twilio cannot reach linli's loudspeakers/,
    );
  });
});
