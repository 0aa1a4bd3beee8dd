import { InvalidSpeakerMessage } from '../../../src/broadcasts/mqtt/invalid-speaker-message';
import {
  buildSpeakerCommand,
  buildSpeakerHeartbeat,
  buildSpeakerStatus,
  parseSpeakerCommand,
  parseSpeakerHeartbeat,
  parseSpeakerPresence,
  parseSpeakerStatus,
  parseSpeakerTopic,
  speakerTopics,
  SPEAKER_REPORT_SUBSCRIPTIONS,
  type PlayCommand,
} from '../../../src/broadcasts/mqtt/speaker-protocol';

const SHA = 'a'.repeat(64);
const play: PlayCommand = {
  type: 'play',
  deliveryId: 'd-1',
  broadcastId: 'b-1',
  audioUrl: 'http://127.0.0.1:8080/broadcast-audio/b-1.wav',
  sha256: SHA,
  priority: 'emergency',
  volume: 80,
  expiresAt: new Date('2026-12-03T08:00:00Z'),
};

describe('speaker topics', () => {
  it('names the four topics of a speaker under linli/speakers/<deviceId>', () => {
    expect(speakerTopics('spk-01_A')).toEqual({
      command: 'linli/speakers/spk-01_A/command',
      status: 'linli/speakers/spk-01_A/status',
      online: 'linli/speakers/spk-01_A/online',
      heartbeat: 'linli/speakers/spk-01_A/heartbeat',
    });
  });

  it('refuses device ids that would break out of the topic (wildcards, slashes, empty)', () => {
    for (const id of ['a/b', '+', '#', '', 'spk 1', '-lead']) {
      expect(() => speakerTopics(id)).toThrow(InvalidSpeakerMessage);
    }
  });

  it('reads back the device and channel from a topic, and ignores foreign topics', () => {
    expect(parseSpeakerTopic('linli/speakers/spk-7/status')).toEqual({
      deviceId: 'spk-7',
      channel: 'status',
    });
    expect(parseSpeakerTopic('linli/speakers/spk-7/online')).toEqual({
      deviceId: 'spk-7',
      channel: 'online',
    });
    expect(parseSpeakerTopic('linli/speakers/spk-7/other')).toBeNull();
    expect(parseSpeakerTopic('other/speakers/spk-7/status')).toBeNull();
    expect(parseSpeakerTopic('linli/speakers/spk-7/status/extra')).toBeNull();
  });

  it('subscribes to every speaker’s status, presence and heartbeat, never to commands', () => {
    expect([...SPEAKER_REPORT_SUBSCRIPTIONS].sort()).toEqual([
      'linli/speakers/+/heartbeat',
      'linli/speakers/+/online',
      'linli/speakers/+/status',
    ]);
  });
});

describe('commands linli sends', () => {
  it('builds a play command with the expiry in ISO and version 1', () => {
    expect(JSON.parse(buildSpeakerCommand(play))).toEqual({
      v: 1,
      type: 'play',
      deliveryId: 'd-1',
      broadcastId: 'b-1',
      audioUrl: play.audioUrl,
      sha256: SHA,
      priority: 'emergency',
      volume: 80,
      expiresAt: '2026-12-03T08:00:00.000Z',
    });
  });

  it('builds a stop command', () => {
    expect(JSON.parse(buildSpeakerCommand({ type: 'stop', deliveryId: 'd-1' }))).toEqual({
      v: 1,
      type: 'stop',
      deliveryId: 'd-1',
    });
  });

  it.each([
    ['volume above 100', { volume: 101 }, /volume/],
    ['fractional volume', { volume: 50.5 }, /volume/],
    ['upper-case or short sha256', { sha256: 'ABC' }, /sha256/],
    ['a non-http URL', { audioUrl: 'file:///etc/passwd' }, /audioUrl/],
    ['an unknown priority', { priority: 'urgent' as PlayCommand['priority'] }, /priority/],
    ['an invalid expiry', { expiresAt: new Date('nope') }, /expiresAt/],
    ['an empty delivery id', { deliveryId: '' }, /deliveryId/],
  ])('refuses to build a play command with %s', (_what, change, message) => {
    expect(() => buildSpeakerCommand({ ...play, ...change })).toThrow(message);
  });

  it('round-trips through the device-side parser', () => {
    expect(parseSpeakerCommand(buildSpeakerCommand(play))).toEqual({ ok: true, value: play });
    expect(parseSpeakerCommand(buildSpeakerCommand({ type: 'stop', deliveryId: 'd-9' }))).toEqual({
      ok: true,
      value: { type: 'stop', deliveryId: 'd-9' },
    });
  });

  it('names every missing field of a broken play command', () => {
    const result = parseSpeakerCommand('{"v":1,"type":"play","deliveryId":"d-1"}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual(
      ['audioUrl', 'broadcastId', 'expiresAt', 'priority', 'sha256'].sort(),
    );
  });
});

