import { Module } from '@nestjs/common';
import { PageCache } from './page-cache';
import { PageRenderer } from './page-renderer';
import { PageSnapshotRepository } from './page-snapshot.repository';

@Module({ providers: [PageRenderer, PageCache, PageSnapshotRepository], exports: [PageRenderer, PageCache] })
export class PagesModule {}
