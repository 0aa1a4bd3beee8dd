import { Redis } from 'ioredis';
import { createLogger } from '../../../src/logging';
import { CommandValidationError } from '../../../src/sos/card-protocol';
import {
  createCardGateway,
  createRedisCommandStore,
  type CardCommandStore,
  type CardGateway,
  type CardGatewayMessage,
  type CardGatewayOptions,
  type CardMessageContext,
} from '../../../src/sos/gateway';
import { fleetImei, floodFleet, startCardFleet } from '../../../simulators/cards/card-fleet';
import { SimulatedCard, type SimulatedCardOptions } from '../../../simulators/cards/simulated-card';
import { redisTestNamespace } from './redis-test-namespace';

const KNOWN = ['863737078055392', '3707805539', '014111001332708'];
const namespace = redisTestNamespace();
const gateways: CardGateway[] = [];
const cards: SimulatedCard[] = [];

afterEach(async () => {
  await Promise.all(cards.splice(0).map((c) => c.close()));
  await Promise.all(gateways.splice(0).map((g) => g.close()));
});
afterAll(() => namespace.drop());

interface Harness {
  gateway: CardGateway;
  store: CardCommandStore;
  keyPrefix: string;
  messages: Array<{ message: CardGatewayMessage; context: CardMessageContext }>;
  card(imei: string, options?: Partial<SimulatedCardOptions>): Promise<SimulatedCard>;
}

let gatewaysStarted = 0;

