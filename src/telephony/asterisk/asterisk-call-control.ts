import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AmiServerConfig, TrunkConfig } from '../../config/telephony-config';
import type { Logger } from '../../logging';
import type {
  CallControl,
  CallEvent,
  EndedCallRecord,
  InboundCall,
  OriginateRequest,
  OriginatedCall,
  PageRequest,
  Unsubscribe,
} from '../call-control';
import type { AmiConnectionOptions } from './ami-connection';
import { ServerSession } from './server-session';

export class UnknownTrunkError extends Error {
  constructor(readonly trunk: string) {
    super(`unknown trunk "${trunk}"`);
    this.name = 'UnknownTrunkError';
  }
}

export class UnknownCallError extends Error {
  constructor(readonly callId: string) {
    super(`no live call ${callId} on any Asterisk server`);
    this.name = 'UnknownCallError';
  }
}

/** Dial strings reach Asterisk unescaped: only digits and a leading + may pass. */
const DIALABLE = /^\+?[0-9]{3,20}$/;

/** The telephony port on one or more Asterisk servers, each over its own AMI connection. */
export class AsteriskCallControl implements CallControl {
  private readonly sessions = new Map<string, ServerSession>();
  private readonly trunks = new Map<string, TrunkConfig>();
  private readonly bus = new EventEmitter<{ call: [CallEvent]; inbound: [InboundCall] }>();

  constructor(
    servers: AmiServerConfig[],
    trunks: TrunkConfig[],
    private readonly logger: Logger,
    options?: AmiConnectionOptions,
  ) {
    this.bus.setMaxListeners(0);
    for (const t of trunks) this.trunks.set(t.name, t);
    for (const server of servers) {
      const own = trunks.filter((t) => t.server === server.name).map((t) => t.name);
      const session = new ServerSession(server, own, logger, options);
      session.on('call', (e) => this.bus.emit('call', e));
      session.on('inbound', (c) => this.bus.emit('inbound', c));
      this.sessions.set(server.name, session);
    }
  }

  /** Connects to every server; resolves when all are logged in. */
  async start(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.start()));
  }

  private sessionForTrunk(trunk: string): ServerSession {
    const config = this.trunks.get(trunk);
    const session = config && this.sessions.get(config.server);
    if (!session) throw new UnknownTrunkError(trunk);
    return session;
  }

  private sessionForCall(callId: string): ServerSession {
    for (const s of this.sessions.values()) if (s.tracker.isLive(callId)) return s;
    throw new UnknownCallError(callId);
  }

  async originate(request: OriginateRequest): Promise<OriginatedCall> {
    const session = this.sessionForTrunk(request.trunk);
    if (!DIALABLE.test(request.destination)) throw new Error(`not a dialable number: ${request.destination}`);
    const callId = request.callId ?? randomUUID();
    const actionId = session.ami.newActionId();
    const variables: Record<string, string> = { LINLI_CALL_ID: callId, ...request.variables };
    session.expectOriginate(actionId, callId);
    try {
      await session.ami.action({
        action: 'Originate',
        actionid: actionId,
        channel: `PJSIP/${request.destination}@${request.trunk}`,
        channelid: callId,
        context: request.context,
        exten: request.extension ?? 's',
        priority: 1,
        timeout: request.timeoutMs,
        callerid: request.callerId,
        async: 'true',
        variable: variables,
      });
    } catch (err) {
      session.forgetOriginate(actionId);
      throw err;
    }
    return { callId, server: session.config.name };
  }

  async page(request: PageRequest): Promise<OriginatedCall> {
    const session = this.sessions.get(request.server);
    if (!session) throw new Error(`unknown Asterisk server "${request.server}"`);
    const callId = request.callId ?? randomUUID();
    await session.ami.action({
      action: 'Originate',
      channel: 'Local/s@linli-page',
      channelid: callId,
      application: 'Playback',
      data: request.prompt,
      timeout: request.timeoutMs,
      async: 'true',
      variable: {
        LINLI_CALL_ID: callId,
        LINLI_PAGE_TARGETS: request.targets.join('&'),
        LINLI_PAGE_TIMEOUT: String(Math.ceil(request.timeoutMs / 1000)),
      },
    });
    return { callId, server: session.config.name };
  }

  async hangup(callId: string, cause = 16): Promise<void> {
    // Asterisk finds a channel by its unique id where it expects a channel name.
    await this.sessionForCall(callId).ami.action({ action: 'Hangup', channel: callId, cause });
  }

  async bridge(callIdA: string, callIdB: string): Promise<void> {
    const session = this.sessionForCall(callIdA);
    if (!session.tracker.isLive(callIdB)) throw new UnknownCallError(callIdB);
    await session.ami.action({ action: 'Bridge', channel1: callIdA, channel2: callIdB, tone: 'no' });
  }

  async redirect(callId: string, context: string, extension = 's'): Promise<void> {
    await this.sessionForCall(callId).ami.action({
      action: 'Redirect',
      channel: callId,
      context,
      exten: extension,
      priority: 1,
    });
  }

  isLive(callId: string): boolean {
    return [...this.sessions.values()].some((s) => s.tracker.isLive(callId));
  }

  async recoverEndedCall(callId: string): Promise<EndedCallRecord | null> {
    for (const s of this.sessions.values()) {
      const kept = await s.keptOutcome(callId);
      if (kept) return kept;
    }
    return null;
  }

  channelsInUse(trunk: string): number {
    return this.sessionForTrunk(trunk).tracker.channelsInUse(trunk);
  }

  onCallEvent(listener: (event: CallEvent) => void): Unsubscribe {
    this.bus.on('call', listener);
    return () => this.bus.off('call', listener);
  }

  onInboundCall(listener: (call: InboundCall) => void): Unsubscribe {
    this.bus.on('inbound', listener);
    return () => this.bus.off('inbound', listener);
  }

  status(): { server: string; connected: boolean }[] {
    return [...this.sessions.values()].map((s) => ({ server: s.config.name, connected: s.ami.connected }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.close()));
    this.bus.removeAllListeners();
  }
}
