import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageSession } from '../support/page-app';
import {
  addMembership,
  createBody,
  createMember,
  createOrganization,
  createWorkPlan,
  uploadTable,
} from '../support/factories';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const FIXTURE = readFileSync(join(process.cwd(), 'test', 'fixtures', 'wgecc-work-plan-2019.csv'), 'utf8');

describe('who is reminded of an activity: those named, else the focal points, else the secretariat', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let bodyId: string;
  let planId: string;
  let secretariat: { id: string; email: string };

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    bodyId = (await createBody(t, { name: { en: 'Recipients WG' } })).id;
    secretariat = await createMember(t, { fullName: 'Sara Secretariat', language: 'en' });
    await addMembership(t, bodyId, { memberId: secretariat.id, role: 'secretariat', startDate: '2019-01-01' });
    planId = await createWorkPlan(t, bodyId, '2031');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  type Row = { kind: string; status: string; recipientId: string };
  const reminders = async (itemId: string) =>
    (await t.admin.get(`/api/notifications?limit=200&subjectId=${itemId}`).expect(200)).body.items as Row[];
  /** Who the item's own reminders (not the escalation) are planned for. */
  const remindedOf = async (itemId: string, status = 'scheduled') =>
    [
      ...new Set(
        (await reminders(itemId))
          .filter((r) => r.kind !== 'item-escalation' && r.status === status)
          .map((r) => r.recipientId),
      ),
    ].sort();
  const addItem = async (body: Record<string, unknown>) =>
    (
      await t.admin
        .post(`/api/work-plans/${planId}/items`)
        .send({ activity: { en: 'An activity' }, deadline: 'December 2031', ...body })
        .expect(201)
    ).body.id as string;

  it("reminds the executor's focal points when nobody is named, and only the named when someone is", async () => {
    const focal = await createMember(t, { fullName: 'Farid Focal' });
    const organization = await createOrganization(t, {
      name: { en: 'Ministry with a focal point' },
      focalPointMemberIds: [focal.id],
    });
    expect(organization.focalPointMemberIds).toEqual([focal.id]);
    expect(organization.focalPoints).toEqual([expect.objectContaining({ id: focal.id, fullName: 'Farid Focal' })]);
    const viaFocal = await addItem({ executor: organization.id });
    expect(await remindedOf(viaFocal)).toEqual([focal.id]);

    const named = await createMember(t, { fullName: 'Nina Named' });
    const viaNamed = await addItem({ executor: organization.id, responsibleMemberIds: [named.id] });
    expect(await remindedOf(viaNamed)).toEqual([named.id]);

    // Naming someone later takes the focal point off the reminders; naming nobody gives them back.
    await t.admin
      .patch(`/api/work-plan-items/${viaFocal}`)
      .send({ responsibleMemberIds: [named.id] })
      .expect(200);
    expect(await remindedOf(viaFocal)).toEqual([named.id]);
    await t.admin.patch(`/api/work-plan-items/${viaFocal}`).send({ responsibleMemberIds: [] }).expect(200);
    expect(await remindedOf(viaFocal)).toEqual([focal.id]);
  });

  it('falls back to the body secretariat, and moves to the focal points once the organisation has some', async () => {
    const organization = await createOrganization(t, { name: { en: 'Ministry without a focal point' } });
    expect(organization.focalPointMemberIds).toEqual([]);
    const itemId = await addItem({ executor: organization.id });
    const noExecutor = await addItem({ executor: null });
    expect(await remindedOf(itemId)).toEqual([secretariat.id]);
    expect(await remindedOf(noExecutor)).toEqual([secretariat.id]);

    const focal = await createMember(t, { fullName: 'Late Focal' });
    const changed = await t.admin
      .patch(`/api/organizations/${organization.id}`)
      .send({ focalPointMemberIds: [focal.id] })
      .expect(200);
    expect(changed.body.focalPoints.map((f: { id: string }) => f.id)).toEqual([focal.id]);
    expect(await remindedOf(itemId)).toEqual([focal.id]);
    expect(await remindedOf(noExecutor)).toEqual([secretariat.id]);
    // The escalation still goes to the secretariat, whoever is reminded.
    expect(
      (await reminders(itemId)).some(
        (r) => r.kind === 'item-escalation' && r.recipientId === secretariat.id && r.status === 'scheduled',
      ),
    ).toBe(true);

    // A deactivated focal point is not reminded: the secretariat is again.
    await t.admin.patch(`/api/members/${focal.id}`).send({ active: false }).expect(200);
    await t.admin
      .patch(`/api/organizations/${organization.id}`)
      .send({ focalPointMemberIds: [focal.id] })
      .expect(200);
    expect(await remindedOf(itemId)).toEqual([secretariat.id]);
  });

  it('hands an activity to the secretariat when the only member named on it is deactivated, and back', async () => {
    const named = await createMember(t, { fullName: 'Leaving Member' });
    const itemId = await addItem({ executor: null, responsibleMemberIds: [named.id] });
    expect(await remindedOf(itemId)).toEqual([named.id]);
    await t.admin.patch(`/api/members/${named.id}`).send({ active: false }).expect(200);
    expect(await remindedOf(itemId)).toEqual([secretariat.id]);
    await t.admin.patch(`/api/members/${named.id}`).send({ active: true }).expect(200);
    expect(await remindedOf(itemId)).toEqual([named.id]);
  });

  it('reminds the action items of approved minutes by the same rule', async () => {
    const focal = await createMember(t, { fullName: 'Minutes Focal' });
    const organization = await createOrganization(t, {
      name: { en: 'Ministry of the minutes' },
      focalPointMemberIds: [focal.id],
    });
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId,
          kind: 'working_group',
          title: { en: 'WG with action items' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-03-10T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    await t.admin
      .put(`/api/meetings/${meeting.id}/minutes`)
      .send({
        text: 'Minutes.',
        decisions: [
          {
            text: 'Two tasks.',
            actionItems: [
              { activity: 'Task of the ministry', deadline: 'December 2031', executor: organization.id },
              { activity: 'Task of nobody', deadline: 'December 2031' },
            ],
          },
        ],
      })
      .expect(200);
    const approved = (
      await t.admin.post(`/api/meetings/${meeting.id}/minutes/approve`).send({ workPlanId: planId }).expect(200)
    ).body;
    const [ofMinistry, ofNobody] = approved.decisions[0].workPlanItemIds as string[];
    expect(await remindedOf(ofMinistry)).toEqual([focal.id]);
    expect(await remindedOf(ofNobody)).toEqual([secretariat.id]);
  });

  it('refuses focal points that are not members, naming the field', async () => {
    const organization = await createOrganization(t, { name: { en: 'Ministry refused' } });
    const res = await t.admin
      .patch(`/api/organizations/${organization.id}`)
      .send({ focalPointMemberIds: ['00000000-0000-4000-8000-000000000000'] })
      .expect(400);
    expect(res.body.message).toEqual([
      { field: 'focalPointMemberIds', message: expect.stringContaining('no member has the id') },
    ]);
    await t.admin.patch(`/api/organizations/${organization.id}`).send({ focalPointMemberIds: 'x' }).expect(400);
  });

  it('flags on the work-plan page the activities only the secretariat is reminded of', async () => {
    const organization = await createOrganization(t, { name: { en: 'Ministry flagged' } });
    await addItem({ activity: { en: 'Flagged activity' }, executor: organization.id });
    const { cookie } = await pageSession(t, smtp, secretariat.email);
    const page = await t.anonymous.get(`/work-plan/${planId}`).set('Cookie', cookie).expect(200);
    const row = /<tr[^>]*>(?:(?!<\/tr>)[\s\S])*Flagged activity[\s\S]*?<\/tr>/.exec(page.text)![0];
    expect(row).toContain('Nobody responsible');
    const named =
      /<tr[^>]*>(?:(?!<\/tr>)[\s\S])*Farid Focal|<tr[^>]*>(?:(?!<\/tr>)[\s\S])*Nina Named[\s\S]*?<\/tr>/.exec(
        page.text,
      );
    expect(named?.[0] ?? '').not.toContain('Nobody responsible');
  });

  it('imports the 2019 work plan with every dated activity reminded to someone', async () => {
    const focal = await createMember(t, { fullName: 'WECOOP Focal' });
    await createOrganization(t, { name: { en: 'WECOOP 2' }, kind: 'project', focalPointMemberIds: [focal.id] });
    const check = async (table: string, status: string) => {
      const id = await createWorkPlan(t, bodyId, `fixture-${status}`);
      const imported = await uploadTable(t, id, table).expect(200);
      expect(imported.body.imported).toBe(8);
      const items = (await t.admin.get(`/api/work-plan-items?workPlanId=${id}&limit=100`).expect(200)).body.items as {
        id: string;
        executor: { name: Record<string, string> };
        deadline: { onRequest: boolean };
      }[];
      expect(items).toHaveLength(8);
      for (const item of items) {
        // On-request activities wait for the request; every other one is reminded to someone.
        if (item.deadline.onRequest) {
          expect(await reminders(item.id)).toEqual([]);
          continue;
        }
        const expected = Object.values(item.executor.name).includes('WECOOP 2') ? focal.id : secretariat.id;
        expect(await remindedOf(item.id, status)).toEqual([expected]);
      }
      return items;
    };
    // The documents' own dates are past: the reminders are recorded as missed, to the right people.
    const past = await check(FIXTURE, 'skipped');
    expect(past.filter((i) => !i.deadline.onRequest)).toHaveLength(4);
    // The same plan a dozen years on is reminded for real.
    await check(FIXTURE.replace(/2019/g, '2031').replace(/2020/g, '2032'), 'scheduled');
  });
});
