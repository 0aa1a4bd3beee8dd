import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AmiServerConfig, TrunkConfig } from '../../config/telephony-config';
import type { Logger } from '../../logging';
import type { CallEvent, EndedCallRecord, InboundCall, SpeakerReachabilityChange } from '../call-events';
import type { CallControl, PlacedCall, Unsubscribe } from '../call-control';
import { CallNotFound } from '../errors/call-not-found';
import { EngineUnavailable } from '../errors/engine-unavailable';
import { InvalidCallRequest } from '../errors/invalid-call-request';
import type { PromptMedia } from '../prompt';
import type { GatherRequest } from '../verbs/gather';
import type { NotifyRequest } from '../verbs/notify';
import type { PageRequest, SpeakerReachability } from '../verbs/page';
import type { RecordRequest } from '../verbs/record';
import type { SayRequest } from '../verbs/say';
import type { TellRequest } from '../verbs/tell';
import type { AmiConnectionOptions } from './ami-connection';
import { endedCallRecord } from './channel-tracker';
import { combinedReachability } from './device-reachability';
import { Context, Variable } from './dialplan-contract';
import { liveCallError, portError } from './engine-errors';
import { PromptPaths } from './prompt-paths';
import { ServerSession } from './server-session';
import { gatherStep } from './verbs/gather';
import type { LiveCallStep } from './verbs/live-call-step';
import { notifyVariables } from './verbs/notify';
import { pageVariables } from './verbs/page';
import { recordStep } from './verbs/record';
import { sayStep } from './verbs/say';
import { tellStep } from './verbs/tell';

/** Dial strings reach Asterisk unescaped: only digits (after an optional +) may pass. */
const DIALABLE = /^\+?[0-9]{3,20}$/;

export interface AsteriskDriverOptions {
  servers: AmiServerConfig[];
  trunks: TrunkConfig[];
  logger: Logger;
  /** Makes prompts ready (renders text, finds uploads) in linli's media folder. */
  media: PromptMedia;
  /** linli's media folder as Asterisk sees it. */
  asteriskMediaDir: string;
  ami?: AmiConnectionOptions;
}

/** The telephony port on one or more Asterisk servers, each over its own AMI connection. */
export class AsteriskCallControl implements CallControl {
  private readonly sessions = new Map<string, ServerSession>();
  private readonly trunks = new Map<string, TrunkConfig>();
  private readonly bus = new EventEmitter<{
    call: [CallEvent];
    inbound: [InboundCall];
    reachability: [SpeakerReachabilityChange];
  }>();
  /** Each endpoint's reachability as last told to listeners. */
  private readonly reachabilityTold = new Map<string, SpeakerReachability>();
  private readonly paths: PromptPaths;
  private readonly logger: Logger;

  constructor(options: AsteriskDriverOptions) {
    this.logger = options.logger;
    this.bus.setMaxListeners(0);
    this.paths = new PromptPaths(options.media, options.asteriskMediaDir);
    for (const t of options.trunks) this.trunks.set(t.name, t);
    for (const server of options.servers) {
      const own = options.trunks.filter((t) => t.server === server.name).map((t) => t.name);
      const session = new ServerSession(server, own, options.logger, options.ami);
      session.on('call', (e) => this.bus.emit('call', e));
      session.on('inbound', (c) => this.bus.emit('inbound', c));
      session.on('reachability', (endpoint) => this.reachabilityChanged(endpoint));
      this.sessions.set(server.name, session);
    }
  }

