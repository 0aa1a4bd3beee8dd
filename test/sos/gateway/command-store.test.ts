import { encodeCommand } from '../../../src/sos/card-protocol';
import { CommandQueueFullError, createRedisCommandStore } from '../../../src/sos/gateway';
import { redisTestNamespace } from './redis-test-namespace';

const namespace = redisTestNamespace();
afterAll(() => namespace.drop());

const store = (maxPendingPerCard?: number) =>
  createRedisCommandStore({
    redis: namespace.redis,
    keyPrefix: namespace.keyPrefix,
    ...(maxPendingPerCard ? { maxPendingPerCard } : {}),
  });

describe('Redis card command store', () => {
  it('keeps commands per card, oldest first, bytes intact', async () => {
    const commands = store();
    const phonebook = encodeCommand({
      type: 'set-phonebook',
      entries: [{ number: '13800138000', name: '王阿姨' }],
      nameEncoding: 'gbk',
    });
    await commands.enqueue('863737078055392', encodeCommand({ type: 'locate-now' }));
    await commands.enqueue('863737078055392', phonebook);
    await commands.enqueue('3707805539', encodeCommand({ type: 'set-upload-interval', seconds: 60 }));

    const pending = await commands.pending('863737078055392');
    expect(pending.map((c) => c.keyword)).toEqual(['CR', 'PHB']);
    expect(pending[1]!.content).toEqual(phonebook[0]!.content);
    expect((await commands.pending('3707805539')).map((c) => c.keyword)).toEqual(['UPLOAD']);
  });

  it('survives a new store instance (another gateway process)', async () => {
    await store().enqueue(
      '111111111111111',
      encodeCommand({ type: 'set-sos-number', slot: 1, number: '110' }),
    );
    expect((await store().pending('111111111111111')).map((c) => c.content.toString())).toEqual(['SOS1,110']);
  });

  it('removes only the oldest command the acknowledgement names', async () => {
    const commands = store();
    const imei = '222222222222222';
    const [first] = await commands.enqueue(imei, encodeCommand({ type: 'set-upload-interval', seconds: 60 }));
    await commands.enqueue(imei, encodeCommand({ type: 'locate-now' }));
    await commands.enqueue(imei, encodeCommand({ type: 'set-upload-interval', seconds: 120 }));

    expect((await commands.acknowledge(imei, 'UPLOAD'))?.id).toBe(first!.id);
    expect(await commands.acknowledge(imei, 'SOS')).toBeNull();
    expect((await commands.pending(imei)).map((c) => c.content.toString())).toEqual(['CR', 'UPLOAD,120']);
  });

  it('refuses, whole, a command that would overfill a card queue', async () => {
    const commands = store(2);
    const imei = '333333333333333';
    const entries = Array.from({ length: 6 }, (_, i) => ({ number: `1380013800${i}`, name: `n${i}` }));
    await commands.enqueue(imei, encodeCommand({ type: 'locate-now' }));
    await expect(commands.enqueue(imei, encodeCommand({ type: 'set-phonebook', entries }))).rejects.toThrow(
      CommandQueueFullError,
    );
    expect((await commands.pending(imei)).map((c) => c.keyword)).toEqual(['CR']);
  });
});
