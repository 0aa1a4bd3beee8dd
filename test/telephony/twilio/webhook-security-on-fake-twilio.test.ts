/**
 * Twilio's webhooks as linli serves them, on the fake Twilio (the cloud is not reachable here): the
 * signature with real HMAC vectors, a 403 before any side effect, retried callbacks handled once, and
 * prompt URLs that only linli can sign.
 */
import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import type { CallEvent } from '../../../src/telephony/call-events';
import { MediaUrls } from '../../../src/telephony/twilio/media-urls';
import type { TwilioCallControl } from '../../../src/telephony/twilio/twilio-call-control';
import { signedByTwilio } from '../../../src/telephony/twilio/webhooks/signature';
import { TwilioOnFake } from '../../support/fake-twilio/twilio-on-fake';
import { waitFor } from '../../support/stack';

jest.setTimeout(20_000);

/** The example of Twilio's webhook security documentation: auth token 12345, this URL, these parameters. */
const DOC_TOKEN = '12345';
const DOC_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const DOC_PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};
const DOC_SIGNATURE = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

/** The URL Twilio requested, as linli's public base and the path it receives. */
const request = (signature: string | undefined) => ({
  url: '/myapp.php?foo=1&bar=2',
  headers: signature === undefined ? {} : { 'x-twilio-signature': signature },
});

describe('the X-Twilio-Signature check', () => {
  it('is the HMAC-SHA1 of the URL and the sorted parameters under the auth token (the documented vector)', () => {
    const data =
      DOC_URL +
      Object.keys(DOC_PARAMS)
        .sort()
        .map((k) => k + DOC_PARAMS[k as keyof typeof DOC_PARAMS])
        .join('');
    expect(createHmac('sha1', DOC_TOKEN).update(data).digest('base64')).toBe(DOC_SIGNATURE);
    expect(twilio.getExpectedTwilioSignature(DOC_TOKEN, DOC_URL, DOC_PARAMS)).toBe(DOC_SIGNATURE);
  });

  it('accepts the valid signature and refuses a tampered body, a wrong URL, another token and none', () => {
    const base = 'https://mycompany.com';
    expect(signedByTwilio(DOC_TOKEN, base, request(DOC_SIGNATURE), DOC_PARAMS)).toBe(true);
    expect(signedByTwilio(DOC_TOKEN, base, request(DOC_SIGNATURE), { ...DOC_PARAMS, Digits: '1235' })).toBe(
      false,
    );
    expect(signedByTwilio(DOC_TOKEN, 'https://attacker.example', request(DOC_SIGNATURE), DOC_PARAMS)).toBe(
      false,
    );
    expect(
      signedByTwilio(
        DOC_TOKEN,
        base,
        { ...request(DOC_SIGNATURE), url: '/myapp.php?foo=1&bar=3' },
        DOC_PARAMS,
      ),
    ).toBe(false);
    expect(signedByTwilio('54321', base, request(DOC_SIGNATURE), DOC_PARAMS)).toBe(false);
    expect(signedByTwilio(DOC_TOKEN, base, request(undefined), DOC_PARAMS)).toBe(false);
    expect(signedByTwilio(DOC_TOKEN, base, request(''), DOC_PARAMS)).toBe(false);
  });
});

