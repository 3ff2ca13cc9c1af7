/** SQLSTATE classes and codes that say "the database was unreachable or busy for a moment". */
const TRANSIENT_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  '40P01',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
const TRANSIENT_MESSAGES =
  /Connection terminated|ECONNREFUSED|ECONNRESET|EPIPE|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error/i;

export function isTransientDatabaseError(error: unknown): boolean {
  // Duck-typed, not `instanceof Error`: socket errors come from Node's own realm, not always the caller's.
  if (typeof error !== 'object' || error === null) return false;
  const { code, driverError, message } = error as {
    code?: unknown;
    driverError?: { code?: unknown };
    message?: unknown;
  };
  const sqlState = code ?? driverError?.code;
  if (typeof sqlState === 'string' && (sqlState.startsWith('08') || TRANSIENT_CODES.has(sqlState))) return true;
  return typeof message === 'string' && TRANSIENT_MESSAGES.test(message);
}