describe('status reports from speakers', () => {
  it('parses what linli’s own builder writes', () => {
    const status = {
      deliveryId: 'd-1',
      state: 'finished' as const,
      at: new Date('2026-12-03T07:00:05Z'),
      secondsPlayed: 4.5,
    };
    expect(parseSpeakerStatus(buildSpeakerStatus(status))).toEqual({ ok: true, value: status });
  });

  it('accepts a firmware’s quirks: numbers as strings, capitals, epoch seconds, extra fields, no v', () => {
    const result = parseSpeakerStatus(
      Buffer.from(
        JSON.stringify({
          deliveryId: 12345,
          state: ' Started ',
          at: 1796281200,
          secondsPlayed: '0',
          rssi: -71,
          fw: '2.3.1',
        }),
      ),
    );
    expect(result).toEqual({
      ok: true,
      value: { deliveryId: '12345', state: 'started', at: new Date(1796281200 * 1000), secondsPlayed: 0 },
    });
  });

  it('reads a local time without an offset as China time, and epoch milliseconds as such', () => {
    const local = parseSpeakerStatus(
      '{"v":"1","deliveryId":"d","state":"refused","at":"2026-12-03 15:00:00"}',
    );
    expect(local.ok && local.value.at.toISOString()).toBe('2026-12-03T07:00:00.000Z');
    const ms = parseSpeakerStatus(
      '{"deliveryId":"d","state":"failed","at":"1796281200123","reason":"http 404"}',
    );
    expect(ms.ok && ms.value).toEqual({
      deliveryId: 'd',
      state: 'failed',
      at: new Date(1796281200123),
      reason: 'http 404',
    });
  });

  it('keeps the device’s reason, cut to a loggable length', () => {
    const result = parseSpeakerStatus(
      JSON.stringify({
        deliveryId: 'd',
        state: 'refused',
        at: '2026-12-03T07:00:00Z',
        reason: 'x'.repeat(500),
      }),
    );
    expect(result.ok && result.value.reason?.length).toBe(201);
  });

  it.each([
    ['not JSON', 'started', '(payload)', /not JSON/],
    ['a JSON array', '[1,2]', '(payload)', /object/],
    [
      'an unknown state',
      '{"deliveryId":"d","state":"playing","at":"2026-12-03T07:00:00Z"}',
      'state',
      /started/,
    ],
    ['a missing deliveryId', '{"state":"started","at":"2026-12-03T07:00:00Z"}', 'deliveryId', /missing/],
    ['a garbage date', '{"deliveryId":"d","state":"started","at":"yesterday"}', 'at', /date/],
    [
      'negative seconds',
      '{"deliveryId":"d","state":"finished","at":1,"secondsPlayed":-3}',
      'secondsPlayed',
      /from 0/,
    ],
    ['a future version', '{"v":2,"deliveryId":"d","state":"started","at":1}', 'v', /version 2/],
    ['an id with a slash', '{"deliveryId":"a/b","state":"started","at":1}', 'deliveryId', /identifier/],
  ])('refuses %s with the field and reason, without throwing', (_what, payload, field, reason) => {
    const result = parseSpeakerStatus(payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.field === field);
    expect(problem?.reason).toMatch(reason);
  });

  it('refuses an oversized frame before parsing it', () => {
    const result = parseSpeakerStatus(`{"reason":"${'x'.repeat(20000)}"}`);
    expect(result).toEqual({
      ok: false,
      problems: [{ field: '(payload)', reason: expect.stringMatching(/larger/) }],
    });
  });
});

describe('presence and heartbeats', () => {
  it.each([
    ['online', 'online'],
    ['OFFLINE', 'offline'],
    [' "online" ', 'online'],
    ['1', 'online'],
    ['false', 'offline'],
    ['{"status":"Online","ts":1}', 'online'],
    ['{"state":"offline"}', 'offline'],
  ])('reads presence %j as %s', (payload, presence) => {
    expect(parseSpeakerPresence(Buffer.from(payload))).toEqual({ ok: true, value: presence });
  });

  it('refuses presence it cannot read', () => {
    for (const payload of ['', 'maybe', '{"status":', '{}']) {
      expect(parseSpeakerPresence(payload).ok).toBe(false);
    }
  });

  it('round-trips a heartbeat and refuses one without a time', () => {
    const at = new Date('2026-12-03T07:00:00Z');
    expect(parseSpeakerHeartbeat(buildSpeakerHeartbeat({ at }))).toEqual({ ok: true, value: { at } });
    expect(parseSpeakerHeartbeat('{"v":1}')).toEqual({
      ok: false,
      problems: [{ field: 'at', reason: 'missing' }],
    });
  });
});
