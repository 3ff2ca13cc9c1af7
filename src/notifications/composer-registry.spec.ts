import { Injectable } from '@nestjs/common';
import type { Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ComposerRegistry, ComposesNotifications } from './notification-composer';
import type { Composition, NotificationComposer } from './notification-composer';

const skipped = (reason: string): Promise<Composition> => Promise.resolve({ send: false, reason });

@Injectable()
@ComposesNotifications('meeting')
class MeetingComposer implements NotificationComposer {
  compose = () => skipped('meeting');
}

@Injectable()
@ComposesNotifications('meeting')
class SecondMeetingComposer implements NotificationComposer {
  compose = () => skipped('meeting again');
}

@Injectable()
@ComposesNotifications('work_plan_item')
class ItemComposer implements NotificationComposer {
  compose = () => skipped('item');
}

@Injectable()
@ComposesNotifications('member_digest')
class MemberDigestComposer implements NotificationComposer {
  compose = () => skipped('member digest');
}

@Injectable()
@ComposesNotifications('secretariat_digest')
class SecretariatComposer implements NotificationComposer {
  compose = () => skipped('secretariat digest');
}

@Injectable()
@ComposesNotifications('sign_in')
class SignInComposer implements NotificationComposer {
  compose = () => skipped('sign-in');
}

@Injectable()
@ComposesNotifications('substitute_proposal')
class ProposalComposer implements NotificationComposer {
  compose = () => skipped('proposal');
}

@Injectable()
@ComposesNotifications('documents')
class DocumentsComposer implements NotificationComposer {
  compose = () => skipped('documents');
}

@Injectable()
@ComposesNotifications('document')
class DocumentComposer implements NotificationComposer {
  compose = () => skipped('document');
}

const everyComposer = [
  MeetingComposer,
  ItemComposer,
  MemberDigestComposer,
  SecretariatComposer,
  SignInComposer,
  ProposalComposer,
  DocumentsComposer,
  DocumentComposer,
];

/** A real Nest module with the registry and the given composers, started as the app starts. */
async function start(providers: Provider[]) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [ComposerRegistry, ...providers],
  }).compile();
  await module.init();
  return module;
}

describe('composers declared with @ComposesNotifications', () => {
  it('gives each subject type the composer declared for it', async () => {
    const module = await start(everyComposer);
    const registry = module.get(ComposerRegistry);
    expect(registry.get('sign_in')).toBe(module.get(SignInComposer));
    expect(registry.get('meeting')).toBe(module.get(MeetingComposer));
    await module.close();
  });

  it('refuses to start when a subject type has no composer, naming the type', async () => {
    await expect(start(everyComposer.filter((composer) => composer !== SignInComposer))).rejects.toThrow(
      'no composer for subject type "sign_in"',
    );
  });

  it('refuses to start when a subject type has two composers, naming both', async () => {
    await expect(start([...everyComposer, SecondMeetingComposer])).rejects.toThrow(
      'subject type "meeting" has 2 composers: MeetingComposer, SecondMeetingComposer',
    );
  });
});