/** Each test gets its own Redis keys unless it passes `keyPrefix` to share them (a restart). */
async function startGateway(
  overrides: Partial<CardGatewayOptions> = {},
  keyPrefix = `${namespace.keyPrefix}:${++gatewaysStarted}`,
): Promise<Harness> {
  const messages: Harness['messages'] = [];
  const store = createRedisCommandStore({ redis: namespace.redis, keyPrefix });
  const gateway = await createCardGateway({
    host: '127.0.0.1',
    port: 0,
    isKnownDevice: async (imei) => KNOWN.includes(imei),
    onMessage: async (message, context) => void messages.push({ message, context }),
    commandStore: store,
    logger: createLogger('silent'),
    ...overrides,
  });
  gateways.push(gateway);
  return {
    gateway,
    store,
    keyPrefix,
    messages,
    async card(imei, options = {}) {
      const card = new SimulatedCard({ host: '127.0.0.1', port: gateway.address.port, imei, ...options });
      cards.push(card);
      await card.connect();
      return card;
    },
  };
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('card gateway over loopback TCP', () => {
  it('answers a heartbeat with LK and passes it on', async () => {
    const { card, messages } = await startGateway();
    const elder = await card('3707805539', { battery: 64, steps: 812 });
    const reply = await elder.heartbeatAndWait();
    expect(reply).toEqual({ vendor: '3G', deviceId: '3707805539', content: Buffer.from('LK') });
    await eventually(() => messages.length === 1);
    expect(messages[0]!.message).toEqual({
      kind: 'heartbeat',
      header: { vendor: '3G', deviceId: '3707805539' },
      health: { steps: 812, rolls: 0, battery: 64 },
    });
    expect(messages[0]!.context.imei).toBe('3707805539');
  });

  it('answers index-field vendors with their own index', async () => {
    const { card } = await startGateway();
    const elder = await card('014111001332708', { vendor: 'ZJ', useIndex: true });
    elder.sendInit();
    expect(await elder.heartbeatAndWait()).toEqual({
      vendor: 'ZJ',
      deviceId: '014111001332708',
      index: '0002',
      content: Buffer.from('LK'),
    });
  });

  it('delivers an SOS alarm with the SOS flag before answering AL, and runs the SOS hook', async () => {
    const order: string[] = [];
    const { card, messages } = await startGateway({
      onMessage: async (message, context) => {
        await new Promise((r) => setTimeout(r, 50));
        order.push(`onMessage:${message.kind}`);
        messages.push({ message, context });
      },
    });
    const elder = await card('863737078055392', {
      path: [{ lat: 29.868336, lon: 121.54399 }],
      onSosPress: () => void order.push('sip-call-placed'),
    });
    await elder.pressSos();
    order.push('AL-answered');

    expect(order).toEqual(['sip-call-placed', 'onMessage:alarm', 'AL-answered']);
    const alarm = messages[0]!.message;
    expect(alarm.kind).toBe('alarm');
    if (alarm.kind !== 'alarm') return;
    expect(alarm.report.status.alarms.sos).toBe(true);
    expect(alarm.report).toMatchObject({ latitude: 29.868336, longitude: 121.54399, gpsValid: true });
  });

  it('leaves an alarm unanswered when onMessage fails, so the card sends it again', async () => {
    let failures = 1;
    const { card, gateway } = await startGateway({
      onMessage: async () => {
        if (failures-- > 0) throw new Error('queue unavailable');
      },
    });
    const elder = await card('863737078055392');
    await expect(elder.pressSos(300)).rejects.toThrow(/no matching frame/);
    await elder.pressSos();
    expect(gateway.stats().handlerErrors).toBe(1);
  });

  it('delivers and answers an SOS even when Redis is unreachable', async () => {
    // A real client pointed at a loopback port where nothing listens: every command fails fast.
    const unreachable = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    unreachable.on('error', () => undefined);
    try {
      const { card, messages } = await startGateway({
        commandStore: createRedisCommandStore({ redis: unreachable, keyPrefix: 'unused' }),
      });
      const elder = await card('863737078055392');
      await elder.pressSos();
      expect(messages.map((m) => m.message.kind)).toEqual(['alarm']);
    } finally {
      unreachable.disconnect();
    }
  });

  it('delivers a malformed alarm as invalid and still answers it', async () => {
    const { card, messages } = await startGateway();
    const elder = await card('3707805539');
    const answered = elder.waitForNextFrame((f) => f.content.toString() === 'AL');
    elder.write(elder.frame('AL,220324,031610,A,30.2,N,120.1,E,0,0,0,9,80,175,0,0,00010000'));
    await answered;
    expect(messages[0]!.message).toMatchObject({
      kind: 'invalid',
      keyword: 'AL',
      problem: { field: 'battery' },
    });
  });

  it('reads and answers vendors whose frames carry a wrong length', async () => {
    const { card, messages } = await startGateway();
    const zj = await card('014111001332708', { vendor: 'ZJ', useIndex: true, misstateLength: true });
    expect((await zj.heartbeatAndWait()).content.toString()).toBe('LK');
    await zj.raiseAlarm({ sos: true });
    const sg = await card('863737078055392', { vendor: 'SG', misstateLength: true, statusWordDigits: 4 });
    await sg.pressSos();
    await eventually(() => messages.length === 3);
    expect(messages.map((m) => [m.message.kind, m.message.header.vendor])).toEqual([
      ['heartbeat', 'ZJ'],
      ['alarm', 'ZJ'],
      ['alarm', 'SG'],
    ]);
    for (const { message } of messages.slice(1)) {
      expect(message.kind === 'alarm' && message.report.status.alarms.sos).toBe(true);
    }
  });

  it('answers frames it does not act on, so the card does not send them again', async () => {
    const { card, gateway } = await startGateway();
    const elder = await card('3707805539');
    const replies = ['TKQ', 'TKQ2', 'BLOOD', 'PULSE', 'INIT,1'].map((content) =>
      elder.waitForNextFrame((f) => f.content.toString() === content),
    );
    for (const content of ['TKQ', 'TKQ2', 'BLOOD,120,80', 'PULSE,72', 'INIT,13800000199,1,V2']) {
      elder.write(elder.frame(content));
    }
    await Promise.all(replies);
    elder.write(elder.frame('UD,220324,031502,A,30.1,N,120.2,E,0,0,0,4,50,60,0,0,00000000'));
    await elder.heartbeatAndWait();
    expect(elder.received.map((f) => f.content.toString())).toEqual([
      'TKQ',
      'TKQ2',
      'BLOOD',
      'PULSE',
      'INIT,1',
      'LK',
    ]);
    expect(gateway.stats().repliesSent).toBe(6);
  });

  it('keeps an alarm whose Wi-Fi MAC is empty, without that access point', async () => {
    const { card, gateway, messages } = await startGateway();
    const elder = await card('3707805539');
    const answered = elder.waitForNextFrame((f) => f.content.toString() === 'AL');
    elder.write(
      elder.frame(
        'AL,220324,031610,V,0,N,0,E,0,0,0,0,80,75,0,0,0001,0,0,2,home,,-50,cafe,a4:2b:b0:11:22:33,-61',
      ),
    );
    await answered;
    const alarm = messages[0]!.message;
    expect(alarm.kind).toBe('alarm');
    expect(alarm.kind === 'alarm' && alarm.report.wifi).toEqual([
      { ssid: 'cafe', mac: 'a4:2b:b0:11:22:33', rssi: -61 },
    ]);
    expect(gateway.stats()).toMatchObject({ invalidMessages: 0, fieldsDropped: 1 });
  });

  it('refuses a card whose IMEI is not registered', async () => {
    const { card, gateway, messages } = await startGateway();
    const stranger = await card('999999999999999');
    stranger.sendHeartbeat();
    await stranger.closed;
    expect(stranger.received).toEqual([]);
    expect(messages).toEqual([]);
    expect(gateway.stats()).toMatchObject({ unknownDevicesRefused: 1, connections: 0 });
  });

  it('replaces the old connection when the same card connects again', async () => {
    const { card, gateway } = await startGateway();
    const first = await card('3707805539');
    await first.heartbeatAndWait();
    const second = await card('3707805539');
    await second.heartbeatAndWait();
    await first.closed;
    expect(gateway.stats()).toMatchObject({ connections: 1, connectionsReplaced: 1 });

    const delivery = await gateway.sendCommand('3707805539', { type: 'locate-now' });
    expect(delivery.status).toBe('sent');
    await second.waitForFrame((f) => f.content.toString() === 'CR');
  });

  it('sends a command at once to a connected card and forgets it once the card confirms', async () => {
    const { card, gateway, store } = await startGateway();
    const elder = await card('3707805539');
    await elder.heartbeatAndWait();
    const delivery = await gateway.sendCommand('3707805539', {
      type: 'set-phonebook',
      entries: [
        { number: '13800138000', name: '女儿' },
        { number: '13900139000', name: '村医王大夫' },
      ],
    });
    expect(delivery.status).toBe('sent');
    await eventually(() => elder.settings.phonebook.length === 2);
    expect(elder.settings.phonebook[1]).toEqual({ number: '13900139000', name: '村医王大夫' });
    await eventually(async () => (await store.pending('3707805539')).length === 0);
    expect(gateway.stats()).toMatchObject({ commandsSent: 1, commandsAcknowledged: 1 });
  });

  it('queues a command while the card is offline and delivers it after a gateway restart', async () => {
    const first = await startGateway();
    const delivery = await first.gateway.sendCommand('863737078055392', {
      type: 'set-sos-numbers',
      numbers: ['13800138000', '13900139000'],
    });
    expect(delivery.status).toBe('queued');
    await first.gateway.close();

    const restarted = await startGateway({}, first.keyPrefix);
    const elder = await restarted.card('863737078055392');
    await elder.heartbeatAndWait();
    await eventually(() => elder.settings.sosNumbers.length > 0);
    expect(elder.settings.sosNumbers).toEqual(['13800138000', '13900139000', '']);
    await eventually(() => restarted.gateway.stats().commandsAcknowledged === 1);
  });

  it('sends an unconfirmed command again when the card reconnects', async () => {
    const { card, gateway, store } = await startGateway();
    const silent = await card('3707805539', { acknowledgeCommands: false });
    await silent.heartbeatAndWait();
    await gateway.sendCommand('3707805539', { type: 'set-upload-interval', seconds: 300 });
    await silent.waitForFrame((f) => f.content.toString() === 'UPLOAD,300');
    await silent.heartbeatAndWait();
    expect(silent.received.filter((f) => f.content.toString() === 'UPLOAD,300')).toHaveLength(1);
    await silent.close();

    const confirming = await card('3707805539');
    await confirming.heartbeatAndWait();
    await eventually(() => confirming.settings.uploadIntervalSeconds === 300);
    await eventually(async () => (await store.pending('3707805539')).length === 0);
  });

  it('serves a fleet of cards at once', async () => {
    const fleetImeis = Array.from({ length: 300 }, (_, i) => fleetImei('86373707', i + 1));
    const { gateway, messages } = await startGateway({
      isKnownDevice: async (imei) => fleetImeis.includes(imei),
    });
    const fleet = await startCardFleet({ host: '127.0.0.1', port: gateway.address.port, count: 300 });
    cards.push(...fleet.cards);
    expect(gateway.stats().connections).toBe(300);
    const result = await floodFleet(fleet, 300, 4);
    await eventually(() => gateway.stats().framesReceived === 600 + result.framesSent);
    expect(result.burstsAnswered * 4).toBe(result.framesSent);
    expect(messages.filter((m) => m.message.kind === 'position')).toHaveLength(result.burstsAnswered * 3);
  });

  it('rejects a bad command with a clear error and queues nothing', async () => {
    const { gateway, store } = await startGateway();
    await expect(
      gateway.sendCommand('3707805539', { type: 'set-upload-interval', seconds: 1 }),
    ).rejects.toThrow(CommandValidationError);
    expect(await store.pending('3707805539')).toEqual([]);
  });

  it('counts frames and the bytes it had to skip', async () => {
    const { card, gateway } = await startGateway();
    const elder = await card('3707805539');
    elder.sendInit();
    elder.write(Buffer.from('AT+CSQ\r\n'));
    elder.sendPosition();
    await elder.heartbeatAndWait();
    await eventually(() => gateway.stats().framesReceived === 3);
    expect(gateway.stats()).toMatchObject({
      connections: 1,
      decodeErrors: 1,
      skippedBytes: 8,
      decodeErrorsByReason: { garbage: 1 },
    });
  });

  it('closes connections that stay silent past the idle timeout', async () => {
    const { card, gateway } = await startGateway({ idleTimeoutMs: 150 });
    const elder = await card('3707805539');
    await elder.heartbeatAndWait();
    await elder.closed;
    expect(gateway.stats()).toMatchObject({ idleTimeouts: 1, connections: 0 });
  });

  it('closes every card connection on close()', async () => {
    const { card, gateway } = await startGateway();
    const elder = await card('3707805539');
    await elder.heartbeatAndWait();
    await gateway.close();
    gateways.splice(gateways.indexOf(gateway), 1);
    await elder.closed;
  });
});
