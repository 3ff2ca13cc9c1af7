const MAX_LENGTH = 2000;
const NOT_A_DESTINATION = /^\/(sign-in|sign-out|api)(\/|\?|#|$)/i;

/**
 * The page to open after signing in, if it is one of this site's own: a path with a single leading '/',
 * no scheme, host, backslash or control character, and not the sign-in pages or the API. Anything else: null.
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  // Browsers read '\' as '/', so '/\evil' would be '//evil', another site.
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\p{Cc}]/u.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, 'http://this.site');
  } catch {
    return null;
  }
  if (url.origin !== 'http://this.site') return null;
  const path = `${url.pathname}${url.search}`;
  if (path.startsWith('//') || NOT_A_DESTINATION.test(path)) return null;
  return path;
}
