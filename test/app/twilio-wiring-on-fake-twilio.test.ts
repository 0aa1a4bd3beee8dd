/**
 * How a linli process takes up Twilio trunks, on the fake Twilio (the cloud is not reachable here):
 * the platform's port routes by trunk, and the API serves the webhooks outside the token check,
 * signature first.
 */
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import type { Platform } from '../../src/app/platform-types';
import { startLinli, type RunningLinli } from '../../src/app/start-linli';
import { besideTwilio } from '../../src/app/twilio-driver';
import { twilioWebhooks } from '../../src/app/twilio-webhooks';
import { loadEnv } from '../../src/config/env';
import { createLogger } from '../../src/logging';
import { TrunkRoutedCallControl } from '../../src/telephony/trunk-routed-call-control';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startFakePlatform } from '../support/fake-platform';
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';
import { FakeTwilio } from '../support/fake-twilio/fake-twilio';

jest.setTimeout(20_000);

describe('a linli process with a Twilio trunk, on the fake Twilio', () => {
  let fake: FakeTwilio;
  let database: TestDatabase;
  let platform: Platform;
  let linli: RunningLinli;
  const publicUrl = 'https://linli.example.org';

  beforeAll(async () => {
    fake = await FakeTwilio.start();
    database = await createTestDatabase('twwire');
    const base = await startFakePlatform({
      calls: new FakeCallControl(['pstn']),
      databaseUrl: database.url,
      queuePrefix: `linli-twwire-${randomBytes(4).toString('hex')}`,
      trunks: 'pstn@fake:30:10',
    });
    const env = loadEnv({
      ...process.env,
      QUEUE_PREFIX: base.env.QUEUE_PREFIX,
      MEDIA_DIR: base.env.MEDIA_DIR,
      AMI_SERVERS: 'ami://linli:secret@127.0.0.1:5038?name=local',
      TRUNKS: 'pstn@local:30:10,cloud@twilio:10:1',
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_FROM_NUMBER: '+8657112345678',
      TWILIO_PUBLIC_URL: publicUrl,
      TWILIO_API_URL: fake.url,
    });
    platform = { ...base, env };
    linli = await startLinli(platform, [twilioWebhooks], { api: true, workers: false });
  });

  afterAll(async () => {
    await linli?.stop();
    await platform?.close();
    await fake?.close();
    await database?.drop();
  });

  it('routes the Twilio trunk to the Twilio driver and leaves a process without one as it was', async () => {
    const asterisk = new FakeCallControl(['pstn']);
    const deps = { redis: platform.redis, logger: createLogger('silent'), media: platform.prompts };
    const routed = await besideTwilio(asterisk, platform.env, deps);
    expect(routed).toBeInstanceOf(TrunkRoutedCallControl);
    expect(routed.status().map((s) => s.server)).toEqual(['fake', 'twilio']);
    await routed.close();
    const alone = await besideTwilio(asterisk, loadEnv({ TRUNKS: 'pstn@local:30:10' }), deps);
    expect(alone).toBe(asterisk);
  });

  it('serves the webhooks without an API token, refusing what Twilio did not sign', async () => {
    const url = '/twilio/calls/none/status';
    const payload = { CallSid: `CA${'0'.repeat(32)}`, CallStatus: 'completed' };
    const form = new URLSearchParams(payload).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const unsigned = await linli.api?.inject({ method: 'POST', url, headers, payload: form });
    expect(unsigned?.statusCode).toBe(403);
    const signature = twilio.getExpectedTwilioSignature(fake.authToken, `${publicUrl}${url}`, payload);
    const signed = await linli.api?.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'x-twilio-signature': signature },
      payload: form,
    });
    expect(signed?.statusCode).toBe(200);
    expect(signed?.headers['content-type']).toMatch(/^text\/xml/);
    // The rest of the API still wants a token.
    expect((await linli.api?.inject({ method: 'GET', url: '/api/v1/areas' }))?.statusCode).toBe(401);
  });
});
