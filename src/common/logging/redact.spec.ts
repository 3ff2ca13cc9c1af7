import { redact, redactPath } from './redact';

describe('redact', () => {
  it('hides passwords in URLs, tokens in query strings and bearer tokens', () => {
    expect(redact('smtp://user:s3cret@mail.example.org:587')).toBe('smtp://user:***@mail.example.org:587');
    expect(redact('postgres://postgres:pw@db/x')).toBe('postgres://postgres:***@db/x');
    expect(redact('/api/x?token=abc&y=1')).toBe('/api/x?token=***&y=1');
    expect(redact('Authorization: Bearer wgs_abcdef')).toBe('Authorization: Bearer ***');
  });

  it('hides secret path segments of feeds and action links', () => {
    expect(redactPath('/calendar/feed/secret123.ics')).toBe('/calendar/feed/***');
    expect(redactPath('/actions/tok.en/confirm')).toBe('/actions/***/confirm');
    expect(redactPath('/api/members?q=x')).toBe('/api/members?q=x');
    expect(redactPath('/calendar/cal_wcc1VAEZfIf_d6MeL1PJLs_BtLKPwVcZFnkMSV4MVNM.ics?x=1')).toBe('/calendar/***?x=1');
    expect(redactPath('/sign-in/eyJ2IjoxfQ.c2ln')).toBe('/sign-in/***');
    expect(redactPath('/letters/eyJ2IjoxfQ.c2ln')).toBe('/letters/***');
    expect(redactPath('/a/eyJ2IjoxfQ.c2ln')).toBe('/a/***');
    expect(redactPath('/meetings/calendar?month=2031-11')).toBe('/meetings/calendar?month=2031-11');
  });

  it("hides the app's own tokens wherever they appear", () => {
    expect(redact('token wgs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA was refused')).toBe(
      'token wgs_*** was refused',
    );
    expect(redact('feed cal_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB.ics')).toBe('feed cal_***.ics');
    expect(redact('database wgs_test_auth')).toBe('database wgs_test_auth');
  });
});
