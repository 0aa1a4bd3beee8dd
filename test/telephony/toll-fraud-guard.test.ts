import fs from 'node:fs';
import path from 'node:path';
import { readExtensionsConf } from '../../src/telephony/dialplan/read-extensions-conf';
import { findTollFraudPaths } from '../../src/telephony/dialplan/toll-fraud-guard';

const shipped = fs.readFileSync(path.join(__dirname, '../../dialplans/extensions.conf'), 'utf8');

describe('toll-fraud guard on the dialplan linli ships', () => {
  it('no context reachable from a trunk can dial out', () => {
    expect(findTollFraudPaths(readExtensionsConf(shipped), ['from-pstn'])).toEqual([]);
  });

  it('the outbound contexts linli originates into do exist', () => {
    const plan = readExtensionsConf(shipped);
    for (const ctx of [
      'from-pstn',
      'linli-notify',
      'linli-sos',
      'linli-hotline',
      'linli-page',
      'linli-outcome',
    ]) {
      expect(plan.contexts.has(ctx)).toBe(true);
    }
  });

  it('flags an inbound path that reaches Dial through a Goto', () => {
    const leaky = `${shipped}
[linli-transfer]
exten => s,1,Dial(PJSIP/\${ARG1}@pstn)
[from-pstn-extra]
exten => _X.,1,Goto(linli-transfer,s,1)
`;
    const plan = readExtensionsConf(leaky.replace('[from-pstn]', '[from-pstn]\ninclude => from-pstn-extra'));
    const findings = findTollFraudPaths(plan, ['from-pstn']);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ context: 'linli-transfer', reason: expect.stringContaining('Dial') });
  });

  it('flags Dial hidden inside ExecIf', () => {
    const plan = readExtensionsConf('[from-pstn]\nexten => _X.,1,ExecIf($[1]?Dial(PJSIP/${EXTEN}@pstn))\n');
    expect(findTollFraudPaths(plan, ['from-pstn'])).toHaveLength(1);
  });
});
