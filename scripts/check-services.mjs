// Fails at once, naming what is missing, when the test suite's PostgreSQL or Redis cannot be reached.
import net from 'node:net';
import pg from 'pg';

const pgUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

async function checkPostgres() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    const where = new URL(pgUrl);
    return (
      `PostgreSQL is not usable at ${where.host}${where.pathname} (${error.code ?? error.message}).\n` +
      `  Start it:  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n` +
      `  The tests need trust auth for user "${where.username || 'postgres'}" and the database "${where.pathname.slice(1)}".\n` +
      `  Elsewhere, point TEST_PG_URL at a server where that user may CREATE DATABASE.`
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function checkRedis() {
  return new Promise((resolve) => {
    const socket = net.connect({
      host: redisUrl.hostname,
      port: Number(redisUrl.port || 6379),
      timeout: 3000,
    });
    const fail = (reason) => {
      socket.destroy();
      resolve(
        `Redis is not reachable at ${redisUrl.host} (${reason}).\n` +
          `  Start it:  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n` +
          `  Elsewhere, point TEST_REDIS_URL at a Redis the tests may write to.`,
      );
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.end();
      if (data.toString().startsWith('+PONG')) resolve(null);
      else fail(`unexpected answer ${JSON.stringify(data.toString().trim())}`);
    });
    socket.once('timeout', () => fail('timed out'));
    socket.once('error', (error) => fail(error.code ?? error.message));
  });
}

const problems = (await Promise.all([checkPostgres(), checkRedis()])).filter(Boolean);
if (problems.length > 0) {
  process.stderr.write(`\nThe test suite needs these services:\n\n${problems.join('\n\n')}\n\n`);
  process.exit(1);
}
