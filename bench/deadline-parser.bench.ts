import { parseDeadline } from '../src/work-plan/deadline/deadline-parser';
import { EN_CASES, KK_CASES, RU_CASES } from '../src/work-plan/deadline/deadline-parser.cases';

/** Phrases per second over the test table's phrasings in the three languages. */
export function benchDeadlineParser(): Record<string, string> {
  const phrases = [...EN_CASES, ...RU_CASES, ...KK_CASES].map((c) => c.text);
  for (let i = 0; i < 2000; i++) parseDeadline(phrases[i % phrases.length]);
  const figures: Record<string, string> = {};
  for (const [name, list] of [
    ['en', EN_CASES],
    ['ru', RU_CASES],
    ['kk', KK_CASES],
    ['all', [...EN_CASES, ...RU_CASES, ...KK_CASES]],
  ] as const) {
    const texts = list.map((c) => c.text);
    const rounds = Math.ceil(200_000 / texts.length);
    const started = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (const text of texts) parseDeadline(text);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    figures[`parser ${name} (${texts.length} phrasings)`] =
      `${Math.round((rounds * texts.length) / seconds).toLocaleString('en')} phrases/s`;
  }
  return figures;
}
