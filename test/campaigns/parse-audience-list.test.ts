import iconv from 'iconv-lite';
import { parseAudienceList } from '../../src/campaigns/create/parse-audience-list';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('an uploaded list of numbers', () => {
  it('reads a header naming the phone and name columns, in any order', () => {
    const list = parseAudienceList(utf8('姓名,手机号\n张三,138 0013 8000\n李四,+86 139-0013-9000\n'));
    expect(list).toEqual({
      rows: [
        { row: 2, number: '+8613800138000', label: '张三' },
        { row: 3, number: '+8613900139000', label: '李四' },
      ],
      errors: [],
      duplicates: [],
    });
  });

  it('reads a list without a header: number, then label', () => {
    expect(parseAudienceList(utf8('13800138000,东巷12号\n0571-88888888\n')).rows).toEqual([
      { row: 1, number: '+8613800138000', label: '东巷12号' },
      { row: 2, number: '+8657188888888', label: '+8657188888888' },
    ]);
  });

  it('reads a GBK file saved from Chinese Excel', () => {
    const list = parseAudienceList(iconv.encode('电话,户主\r\n13800138000,王五\r\n', 'gbk'));
    expect(list.rows).toEqual([{ row: 2, number: '+8613800138000', label: '王五' }]);
  });

  it('keeps one row per number and says which rows repeated one', () => {
    const list = parseAudienceList(utf8('phone\n13800138000\n+8613800138000\n'));
    expect(list.rows).toHaveLength(1);
    expect(list.duplicates).toEqual([{ row: 3, number: '+8613800138000', firstRow: 2 }]);
  });

  it('reports each bad row with its line and reason', () => {
    const list = parseAudienceList(utf8('电话\n13800138000\n12345\n1.38E+10\n'));
    expect(list.errors.map((e) => [e.row, e.value])).toEqual([
      [3, '12345'],
      [4, '1.38E+10'],
    ]);
    expect(list.errors[1]?.reason).toMatch(/scientific notation/);
  });

  it('refuses a header without a phone column, and an empty file', () => {
    expect(parseAudienceList(utf8('姓名,地址\n张三,东巷\n')).errors[0]).toMatchObject({ field: '(header)' });
    expect(parseAudienceList(utf8('')).errors[0]).toMatchObject({ field: '(file)' });
  });
});
