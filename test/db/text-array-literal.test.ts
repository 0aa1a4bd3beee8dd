import { bulkSql, type BulkSql } from '../../src/db/bulk-sql';
import { textArrayLiteral } from '../../src/db/text-array-literal';
import { createTestDatabase, type TestDatabase } from '../support/database';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase('text_array');
});

afterAll(async () => {
  await testDb?.drop();
});

/** Both ways a bulk statement can go: the driver itself, and Prisma where the driver cannot be reached. */
const runners = (): [string, BulkSql][] => [
  ['the driver', bulkSql(testDb.db)],
  [
    'Prisma',
    {
      via: 'prisma',
      query: <Row>(sql: string, params: readonly unknown[]) =>
        testDb.db.$queryRawUnsafe<Row[]>(sql, ...params),
    },
  ],
];

describe('a text[] literal', () => {
  it('is read back by PostgreSQL as the very values, quotes, backslashes, commas, braces and NULL included', async () => {
    const values = [
      '东巷12号',
      'a "quoted" name',
      'back\\slash',
      'comma, and {braces}',
      '',
      'NULL',
      null,
      ' x ',
    ];
    for (const [, sql] of runners()) {
      const [row] = await sql.query<{ value: unknown }>('SELECT $1::text[] AS "value"', [
        textArrayLiteral(values),
      ]);
      expect(row?.value).toEqual(values);
    }
  });

  it('nests: a column of text[] values is a literal of literals, cast again row by row', async () => {
    const rows = [['+8613800138000', '+8657188888888'], [], ['with "quote"']];
    for (const [, sql] of runners()) {
      const stored = await sql.query<{ numbers: string[] }>(
        'SELECT u.l::text[] AS "numbers" FROM unnest($1::text[]) WITH ORDINALITY AS u(l, n) ORDER BY u.n',
        [textArrayLiteral(rows.map((numbers) => textArrayLiteral(numbers)))],
      );
      expect(stored.map((r) => r.numbers)).toEqual(rows);
    }
  });

  it('quotes plain values as they are, and escapes only in a column that needs it', () => {
    expect(textArrayLiteral(['a', '东巷 12号', ''])).toBe('{"a","东巷 12号",""}');
    expect(textArrayLiteral(['a', null])).toBe('{"a",NULL}');
    expect(textArrayLiteral(['a', 'b"c'])).toBe('{"a","b\\"c"}');
  });

  it('is {} for no values', () => {
    expect(textArrayLiteral([])).toBe('{}');
  });
});
