/** How a simulated 4G loudspeaker treats linli's commands. */
export type SpeakerBehaviour =
  /** Downloads, checks, plays, reports started and finished. */
  | { kind: 'normal' }
  /** Never connects to the broker (a speaker without power or signal). */
  | { kind: 'offline' }
  /** Drops off the network the moment a play arrives, without reporting (the broker publishes its will). */
  | { kind: 'offline-on-play' }
  /** Waits `delayMs` (scaled by the fleet's time scale) after the download before it starts. */
  | { kind: 'slow'; delayMs: number }
  /** Reports `refused` with `reason` to every play (a speaker set to local mode, a busy amplifier). */
  | { kind: 'refuse'; reason?: string };

/** `normal`, `offline`, `offline-on-play`, `slow:<ms>`, `refuse[:<reason>]`: the fleet's plan in one word. */
export function parseSpeakerBehaviour(text: string): SpeakerBehaviour {
  const [kind = '', ...rest] = text.trim().split(':');
  const arg = rest.join(':');
  switch (kind) {
    case 'normal':
    case 'offline':
    case 'offline-on-play':
      return { kind };
    case 'slow': {
      const delayMs = Number(arg);
      if (!/^\d+$/.test(arg))
        throw new Error(`slow needs a delay in milliseconds, e.g. slow:2000 (got "${text}")`);
      return { kind, delayMs };
    }
    case 'refuse':
      return arg === '' ? { kind } : { kind, reason: arg };
    default:
      throw new Error(`unknown speaker behaviour "${text}"`);
  }
}