  /**
   * Connects to every server. Resolves once all are logged in, or after `waitMs` with the rest still
   * connecting in the background: linli serves its API and the card gateway whether or not Asterisk is
   * up, status() (and /readyz) says which server is down, and calls go out the moment it is back.
   */
  async start(waitMs = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.sessions.values()].map((s) => s.start())),
      new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
    ]);
    clearTimeout(timer);
    const down = this.status().filter((s) => !s.connected);
    if (down.length > 0) {
      this.logger.warn(
        { servers: down.map((s) => s.server) },
        'Asterisk not reachable yet: serving anyway, calls wait until it is',
      );
    }
  }

  private sessionForTrunk(trunk: string): ServerSession {
    const config = this.trunks.get(trunk);
    const session = config && this.sessions.get(config.server);
    if (!session) throw new InvalidCallRequest(`unknown trunk "${trunk}"`);
    return session;
  }

  private sessionForCall(callId: string): ServerSession {
    for (const s of this.sessions.values()) if (s.tracker.isLive(callId)) return s;
    throw new CallNotFound(callId);
  }

  async notify(request: NotifyRequest): Promise<PlacedCall> {
    const session = this.sessionForTrunk(request.trunk);
    if (!DIALABLE.test(request.destination)) {
      throw new InvalidCallRequest(`not a dialable number: ${request.destination}`);
    }
    const variables = await notifyVariables(request, this.paths);
    const callId = request.callId ?? randomUUID();
    const actionId = session.ami.newActionId();
    session.expectOriginate(actionId, callId);
    try {
      await session.ami.action({
        action: 'Originate',
        actionid: actionId,
        channel: `PJSIP/${request.destination.replace(/^\+/, '')}@${request.trunk}`,
        channelid: callId,
        context: Context.notify,
        exten: 's',
        priority: 1,
        timeout: request.ringTimeoutMs,
        callerid: request.callerId,
        async: 'true',
        variable: { [Variable.callId]: callId, ...variables },
      });
    } catch (err) {
      session.forgetOriginate(actionId);
      throw portError(err);
    }
    return { callId, server: session.config.name };
  }

  async page(request: PageRequest): Promise<PlacedCall> {
    const variables = pageVariables(request);
    const session = [...this.sessions.values()].find((s) => s.ami.connected);
    if (!session) throw new EngineUnavailable([...this.sessions.keys()].join(','));
    const prompt = await this.paths.playable(request.prompt);
    const callId = request.callId ?? randomUUID();
    session.pageLegs.follow(callId);
    try {
      await session.ami.action({
        action: 'Originate',
        channel: `Local/s@${Context.page}`,
        channelid: callId,
        application: 'Playback',
        data: prompt,
        timeout: request.timeoutMs,
        async: 'true',
        variable: { [Variable.callId]: callId, ...variables },
      });
    } catch (err) {
      session.pageLegs.forget(callId);
      throw portError(err);
    }
    return { callId, server: session.config.name };
  }

  /** From the servers' device states (see device-reachability.ts): reachable on any server counts. */
  async speakerReachability(speakers: readonly string[]): Promise<Record<string, SpeakerReachability>> {
    const sessions = [...this.sessions.values()].filter((s) => s.ami.connected);
    const states = await Promise.all(
      sessions.map((s) => s.listReachability().catch(() => new Map<string, SpeakerReachability>())),
    );
    return Object.fromEntries(
      speakers.map((id) => [id, combinedReachability(states.map((m) => m.get(id) ?? 'unknown'))]),
    );
  }

  onSpeakerReachability(listener: (change: SpeakerReachabilityChange) => void): Unsubscribe {
    this.bus.on('reachability', listener);
    return () => this.bus.off('reachability', listener);
  }

  /** One server's view of an endpoint changed: told when all servers' view together changed. */
  private reachabilityChanged(endpoint: string): void {
    const sessions = [...this.sessions.values()];
    const reachability = combinedReachability(sessions.map((s) => s.reachabilityOf(endpoint)));
    if (this.reachabilityTold.get(endpoint) === reachability) return;
    this.reachabilityTold.set(endpoint, reachability);
    this.bus.emit('reachability', { speaker: endpoint, reachability, at: new Date() });
  }

  say(callId: string, request: SayRequest): Promise<void> {
    return this.step(callId, () => sayStep(request, this.paths));
  }

  tell(callId: string, request: TellRequest): Promise<void> {
    return this.step(callId, () => tellStep(request, this.paths));
  }

  gather(callId: string, request: GatherRequest): Promise<void> {
    return this.step(callId, () => gatherStep(request, this.paths));
  }

  record(callId: string, request: RecordRequest): Promise<void> {
    return this.step(callId, () => recordStep(request, this.paths));
  }

  /** A verb on a live call: its variables set on the channel, then the channel sent to the verb's context. */
  private async step(callId: string, make: () => Promise<LiveCallStep>): Promise<void> {
    const session = this.sessionForCall(callId);
    const step = await make();
    try {
      await Promise.all(
        Object.entries(step.variables).map(([variable, value]) =>
          session.ami.action({ action: 'Setvar', channel: callId, variable, value }),
        ),
      );
      await session.ami.action({
        action: 'Redirect',
        channel: callId,
        context: step.context,
        exten: 's',
        priority: 1,
      });
    } catch (err) {
      throw liveCallError(err, callId);
    }
  }

  async hangup(callId: string, q850 = 16): Promise<void> {
    const session = this.sessionForCall(callId);
    try {
      // Asterisk finds a channel by its unique id where it expects a channel name.
      await session.ami.action({ action: 'Hangup', channel: callId, cause: q850 });
    } catch (err) {
      throw liveCallError(err, callId);
    }
  }

  async bridge(callIdA: string, callIdB: string): Promise<void> {
    const session = this.sessionForCall(callIdA);
    if (!session.tracker.isLive(callIdB)) {
      if (this.isLive(callIdB))
        throw new InvalidCallRequest('bridge: the two calls are on different servers');
      throw new CallNotFound(callIdB);
    }
    try {
      await session.ami.action({ action: 'Bridge', channel1: callIdA, channel2: callIdB, tone: 'no' });
    } catch (err) {
      throw liveCallError(err, callIdA);
    }
  }

  isLive(callId: string): boolean {
    return [...this.sessions.values()].some((s) => s.tracker.isLive(callId));
  }

  async recoverEndedCall(callId: string): Promise<EndedCallRecord | null> {
    for (const s of this.sessions.values()) {
      const kept = await s.keptOutcome(callId);
      if (kept) return endedCallRecord(kept);
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
