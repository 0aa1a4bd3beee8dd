import koffi from 'koffi';

/** Opaque handles libvosk gives out; only libvosk reads them. */
export type VoskHandle = { readonly __vosk: unique symbol };

/** The part of libvosk's C API (vosk_api.h) linli uses, typed for TypeScript. */
export interface LibVosk {
  setLogLevel(level: number): void;
  modelNew(path: string): VoskHandle | null;
  modelFree(model: VoskHandle): void;
  recognizerNew(model: VoskHandle, sampleRate: number): VoskHandle | null;
  setWords(recognizer: VoskHandle, words: number): void;
  /** Runs on koffi's worker threads: recognition never holds up calls on the event loop. */
  acceptWaveform(recognizer: VoskHandle, data: Buffer, length: number): Promise<number>;
  result(recognizer: VoskHandle): string;
  finalResult(recognizer: VoskHandle): string;
  recognizerFree(recognizer: VoskHandle): void;
}

type Fn<A extends unknown[], R> = ((...args: A) => R) & {
  async: (...args: [...A, (err: unknown, result: R) => void]) => void;
};

/** Loads libvosk (libvosk.so from Vosk's release, or a path) through koffi: no native npm build needed. */
export function loadLibVosk(library: string): LibVosk {
  const lib = koffi.load(library);
  koffi.opaque('VoskModel');
  koffi.opaque('VoskRecognizer');
  const fn = <A extends unknown[], R>(definition: string) => lib.func(definition) as Fn<A, R>;
  const acceptWaveform = fn<[VoskHandle, Buffer, number], number>(
    'int vosk_recognizer_accept_waveform(VoskRecognizer *recognizer, const uint8_t *data, int length)',
  );
  return {
    setLogLevel: fn<[number], void>('void vosk_set_log_level(int level)'),
    modelNew: fn<[string], VoskHandle | null>('VoskModel *vosk_model_new(const char *path)'),
    modelFree: fn<[VoskHandle], void>('void vosk_model_free(VoskModel *model)'),
    recognizerNew: fn<[VoskHandle, number], VoskHandle | null>(
      'VoskRecognizer *vosk_recognizer_new(VoskModel *model, float sample_rate)',
    ),
    setWords: fn<[VoskHandle, number], void>(
      'void vosk_recognizer_set_words(VoskRecognizer *recognizer, int words)',
    ),
    acceptWaveform: (recognizer, data, length) =>
      new Promise((resolve, reject) =>
        acceptWaveform.async(recognizer, data, length, (err, result) =>
          err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result),
        ),
      ),
    result: fn<[VoskHandle], string>('const char *vosk_recognizer_result(VoskRecognizer *recognizer)'),
    finalResult: fn<[VoskHandle], string>(
      'const char *vosk_recognizer_final_result(VoskRecognizer *recognizer)',
    ),
    recognizerFree: fn<[VoskHandle], void>('void vosk_recognizer_free(VoskRecognizer *recognizer)'),
  };
}
