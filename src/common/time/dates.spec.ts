import { wallClockIso } from './dates';

describe('wallClockIso', () => {
  it('writes the instant as wall-clock time with the offset of that moment, also when it comes from the cache', () => {
    const beforeDst = new Date('2031-03-30T00:59:59Z');
    const afterDst = new Date('2031-03-30T01:00:00Z');
    for (let pass = 0; pass < 2; pass++) {
      expect(wallClockIso(beforeDst, 'Europe/Brussels')).toBe('2031-03-30T01:59:59+01:00');
      expect(wallClockIso(afterDst, 'Europe/Brussels')).toBe('2031-03-30T03:00:00+02:00');
      expect(wallClockIso(afterDst, 'Asia/Almaty')).toBe('2031-03-30T06:00:00+05:00');
      expect(wallClockIso(new Date('2031-03-30T01:00:00.250Z'), 'UTC')).toBe('2031-03-30T01:00:00.250Z');
    }
  });

  it('says null for a zone it does not know', () => {
    expect(wallClockIso(new Date('2031-03-30T01:00:00Z'), 'Mars/Olympus')).toBeNull();
  });
});
