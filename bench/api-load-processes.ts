// ROLE=api processes sharing one port through node:cluster, run apart from the load generator: production
// runs several API replicas (docker-compose.yml: 2) behind one address, and the load comes from elsewhere.
import cluster from 'node:cluster';
import { createHttpApp } from '../src/app.factory';
import { JsonLogger } from '../src/common/logging/json-logger';
import { loadConfig } from '../src/config/app-config';

async function serve() {
  const config = loadConfig(process.env);
  const app = await createHttpApp(config, new JsonLogger('error'));
  await app.listen(config.port, '127.0.0.1');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

if (cluster.isPrimary) {
  const count = Number(process.env.API_PROCESSES ?? 1);
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === count) process.send!({ type: 'ready' });
  });
  cluster.on('exit', (worker, code) => {
    if (code !== 0 && !worker.exitedAfterDisconnect)
      process.stderr.write(`API process ${worker.process.pid} stopped with code ${code}\n`);
  });
  for (let i = 0; i < count; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.disconnect(() => process.exit(0));
  });
} else {
  serve().catch((error: unknown) => {
    process.stderr.write(`API process could not start: ${(error as Error).stack}\n`);
    process.exit(1);
  });
}
