import { z } from 'zod';
import { UnreadableJsonError, VersionedJson, VersionedJsonList } from '../../src/db/versioned-json';

/** A column that went through two versions: v2 split `name` into given and family names. */
const person = VersionedJson.first('Test.person', z.object({ name: z.string() })).next(
  z.object({ given: z.string(), family: z.string() }),
  ({ name }) => ({ family: name.slice(0, 1), given: name.slice(1) }),
);

function readError(read: () => unknown): UnreadableJsonError {
  try {
    read();
  } catch (error) {
    if (error instanceof UnreadableJsonError) return error;
    throw error;
  }
  throw new Error('expected the value to be unreadable');
}

describe('VersionedJson', () => {
  it('reads a value written before versioning as version 1 and upgrades it', () => {
    expect(person.read('row-1', { name: '王秀英' })).toEqual({ family: '王', given: '秀英' });
  });

  it('reads a value of the current version as it is', () => {
    expect(person.read('row-1', { version: 2, given: '秀英', family: '王' })).toEqual({
      given: '秀英',
      family: '王',
    });
  });

  it('writes the current version, and what it writes reads back the same', () => {
    const written = person.write({ given: '建国', family: '王' });
    expect(written).toEqual({ given: '建国', family: '王', version: 2 });
    expect(person.read('row-2', JSON.parse(JSON.stringify(written)))).toEqual({
      given: '建国',
      family: '王',
    });
  });

  it('refuses to write a value its own schema would not read back', () => {
    expect(() => person.write({ given: '建国' } as never)).toThrow(
      /Test\.person would be written unreadable: family/,
    );
  });

  it('names the column, the row and the field of an unreadable value', () => {
    const error = readError(() => person.read('row-9', { version: 2, given: '秀英', family: 7 }));
    expect(error.column).toBe('Test.person');
    expect(error.rowId).toBe('row-9');
    expect(error.message).toMatch(/^Test\.person of row row-9 cannot be read: as version 2: family: /);
  });

  it('refuses a value written by a newer deploy instead of guessing', () => {
    expect(readError(() => person.read('row-3', { version: 3, fullName: '王秀英' })).problem).toBe(
      'version 3 was written by a newer deploy; this one reads up to 2',
    );
  });

  it('refuses what is not an object or has no usable version', () => {
    expect(readError(() => person.read('r', '王秀英')).problem).toBe('expected an object, found a string');
    expect(readError(() => person.read('r', null)).problem).toBe('expected an object, found null');
    expect(readError(() => person.read('r', { version: '2' })).problem).toMatch(/not a version number/);
  });

  it('reports an upgrade whose result the next version does not accept', () => {
    const broken = VersionedJson.first('Test.broken', z.object({ n: z.number() })).next(
      z.object({ n: z.string() }),
      () => ({ n: 1 as unknown as string }),
    );
    expect(readError(() => broken.read('r', { n: 1 })).problem).toMatch(
      /^after the upgrade to version 2: n: /,
    );
  });
});

describe('VersionedJsonList', () => {
  const list = new VersionedJsonList(person);

  it('reads entries of different versions side by side, as appended by successive deploys', () => {
    expect(list.read('row-1', [{ name: '王秀英' }, { version: 2, given: '建国', family: '王' }])).toEqual([
      { family: '王', given: '秀英' },
      { given: '建国', family: '王' },
    ]);
  });

  it('names the entry that cannot be read', () => {
    expect(readError(() => list.read('row-1', [{ name: '王秀英' }, { name: 3 }])).problem).toMatch(
      /^entry 1: as version 1: name: /,
    );
    expect(readError(() => list.read('row-1', {})).problem).toBe('expected an array, found an object');
  });
});
