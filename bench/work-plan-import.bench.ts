import { api, startBenchApp } from './bench-app';

const DEADLINES = [
  'Февраль 2019',
  'Апрель-июль 2019',
  'Декабрь 2018 – Январь 2019',
  'Конец ноября или начало декабря 2019 или февраль 2020',
  'Q3 2019',
  '[по запросу]',
  '15 June 2019',
  '2019 жылғы 15 маусым',
];

/** A 10,000-row CSV through the real HTTP endpoint: rows per second and the process's peak memory. */
export async function benchWorkPlanImport(): Promise<Record<string, string>> {
  const bench = await startBenchApp();
  try {
    const body = await api(bench.url, 'POST', '/api/bodies', { name: { en: 'Bench WG' }, kind: 'working_group' });
    const lines = ['Мероприятие,Сроки,Исполнитель,countries,topics'];
    for (let i = 0; i < 10_000; i++)
      lines.push(
        `"Обучение специалистов №${i}","${DEADLINES[i % DEADLINES.length]}","WECOOP ${2 + (i % 2)}","KZ; UZ","water"`,
      );
    const csv = lines.join('\n');
    const figures: Record<string, string> = {};
    for (const dryRun of [true, false]) {
      const plan = await api(bench.url, 'POST', '/api/work-plans', {
        bodyId: body.id,
        title: { en: 'Bench' },
        period: '2019',
      });
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'plan.csv');
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const started = process.hrtime.bigint();
      const result = await api(
        bench.url,
        'POST',
        `/api/work-plans/${plan.id}/import${dryRun ? '?dryRun=true' : ''}`,
        form,
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(sampler);
      if (result.summary.invalid !== 0) throw new Error('bench rows should all be valid');
      const label = dryRun ? 'import 10,000 rows (dry run)' : 'import 10,000 rows';
      figures[label] =
        `${seconds.toFixed(2)} s, ${Math.round(10_000 / seconds).toLocaleString('en')} rows/s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (+${((peak - rssBefore) / 2 ** 20).toFixed(0)} MiB)`;
    }
    return figures;
  } finally {
    await bench.close();
  }
}
