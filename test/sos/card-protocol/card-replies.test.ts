import { replyFor } from '../../../src/sos/card-protocol';

describe('the reply each frame expects', () => {
  it.each([
    ['LK', 'LK'],
    ['AL', 'AL'],
    ['AL_LTE', 'AL'],
    ['INIT', 'INIT,1'],
    ['TKQ', 'TKQ'],
    ['TKQ2', 'TKQ2'],
    ['TK', 'TK,1'],
    ['JXTK', 'JXTKR,1'],
    ['BLOOD', 'BLOOD'],
    ['PULSE', 'PULSE'],
    ['bphrt', 'bphrt'],
    ['btemp2', 'btemp2'],
  ])('%s is answered with %s', (keyword, reply) => {
    expect(replyFor(keyword)).toBe(reply);
  });

  it.each(['UD', 'UD2', 'UD_LTE', 'WT', 'CR', 'SOS', 'SOS1', 'PHB', 'UPLOAD', 'XYZ'])(
    '%s expects no answer: an echo of our own command would read as a new command',
    (keyword) => {
      expect(replyFor(keyword)).toBeNull();
    },
  );
});
