import { sosEscalationMessage, sosLocationMessage } from '../../../src/sos/domain';
import { spokenSentences } from '../../../src/sos/incidents/spoken-sentences';

describe('SOS messages cut into sentences for rendering', () => {
  it('keeps each sentence whole with its full stop, and loses no word', () => {
    const at = Date.parse('2026-05-06T07:20:00Z');
    const message = sosEscalationMessage(
      { elderName: '张秀兰', pressedAt: at, locationWords: '东巷12号附近' },
      true,
      at,
    );
    const sentences = spokenSentences(message);
    expect(sentences).toEqual([
      '紧急求助：张秀兰老人于下午三点二十分按下了求助键，位置在东巷12号附近。',
      '按1立即接通老人，按2表示无法前往。',
    ]);
    expect(sentences.join('')).toBe(message);
  });

  it('cuts the location message into its three sentences', () => {
    const sentences = spokenSentences(
      sosLocationMessage({ elderName: '张秀兰', locationWords: '东巷12号附近' }),
    );
    expect(sentences).toEqual([
      '张秀兰老人目前无法接通，请立即前往。',
      '位置在东巷12号附近。',
      '再说一遍，位置在东巷12号附近。',
    ]);
  });

  it('keeps a message without a full stop as it is', () => {
    expect(spokenSentences('请按1')).toEqual(['请按1']);
    expect(spokenSentences('')).toEqual([]);
  });
});
