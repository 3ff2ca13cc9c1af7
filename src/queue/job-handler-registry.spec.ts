import { Injectable } from '@nestjs/common';
import type { Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { JobHandlerRegistry } from './job-handler-registry';
import { JobName, toJobItem } from './job.types';
import type { DeliverNotificationData } from './job.types';
import { OnJob } from './on-job.decorator';

@Injectable()
class Deliverer {
  readonly delivered: DeliverNotificationData[] = [];

  @OnJob({ name: JobName.DeliverNotification })
  async deliver(data: DeliverNotificationData) {
    this.delivered.push(data);
    return 'sent';
  }
}

@Injectable()
class OtherDeliverer {
  @OnJob({ name: JobName.DeliverNotification })
  async deliver() {
    return 'sent twice';
  }
}

@Injectable()
class Reconciler {
  @OnJob({ name: JobName.ReconcileNotifications })
  async reconcile() {
    return 'reconciled';
  }
}

@Injectable()
class DigestPlanner {
  @OnJob({ name: JobName.PlanSecretariatDigest })
  async planThisWeek() {
    return { planned: 3 };
  }
}

@Injectable()
class PassportEraser {
  @OnJob({ name: JobName.ErasePassportData })
  async erase() {
    return { erased: 2 };
  }
}

/** A real Nest module with the registry and the given providers, started as the app starts. */
async function start(providers: Provider[]) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobHandlerRegistry, ...providers],
  }).compile();
  await module.init();
  return module;
}

describe('job handlers declared with @OnJob', () => {
  it('runs each job by the one handler declared for its name, with the data the job carries', async () => {
    const module = await start([Deliverer, Reconciler, DigestPlanner, PassportEraser]);
    const registry = module.get(JobHandlerRegistry);
    const data = { notificationId: '6d0f6b3e-2f3e-4f4a-9a55-0d6b1d7a1c11', version: 3, kind: 'meeting-reminder' };
    await expect(registry.run(toJobItem({ name: 'deliver', data }))).resolves.toBe('sent');
    expect(module.get(Deliverer).delivered).toEqual([data]);
    await expect(registry.run(toJobItem({ name: 'reconcile', data: {} }))).resolves.toBe('reconciled');
    await expect(registry.run(toJobItem({ name: 'secretariat-digest', data: {} }))).resolves.toEqual({ planned: 3 });
    await expect(registry.run(toJobItem({ name: 'erase-passport-data', data: {} }))).resolves.toEqual({ erased: 2 });
    await module.close();
  });

  it('refuses to start when a job has no handler, naming the job', async () => {
    await expect(start([Deliverer, DigestPlanner])).rejects.toThrow('no handler for job "reconcile"');
  });

  it('refuses to start when a job has two handlers, naming both', async () => {
    await expect(start([Deliverer, OtherDeliverer, Reconciler, DigestPlanner])).rejects.toThrow(
      'job "deliver" has 2 handlers: Deliverer.deliver, OtherDeliverer.deliver',
    );
  });

  it('names every problem at once', async () => {
    await expect(start([Deliverer, OtherDeliverer])).rejects.toThrow(
      'the queue workers cannot start: job "deliver" has 2 handlers: Deliverer.deliver, OtherDeliverer.deliver; no handler for job "reconcile"; no handler for job "secretariat-digest"',
    );
  });

  it('refuses a job whose name it does not know, rather than guess its handler', () => {
    expect(() => toJobItem({ name: 'send-everything', data: {} })).toThrow('unknown job send-everything');
  });
});
