const SECRET_QUERY_KEYS = /([?&](?:token|access_token|key|secret|password|signature|sig)=)[^&#]*/gi;
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^@\s/]*@/gi;
const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
/** The app's own random secrets are recognisable by their prefix wherever they appear. */
const OWN_TOKENS = /\b(wgs|wss|cal)_[A-Za-z0-9_-]{32,}/g;
/** Routes whose next path segment is the access itself: calendar feeds, answer and letter links, sign-in links. */
const SECRET_SEGMENT = /\/(calendar\/feed|calendar|feed|actions|sign-in|letters|a)\/[^/?#]+/g;

/** Removes what must never reach a log line: passwords in URLs, tokens in query strings or headers. */
export function redact(text: string): string {
  return text
    .replace(URL_CREDENTIALS, '$1***@')
    .replace(SECRET_QUERY_KEYS, '$1***')
    .replace(BEARER, '$1***')
    .replace(OWN_TOKENS, '$1_***');
}

/** A path is logged with its secret segments hidden (calendar feeds and action links carry tokens). */
export function redactPath(path: string): string {
  return redact(path).replace(SECRET_SEGMENT, '/$1/***');
}

export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, depth + 1)]));
}
