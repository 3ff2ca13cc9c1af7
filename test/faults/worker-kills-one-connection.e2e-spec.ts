import { describeWorkerKills } from '../support/worker-kill-scenario';

// SMTP_POOL_CONNECTIONS=1, for a deployment that must never send one email twice per crash more than once.
describeWorkerKills('kills-one-connection', 1);
