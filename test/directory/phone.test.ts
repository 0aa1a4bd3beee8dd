import { parseChinesePhoneNumber } from '../../src/directory/phone';

describe('parseChinesePhoneNumber', () => {
  it.each([
    ['13800138000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['0086 13800138000', '+8613800138000'],
    ['１３８００１３８０００', '+8613800138000'],
    ['0571-8888 8888', '+8657188888888'],
    ['(0571)88888888', '+8657188888888'],
    ['010-12345678', '+861012345678'],
  ])('accepts %s as %s', (input, e164) => {
    expect(parseChinesePhoneNumber(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', /empty/],
    ['abc', /not a phone number/],
    ['12345678901', /not a valid Chinese number/],
    ['88888888', /area code/],
    ['+852 2123 4567', /mainland China/],
    ['4008123123', /service number/],
    ['1.38001E+10', /scientific notation/],
  ])('rejects %j with a reason', (input, reason) => {
    const result = parseChinesePhoneNumber(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
