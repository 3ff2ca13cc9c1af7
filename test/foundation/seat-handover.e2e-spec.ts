import { addMembership, createBody, createMember } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('handing a seat over in one step (POST /api/bodies/:id/memberships/:membershipId/replace)', () => {
  let t: TestApp;
  let body: { id: string };
  let holder: { id: string };
  let next: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    body = await createBody(t);
    holder = await createMember(t, { fullName: 'Holder' });
    next = await createMember(t, { fullName: 'Next holder' });
  });
  afterAll(() => t.close());

  it('ends the held term the day before and starts the new one in the same seat and role', async () => {
    const term = await addMembership(t, body.id, { memberId: holder.id, role: 'co_chair', seat: 'KZ' });
    const res = await t.admin
      .post(`/api/bodies/${body.id}/memberships/${term.id}/replace`)
      .send({ memberId: next.id, startDate: '2026-03-01' })
      .expect(200);
    expect(res.body.ended).toMatchObject({ id: term.id, endDate: '2026-02-28' });
    expect(res.body.started).toMatchObject({
      memberId: next.id,
      seat: 'KZ',
      role: 'co_chair',
      startDate: '2026-03-01',
      endDate: null,
    });
    const onTheDay = (await t.admin.get(`/api/bodies/${body.id}/memberships?at=2026-03-01`).expect(200)).body.items;
    expect(onTheDay.map((s: { memberId: string }) => s.memberId)).toEqual([next.id]);
    const seat = (await t.admin.get(`/api/bodies/${body.id}/memberships?seat=KZ`).expect(200)).body.items;
    expect(seat).toHaveLength(2);
  });

  it('refuses bad input naming the field, and changes nothing when the new term cannot start', async () => {
    const other = await createBody(t);
    const term = await addMembership(t, other.id, { memberId: holder.id, seat: 'UZ', startDate: '2020-01-01' });
    const replace = (dto: Record<string, unknown>) =>
      t.admin.post(`/api/bodies/${other.id}/memberships/${term.id}/replace`).send(dto);

    const missing = await replace({ memberId: next.id }).expect(400);
    expect(missing.body.message).toEqual([
      { field: 'startDate', message: 'startDate must be a date written YYYY-MM-DD' },
    ]);
    const badMember = await replace({ memberId: 'nobody', startDate: '2026-01-01' }).expect(400);
    expect(badMember.body.message).toEqual([{ field: 'memberId', message: 'memberId must be a UUID' }]);
    const early = await replace({ memberId: next.id, startDate: '2020-01-01' }).expect(400);
    expect(early.body.message[0].field).toBe('startDate');
    const same = await replace({ memberId: holder.id, startDate: '2026-01-01' }).expect(400);
    expect(same.body.message[0].field).toBe('memberId');
    await t.admin
      .post(`/api/bodies/${other.id}/memberships/00000000-0000-4000-8000-000000000000/replace`)
      .send({ memberId: next.id, startDate: '2026-01-01' })
      .expect(404);

    // The next holder already serves in this body then: refused, and the held term stays open.
    await addMembership(t, other.id, { memberId: next.id, seat: 'EU', startDate: '2025-01-01' });
    const overlap = await replace({ memberId: next.id, startDate: '2026-01-01' }).expect(409);
    expect(overlap.body.message[0].field).toBe('memberId');
    expect((await t.admin.get(`/api/bodies/${other.id}/memberships/${term.id}`).expect(200)).body.endDate).toBeNull();
  });
});
