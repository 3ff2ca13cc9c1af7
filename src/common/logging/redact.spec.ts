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
  });
});
