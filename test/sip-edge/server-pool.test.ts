import { ServerPool } from '../../src/sip-edge/server-pool';

const servers = [
  { name: 'a', host: '127.0.0.1', port: 5060 },
  { name: 'b', host: '127.0.0.1', port: 5160 },
];
const policy = { downAfterFailures: 2, upAfterSuccesses: 2 };
const firstTried = (pool: ServerPool) => pool.order()[0]?.name;

describe('the servers behind the edge', () => {
  it('try a server that failed an INVITE last, without ending its calls, until it answers OPTIONS', () => {
    const pool = new ServerPool(servers, 'least-busy', policy);
    const down: string[] = [];
    pool.on('down', (s) => down.push(s));
    pool.suspect('a');
    expect([firstTried(pool), firstTried(pool)]).toEqual(['b', 'b']);
    expect(pool.order().map((s) => s.name)).toEqual(['b', 'a']);
    expect(down).toEqual([]);
    pool.observe('a', true);
    expect([firstTried(pool), firstTried(pool)].sort()).toEqual(['a', 'b']);
  });

  it('take a server out after failed health checks in a row, and tell who carries its calls', () => {
    const pool = new ServerPool(servers, 'round-robin', policy);
    const down: string[] = [];
    pool.on('down', (s) => down.push(s));
    pool.observe('b', false);
    expect(pool.isUp('b')).toBe(true);
    pool.observe('b', false);
    expect(pool.isUp('b')).toBe(false);
    expect(down).toEqual(['b']);
  });
});
