import {
  DEFAULT_FALLBACK_CHAIN,
  DEFAULT_FALLBACK_SETTING,
  parseFallbackChain,
  pickText,
  textsOf,
} from './content-text';

describe('pickText', () => {
  const all = { en: 'Meeting', ru: 'Заседание', kk: 'Отырыс' };

  it("gives the reader's own language first", () => {
    expect(pickText(all, 'en')).toBe('Meeting');
    expect(pickText(all, 'ru')).toBe('Заседание');
    expect(pickText(all, 'kk')).toBe('Отырыс');
  });

  it('never shows a Kazakh reader English when Russian exists', () => {
    expect(pickText({ en: 'Meeting', ru: 'Заседание' }, 'kk')).toBe('Заседание');
    expect(pickText({ ru: 'Заседание', en: 'Meeting' }, 'kk')).toBe('Заседание');
    expect(pickText({ en: 'Meeting' }, 'kk')).toBe('Meeting');
  });

  it('falls back Russian to English and English to Russian by default', () => {
    expect(pickText({ en: 'Meeting', kk: 'Отырыс' }, 'ru')).toBe('Meeting');
    expect(pickText({ ru: 'Заседание', kk: 'Отырыс' }, 'en')).toBe('Заседание');
  });

  it('shows a text in the only language it has, whatever the chain', () => {
    expect(pickText({ kk: 'Отырыс' }, 'en')).toBe('Отырыс');
    expect(pickText({ kk: 'Отырыс' }, 'ru', { en: [], ru: [], kk: [] })).toBe('Отырыс');
  });

  it('skips blank texts and gives "" for none', () => {
    expect(pickText({ kk: '  ', ru: 'Заседание' }, 'kk')).toBe('Заседание');
    expect(pickText({}, 'kk')).toBe('');
    expect(pickText(null, 'kk')).toBe('');
  });

  it('follows a configured chain', () => {
    const chain = parseFallbackChain('kk:en,ru; ru:kk; en:kk')!;
    expect(pickText({ en: 'Meeting', ru: 'Заседание' }, 'kk', chain)).toBe('Meeting');
    expect(pickText({ en: 'Meeting', kk: 'Отырыс' }, 'ru', chain)).toBe('Отырыс');
    expect(pickText({ ru: 'Заседание', kk: 'Отырыс' }, 'en', chain)).toBe('Отырыс');
  });
});

describe('parseFallbackChain', () => {
  it('reads the default setting as the default chain', () => {
    expect(parseFallbackChain(DEFAULT_FALLBACK_SETTING)).toEqual(DEFAULT_FALLBACK_CHAIN);
  });

  it('leaves a language not named without a fallback of its own', () => {
    expect(parseFallbackChain('kk:ru')).toEqual({ en: [], ru: [], kk: ['ru'] });
  });

  it.each(['kk:de', 'xx:ru', 'kk:ru;kk:en', 'kk:kk', 'kk:ru,ru', 'kk:ru:en'])('refuses "%s"', (setting) => {
    expect(parseFallbackChain(setting)).toBeNull();
  });
});

describe('textsOf', () => {
  it('puts the original under its language beside the translations', () => {
    expect(textsOf('Hotel', 'en', { ru: { venue: 'Гостиница' }, kk: {} }, 'venue')).toEqual({
      en: 'Hotel',
      ru: 'Гостиница',
    });
  });

  it('guesses the language of an original stored without one from its letters', () => {
    expect(textsOf('Қонақ үй', null, null, 'venue')).toEqual({ kk: 'Қонақ үй' });
    expect(textsOf(null, 'en', { ru: { venue: 'Гостиница' } }, 'venue')).toEqual({ ru: 'Гостиница' });
  });
});
