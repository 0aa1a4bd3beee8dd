import iconv from 'iconv-lite';
import { decodeCsv } from '../../src/directory/import/decode-csv';

const text = 'village,grid\n东村,一组\n';

describe('decodeCsv', () => {
  it('reads UTF-8 as UTF-8 in auto mode', () => {
    expect(decodeCsv(Buffer.from(text, 'utf8'), 'auto')).toEqual({ ok: true, text, encoding: 'utf8' });
  });

  it('drops a UTF-8 byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(decodeCsv(bytes, 'auto')).toEqual({ ok: true, text, encoding: 'utf8' });
  });

  it('reads bytes that are not UTF-8 as GBK in auto mode', () => {
    expect(decodeCsv(iconv.encode(text, 'gbk'), 'auto')).toEqual({ ok: true, text, encoding: 'gbk' });
  });

  it('reports the line of the first bad byte when UTF-8 is asked for a GBK file', () => {
    const result = decodeCsv(iconv.encode(text, 'gbk'), 'utf8');
    expect(result).toEqual({
      ok: false,
      error: { row: 2, field: '(file)', value: '', reason: expect.stringMatching(/not valid UTF-8.*gbk/) },
    });
  });

  it('refuses UTF-16 with advice instead of decoding garbage', () => {
    const result = decodeCsv(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'auto',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toMatch(/UTF-16/);
  });

  it.each(['utf8', 'gbk'] as const)(
    'refuses a NUL in a %s file by its line, which the database cannot store',
    (encoding) => {
      const result = decodeCsv(iconv.encode('village,grid\n东村,一\u0000组\n', encoding), encoding);
      expect(result).toEqual({
        ok: false,
        error: {
          row: 2,
          field: '(file)',
          value: '',
          reason: expect.stringContaining('contains a NUL character'),
        },
      });
    },
  );

  it('refuses bytes that are neither UTF-8 nor GBK', () => {
    const result = decodeCsv(Buffer.from([0x61, 0x0a, 0x62, 0xff, 0xff, 0x0a]), 'auto');
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ row: 2, field: '(file)' }) });
  });
});
