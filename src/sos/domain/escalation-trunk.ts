/** What the choice of a contact call's trunk needs to know of a configured trunk. */
export interface TrunkPlace {
  name: string;
  /** The telephony engine instance (Asterisk server) the trunk is on. */
  server: string;
}

export interface EscalationTrunkFacts<T extends TrunkPlace> {
  /** The configured trunks, in their configured order. */
  trunks: readonly T[];
  /** The SOS capability's own trunk. */
  preferred: T;
  /** The server carrying the elder's call, when the elder is (or was) on the line. */
  elderServer: string | null;
  /** Whether linli is connected to a server now. */
  connected: (server: string) => boolean;
}

/**
 * The trunk a contact call of an incident is placed on. Two calls are bridged only on one server, so
 * while the elder's call is on a server linli reaches, the contact is called on a trunk of that server
 * (the SOS trunk when it is there, else the first one configured there). Otherwise the SOS trunk, or,
 * when its server is unreachable, the first trunk on a server that is reachable: an escalation never
 * waits for one dead server while another could ring the contact.
 */
export function escalationTrunk<T extends TrunkPlace>(facts: EscalationTrunkFacts<T>): T {
  const { trunks, preferred, elderServer, connected } = facts;
  if (elderServer !== null && connected(elderServer)) {
    if (preferred.server === elderServer) return preferred;
    const onElderServer = trunks.find((t) => t.server === elderServer);
    if (onElderServer) return onElderServer;
  }
  if (connected(preferred.server)) return preferred;
  return trunks.find((t) => connected(t.server)) ?? preferred;
}
