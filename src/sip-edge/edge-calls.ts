import type Srf from 'drachtio-srf';

interface EdgeCall {
  server: string;
  /** The carrier's leg and the Asterisk leg. */
  uas: Srf.Dialog;
  uac: Srf.Dialog;
}

const ignore = () => undefined;

/**
 * The calls this edge has connected, by the carrier's Call-ID: each is two dialogs (carrier side,
 * Asterisk side) that live and end together.
 */
export class EdgeCalls {
  private readonly calls = new Map<string, EdgeCall>();

  constructor(private readonly onEnded: (server: string) => void) {}

  /** Links the two legs: a BYE or a re-INVITE on one is carried to the other. */
  add(callId: string, server: string, uas: Srf.Dialog, uac: Srf.Dialog): void {
    this.calls.set(callId, { server, uas, uac });
    uas.on('destroy', () => this.end(callId, 'uas'));
    uac.on('destroy', () => this.end(callId, 'uac'));
    relayModify(uas, uac);
    relayModify(uac, uas);
  }

  /** The server a call in progress went to. */
  serverOf(callId: string): string | undefined {
    return this.calls.get(callId)?.server;
  }

  /** Ends (BYE both ways) every call on a server taken out of the rotation; returns how many. */
  endCallsOn(server: string): number {
    const ids = [...this.calls].filter(([, c]) => c.server === server).map(([id]) => id);
    for (const id of ids) this.end(id, null);
    return ids.length;
  }

  endAll(): void {
    for (const id of [...this.calls.keys()]) this.end(id, null);
  }

  /** Forgets the call and hangs up its legs but the one that `ended` (null: both are hung up). */
  private end(callId: string, ended: 'uas' | 'uac' | null): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    if (ended !== 'uas') call.uas.destroy({ headers: {} }, ignore);
    if (ended !== 'uac') call.uac.destroy({ headers: {} }, ignore);
    this.onEnded(call.server);
  }
}

/** A re-INVITE on one leg becomes one on the other; its answer goes back. */
function relayModify(from: Srf.Dialog, to: Srf.Dialog): void {
  from.on('modify', (req, res) => {
    to.modify(req.sdp).then(
      (sdp) => res.send(200, { body: sdp }),
      () => res.send(488),
    );
  });
}
