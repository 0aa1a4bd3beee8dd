import { suggestFromTranscript } from '../../src/hotline/domain/transcript-rules';

describe('keyword rules on a transcript', () => {
  it.each([
    ['我家隔壁着火了，快来人啊', ['着火', '快来人']],
    ['楼道里煤气味很大', ['煤气']],
    ['村口有人打架，拿着棍子', ['打架']],
    ['救命，我老伴晕倒了', ['救命', '晕倒']],
    ['后山冒烟了，好像有火', ['冒烟', '火']],
  ])('%s is urgent', (text, words) => {
    expect(suggestFromTranscript(text)).toEqual({ category: 'urgent', urgent: true, matched: words });
  });

  it('is not fooled by 火 in harmless words', () => {
    expect(suggestFromTranscript('请问去县城的火车几点开')).toMatchObject({
      urgent: false,
      category: 'consultation',
    });
  });

  it('reads recogniser output with spaces between the characters', () => {
    expect(suggestFromTranscript('煤 气 泄 漏')).toMatchObject({ urgent: true, matched: ['煤气'] });
  });

  it.each([
    ['我家楼上漏水，滴到我家了', 'complaint'],
    ['请问医保需要什么材料', 'consultation'],
    ['建议在村口增加一个公交站', 'suggestion'],
    ['我们公司想办营业执照', 'business'],
  ])('%s suggests %s', (text, category) => {
    expect(suggestFromTranscript(text)).toMatchObject({ category, urgent: false });
  });

  it('suggests nothing for a message without any of the words', () => {
    expect(suggestFromTranscript('喂，喂，听得到吗')).toEqual({ category: null, urgent: false, matched: [] });
  });
});
