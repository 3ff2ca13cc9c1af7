import { describeWorkerKills } from '../support/worker-kill-scenario';

// The default pool: throughput first, so a kill can cost up to one duplicate per connection.
describeWorkerKills('kills', 5);
