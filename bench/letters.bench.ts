import os from 'node:os';
import { LettersService } from '../src/letters/letters.service';
import { api, startBenchApp } from './bench-app';

const NAMES = ['Әсемгүл Төлеуқызы', 'Бакыт Исаев', 'Dilshod Rakhimov', 'Нұрлан Сәрсенбаев', 'Anna Berg'];
const COUNTRIES = ['KZ', 'KG', 'TJ', 'TM', 'UZ', 'BE', 'DE'];
const LANGUAGES = ['kk', 'ru', 'en'];

/** 500 invited participants: their invitation letters one by one on one process, then merged and zipped. */
export async function benchLetters(): Promise<Record<string, string>> {
  // An API-only process: the invitation emails wait in the outbox instead of competing for the CPU.
  const bench = await startBenchApp({ ROLE: 'api' });
  try {
    const body = await api(bench.url, 'POST', '/api/bodies', { name: { en: 'Bench WG' }, kind: 'working_group' });
    await api(bench.url, 'PUT', `/api/bodies/${body.id}/letter-settings`, {
      letterheadName: { en: 'WGECC Secretariat', ru: 'Секретариат РГОСИК', kk: 'Жұмыс тобының Хатшылығы' },
      signatoryName: { en: 'Anna Berg' },
      signatoryTitle: { en: 'Team Leader', ru: 'Руководитель группы', kk: 'Топ жетекшісі' },
      contactName: 'Dana Sadykova',
      contactEmail: 'secretariat@example.org',
    });
    const memberIds: string[] = [];
    for (let i = 0; i < 500; i++) {
      const member = await api(bench.url, 'POST', '/api/members', {
        fullName: `${NAMES[i % NAMES.length]} ${i}`,
        email: `letters-${i}@example.org`,
        countryCode: COUNTRIES[i % COUNTRIES.length],
        language: LANGUAGES[i % LANGUAGES.length],
        timeZone: 'Asia/Almaty',
        position: 'Chief expert',
      });
      memberIds.push(member.id);
    }
    const meeting = await api(bench.url, 'POST', '/api/meetings', {
      bodyId: body.id,
      kind: 'working_group',
      number: 9,
      title: { en: 'WGECC meeting', ru: 'Заседание РГОСИК', kk: 'Жұмыс тобының отырысы' },
      timeZone: 'Asia/Almaty',
      startsAt: '2031-12-01T10:00:00+05:00',
      endsAt: '2031-12-02T17:30:00+05:00',
      location: { venue: 'Rixos', city: 'Almaty', countryCode: 'KZ' },
      status: 'scheduled',
    });
    await api(bench.url, 'POST', `/api/meetings/${meeting.id}/invitations`, { memberIds });
    const letters = bench.app.get(LettersService);
    const figures: Record<string, string> = {};

    let bytes = 0;
    const started = process.hrtime.bigint();
    for (const memberId of memberIds)
      bytes += (await letters.letterFor(meeting.id, memberId, 'invitation', undefined, 'en')).pdf.length;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    figures['500 invitation letters, one by one'] =
      `${seconds.toFixed(2)} s, ${(500 / seconds).toFixed(1)} letters/s (goal ≥ 20/s), ${(bytes / 500 / 1024).toFixed(0)} KiB each`;

    const mergeStarted = process.hrtime.bigint();
    const merged = await letters.mergedPdf(meeting.id);
    const mergeSeconds = Number(process.hrtime.bigint() - mergeStarted) / 1e9;
    figures['500 letters as one merged PDF'] =
      `${mergeSeconds.toFixed(2)} s, ${(500 / mergeSeconds).toFixed(1)} letters/s, ${(merged.pdf.length / 2 ** 20).toFixed(2)} MiB`;

    const zipStarted = process.hrtime.bigint();
    const { stream } = await letters.zipStream(meeting.id);
    let zipBytes = 0;
    let firstBytes = 0;
    for await (const chunk of stream) {
      firstBytes ||= Number(process.hrtime.bigint() - zipStarted) / 1e9;
      zipBytes += (chunk as Buffer).length;
    }
    const zipSeconds = Number(process.hrtime.bigint() - zipStarted) / 1e9;
    figures['500 letters as a zip (streamed)'] =
      `${zipSeconds.toFixed(2)} s, ${(500 / zipSeconds).toFixed(1)} letters/s, first bytes after ${(firstBytes * 1000).toFixed(0)} ms, ${(zipBytes / 2 ** 20).toFixed(2)} MiB`;
    // Shared machines make every figure above slower: the load says how much the CPU was shared.
    figures['load average (1 min) at the end'] = os.loadavg()[0].toFixed(1);
    return figures;
  } finally {
    await bench.close();
  }
}
