// Entry point for the TypeORM CLI (npm run migration:*): the same options as the app.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadDotEnv } from '../config/dotenv';
import { dataSourceOptions } from './data-source-options';

loadDotEnv();
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wg_secretariat'),
);
