import { describeWorkerKills } from '../support/worker-kill-scenario';

// SMTP_MAX_UNCONFIRMED=3, for a deployment whose SMTP server is slow to answer: more throughput, up to three duplicates per crash.
describeWorkerKills('kills-three-unconfirmed', 3);
