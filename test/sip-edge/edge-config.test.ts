import { ConfigError, loadEnv, requireSipEdge } from '../../src/config/env';

const base = {
  DRACHTIO_URL: 'drachtio://:s3cret@127.0.0.1:9022',
  SIP_EDGE_SERVERS: 'local@127.0.0.1:5060,second@127.0.0.1:5160',
};

describe('SIP edge configuration', () => {
  it('reads drachtio’s socket, the servers and the numbers', () => {
    const env = requireSipEdge(loadEnv(base));
    expect(env.DRACHTIO_URL).toEqual({ host: '127.0.0.1', port: 9022, secret: 's3cret' });
    expect(env.SIP_EDGE_SERVERS.map((s) => `${s.name}=${s.port}`)).toEqual(['local=5060', 'second=5160']);
    expect(env.SIP_EDGE_NUMBERS).toEqual(['96500', '12345']);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadEnv({ ...base, SIP_EDGE_SERVERS: 'local@127.0.0.1' })).toThrow(
      /SIP_EDGE_SERVERS: .*name@host:port/,
    );
    expect(() => loadEnv({ ...base, DRACHTIO_URL: 'drachtio://127.0.0.1:9022' })).toThrow(
      /DRACHTIO_URL: .*secret/,
    );
    expect(() => loadEnv({ ...base, SIP_EDGE_NUMBERS: '96500,abc' })).toThrow(/SIP_EDGE_NUMBERS: "abc"/);
  });

  it('refuses to start an edge without servers, or with an SOS number it would refuse', () => {
    expect(() => requireSipEdge(loadEnv({ DRACHTIO_URL: base.DRACHTIO_URL }))).toThrow(ConfigError);
    expect(() => requireSipEdge(loadEnv({ ...base, SIP_EDGE_NUMBERS: '12345' }))).toThrow(
      /SIP_EDGE_SOS_NUMBERS: 96500 not among SIP_EDGE_NUMBERS/,
    );
  });
});
