import { parseAmiServers, type AmiServerConfig, type TrunkConfig } from '../../src/config/telephony-config';

/**
 * The local Asterisk that scripts/test.sh starts. End-to-end tests fail (never skip) when it is
 * not there: a green run must mean the calls really went through Asterisk.
 */
export function localAsterisk(): { server: AmiServerConfig; trunk: TrunkConfig } {
  const url = process.env.AMI_SERVERS;
  if (!url) throw new Error('AMI_SERVERS is not set: run the tests with `npm test`, which starts Asterisk');
  const [server] = parseAmiServers(url);
  if (!server) throw new Error('AMI_SERVERS names no server');
  return { server, trunk: { name: 'pstn', server: server.name, channels: 30, cps: 10, reserved: 1 } };
}

export function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = async () => {
      try {
        const v = await check();
        if (v !== undefined && v !== null && (v as unknown) !== false) return resolve(v);
      } catch (e) {
        return reject(e);
      }
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 50);
    };
    void tick();
  });
}
