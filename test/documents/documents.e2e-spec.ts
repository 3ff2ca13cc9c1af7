import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DocumentLinks } from '../../src/documents/document-links';
import { addMembership, createBody, createMember } from '../support/factories';
import { SmtpSink } from '../support/smtp-sink';
import { clientWithToken, startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';

const MAX_BYTES = 1024 * 1024;

/** A PDF as file-type reads it: the magic bytes, then some body to tell revisions apart. */
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

/** A raw request whose body is sent slowly, so a refusal can arrive before the body is all sent. */
async function rawUpload(
  t: TestApp,
  path: string,
  headers: Record<string, string>,
  firstBytes: Buffer,
  moreBytes: number,
): Promise<{ status: number; body: string; sentBytes: number }> {
  const server = t.app.getHttpServer();
  if (!server.address()) await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'PUT', headers });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (piece: string) => (body += piece));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, sentBytes });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.write(firstBytes);
    sentBytes += firstBytes.length;
    const piece = Buffer.alloc(64 * 1024, 7);
    const more = () => {
      while (!answered && sentBytes < firstBytes.length + moreBytes) {
        sentBytes += piece.length;
        if (!req.write(piece)) return void req.once('drain', more);
      }
    };
    more();
  });
}

function multipartHead(boundary: string, fileName: string): Buffer {
  return Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
  );
}

/**
 * A meeting's documents end to end: a Russian-named PDF in two languages, a revision, publication, a member
 * downloading through the signed link and showing among the readers, a stranger getting 404, and every bad
 * upload refused with a clear 4xx naming the field.
 */
