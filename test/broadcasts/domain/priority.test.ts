import { meetsFloor, preempts } from '../../../src/broadcasts/domain/priority';

describe('priority', () => {
  it('an emergency stops a normal or important broadcast on the same speaker', () => {
    expect(preempts('emergency', 'normal')).toBe(true);
    expect(preempts('emergency', 'important')).toBe(true);
    expect(preempts('important', 'normal')).toBe(true);
  });

  it('two emergencies queue: neither stops the other', () => {
    expect(preempts('emergency', 'emergency')).toBe(false);
    expect(preempts('normal', 'emergency')).toBe(false);
  });

  it('a speaker with an important floor plays important and emergency broadcasts only', () => {
    expect(meetsFloor('normal', 'important')).toBe(false);
    expect(meetsFloor('important', 'important')).toBe(true);
    expect(meetsFloor('emergency', 'important')).toBe(true);
  });
});
