import autocannon from 'autocannon';
import { api, BENCH_TOKEN, startBenchApp } from './bench-app';

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

function run(url: string, requests: autocannon.Request[], seconds = 8, connections = 20): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections, duration: seconds, headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' }, requests },
      (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result as Result)),
    );
  });
}

const line = (r: Result) => `${Math.round(r.requests.average).toLocaleString('en')} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`;

/** The main list endpoints with 100 members, 1,000 work-plan items and 200 meetings; reads, then reads and writes mixed. */
export async function benchApiLoad(): Promise<Record<string, string>> {
  const bench = await startBenchApp({ API_REQUESTS_PER_MINUTE: '10000000', ROLE: 'api' });
  const figures: Record<string, string> = {};
  try {
    const body = await api(bench.url, 'POST', '/api/bodies', { name: { en: 'Load WG' }, kind: 'working_group' });
    const members: string[] = [];
    for (let i = 0; i < 100; i++) {
      members.push((await api(bench.url, 'POST', '/api/members', { fullName: `Load member ${i}`, email: `load${i}@bench.example`, countryCode: ['KZ', 'KG', 'TJ', 'TM', 'UZ'][i % 5], language: 'ru', timeZone: 'Asia/Almaty' })).id);
    }
    const plan = await api(bench.url, 'POST', '/api/work-plans', { bodyId: body.id, title: { en: 'Load plan' }, period: '2030' });
    const form = new FormData();
    const rows = ['activity,deadline,executor,countries'];
    for (let i = 0; i < 1000; i++) rows.push(`Activity ${i},${['Февраль 2030', 'Q3 2030', 'end of November 2030'][i % 3]},WECOOP 3,${['KZ', 'UZ'][i % 2]}`);
    form.append('file', new Blob([rows.join('\n')], { type: 'text/csv' }), 'plan.csv');
    await api(bench.url, 'POST', `/api/work-plans/${plan.id}/import`, form);
    for (let i = 0; i < 200; i++) {
      await api(bench.url, 'POST', '/api/meetings', { bodyId: body.id, kind: 'technical', title: { en: `Load meeting ${i}` }, timeZone: 'Asia/Almaty', startsAt: new Date(Date.UTC(2030, 0, 1 + i, 5)).toISOString() });
    }

    for (const [label, path] of [
      ['GET /api/members?limit=50', '/api/members?limit=50'],
      ['GET /api/work-plan-items?limit=50', `/api/work-plan-items?workPlanId=${plan.id}&limit=50`],
      ['GET /api/work-plan-items?due=overdue&country=KZ', `/api/work-plan-items?due=overdue&country=KZ&limit=50`],
      ['GET /api/meetings?limit=50', '/api/meetings?limit=50'],
    ] as const) {
      figures[label] = line(await run(bench.url, [{ method: 'GET', path }]));
    }
    let n = 0;
    const mixed = await run(bench.url, [
      { method: 'GET', path: '/api/members?limit=50' },
      { method: 'GET', path: `/api/work-plan-items?workPlanId=${plan.id}&limit=50` },
      { method: 'GET', path: '/api/meetings?limit=50' },
      {
        method: 'POST',
        path: `/api/work-plans/${plan.id}/items`,
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ activity: { en: `Written ${n++}` }, deadline: 'Q4 2030', responsibleMemberIds: [members[n % 100]] }) }),
      },
    ]);
    figures['mixed: 3 reads + 1 write (item with reminders planned)'] = line(mixed);
    const writes = await run(bench.url, [
      {
        method: 'POST',
        path: `/api/work-plans/${plan.id}/items`,
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ activity: { en: `Write only ${n++}` }, deadline: 'Q4 2030', responsibleMemberIds: [members[n % 100]] }) }),
      },
    ], 6, 10);
    figures['writes only: POST item + its reminders in one transaction'] = line(writes);
  } finally {
    await bench.close();
  }
  return figures;
}
