/**
 * The one message a process prints when it cannot start. A database that cannot be reached (after the
 * bounded retries of `DB_CONNECT_RETRIES`) is named in plain words with what to check, instead of a stack
 * trace; anything else keeps its stack, which is what a developer needs.
 */
export function describeStartupFailure(label: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const unreachable =
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', '57P03'].includes(code);
  if (unreachable || /connect(ion)? (ECONNREFUSED|timeout)|Connection terminated/i.test(message)) {
    return (
      `${label} failed to start: PostgreSQL is not reachable (${message}).\n` +
      'Gave up after DB_CONNECT_RETRIES attempts. Check DATABASE_URL and that PostgreSQL is running.\n'
    );
  }
  return `${label} failed to start: ${error instanceof Error ? error.stack : message}\n`;
}