describe('linli’s Twilio webhooks on the fake Twilio', () => {
  let tw: TwilioOnFake;
  let driver: TwilioCallControl;
  const events: CallEvent[] = [];

  beforeAll(async () => {
    tw = await TwilioOnFake.start({ timing: { secondMs: 50 } });
    tw.fake.phone('+8613800000001', 'press-and-hold:1:600');
    driver = await tw.driver();
    driver.onCallEvent((e) => events.push(e));
  });

  afterAll(async () => {
    await tw?.close();
  });

  /** A status callback for a call, as the fake would post it, signed (or not) as the test says. */
  async function post(
    path: string,
    params: Record<string, string>,
    sign: { url?: string; params?: Record<string, string>; token?: string } | null,
  ) {
    const url = `${tw.account.publicUrl}${path}`;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (sign) {
      headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(
        sign.token ?? tw.account.authToken,
        sign.url ?? url,
        sign.params ?? params,
      );
    }
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: new URLSearchParams(params).toString(),
    });
    return { status: response.status, text: await response.text() };
  }

  it('answers 403 to unsigned and wrongly signed requests and changes nothing; the signed one ends the call once', async () => {
    const { callId } = await driver.notify({
      trunk: 'tw',
      destination: '+8613800000001',
      ringTimeoutMs: 10_000,
      prompt: [{ kind: 'sound', name: 'beep' }],
      choices: [{ digit: '1', label: 'connect', hold: true }],
      maxPlays: 1,
      digitTimeoutMs: 5000,
      machineDetection: 'off',
    });
    await waitFor(() => events.some((e) => e.callId === callId && e.type === 'holding'), 5000, 'holding');
    const [sid] = tw.fake.callsTo('+8613800000001');
    const path = `/twilio/calls/${callId}/status`;
    const completed = {
      CallSid: sid ?? '',
      AccountSid: tw.account.accountSid,
      CallStatus: 'completed',
      SequenceNumber: '9',
    };

    expect((await post(path, completed, null)).status).toBe(403);
    expect(
      (await post(path, completed, { params: { ...completed, CallStatus: 'in-progress' } })).status,
    ).toBe(403);
    expect(
      (await post(path, completed, { url: `${tw.account.publicUrl}/twilio/calls/other/status` })).status,
    ).toBe(403);
    expect((await post(path, completed, { token: 'f'.repeat(32) })).status).toBe(403);
    // Nothing happened: the call is up, nothing ended it, and the fake still has it.
    expect(driver.isLive(callId)).toBe(true);
    expect(events.filter((e) => e.callId === callId && e.type === 'ended')).toHaveLength(0);

    const first = await post(path, completed, {});
    const retry = await post(path, completed, {});
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.text).toBe(first.text);
    await waitFor(() => !driver.isLive(callId), 5000, 'the call to end');
    // A retried callback raises its event once.
    expect(events.filter((e) => e.callId === callId && e.type === 'ended')).toEqual([
      expect.objectContaining({ cause: 'answered', q850: 16, answered: true }),
    ]);
    tw.fake.farEndHangsUp(sid ?? '');
  });

  it('opens one inbound call however often Twilio retries the request that announced it', async () => {
    const inbound: string[] = [];
    const stop = driver.onInboundCall((call) => inbound.push(call.callId));
    const params = {
      CallSid: `CA${'7'.repeat(32)}`,
      AccountSid: tw.account.accountSid,
      From: '+8613800000099',
      To: '+8696500',
      CallStatus: 'ringing',
      Direction: 'inbound',
    };
    const first = await post('/twilio/inbound/tw/sos', params, {});
    const retry = await post('/twilio/inbound/tw/sos', params, {});
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.text).toBe(first.text);
    await waitFor(() => inbound.length > 0, 5000, 'the inbound call');
    // A later call is heard, so the retry would have been by now.
    await post('/twilio/inbound/tw/sos', { ...params, CallSid: `CA${'8'.repeat(32)}` }, {});
    await waitFor(() => inbound.length > 1, 5000, 'the second inbound call');
    stop();
    expect(inbound).toHaveLength(2);
    expect(new Set(inbound).size).toBe(2);
    expect(first.text).toContain(`/twilio/calls/${inbound[0]}/park`);
    expect((await post('/twilio/inbound/nowhere/sos', params, {})).status).toBe(404);
  });

  it('serves prompts only at URLs linli signed, until they expire', async () => {
    const now = Date.now();
    const urls = new MediaUrls(tw.account.publicUrl, tw.account.authToken, () => now);
    const good = await fetch(urls.url('cache/silent'));
    expect(good.status).toBe(200);
    expect(good.headers.get('content-type')).toBe('audio/wav');
    const wav = Buffer.from(await good.arrayBuffer());
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.readUInt16LE(20)).toBe(6); // A-law, as linli renders it
    expect(wav.length).toBe(46 + 800);

    const tampered = urls.url('cache/silent').replace('cache/silent', 'cache/other');
    expect((await fetch(tampered)).status).toBe(403);
    const foreign = new MediaUrls(tw.account.publicUrl, 'another-token-0123456789');
    expect((await fetch(foreign.url('cache/silent'))).status).toBe(403);
    const expired = new MediaUrls(tw.account.publicUrl, tw.account.authToken, () => now - 3 * 3600 * 1000);
    expect((await fetch(expired.url('cache/silent'))).status).toBe(403);
    expect((await fetch(`${tw.account.publicUrl}/twilio/media/cache/silent.wav`)).status).toBe(403);
  });
});
