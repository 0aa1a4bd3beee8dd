export interface WavAudio {
  /** 1 = integer PCM, 6 = A-law, 7 = μ-law, 3 = float. */
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  data: Buffer;
}

const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** Reads the format and sample data of a RIFF/WAVE file, such as the recordings Asterisk's MixMonitor writes. */
export function parseWav(file: Buffer): WavAudio {
  if (
    file.length < 12 ||
    file.toString('ascii', 0, 4) !== 'RIFF' ||
    file.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    throw new Error('not a WAV file');
  }
  let format: Omit<WavAudio, 'data'> | undefined;
  let offset = 12;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const tag = file.readUInt16LE(body);
      format = {
        // An extensible header carries the real format in the first two bytes of its sub-format GUID.
        formatTag: tag === WAVE_FORMAT_EXTENSIBLE && size >= 26 ? file.readUInt16LE(body + 24) : tag,
        channels: file.readUInt16LE(body + 2),
        sampleRate: file.readUInt32LE(body + 4),
        bitsPerSample: file.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data before its format');
      // Writers that stream (sox to a pipe, a recording still in progress) leave the size at 0 or 0xFFFFFFFF.
      const end = size === 0 || size === 0xffffffff ? file.length : Math.min(file.length, body + size);
      return { ...format, data: file.subarray(body, end) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file without audio data');
}
