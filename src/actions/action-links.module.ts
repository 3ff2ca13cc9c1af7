import { Global, Module } from '@nestjs/common';
import { ActionLinks } from './action-links';
import { ActionTokenService } from './action-token.service';

/** Signing and labelling answer links: used by every email composer, so available everywhere. */
@Global()
@Module({ providers: [ActionTokenService, ActionLinks], exports: [ActionTokenService, ActionLinks] })
export class ActionLinksModule {}
