import { Module } from '@nestjs/common';
import { MailTransport } from './mail-transport';
import { TemplateRenderer } from './template-renderer';

@Module({
  providers: [MailTransport, { provide: TemplateRenderer, useFactory: () => new TemplateRenderer() }],
  exports: [MailTransport, TemplateRenderer],
})
export class MailModule {}
