import type { CallEvent, EndedCallRecord, InboundCall, SpeakerReachabilityChange } from './call-events';
import type { CallControl, PlacedCall, Unsubscribe } from './call-control';
import { CallNotFound } from './errors/call-not-found';
import { InvalidCallRequest } from './errors/invalid-call-request';
import type { GatherRequest } from './verbs/gather';
import type { NotifyRequest } from './verbs/notify';
import type { PageRequest, SpeakerReachability } from './verbs/page';
import type { RecordRequest } from './verbs/record';
import type { SayRequest } from './verbs/say';
import type { TellRequest } from './verbs/tell';

/** A driver and the trunks it carries. */
export interface RoutedDriver {
  port: CallControl;
  trunks: readonly string[];
  /** Whether this driver can page loudspeakers (the first that can takes every page). */
  pages: boolean;
}

/**
 * Several drivers behind one port, side by side: a call is placed by the driver of its trunk, and a
 * verb on a live call goes to the driver that carries it, so a campaign's calls may go out on an
 * Asterisk trunk and a Twilio trunk alike and a capability never knows which.
 */
export class TrunkRoutedCallControl implements CallControl {
  private readonly byTrunk = new Map<string, CallControl>();

  constructor(private readonly drivers: readonly RoutedDriver[]) {
    for (const driver of drivers) for (const trunk of driver.trunks) this.byTrunk.set(trunk, driver.port);
  }

  async notify(request: NotifyRequest): Promise<PlacedCall> {
    const port = this.byTrunk.get(request.trunk);
    if (!port) throw new InvalidCallRequest(`unknown trunk "${request.trunk}"`);
    return port.notify(request);
  }

  async page(request: PageRequest): Promise<PlacedCall> {
    const driver = this.drivers.find((d) => d.pages) ?? this.drivers[0];
    if (!driver) throw new InvalidCallRequest('page: no telephony driver');
    return driver.port.page(request);
  }

  /** Asked of the driver that pages (a cloud carrier has no loudspeakers). */
  async speakerReachability(speakers: readonly string[]): Promise<Record<string, SpeakerReachability>> {
    const driver = this.drivers.find((d) => d.pages);
    return driver?.port.speakerReachability ? driver.port.speakerReachability(speakers) : {};
  }

  onSpeakerReachability(listener: (change: SpeakerReachabilityChange) => void): Unsubscribe {
    const driver = this.drivers.find((d) => d.pages);
    return driver?.port.onSpeakerReachability?.(listener) ?? (() => undefined);
  }

  async say(callId: string, request: SayRequest): Promise<void> {
    return this.carrier(callId).say(callId, request);
  }

  async tell(callId: string, request: TellRequest): Promise<void> {
    return this.carrier(callId).tell(callId, request);
  }

  async gather(callId: string, request: GatherRequest): Promise<void> {
    return this.carrier(callId).gather(callId, request);
  }

  async record(callId: string, request: RecordRequest): Promise<void> {
    return this.carrier(callId).record(callId, request);
  }

  async bridge(callIdA: string, callIdB: string): Promise<void> {
    const port = this.carrier(callIdA);
    if (!port.isLive(callIdB)) {
      if (this.isLive(callIdB)) {
        throw new InvalidCallRequest('bridge: the two calls are carried by different telephony engines');
      }
      throw new CallNotFound(callIdB);
    }
    await port.bridge(callIdA, callIdB);
  }

  async hangup(callId: string, q850?: number): Promise<void> {
    return this.carrier(callId).hangup(callId, q850);
  }

  isLive(callId: string): boolean {
    return this.drivers.some((d) => d.port.isLive(callId));
  }

  async recoverEndedCall(callId: string): Promise<EndedCallRecord | null> {
    for (const driver of this.drivers) {
      const record = await driver.port.recoverEndedCall(callId);
      if (record) return record;
    }
    return null;
  }

  channelsInUse(trunk: string): number {
    return this.byTrunk.get(trunk)?.channelsInUse(trunk) ?? 0;
  }

  onCallEvent(listener: (event: CallEvent) => void): Unsubscribe {
    const stops = this.drivers.map((d) => d.port.onCallEvent(listener));
    return () => stops.forEach((stop) => stop());
  }

  onInboundCall(listener: (call: InboundCall) => void): Unsubscribe {
    const stops = this.drivers.map((d) => d.port.onInboundCall(listener));
    return () => stops.forEach((stop) => stop());
  }

  status(): { server: string; connected: boolean }[] {
    return this.drivers.flatMap((d) => d.port.status());
  }

  async close(): Promise<void> {
    await Promise.all(this.drivers.map((d) => d.port.close()));
  }

  /** The driver that carries a live call; a verb on a call none carries is CallNotFound. */
  private carrier(callId: string): CallControl {
    const driver = this.drivers.find((d) => d.port.isLive(callId));
    if (!driver) throw new CallNotFound(callId);
    return driver.port;
  }
}
