import { createBody, createMember, meetingHasBegun } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { clientWithToken, startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { binaryBody } from '../support/binary-body';

interface PublishedFile {
  language: string;
  revision: number;
  superseded: boolean;
  url: string;
}

describe('publishing the list of participants and the minutes as meeting documents', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let meetingId: string;
  let present: { id: string };
  let absent: { id: string };

  const fileText = async (url: string) =>
    pdfText((await t.admin.get(url).buffer(true).parse(binaryBody).expect(200)).body as Buffer);
  const documentsOf = async (kind: string) =>
    Number(
      (
        await t.dataSource.query<{ n: string }[]>(
          'SELECT count(*) AS n FROM document WHERE meeting_id = $1 AND kind = $2',
          [meetingId, kind],
        )
      )[0].n,
    );
  const current = (files: PublishedFile[]) => files.filter((f) => !f.superseded);
  const filesOf = async (documentId: string) =>
    (
      await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM document_file WHERE document_id = $1', [
        documentId,
      ])
    )[0].n;
  /** The database itself refuses a file of the language while `run` runs: a real failure, not a mock. */
  const refusingFilesIn = async (language: string, run: () => Promise<unknown>) => {
    await t.dataSource.query(`
      CREATE FUNCTION refuse_file() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
      CREATE TRIGGER refuse_file BEFORE INSERT ON document_file
        FOR EACH ROW WHEN (NEW.language = '${language}') EXECUTE FUNCTION refuse_file();`);
    try {
      await run();
    } finally {
      await t.dataSource.query('DROP TRIGGER refuse_file ON document_file; DROP FUNCTION refuse_file();');
    }
  };
  const blobs = async () =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM document_blob'))[0].n;
  const attendance = async (absentAttended: boolean) => {
    const restore = await meetingHasBegun(t, meetingId);
    await t.admin
      .put(`/api/meetings/${meetingId}/attendance`)
      .send({
        records: [
          { memberId: present.id, attended: true },
          { memberId: absent.id, attended: absentAttended },
        ],
      })
      .expect(200);
    await restore();
  };

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    const body = await createBody(t, { name: { en: 'Working Group', ru: 'Рабочая группа', kk: 'Жұмыс тобы' } });
    present = await createMember(t, { fullName: 'Әсемгүл Өтеңұлы', countryCode: 'KZ', language: 'kk' });
    absent = await createMember(t, { fullName: 'Jonas Weber', countryCode: 'DE', language: 'en' });
    meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          number: 4,
          title: { en: 'Fourth meeting', ru: 'Четвёртое заседание', kk: 'Төртінші отырыс' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-05-20T10:00:00+05:00',
          endsAt: '2031-05-20T17:00:00+05:00',
        })
        .expect(201)
    ).body.id;
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [present.id, absent.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length >= 2, { what: 'the invitations' });
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('refuses the list of participants with a 409 in the reader’s language before attendance is recorded', async () => {
    const res = await t.admin
      .post(`/api/meetings/${meetingId}/papers/participants/publish`)
      .set('Accept-Language', 'ru')
      .expect(409);
    expect(JSON.stringify(res.body.message)).toContain('Присутствие на этом заседании еще не отмечено.');
    expect(await documentsOf('list_of_participants')).toBe(0);
  });

  it('publishes the list in en, ru and kk naming those present, then adds revision 2 to the same document', async () => {
    await attendance(false);

    const first = (await t.admin.post(`/api/meetings/${meetingId}/papers/participants/publish`).expect(201)).body;
    expect(first).toMatchObject({
      meetingId,
      kind: 'list_of_participants',
      status: 'published',
      title: { en: 'List of participants', ru: 'Список участников', kk: 'Қатысушылар тізімі' },
    });
    const files = first.files as PublishedFile[];
    expect(files.map((f) => [f.language, f.revision]).sort()).toEqual([
      ['en', 1],
      ['kk', 1],
      ['ru', 1],
    ]);
    for (const [language, title] of [
      ['en', 'List of participants'],
      ['ru', 'Список участников'],
      ['kk', 'Қатысушылар тізімі'],
    ]) {
      const text = await fileText(files.find((f) => f.language === language)!.url);
      expect(text).toContain(title);
      expect(text).toContain('Әсемгүл Өтеңұлы');
      expect(text).not.toContain('Jonas Weber');
    }

    // Nothing changed: the same PDFs, so no revision is added and the answer says unchanged.
    const same = await t.admin.post(`/api/meetings/${meetingId}/papers/participants/publish`).expect(200);
    expect(same.body).toMatchObject({ id: first.id, status: 'published', unchanged: true });
    expect((same.body.files as PublishedFile[]).map((f) => f.revision)).toEqual([1, 1, 1]);
    expect(await filesOf(first.id)).toBe(3);

    await attendance(true);
    const again = await t.admin.post(`/api/meetings/${meetingId}/papers/participants/publish`).expect(201);
    expect(again.body).toMatchObject({ id: first.id, status: 'published', unchanged: false });
    expect(
      current(again.body.files)
        .map((f) => [f.language, f.revision])
        .sort(),
    ).toEqual([
      ['en', 2],
      ['kk', 2],
      ['ru', 2],
    ]);
    expect(await fileText(current(again.body.files)[0].url)).toContain('Jonas Weber');
    expect(await documentsOf('list_of_participants')).toBe(1);

    // Two clicks at once after a change: one revision per language, the other click finds it unchanged.
    await attendance(false);
    const clicks = await Promise.all(
      [1, 2].map(() => t.admin.post(`/api/meetings/${meetingId}/papers/participants/publish`)),
    );
    expect(clicks.map((c) => c.status).sort()).toEqual([200, 201]);
    expect(await filesOf(first.id)).toBe(9);
    await attendance(true);
    await t.admin.post(`/api/meetings/${meetingId}/papers/participants/publish`).expect(201);
  });

  it('publishes all languages or none: a failure on the last language leaves no new revision stored', async () => {
    const [document] = await t.dataSource.query<{ id: string }[]>(
      "SELECT id FROM document WHERE meeting_id = $1 AND kind = 'list_of_participants'",
      [meetingId],
    );
    const blobsBefore = await blobs();
    await attendance(false);
    // The database refuses the Kazakh file, after the English and Russian ones went in.
    await refusingFilesIn('kk', () =>
      t.admin.post(`/api/meetings/${meetingId}/papers/participants/publish`).expect(500),
    );
    expect(await filesOf(document.id)).toBe(12);
    expect(await blobs()).toBe(blobsBefore);
    const kept = (await t.admin.get(`/api/documents/${document.id}`).expect(200)).body;
    expect(current(kept.files).map((f) => f.revision)).toEqual([4, 4, 4]);
  });

  it('refuses minutes that are missing or not approved, then publishes the approved minutes in their languages', async () => {
    const missing = await t.admin
      .post(`/api/meetings/${meetingId}/papers/minutes/publish`)
      .set('Accept-Language', 'kk')
      .expect(409);
    expect(JSON.stringify(missing.body.message)).toContain('Тек бекітілген хаттаманы жариялауға болады.');
    await t.admin
      .put(`/api/meetings/${meetingId}/minutes`)
      .send({
        text: 'The meeting opened at 10:00.',
        originalLanguage: 'en',
        translations: { ru: { text: 'Заседание открылось в 10:00.' } },
      })
      .expect(200);
    const draft = await t.admin.post(`/api/meetings/${meetingId}/papers/minutes/publish`).expect(409);
    expect(JSON.stringify(draft.body.message)).toContain('Only approved minutes can be published.');

    await t.admin.post(`/api/meetings/${meetingId}/minutes/approve`).send({}).expect(200);
    // A first publication failing on Russian leaves not even the document.
    const blobsBefore = await blobs();
    await refusingFilesIn('ru', () => t.admin.post(`/api/meetings/${meetingId}/papers/minutes/publish`).expect(500));
    expect(await documentsOf('minutes')).toBe(0);
    expect(await blobs()).toBe(blobsBefore);
    const minutes = (await t.admin.post(`/api/meetings/${meetingId}/papers/minutes/publish`).expect(201)).body;
    expect(minutes).toMatchObject({ kind: 'minutes', status: 'published', title: { en: 'Minutes', ru: 'Протокол' } });
    const files = minutes.files as PublishedFile[];
    expect(files.map((f) => f.language).sort()).toEqual(['en', 'ru']);
    expect(await fileText(files.find((f) => f.language === 'ru')!.url)).toContain('Заседание открылось в 10:00.');
  });

  it('is for the secretariat only: a member is refused', async () => {
    const token = (
      await t.admin.post('/api/tokens').send({ name: 'present', role: 'member', memberId: present.id }).expect(201)
    ).body.token as string;
    const member = clientWithToken(t, token);
    await member.post(`/api/meetings/${meetingId}/papers/participants/publish`).expect(403);
    await member.post(`/api/meetings/${meetingId}/papers/minutes/publish`).expect(403);
  });

  it('answers 404 for an unknown meeting', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await t.admin.post(`/api/meetings/${unknown}/papers/participants/publish`).expect(404);
    await t.admin.post(`/api/meetings/${unknown}/papers/minutes/publish`).expect(404);
  });
});
