// The floor for an authenticated API call: bare Fastify, one pooled connection per request and
// one indexed query that finds the session and its person, nothing else. Continuum's GET /api/me
// is compared with this in the same run (bench/api.ts).
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

app.get('/me', async (req, reply) => {
  const token = /(?:^|;\s*)continuum_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (!token) return reply.code(401).send({ error: 'auth.required' });
  const hash = createHash('sha256').update(decodeURIComponent(token)).digest('base64url');
  const r = await pool.query(
    `select u.id, u.given_name, u.family_name from sessions s join users u on u.id = s.user_id
     where s.token_hash = $1 and s.expires_at > now()`,
    [hash],
  );
  if (r.rowCount === 0) return reply.code(401).send({ error: 'auth.required' });
  return { user: r.rows[0] };
});
app.get('/ready', async () => ({ ok: true }));

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
