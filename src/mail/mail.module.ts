import { Module } from '@nestjs/common';
import { APP_CONFIG, secretsForVerifying } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { MailTransport } from './mail-transport';
import { ReplyAddressing, messageIdDomain } from './reply-addressing';
import { TemplateRenderer } from './template-renderer';

@Module({
  providers: [
    MailTransport,
    { provide: TemplateRenderer, useFactory: () => new TemplateRenderer() },
    {
      provide: ReplyAddressing,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ReplyAddressing(secretsForVerifying(config), messageIdDomain(config)),
    },
  ],
  exports: [MailTransport, TemplateRenderer, ReplyAddressing],
})
export class MailModule {}
