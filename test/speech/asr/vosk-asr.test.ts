import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../../src/config/env';
import { createAsrProvider } from '../../../src/speech/asr/create-asr-provider';
import { toTranscript, VoskAsr } from '../../../src/speech/asr/vosk-asr';
import { tempMedia } from '../temp-media';

describe('Vosk start-up checks', () => {
  let dir: Awaited<ReturnType<typeof tempMedia>>;
  beforeEach(async () => {
    dir = await tempMedia();
  });
  afterEach(() => dir.remove());

  it('stops start-up naming VOSK_MODEL_DIR when the model folder does not exist', async () => {
    const missing = path.join(dir.root, 'vosk-model-small-cn-0.22');
    const opening = VoskAsr.open(missing);

    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    await expect(opening).rejects.toThrow(new RegExp(`VOSK_MODEL_DIR: ${missing} is not a folder`));
  });

  it('stops start-up naming VOSK_MODEL_DIR when the folder holds no model', async () => {
    await expect(VoskAsr.open(dir.root)).rejects.toThrow(
      /VOSK_MODEL_DIR: .* holds no Vosk model \(am\/final.mdl is missing\)/,
    );
  });

  // libvosk is not installed here (no Vosk release can be downloaded), so loading the library is what fails.
  it('stops start-up when libvosk cannot be loaded, naming VOSK_LIBRARY and the model folder', async () => {
    await mkdir(path.join(dir.root, 'am'));
    await writeFile(path.join(dir.root, 'am', 'final.mdl'), '');
    const opening = VoskAsr.open(dir.root, path.join(dir.root, 'libvosk.so'));

    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    await expect(opening).rejects.toThrow(/VOSK_LIBRARY: libvosk cannot be loaded.*VOSK_MODEL_DIR=/s);
  });

  it('createAsrProvider: vosk without VOSK_MODEL_DIR is a configuration error', async () => {
    await expect(
      createAsrProvider({ ASR_PROVIDER: 'vosk', VOSK_MODEL_DIR: undefined, VOSK_LIBRARY: 'libvosk.so' }),
    ).rejects.toThrow(/VOSK_MODEL_DIR: required/);
  });

  it('createAsrProvider: without a model folder nothing is recognised, so callers fall back to keypad digits', async () => {
    const asr = await createAsrProvider({
      ASR_PROVIDER: undefined,
      VOSK_MODEL_DIR: undefined,
      VOSK_LIBRARY: 'libvosk.so',
    });
    await expect(asr.transcribe(path.join(dir.root, 'any.wav'))).resolves.toBeNull();
  });
});

describe('toTranscript', () => {
  it('joins Chinese words Vosk separates with spaces and averages the word confidences', () => {
    const transcript = toTranscript([
      {
        text: '我 要 报修',
        result: [
          { word: '我', conf: 1 },
          { word: '要', conf: 0.9 },
          { word: '报修', conf: 0.8 },
        ],
      },
      {
        text: '路灯 坏 了',
        result: [
          { word: '路灯', conf: 0.7 },
          { word: '坏', conf: 0.6 },
          { word: '了', conf: 1 },
        ],
      },
    ]);

    expect(transcript?.text).toBe('我要报修路灯坏了');
    expect(transcript?.confidence).toBeCloseTo(0.8333, 3);
  });

  it('keeps spaces between words that are not Chinese', () => {
    expect(toTranscript([{ text: 'ok 好的' }])).toEqual({ text: 'ok 好的', confidence: 0 });
  });

  it('is null when nothing was recognised', () => {
    expect(toTranscript([{ text: '' }, { text: ' ' }])).toBeNull();
  });
});
