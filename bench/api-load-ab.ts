import { DataSource } from 'typeorm';
// A/B of the API under load: two source trees (say a snapshot of the last commit and one with a change)
// serve one seeded database side by side, measured in alternating short rounds, so that both meet the
// same noise from everything else running on the machine. Medians of the rounds are printed.
//   node -r ts-node/register/transpile-only bench/api-load-ab.ts <tree A> <tree B>
import type autocannon from 'autocannon';
import { APP_CONFIG } from '../src/config/app-config';
import type { AppConfig } from '../src/config/app-config';
import { itemWrite, load, loadedLists, mixedReads, seedLoadData, startApiProcesses } from './api-load.bench';
import type { LoadResult } from './api-load.bench';
import { machine, startBenchApp } from './bench-app';

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

async function main() {
  const roots = process.argv.slice(2);
  if (roots.length !== 2) throw new Error('give two source trees: A and B');
  const processes = Number(process.env.BENCH_API_PROCESSES ?? 1);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  const bench = await startBenchApp({
    API_REQUESTS_PER_MINUTE: '10000000',
    ROLE: 'api',
    QUEUE_PREFIX: process.env.BENCH_QUEUE_PREFIX ?? 'wgs-bench-ab',
  });
  const config = bench.app.get<AppConfig>(APP_CONFIG);
  const data = await seedLoadData(bench.url, bench.app.get(DataSource));
  await bench.close();
  const servers = [
    await startApiProcesses(processes, config, roots[0]),
    await startApiProcesses(processes, config, roots[1]),
  ];
  console.log(
    `A/B, ${processes} API process(es) each, ${rounds} alternating rounds of ${seconds} s — ${machine()}\nA: ${roots[0]}\nB: ${roots[1]}`,
  );
  try {
    const cases: [string, autocannon.Request[], number][] = [
      ...loadedLists(data).map(([label, path]): [string, autocannon.Request[], number] => [
        label,
        [{ method: 'GET', path }],
        20,
      ]),
      ['writes only: POST item + its reminders', [itemWrite(data, 'A/B write')], 10],
      ['mixed: 3 reads + 1 write (item with reminders)', [...mixedReads(data), itemWrite(data, 'A/B mixed write')], 20],
    ];
    // BENCH_CASES=write (a word of the labels): only the cases it names, for an A/B of one path.
    const only = process.env.BENCH_CASES?.toLowerCase();
    for (const [label, requests, connections] of cases.filter(
      ([label]) => !only || label.toLowerCase().includes(only),
    )) {
      const results: LoadResult[][] = [[], []];
      for (let round = 0; round < rounds; round++) {
        for (const side of round % 2 ? [1, 0] : [0, 1])
          results[side].push(await load(servers[side].url, requests, seconds, connections));
      }
      const summary = results.map(
        (r) =>
          `${Math.round(median(r.map((x) => x.requests.average)))} req/s, p50 ${median(r.map((x) => x.latency.p50))} ms, p99 ${median(r.map((x) => x.latency.p99))} ms`,
      );
      console.log(`${label.padEnd(50)} A ${summary[0].padEnd(36)} B ${summary[1]}`);
    }
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
