import { EventEmitter } from 'node:events';
import type { AmiServerConfig } from '../../config/telephony-config';
import type { Logger } from '../../logging';
import type { CallEvent, InboundCall } from '../call-events';
import type { SpeakerReachability } from '../verbs/page';
import { AmiConnection, type AmiConnectionOptions } from './ami-connection';
import { parseAmiEvent, type AmiEvent } from './ami-events';
import { ChannelTracker, parseKeptOutcome, type KeptOutcome } from './channel-tracker';
import { endpointOfDevice, reachabilityOfDeviceState } from './device-reachability';
import { KEPT_OUTCOME_FAMILY } from './dialplan-contract';
import { PageLegs } from './page-legs';

interface SessionEvents {
  call: [CallEvent];
  inbound: [InboundCall];
  /** An endpoint's reachability changed (its name). */
  reachability: [string];
}

type LiveChannel = { uniqueId: string; channel: string; state: number };

/** How long a lost AMI connection may take to come back before its server's calls count as ended. */
const LOST_CALLS_AFTER_MS = 15_000;

/** How long a failed originate waits for its channel's own Hangup, whose cause is more precise. */
const ORIGINATE_FAILURE_GRACE_MS = 1000;

/** One Asterisk server: its AMI connection, the channels it has, and the events they make. */
export class ServerSession extends EventEmitter<SessionEvents> {
  readonly ami: AmiConnection;
  readonly tracker: ChannelTracker;
  readonly pageLegs: PageLegs;
  /** Originates in flight on this server, by ActionID → call id. */
  private readonly originates = new Map<string, string>();
  private readonly listings = new Map<string, LiveChannel[]>();
  /** Each endpoint's reachability as this server last said it. */
  private readonly reachability = new Map<string, SpeakerReachability>();
  /** Calls this process placed: only their outcome records in Asterisk are this process's to delete. */
  private readonly ownCalls = new Set<string>();
  private invalidEvents = 0;
  private everConnected = false;
  private lostCallsTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly config: AmiServerConfig,
    trunks: string[],
    private readonly logger: Logger,
    options?: AmiConnectionOptions,
  ) {
    super();
    this.ami = new AmiConnection(config, logger, options);
    this.tracker = new ChannelTracker(config.name, new Set(trunks));
    this.pageLegs = new PageLegs(config.name);
    this.ami.on('event', (msg) => {
      const parsed = parseAmiEvent(msg);
      if (!parsed.ok) {
        this.invalidEvents++;
        this.logger.warn({ server: config.name, reason: parsed.reason }, 'malformed AMI event ignored');
        return;
      }
      if (parsed.event) this.handle(parsed.event);
    });
    const lostCallsAfterMs = options?.lostCallsAfterMs ?? LOST_CALLS_AFTER_MS;
    this.ami.on('disconnected', () => {
      clearTimeout(this.lostCallsTimer);
      this.lostCallsTimer = setTimeout(() => this.endCallsOfLostServer(), lostCallsAfterMs);
      this.lostCallsTimer.unref();
    });
    this.ami.on('connected', () => {
      clearTimeout(this.lostCallsTimer);
      void this.resync().catch((err: Error) =>
        this.logger.error(
          { server: config.name, err: err.message },
          'channel resync after AMI connect failed',
        ),
      );
    });
  }

  get malformedEvents(): number {
    return this.invalidEvents;
  }

  async start(): Promise<void> {
    await this.ami.start();
  }

  /** Remembers an originate so its OriginateResponse can be matched to the call. */
  expectOriginate(actionId: string, callId: string): void {
    this.originates.set(actionId, callId);
    this.ownCalls.add(callId);
  }

  forgetOriginate(actionId: string): void {
    const callId = this.originates.get(actionId);
    this.originates.delete(actionId);
    if (callId) this.ownCalls.delete(callId);
  }

  private handle(event: AmiEvent): void {
    const at = new Date();
    if (event.kind === 'device-state') {
      // A listing's lines answer whoever listed; only changes as they happen are told.
      this.deviceState(event.device, event.state, event.actionId === null);
      return;
    }
    if (event.kind === 'core-show-channel') {
      this.listings.get(event.actionId)?.push(event);
      return;
    }
    if (event.kind === 'originate-response') {
      const callId = this.originates.get(event.actionId);
      if (!callId) return;
      this.originates.delete(event.actionId);
      if (!event.success) {
        setTimeout(
          () => this.emitAll(this.tracker.originateFailed(callId, event.reason, new Date()), []),
          ORIGINATE_FAILURE_GRACE_MS,
        ).unref();
      }
      return;
    }
    const out = this.tracker.apply(event, at);
    this.emitAll([...out.calls, ...this.pageLegs.apply(event, at)], out.inbound);
  }

  private emitAll(calls: CallEvent[], inbound: InboundCall[]): void {
    for (const c of calls) {
      // Another process may have placed the call and still need Asterisk's record of it.
      if (c.type === 'ended' && this.ownCalls.delete(c.callId) && c.answered && c.cause !== 'unknown') {
        this.forgetKeptOutcome(c.callId);
      }
      this.emit('call', c);
    }
    for (const i of inbound) this.emit('inbound', i);
  }

  /**
   * The server has been out of reach too long: its calls are recorded as ended (cause unknown), so
   * whoever waits for them (an SOS escalation, a campaign) moves on. Should the server come back
   * with a call still up, the resync adopts it again.
   */
  private endCallsOfLostServer(): void {
    const lost = this.tracker.liveChannelIds();
    if (lost.length === 0) return;
    this.logger.warn(
      { server: this.config.name, calls: lost.length },
      'AMI still down: its calls are recorded as ended',
    );
    const at = new Date();
    for (const callId of lost) this.endUnseen(callId, null, at);
  }

  /** A call that ended while AMI was away: reported with what Asterisk kept of it (or unknown). */
  private endUnseen(callId: string, kept: KeptOutcome | null, at: Date): void {
    this.pageLegs.forgetUnseen(callId);
    this.emitAll(this.tracker.endUnseen(callId, kept, at), []);
  }

  /** Lists live channels; channels that ended while AMI was away are reported with an unknown end. */
  private async resync(): Promise<void> {
    const actionId = `linli-sync-${process.pid}-${Date.now()}`;
    const listing: LiveChannel[] = [];
    this.listings.set(actionId, listing);
    const mark = this.tracker.mark();
    try {
      const complete = new Promise<void>((resolve) => {
        const onEvent = (msg: Record<string, string>) => {
          if (msg.event === 'CoreShowChannelsComplete' && msg.actionid === actionId) {
            this.ami.off('event', onEvent);
            resolve();
          }
        };
        this.ami.on('event', onEvent);
      });
      await this.ami.action({ action: 'CoreShowChannels', actionid: actionId });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([complete, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      const lost = this.tracker.resync(listing, mark);
      if (this.everConnected && lost.length > 0) {
        this.logger.warn(
          { server: this.config.name, calls: lost.length },
          'calls ended while AMI was disconnected',
        );
      }
      this.everConnected = true;
      for (const callId of lost) this.endUnseen(callId, await this.keptOutcome(callId), new Date());
    } finally {
      this.listings.delete(actionId);
    }
  }

  /**
   * Every endpoint's reachability as Asterisk's device states say it now (DeviceStateList; see
   * device-reachability.ts for why device states). Lines arrive as events, each recorded as it comes.
   */
  async listReachability(): Promise<Map<string, SpeakerReachability>> {
    const actionId = this.ami.newActionId();
    let stopListening = () => {};
    const listed = new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), 5000);
      const onEvent = (msg: Record<string, string>) => {
        if (msg.actionid === actionId && msg.event === 'DeviceStateListComplete') done();
      };
      const done = () => {
        clearTimeout(timer);
        this.ami.off('event', onEvent);
        resolve();
      };
      stopListening = done;
      this.ami.on('event', onEvent);
    });
    try {
      await this.ami.action({ action: 'DeviceStateList', actionid: actionId });
    } catch (err) {
      stopListening();
      throw err;
    }
    await listed;
    return new Map(this.reachability);
  }

  /** An endpoint's device state, from a listing or a change; a change of reachability may be told. */
  private deviceState(device: string, state: string, tell: boolean): void {
    const endpoint = endpointOfDevice(device);
    if (endpoint === null) return;
    const reachability = reachabilityOfDeviceState(state);
    if (this.reachability.get(endpoint) === reachability) return;
    this.reachability.set(endpoint, reachability);
    if (tell) this.emit('reachability', endpoint);
  }

  /** What this server last said of an endpoint's reachability. */
  reachabilityOf(endpoint: string): SpeakerReachability {
    return this.reachability.get(endpoint) ?? 'unknown';
  }

  /** The outcome the dialplan kept for an answered call (and forgets it), or null if none. */
  async keptOutcome(callId: string): Promise<KeptOutcome | null> {
    const actionId = this.ami.newActionId();
    const value = new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => done(null), 3000);
      const onEvent = (msg: Record<string, string>) => {
        if (msg.actionid !== actionId) return;
        if (msg.event === 'DBGetResponse') done(msg.val ?? null);
      };
      const done = (v: string | null) => {
        clearTimeout(timer);
        this.ami.off('event', onEvent);
        resolve(v);
      };
      this.ami.on('event', onEvent);
    });
    try {
      await this.ami.action({
        action: 'DBGet',
        actionid: actionId,
        family: KEPT_OUTCOME_FAMILY,
        key: callId,
      });
    } catch {
      return null;
    }
    const raw = await value;
    if (raw === null) return null;
    await this.ami
      .action({ action: 'DBDel', family: KEPT_OUTCOME_FAMILY, key: callId })
      .catch(() => undefined);
    return parseKeptOutcome(raw);
  }

  /** Forgets what the dialplan kept of a call linli saw end. */
  forgetKeptOutcome(callId: string): void {
    if (!this.ami.connected) return;
    this.ami.action({ action: 'DBDel', family: KEPT_OUTCOME_FAMILY, key: callId }).catch(() => undefined);
  }

  async close(): Promise<void> {
    clearTimeout(this.lostCallsTimer);
    await this.ami.close();
  }
}
