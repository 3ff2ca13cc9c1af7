import { createHash } from 'node:crypto';
import { clientWithToken, startTestApp, TestApp } from '../support/test-app';
import { createMember } from '../support/factories';
import { ACTIVE_TOKEN_TRUSTED_MS } from '../../src/auth/api-tokens.service';

describe('access with bearer tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses a request without a token, or with a wrong one, with 401', async () => {
    const missing = await t.anonymous.get('/api/members').expect(401);
    expect(missing.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringContaining('Authorization: Bearer'),
    });
    await t.anonymous.get('/api/members').set('Authorization', 'Bearer not-a-token').expect(401);
    await t.anonymous.get('/api/members').set('Authorization', 'Basic abc').expect(401);
  });

  it('creates a token shown once, stores only its hash, and lets it act in its role', async () => {
    const created = await t.admin
      .post('/api/tokens')
      .send({ name: 'Calendar integration', role: 'secretariat' })
      .expect(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^wgs_/);
    expect(created.body.tokenHash).toBeUndefined();

    const stored = await t.dataSource.query('SELECT token_hash FROM api_token WHERE id = $1', [created.body.id]);
    expect(stored[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const raw = JSON.stringify(await t.dataSource.query('SELECT * FROM api_token'));
    expect(raw).not.toContain(token);

    const listed = await t.admin.get('/api/tokens').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(listed.body[0]).not.toHaveProperty('tokenHash');

    const client = clientWithToken(t, token);
    await client
      .post('/api/members')
      .send({
        fullName: 'Via token',
        email: 'via-token@example.org',
        countryCode: 'KG',
        language: 'ru',
        timeZone: 'Asia/Bishkek',
      })
      .expect(201);
  });

  it('lets a member token read but not change (403), and names the missing role', async () => {
    const unbound = await t.admin.post('/api/tokens').send({ name: 'Reader', role: 'member' }).expect(400);
    expect(unbound.body.message[0].field).toBe('memberId');
    const self = await createMember(t, { fullName: 'Token Holder' });
    const created = await t.admin
      .post('/api/tokens')
      .send({ name: 'Reader', role: 'member', memberId: self.id })
      .expect(201);
    const member = clientWithToken(t, created.body.token);
    await member.get('/api/members').expect(200);
    await member.get('/api/bodies').expect(200);
    const forbidden = await member
      .post('/api/members')
      .send({ fullName: 'X', email: 'x@example.org', countryCode: 'KZ', language: 'en', timeZone: 'UTC' })
      .expect(403);
    expect(forbidden.body.message).toContain('secretariat');
    await member.post('/api/tokens').send({ name: 'escalate', role: 'secretariat' }).expect(403);
    await member.get('/api/audit').expect(403);
  });

  it('stops accepting a revoked token at once', async () => {
    const created = await t.admin.post('/api/tokens').send({ name: 'Temporary', role: 'secretariat' }).expect(201);
    const client = clientWithToken(t, created.body.token);
    await client.get('/api/members').expect(200);
    const revoked = await t.admin.post(`/api/tokens/${created.body.id}/revoke`).expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    await client.get('/api/members').expect(401);
  });

  it('a token revoked by another API process stops working within seconds', async () => {
    const created = await t.admin.post('/api/tokens').send({ name: 'Elsewhere', role: 'secretariat' }).expect(201);
    const client = clientWithToken(t, created.body.token);
    await client.get('/api/members').expect(200);
    // What another process's revocation leaves behind: the row revoked, this process not told.
    await t.dataSource.query('UPDATE api_token SET revoked_at = now() WHERE id = $1', [created.body.id]);
    const revokedAt = Date.now();
    while ((await client.get('/api/members')).status === 200) {
      expect(Date.now() - revokedAt).toBeLessThan(ACTIVE_TOKEN_TRUSTED_MS + 1_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await client.get('/api/members').expect(401);
  }, 15_000);

  it('writes every change to the audit log, with who, when, before and after, and no secret', async () => {
    const member = await createMember(t, { fullName: 'Audited Person' });
    await t.admin.patch(`/api/members/${member.id}`).send({ position: 'Head of unit' }).expect(200);
    const log = await t.admin.get(`/api/audit?entity=member&id=${member.id}`).expect(200);
    expect(log.body.total).toBe(2);
    const [update, create] = log.body.items;
    expect(create).toMatchObject({
      action: 'create',
      entity: 'member',
      entityId: member.id,
      actorName: 'admin token',
      before: null,
    });
    expect(create.after.fullName).toBe('Audited Person');
    expect(update).toMatchObject({ action: 'update', before: { position: null }, after: { position: 'Head of unit' } });
    expect(new Date(update.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(update.requestId).toEqual(expect.any(String));

    const tokenLog = await t.admin.get('/api/audit?entity=api_token').expect(200);
    expect(tokenLog.body.total).toBeGreaterThan(0);
    expect(JSON.stringify(tokenLog.body)).not.toMatch(/token_?hash/i);
  });
});