describe('meeting documents', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let meetingId: string;
  let documentId: string;
  let reader: { id: string };
  let readerToken: string;
  let strangerToken: string;

  const upload = (id: string, language: string, content: Buffer, fileName: string) =>
    t.admin.put(`/api/documents/${id}/files/${language}`).attach('file', content, fileName);

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test', DOCUMENT_MAX_BYTES: String(MAX_BYTES) });
    const body = await createBody(t);
    const other = await createBody(t, { name: { en: 'Steering Committee' } });
    reader = await createMember(t, { fullName: 'Айгуль Сапарова', countryCode: 'KZ', language: 'ru' });
    const tj = await createMember(t, { fullName: 'Tajik Member', countryCode: 'TJ', language: 'ru' });
    const tm = await createMember(t, { fullName: 'Turkmen Member', countryCode: 'TM', language: 'en' });
    const stranger = await createMember(t, { fullName: 'Stranger', countryCode: 'UZ', language: 'en' });
    for (const m of [reader, tj, tm]) await addMembership(t, body.id, { memberId: m.id });
    await addMembership(t, other.id, { memberId: stranger.id });
    const meeting = await t.admin
      .post('/api/meetings')
      .send({
        bodyId: body.id,
        kind: 'working_group',
        title: { en: '10th meeting', ru: '10-е заседание' },
        timeZone: 'Asia/Almaty',
        startsAt: '2099-03-03T10:00:00+05:00',
        endsAt: '2099-03-04T17:00:00+05:00',
      })
      .expect(201);
    meetingId = meeting.body.id;
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [reader.id, tj.id, tm.id] })
      .expect(200);
    const token = async (memberId: string) =>
      (await t.admin.post('/api/tokens').send({ name: memberId, role: 'member', memberId }).expect(201)).body.token;
    readerToken = await token(reader.id);
    strangerToken = await token(stranger.id);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('creates a draft document of the meeting', async () => {
    const res = await t.admin
      .post(`/api/meetings/${meetingId}/documents`)
      .send({
        title: { en: 'Provisional agenda', ru: 'Предварительная повестка дня' },
        kind: 'agenda',
        symbol: 'WGECC/10/2099/1',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      meetingId,
      status: 'draft',
      kind: 'agenda',
      symbol: 'WGECC/10/2099/1',
      files: [],
    });
    documentId = res.body.id;
  });

  it('refuses publishing with no file, naming files', async () => {
    const res = await t.admin.post(`/api/documents/${documentId}/publish`).expect(400);
    expect(res.body.message).toEqual([expect.objectContaining({ field: 'files' })]);
  });

  it('keeps a Russian-named PDF per language; a second upload of a language is its next revision', async () => {
    await upload(documentId, 'ru', pdf('ru first'), 'Повестка дня.pdf').expect(200);
    const en = await upload(documentId, 'en', pdf('en first'), 'Agenda.pdf').expect(200);
    expect(en.body.files.map((f: { language: string; revision: number }) => `${f.language}${f.revision}`)).toEqual([
      'en1',
      'ru1',
    ]);
    const revised = await upload(documentId, 'ru', pdf('ru second'), 'Повестка дня (Rev.1).pdf').expect(200);
    const ru = revised.body.files.filter((f: { language: string }) => f.language === 'ru');
    expect(ru).toEqual([
      expect.objectContaining({
        revision: 1,
        superseded: true,
        fileName: 'Повестка дня.pdf',
        mediaType: 'application/pdf',
      }),
      expect.objectContaining({ revision: 2, superseded: false, fileName: 'Повестка дня (Rev.1).pdf' }),
    ]);

    const current = await t.admin.get(`/api/documents/${documentId}/files/ru`).buffer(true).expect(200);
    expect(current.body.toString()).toContain('ru second');
    expect(current.headers['content-type']).toBe('application/pdf');
    expect(current.headers['x-content-type-options']).toBe('nosniff');
    expect(current.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Повестка дня (Rev.1).pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    const earlier = await t.admin.get(`/api/documents/${documentId}/files/ru?revision=1`).buffer(true).expect(200);
    expect(earlier.body.toString()).toContain('ru first');
    await t.admin.get(`/api/documents/${documentId}/files/ru?revision=3`).expect(404);
    await t.admin.get(`/api/documents/${documentId}/files/kk`).expect(404);
  });

  it('shows a draft to the secretariat only: members get 404, never 403', async () => {
    await clientWithToken(t, readerToken).get(`/api/documents/${documentId}`).expect(404);
    await clientWithToken(t, readerToken).get(`/api/documents/${documentId}/files/ru`).expect(404);
  });

  it('publishes, and records who published in the audit', async () => {
    const res = await t.admin.post(`/api/documents/${documentId}/publish`).expect(200);
    expect(res.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    const audit = await t.admin.get(`/api/audit?entity=document&id=${documentId}`).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'publish']),
    );
    const uploads = await t.admin.get(`/api/audit?entity=document_file`).expect(200);
    expect(uploads.body.items.filter((e: { action: string }) => e.action === 'upload')).toHaveLength(3);
  });

  it('lets an invited member download through the signed link, and the readers list shows it', async () => {
    const before = await t.admin.get(`/api/documents/${documentId}/readers`).expect(200);
    expect(before.body).toMatchObject({ expected: 3, read: 0, notOpenedCountries: ['KZ', 'TJ', 'TM'] });

    const link = await t.app.get(DocumentLinks).url(reader, { id: documentId, meetingId }, 'ru');
    const res = await t.anonymous.get(new URL(link).pathname).buffer(true).expect(200);
    expect(res.body.toString()).toContain('ru second');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");

    const after = await t.admin.get(`/api/documents/${documentId}/readers`).expect(200);
    expect(after.body).toMatchObject({ expected: 3, read: 1, notOpenedCountries: ['TJ', 'TM'] });
    const kz = after.body.countries.find((c: { countryCode: string }) => c.countryCode === 'KZ');
    expect(kz.members).toEqual([expect.objectContaining({ memberId: reader.id, firstReadAt: expect.any(String) })]);
  });

  it('refuses a tampered or foreign link with 404, and an expired one with 410', async () => {
    const links = t.app.get(DocumentLinks);
    const link = await links.url(reader, { id: documentId, meetingId }, 'ru');
    await t.anonymous.get(`${new URL(link).pathname}x`).expect(404);
    const expired = links.sign({ member: reader.id, document: documentId, language: 'ru', exp: 1 });
    await t.anonymous.get(`/documents/link/${expired}`).expect(410);
  });

  it('lets an invited member download with their token; a stranger gets 404', async () => {
    await clientWithToken(t, readerToken).get(`/api/documents/${documentId}`).expect(200);
    await clientWithToken(t, readerToken).get(`/api/documents/${documentId}/files/en`).expect(200);
    await clientWithToken(t, strangerToken).get(`/api/documents/${documentId}`).expect(404);
    await clientWithToken(t, strangerToken).get(`/api/documents/${documentId}/files/ru`).expect(404);
    await clientWithToken(t, readerToken).post(`/api/documents/${documentId}/withdraw`).expect(403);
  });

  describe('bad uploads: a clear 4xx naming the field, nothing stored', () => {
    let blobsBefore: number;
    const blobs = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM document_blob`))[0].n);
    beforeAll(async () => {
      blobsBefore = await blobs();
    });
    afterAll(async () => {
      expect(await blobs()).toBe(blobsBefore);
    });

    it('refuses HTML named .pdf (the type is read from the content) with 415', async () => {
      const res = await upload(documentId, 'kk', Buffer.from('<html><body>hi</body></html>'), 'agenda.pdf').expect(415);
      expect(res.body.message).toEqual([expect.objectContaining({ field: 'file' })]);
    });

    it('refuses SVG and executables', async () => {
      await upload(documentId, 'kk', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'a.png').expect(415);
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]);
      await upload(documentId, 'kk', elf, 'a.pdf').expect(415);
    });

    it('refuses an empty file with 400', async () => {
      const res = await upload(documentId, 'kk', Buffer.alloc(0), 'empty.pdf').expect(400);
      expect(res.body.message).toEqual([expect.objectContaining({ field: 'file', message: 'is empty' })]);
    });

    it('refuses a request without the file field, and an unknown language', async () => {
      const res = await t.admin.put(`/api/documents/${documentId}/files/kk`).field('other', 'x').expect(400);
      expect(res.body.message).toEqual([expect.objectContaining({ field: 'file' })]);
      const json = await t.admin.put(`/api/documents/${documentId}/files/kk`).send({ file: 'x' }).expect(400);
      expect(json.body.message).toEqual([expect.objectContaining({ field: 'file' })]);
      const language = await upload(documentId, 'de', pdf('de'), 'a.pdf').expect(400);
      expect(language.body.message).toEqual([expect.objectContaining({ field: 'language' })]);
    });

    it('refuses with 413 as soon as Content-Length says too large, before the body is sent', async () => {
      const boundary = 'b0undary';
      const res = await rawUpload(
        t,
        `/api/documents/${documentId}/files/kk`,
        {
          Authorization: `Bearer ${'test-admin-token-0123456789abcdef'}`,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(50 * MAX_BYTES),
        },
        multipartHead(boundary, 'big.pdf'),
        0,
      );
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).message).toEqual([expect.objectContaining({ field: 'file' })]);
    });

    it('refuses with 413 once a streamed body passes the limit, without reading it all', async () => {
      const boundary = 'b0undary';
      const res = await rawUpload(
        t,
        `/api/documents/${documentId}/files/kk`,
        {
          Authorization: `Bearer ${'test-admin-token-0123456789abcdef'}`,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Transfer-Encoding': 'chunked',
        },
        multipartHead(boundary, 'big.pdf'),
        20 * MAX_BYTES,
      );
      expect(res.status).toBe(413);
      expect(res.sentBytes).toBeLessThan(20 * MAX_BYTES);
    });

    it('keeps a name with ../ as its last part only, for display', async () => {
      const res = await upload(documentId, 'kk', pdf('kk'), '../../etc/Күн тәртібі.pdf').expect(200);
      const kk = res.body.files.find((f: { language: string }) => f.language === 'kk');
      expect(kk.fileName).toBe('Күн тәртібі.pdf');
      blobsBefore += 1;
    });
  });

  it("keeps a body's library document for its serving members", async () => {
    const body = (await t.admin.get(`/api/meetings/${meetingId}`).expect(200)).body.bodyId as string;
    const doc = await t.admin
      .post(`/api/bodies/${body}/documents`)
      .send({ title: { en: 'Terms of reference' }, kind: 'other' })
      .expect(201);
    await upload(doc.body.id, 'en', pdf('tor'), 'ToR.pdf').expect(200);
    await t.admin.post(`/api/documents/${doc.body.id}/publish`).expect(200);
    await clientWithToken(t, readerToken).get(`/api/documents/${doc.body.id}/files/en`).expect(200);
    await clientWithToken(t, strangerToken).get(`/api/documents/${doc.body.id}/files/en`).expect(404);
    const readers = await t.admin.get(`/api/documents/${doc.body.id}/readers`).expect(200);
    expect(readers.body).toMatchObject({ expected: 3, read: 1 });
  });

  it('withdraws: members get 404 again', async () => {
    await t.admin.post(`/api/documents/${documentId}/withdraw`).expect(200);
    await clientWithToken(t, readerToken).get(`/api/documents/${documentId}/files/ru`).expect(404);
  });
});

/** Changing a document's metadata: an agenda item must be the meeting's own. */
describe('document metadata', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('patches title, kind and symbol; refuses a foreign agenda item naming agendaItemId', async () => {
    const body = await createBody(t);
    const meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({ bodyId: body.id, kind: 'working_group', title: { en: 'M' }, timeZone: 'Asia/Almaty' })
        .expect(201)
    ).body.id as string;
    const doc = await t.admin
      .post(`/api/meetings/${meetingId}/documents`)
      .send({ title: { en: 'Draft decision' }, kind: 'draft_decision' })
      .expect(201);
    const patched = await t.admin
      .patch(`/api/documents/${doc.body.id}`)
      .send({ title: { en: 'Draft decision 10/1', kk: '10/1 шешім жобасы' }, symbol: 'WGECC/10/2099/3' })
      .expect(200);
    expect(patched.body).toMatchObject({ kind: 'draft_decision', symbol: 'WGECC/10/2099/3' });
    expect(patched.body.title.kk).toBe('10/1 шешім жобасы');
    const foreign = await t.admin
      .patch(`/api/documents/${doc.body.id}`)
      .send({ agendaItemId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(foreign.body.message).toEqual([expect.objectContaining({ field: 'agendaItemId' })]);
    const kind = await t.admin
      .post(`/api/meetings/${meetingId}/documents`)
      .send({ title: { en: 'X' }, kind: 'memo' })
      .expect(400);
    expect(kind.body.message).toEqual([expect.objectContaining({ field: 'kind' })]);
  });
});
