import type { Language } from '../i18n/languages';

type HolidayName = Record<Language, string>;

/** Public holidays of the three Central Asian states date-holidays has no data for, in its rule syntax. */
export const CENTRAL_ASIA_HOLIDAY_RULES: Record<'KG' | 'TJ' | 'TM', { rule: string; name: HolidayName }[]> = {
  KG: [
    { rule: '01-01', name: { en: 'New Year', ru: 'Новый год', kk: 'Жаңа жыл' } },
    { rule: '01-07', name: { en: 'Orthodox Christmas', ru: 'Рождество Христово', kk: 'Рождество' } },
    {
      rule: '02-23',
      name: { en: 'Defender of the Fatherland Day', ru: 'День защитника Отечества', kk: 'Отан қорғаушы күні' },
    },
    { rule: '03-08', name: { en: "International Women's Day", ru: 'Международный женский день', kk: 'Әйелдер күні' } },
    { rule: '03-21', name: { en: 'Nooruz', ru: 'Нооруз', kk: 'Наурыз' } },
    {
      rule: '04-07',
      name: {
        en: 'Day of the People’s April Revolution',
        ru: 'День Народной апрельской революции',
        kk: 'Сәуір төңкерісі күні',
      },
    },
    { rule: '05-01', name: { en: 'Labour Day', ru: 'Праздник труда', kk: 'Еңбек мерекесі' } },
    { rule: '05-05', name: { en: 'Constitution Day', ru: 'День Конституции', kk: 'Конституция күні' } },
    { rule: '05-09', name: { en: 'Victory Day', ru: 'День Победы', kk: 'Жеңіс күні' } },
    { rule: '08-31', name: { en: 'Independence Day', ru: 'День независимости', kk: 'Тәуелсіздік күні' } },
    {
      rule: '11-07',
      name: {
        en: 'Days of History and Remembrance',
        ru: 'Дни истории и памяти предков',
        kk: 'Тарих және еске алу күндері',
      },
    },
    {
      rule: '11-08',
      name: {
        en: 'Days of History and Remembrance',
        ru: 'Дни истории и памяти предков',
        kk: 'Тарих және еске алу күндері',
      },
    },
    { rule: '1 Shawwal', name: { en: 'Orozo Ait (Eid al-Fitr)', ru: 'Орозо айт', kk: 'Ораза айт' } },
    { rule: '10 Dhu al-Hijjah', name: { en: 'Kurman Ait (Eid al-Adha)', ru: 'Курман айт', kk: 'Құрбан айт' } },
  ],
  TJ: [
    { rule: '01-01', name: { en: 'New Year', ru: 'Новый год', kk: 'Жаңа жыл' } },
    { rule: '03-08', name: { en: "Mother's Day", ru: 'День матери', kk: 'Аналар күні' } },
    { rule: '03-21', name: { en: 'Navruz', ru: 'Навруз', kk: 'Наурыз' } },
    { rule: '03-22', name: { en: 'Navruz', ru: 'Навруз', kk: 'Наурыз' } },
    { rule: '03-23', name: { en: 'Navruz', ru: 'Навруз', kk: 'Наурыз' } },
    { rule: '03-24', name: { en: 'Navruz', ru: 'Навруз', kk: 'Наурыз' } },
    { rule: '05-01', name: { en: 'Labour Day', ru: 'Праздник труда', kk: 'Еңбек мерекесі' } },
    { rule: '05-09', name: { en: 'Victory Day', ru: 'День Победы', kk: 'Жеңіс күні' } },
    { rule: '06-27', name: { en: 'National Unity Day', ru: 'День национального единства', kk: 'Ұлттық бірлік күні' } },
    { rule: '09-09', name: { en: 'Independence Day', ru: 'День независимости', kk: 'Тәуелсіздік күні' } },
    { rule: '11-06', name: { en: 'Constitution Day', ru: 'День Конституции', kk: 'Конституция күні' } },
    { rule: '1 Shawwal', name: { en: 'Idi Ramazon (Eid al-Fitr)', ru: 'Иди Рамазон', kk: 'Ораза айт' } },
    { rule: '10 Dhu al-Hijjah', name: { en: 'Idi Qurbon (Eid al-Adha)', ru: 'Иди Курбон', kk: 'Құрбан айт' } },
  ],
  TM: [
    { rule: '01-01', name: { en: 'New Year', ru: 'Новый год', kk: 'Жаңа жыл' } },
    { rule: '03-08', name: { en: "International Women's Day", ru: 'Международный женский день', kk: 'Әйелдер күні' } },
    { rule: '03-21', name: { en: 'Nowruz', ru: 'Новруз', kk: 'Наурыз' } },
    { rule: '03-22', name: { en: 'Nowruz', ru: 'Новруз', kk: 'Наурыз' } },
    { rule: '05-09', name: { en: 'Victory Day', ru: 'День Победы', kk: 'Жеңіс күні' } },
    {
      rule: '05-18',
      name: {
        en: 'Constitution and State Flag Day',
        ru: 'День Конституции и Государственного флага',
        kk: 'Конституция және Ту күні',
      },
    },
    { rule: '09-27', name: { en: 'Independence Day', ru: 'День независимости', kk: 'Тәуелсіздік күні' } },
    { rule: '12-12', name: { en: 'Neutrality Day', ru: 'День нейтралитета', kk: 'Бейтараптық күні' } },
    { rule: '1 Shawwal', name: { en: 'Oraza Bayram (Eid al-Fitr)', ru: 'Ораза байрам', kk: 'Ораза айт' } },
    { rule: '10 Dhu al-Hijjah', name: { en: 'Gurban Bayram (Eid al-Adha)', ru: 'Курбан байрам', kk: 'Құрбан айт' } },
  ],
};
