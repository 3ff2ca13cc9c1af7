// A/B of what one request costs in CPU: the API process's and PostgreSQL's time per request, read from
// /proc around a fixed number of requests. Unlike latency, these barely move with what else runs on
// the machine, so a change of a few percent shows in a few rounds.
//   node -r ts-node/register/transpile-only bench/api-cpu-ab.ts <tree A> <tree B>
// Env: BENCH_ROUNDS (5), BENCH_REQUESTS per round (1000), BENCH_CONNECTIONS (10), BENCH_PATHS: GET paths separated by
// commas (e.g. "/api/members?limit=50,/health/live"), each measured apart; without it, item writes.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../src/config/app-config';
import type { AppConfig } from '../src/config/app-config';
import { itemWrite, seedLoadData, startApiProcesses } from './api-load.bench';
import { BENCH_TOKEN, machine, startBenchApp } from './bench-app';

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const TICKS_PER_MS = 100 / 1000;

/** User and system time of a process in ms; 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_MS;
  } catch {
    return 0;
  }
}

/** The cluster's API processes: the children of the primary that startApiProcesses forked. */
function childPids(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

async function main() {
  const roots = process.argv.slice(2);
  if (roots.length !== 2) throw new Error('give two source trees: A and B');
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
  const bench = await startBenchApp({
    API_REQUESTS_PER_MINUTE: '10000000',
    ROLE: 'api',
    QUEUE_PREFIX: process.env.BENCH_QUEUE_PREFIX ?? 'wgs-bench-cpu',
  });
  const config = bench.app.get<AppConfig>(APP_CONFIG);
  const data = await seedLoadData(bench.url, bench.app.get(DataSource));
  const database = new URL(config.databaseUrl).pathname.slice(1);
  const monitor = bench.app.get(DataSource);
  const backends = async () =>
    (
      await monitor.query<{ pid: number }[]>(
        `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database],
      )
    ).map((r) => r.pid);
  console.log(
    `CPU per request A/B, 1 API process each, ${rounds} alternating rounds of ${requests} requests per case (${process.env.BENCH_CONNECTIONS ?? 10} connections) — ${machine()}\nA: ${roots[0]}\nB: ${roots[1]}`,
  );
  // BENCH_CPU_PROF=<dir>: the API processes write V8 CPU profiles there when they stop.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const servers = [
    await startApiProcesses(1, config, roots[0], profile),
    await startApiProcesses(1, config, roots[1], profile),
  ];
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const cases: [string, autocannon.Request[]][] = process.env.BENCH_PATHS
    ? process.env.BENCH_PATHS.split(',').map((path) => [`GET ${path}`, [{ method: 'GET', path }]])
    : [['POST item with reminders', [itemWrite(data, 'CPU')]]];
  try {
    for (const [label, requestsOfCase] of cases) {
      console.log(label);
      await measure(servers, requestsOfCase, { rounds, requests, connections, backends });
    }
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    await bench.close();
  }
  process.exit(0);
}

async function measure(
  servers: { url: string; pid: number }[],
  requestsOfCase: autocannon.Request[],
  {
    rounds,
    requests,
    connections,
    backends,
  }: { rounds: number; requests: number; connections: number; backends: () => Promise<number[]> },
) {
  const samples = [0, 1].map(() => ({
    api: [] as number[],
    pg: [] as number[],
    rate: [] as number[],
    p99: [] as number[],
  }));
  // Round 0 warms both up (JIT, pools) and is not counted.
  for (let round = -1; round < rounds; round++) {
    for (const side of round % 2 ? [0, 1] : [1, 0]) {
      const apiPids = childPids(servers[side].pid);
      const pgBefore = new Map((await backends()).map((pid) => [pid, cpuMs(pid)]));
      const apiBefore = apiPids.map(cpuMs);
      const result = await new Promise<autocannon.Result>((resolve, reject) =>
        autocannon(
          {
            url: servers[side].url,
            connections,
            amount: requests,
            headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
            requests: requestsOfCase,
          },
          (error, r) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(r)),
        ),
      );
      const apiMs = apiPids.reduce((sum, pid, i) => sum + cpuMs(pid) - apiBefore[i], 0);
      const pgMs = (await backends()).reduce((sum, pid) => sum + cpuMs(pid) - (pgBefore.get(pid) ?? 0), 0);
      if (result.non2xx) throw new Error(`${result.non2xx} answers were not 2xx`);
      if (round < 0) continue;
      samples[side].api.push(apiMs / requests);
      samples[side].pg.push(pgMs / requests);
      samples[side].rate.push(result.requests.average);
      samples[side].p99.push(result.latency.p99);
    }
  }
  for (const [side, s] of samples.entries()) {
    console.log(
      `  ${'AB'[side]}: API ${median(s.api).toFixed(2)} ms CPU/request (${s.api.map((x) => x.toFixed(2)).join(' ')}), PostgreSQL ${median(s.pg).toFixed(2)} ms (${s.pg.map((x) => x.toFixed(2)).join(' ')}), ` +
        `${Math.round(median(s.rate))} req/s, p99 ${median(s.p99)} ms`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
