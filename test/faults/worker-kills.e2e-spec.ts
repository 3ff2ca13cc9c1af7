import { describeWorkerKills } from '../support/worker-kill-scenario';

// The defaults: five SMTP connections, one email at a time awaiting its acceptance, so at most one duplicate per crash.
describeWorkerKills('kills');
