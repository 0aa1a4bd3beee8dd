import type { TrunkConfig } from '../../config/telephony-config';

/**
 * The trunk a campaign's next attempt goes out on. The campaign's own trunk while its server is up, so a
 * campaign goes back home the moment its server returns; while that server is down, the first trunk of
 * its group (in `TRUNKS` order) whose server is up, so the campaign goes on through the same carrier from
 * another server; with none up, its own trunk, where the attempt waits for the engine as it always did.
 */
export function trunkForAttempt(
  home: TrunkConfig,
  trunks: readonly TrunkConfig[],
  isServerUp: (server: string) => boolean,
): TrunkConfig {
  if (home.group === undefined || isServerUp(home.server)) return home;
  return trunks.find((t) => t.group === home.group && t.name !== home.name && isServerUp(t.server)) ?? home;
}
