import { Module } from '@nestjs/common';
import { PageCache } from './page-cache';
import { PageRenderer } from './page-renderer';

@Module({ providers: [PageRenderer, PageCache], exports: [PageRenderer, PageCache] })
export class PagesModule {}
