import { languageFromHeader } from './languages';

describe('languageFromHeader()', () => {
  it.each([
    ['de,ru;q=0.8', 'ru'],
    ['kk-KZ', 'kk'],
    ['kk-KZ,kk;q=0.9,ru-RU;q=0.8,ru;q=0.7,en-US;q=0.6', 'kk'],
    ['fr-FR,fr;q=0.9,en;q=0.5,ru;q=0.6', 'ru'],
    ['en;q=0.5, RU-ru;q=0.9', 'ru'],
    ['ru;q=0.8,kk;q=0.8', 'ru'],
    ['de, en-GB;q=0.4, kk;q=0.3', 'en'],
    ['ru;q=0,kk;q=0.1', 'kk'],
    ['de-DE,*;q=0.5', 'en'],
    ['ru;q=abc,kk;q=0.2', 'kk'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (header, language) => {
    expect(languageFromHeader(header)).toBe(language);
  });
});
