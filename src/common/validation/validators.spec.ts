import { isEmailAddress } from './validators';

describe('isEmailAddress', () => {
  it('takes addresses with an unquoted local part, in any script', () => {
    for (const address of [
      'a.sadykova@ecogeo.gov.kz',
      "o'brien+wg-2019@example.org",
      'айгерим@минприроды.kz',
      'x@xn--80ak6aa92e.com',
      'UPPER@Example.ORG',
    ]) {
      expect({ address, ok: isEmailAddress(address) }).toEqual({ address, ok: true });
    }
  });

  it('refuses quoted local parts, line breaks, angle brackets, commas and other malformed addresses', () => {
    for (const address of [
      '"a\r\nb"@c.test',
      '"<a>"@b.test',
      '"a,b"@c.test',
      'a b@c.test',
      'a\n@b.test',
      'a@b.test\r\n',
      '<a@b.test>',
      'a,b@c.test',
      'a;b@c.test',
      '.a@b.test',
      'a.@b.test',
      'a..b@c.test',
      'a@b',
      'a@b.c',
      'a@-b.test',
      'a@b-.test',
      'a@@b.test',
      '@b.test',
      `${'a'.repeat(65)}@b.test`,
      `a@${'b'.repeat(250)}.test`,
      'a\ud800@b.test',
      'a\u0000@b.test',
    ]) {
      expect({ address, ok: isEmailAddress(address) }).toEqual({ address, ok: false });
    }
    expect(isEmailAddress(42)).toBe(false);
  });
});
