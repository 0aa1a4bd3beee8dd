import { ConfigError, loadEnv, requireTelephony } from '../../src/config/env';
import { twilioAccountOf } from '../../src/telephony/twilio/twilio-account';

const account = {
  TWILIO_ACCOUNT_SID: `AC${'0123456789abcdef'.repeat(2)}`,
  TWILIO_AUTH_TOKEN: 'f'.repeat(32),
  TWILIO_FROM_NUMBER: '+8657112345678',
  TWILIO_PUBLIC_URL: 'https://linli.example.org/',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadEnv(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('Twilio trunks in the configuration', () => {
  it('puts a trunk named @twilio on the account, beside Asterisk trunks, with its channels and pace', () => {
    const env = loadEnv({
      ...account,
      AMI_SERVERS: 'ami://linli:s3cret@127.0.0.1:5038?name=local',
      TRUNKS: 'pstn@local:30:10,cloud@twilio:20:1:2',
    });
    expect(env.TRUNKS).toEqual([
      { name: 'pstn', server: 'local', channels: 30, cps: 10, reserved: 1 },
      { name: 'cloud', server: 'twilio', channels: 20, cps: 1, reserved: 2 },
    ]);
    expect(twilioAccountOf(env)).toMatchObject({
      publicUrl: 'https://linli.example.org',
      apiUrl: 'https://api.twilio.com',
      cps: 1,
      speech: 'linli',
      trunks: [{ name: 'cloud', server: 'twilio' }],
    });
  });

  it('runs on Twilio alone without an Asterisk server; without Twilio trunks there is no account', () => {
    const env = loadEnv({
      ...account,
      TRUNKS: 'cloud@twilio:10:1',
      TWILIO_CPS: '5',
      TWILIO_SPEECH: 'twilio',
    });
    expect(requireTelephony(env)).toBe(env);
    expect(twilioAccountOf(env)).toMatchObject({ cps: 5, speech: 'twilio' });
    expect(twilioAccountOf(loadEnv({ ...account }))).toBeNull();
  });

  it('names every Twilio setting a Twilio trunk lacks, and a malformed one', () => {
    expect(problems({ TRUNKS: 'cloud@twilio:10:1' })).toEqual([
      'TWILIO_ACCOUNT_SID: required by the Twilio trunk(s) cloud',
      'TWILIO_AUTH_TOKEN: required by the Twilio trunk(s) cloud',
      'TWILIO_FROM_NUMBER: required by the Twilio trunk(s) cloud',
      'TWILIO_PUBLIC_URL: required by the Twilio trunk(s) cloud',
    ]);
    expect(problems({ ...account, TRUNKS: 'cloud@twilio:10:1', TWILIO_FROM_NUMBER: '057112345678' })).toEqual(
      [expect.stringMatching(/^TWILIO_FROM_NUMBER: an E.164 number/)],
    );
    expect(problems({ ...account, TWILIO_PUBLIC_URL: 'linli.example.org' })).toEqual([
      expect.stringMatching(/^TWILIO_PUBLIC_URL: /),
    ]);
  });
});
