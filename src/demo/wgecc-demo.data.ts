import type { Language, LocalizedText } from '../common/i18n/languages';
import type { BodyKind } from '../bodies/body.entity';
import type { MembershipRole } from '../bodies/membership.entity';
import type { OrganizationKind } from '../organizations/organization.entity';

/** The WGECC demo: organisations from the source documents, the two bodies, and fictional people. */
export interface DemoOrganization {
  key: string;
  name: LocalizedText;
  kind: OrganizationKind;
  countryCode: string | null;
}

export interface DemoMember {
  fullName: string;
  email: string;
  countryCode: string;
  organization: string;
  position: string;
  language: Language;
  timeZone: string;
  terms: { body: 'wg' | 'sc'; role: MembershipRole; seat?: string; startDate: string; endDate?: string }[];
}

export const DEMO_BODIES: Record<'wg' | 'sc', { name: LocalizedText; kind: BodyKind; timeZone: string }> = {
  wg: {
    name: {
      en: 'EU–Central Asia Working Group on Environment and Climate Change',
      ru: 'Рабочая группа по окружающей среде и изменению климата',
      kk: 'Қоршаған орта және климаттың өзгеруі жөніндегі жұмыс тобы',
    },
    kind: 'working_group',
    timeZone: 'Asia/Almaty',
  },
  sc: {
    name: { en: 'Steering Committee of the WGECC', ru: 'Руководящий комитет РГОСИК', kk: 'ЖТ Басқарушы комитеті' },
    kind: 'steering_committee',
    timeZone: 'Asia/Almaty',
  },
};

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'wecoop2', name: { en: 'WECOOP 2', ru: 'WECOOP 2', kk: 'WECOOP 2' }, kind: 'project', countryCode: null },
  { key: 'wecoop3', name: { en: 'WECOOP 3', ru: 'WECOOP 3', kk: 'WECOOP 3' }, kind: 'project', countryCode: null },
  {
    key: 'carec',
    name: {
      en: 'CAREC — Regional Environmental Centre for Central Asia',
      ru: 'РЭЦЦА — Региональный экологический центр Центральной Азии',
      kk: 'ОАӨЭО — Орталық Азияның өңірлік экологиялық орталығы',
    },
    kind: 'international',
    countryCode: 'KZ',
  },
  {
    key: 'ec',
    name: { en: 'European Commission', ru: 'Европейская комиссия', kk: 'Еуропалық комиссия' },
    kind: 'eu_institution',
    countryCode: 'EU',
  },
  {
    key: 'eaa',
    name: {
      en: 'Environment Agency Austria',
      ru: 'Агентство по охране окружающей среды Австрии',
      kk: 'Аустрияның қоршаған ортаны қорғау агенттігі',
    },
    kind: 'agency',
    countryCode: 'AT',
  },
  { key: 'ebrd', name: { en: 'EBRD', ru: 'ЕБРР', kk: 'ЕҚДБ' }, kind: 'ifi', countryCode: null },
  {
    key: 'adb',
    name: { en: 'Asian Development Bank', ru: 'Азиатский банк развития', kk: 'Азия даму банкі' },
    kind: 'ifi',
    countryCode: null,
  },
  {
    key: 'wb',
    name: { en: 'World Bank', ru: 'Всемирный банк', kk: 'Дүниежүзілік банк' },
    kind: 'ifi',
    countryCode: null,
  },
  { key: 'unece', name: { en: 'UNECE', ru: 'ЕЭК ООН', kk: 'БҰҰ ЕЭК' }, kind: 'international', countryCode: null },
  {
    key: 'kz-min',
    name: {
      en: 'Ministry of Ecology and Natural Resources of Kazakhstan',
      ru: 'Министерство экологии и природных ресурсов Республики Казахстан',
      kk: 'Қазақстан Республикасы Экология және табиғи ресурстар министрлігі',
    },
    kind: 'ministry',
    countryCode: 'KZ',
  },
  {
    key: 'kg-min',
    name: {
      en: 'Ministry of Natural Resources, Ecology and Technical Supervision of Kyrgyzstan',
      ru: 'Министерство природных ресурсов, экологии и технического надзора Кыргызской Республики',
    },
    kind: 'ministry',
    countryCode: 'KG',
  },
  {
    key: 'tj-com',
    name: {
      en: 'Committee for Environmental Protection of Tajikistan',
      ru: 'Комитет охраны окружающей среды при Правительстве Республики Таджикистан',
    },
    kind: 'agency',
    countryCode: 'TJ',
  },
  {
    key: 'tm-min',
    name: {
      en: 'Ministry of Environmental Protection of Turkmenistan',
      ru: 'Министерство охраны окружающей среды Туркменистана',
    },
    kind: 'ministry',
    countryCode: 'TM',
  },
  {
    key: 'uz-min',
    name: {
      en: 'Ministry of Ecology, Environmental Protection and Climate Change of Uzbekistan',
      ru: 'Министерство экологии, охраны окружающей среды и изменения климата Республики Узбекистан',
    },
    kind: 'ministry',
    countryCode: 'UZ',
  },
];

const member = (
  fullName: string,
  email: string,
  countryCode: string,
  organization: string,
  position: string,
  language: Language,
  timeZone: string,
  terms: DemoMember['terms'],
): DemoMember => ({ fullName, email, countryCode, organization, position, language, timeZone, terms });

export const DEMO_MEMBERS: DemoMember[] = [
  // Kazakhstan: the focal point changed in 2025, so the seat is flagged as held under two years.
  member(
    'Айгерим Садыкова',
    'a.sadykova@demo.wgecc.example',
    'KZ',
    'kz-min',
    'Head of Division, Climate Policy Department',
    'kk',
    'Asia/Almaty',
    [
      { body: 'wg', role: 'member', startDate: '2025-03-01' },
      { body: 'sc', role: 'chair', startDate: '2025-03-01' },
    ],
  ),
  member(
    'Ержан Тулегенов',
    'e.tulegenov@demo.wgecc.example',
    'KZ',
    'kz-min',
    'Deputy Director, Department of Environmental Policy',
    'ru',
    'Asia/Almaty',
    [
      { body: 'wg', role: 'member', startDate: '2016-09-01', endDate: '2025-02-28' },
      { body: 'sc', role: 'member', startDate: '2019-06-01', endDate: '2025-02-28' },
    ],
  ),
  member(
    'Дина Омарова',
    'd.omarova@demo.wgecc.example',
    'KZ',
    'kz-min',
    'Chief Expert, Waste Management',
    'ru',
    'Asia/Almaty',
    [{ body: 'wg', role: 'alternate', seat: 'KZ', startDate: '2021-01-15' }],
  ),
  // Kyrgyzstan: long continuous service.
  member(
    'Бакыт Исаев',
    'b.isaev@demo.wgecc.example',
    'KG',
    'kg-min',
    'Head of Department of Environmental Monitoring',
    'ru',
    'Asia/Bishkek',
    [
      { body: 'wg', role: 'co_chair', startDate: '2017-01-01' },
      { body: 'sc', role: 'co_chair', startDate: '2019-06-01' },
    ],
  ),
  member(
    'Нургуль Жумабаева',
    'n.zhumabaeva@demo.wgecc.example',
    'KG',
    'kg-min',
    'Leading Specialist, Air Quality',
    'ru',
    'Asia/Bishkek',
    [{ body: 'wg', role: 'alternate', seat: 'KG', startDate: '2022-05-01' }],
  ),
  // Tajikistan: three people in five years.
  member(
    'Фарход Рахимов',
    'f.rakhimov@demo.wgecc.example',
    'TJ',
    'tj-com',
    'Head of International Cooperation',
    'ru',
    'Asia/Dushanbe',
    [
      { body: 'wg', role: 'member', startDate: '2024-09-01' },
      { body: 'sc', role: 'member', startDate: '2024-09-01' },
    ],
  ),
  member(
    'Зарина Назарова',
    'z.nazarova@demo.wgecc.example',
    'TJ',
    'tj-com',
    'Senior Specialist',
    'ru',
    'Asia/Dushanbe',
    [{ body: 'wg', role: 'member', startDate: '2022-01-01', endDate: '2024-08-31' }],
  ),
  member(
    'Далер Шарипов',
    'd.sharipov@demo.wgecc.example',
    'TJ',
    'tj-com',
    'Specialist, Water Resources',
    'ru',
    'Asia/Dushanbe',
    [{ body: 'wg', role: 'member', startDate: '2018-03-01', endDate: '2021-12-31' }],
  ),
  member(
    'Мерген Атаев',
    'm.atayev@demo.wgecc.example',
    'TM',
    'tm-min',
    'Head of Department for Climate Change',
    'ru',
    'Asia/Ashgabat',
    [
      { body: 'wg', role: 'member', startDate: '2019-02-01' },
      { body: 'sc', role: 'member', startDate: '2019-06-01' },
    ],
  ),
  member(
    'Огулджан Бердыева',
    'o.berdyeva@demo.wgecc.example',
    'TM',
    'tm-min',
    'Chief Specialist, Biodiversity',
    'ru',
    'Asia/Ashgabat',
    [{ body: 'wg', role: 'alternate', seat: 'TM', startDate: '2020-10-01' }],
  ),
  member(
    'Дилноза Юсупова',
    'd.yusupova@demo.wgecc.example',
    'UZ',
    'uz-min',
    'Head of Department for Environmental Information Systems',
    'ru',
    'Asia/Tashkent',
    [
      { body: 'wg', role: 'member', startDate: '2018-05-01' },
      { body: 'sc', role: 'member', startDate: '2019-06-01' },
    ],
  ),
  member(
    'Шерзод Каримов',
    's.karimov@demo.wgecc.example',
    'UZ',
    'uz-min',
    'Senior Expert, Air Quality Management',
    'en',
    'Asia/Tashkent',
    [{ body: 'wg', role: 'alternate', seat: 'UZ', startDate: '2023-04-01' }],
  ),
  member(
    'Anna Schmidt',
    'anna.schmidt@demo.wgecc.example',
    'EU',
    'ec',
    'Policy Officer, DG Environment',
    'en',
    'Europe/Brussels',
    [
      { body: 'wg', role: 'co_chair', seat: 'European Commission', startDate: '2020-01-01' },
      { body: 'sc', role: 'co_chair', seat: 'European Commission', startDate: '2020-01-01' },
    ],
  ),
  member(
    'Pierre Laurent',
    'pierre.laurent@demo.wgecc.example',
    'EU',
    'ec',
    'International Relations Officer, DG INTPA',
    'en',
    'Europe/Brussels',
    [{ body: 'wg', role: 'member', seat: 'European Commission', startDate: '2016-01-01', endDate: '2019-12-31' }],
  ),
  member(
    'Katharina Huber',
    'k.huber@demo.wgecc.example',
    'AT',
    'eaa',
    'Senior Expert, Environmental Information',
    'en',
    'Europe/Vienna',
    [{ body: 'wg', role: 'member', seat: 'Environment Agency Austria', startDate: '2018-01-01' }],
  ),
  member(
    'Tomasz Kowalski',
    't.kowalski@demo.wgecc.example',
    'PL',
    'ebrd',
    'Senior Banker, Green Economy',
    'en',
    'Europe/London',
    [{ body: 'wg', role: 'observer', seat: 'EBRD', startDate: '2019-01-01' }],
  ),
  member(
    'Maria Santos',
    'm.santos@demo.wgecc.example',
    'PH',
    'adb',
    'Environment Specialist, Central and West Asia',
    'en',
    'Asia/Manila',
    [{ body: 'wg', role: 'observer', seat: 'ADB', startDate: '2021-06-01' }],
  ),
  member(
    'John Miller',
    'j.miller@demo.wgecc.example',
    'US',
    'wb',
    'Senior Environmental Specialist',
    'en',
    'America/New_York',
    [{ body: 'wg', role: 'observer', seat: 'World Bank', startDate: '2020-03-01' }],
  ),
  member(
    'Асель Сарсенбаева',
    'a.sarsenbayeva@demo.wgecc.example',
    'KZ',
    'carec',
    'Programme Manager, Climate Change',
    'ru',
    'Asia/Almaty',
    [{ body: 'wg', role: 'observer', seat: 'CAREC', startDate: '2017-01-01' }],
  ),
  member(
    'Elena Petrova',
    'e.petrova@demo.wgecc.example',
    'CH',
    'unece',
    'Environmental Affairs Officer, Water Convention',
    'ru',
    'Europe/Zurich',
    [{ body: 'wg', role: 'observer', seat: 'UNECE', startDate: '2018-09-01' }],
  ),
  member(
    'Laura Bianchi',
    'l.bianchi@demo.wgecc.example',
    'IT',
    'wecoop3',
    'Team Leader, WECOOP 3',
    'en',
    'Europe/Brussels',
    [
      { body: 'wg', role: 'secretariat', seat: 'Secretariat', startDate: '2019-09-01' },
      { body: 'sc', role: 'secretariat', seat: 'Secretariat', startDate: '2019-09-01' },
    ],
  ),
  member(
    'Жанар Касымова',
    'z.kasymova@demo.wgecc.example',
    'KZ',
    'wecoop3',
    'Key Expert, Almaty office',
    'kk',
    'Asia/Almaty',
    [{ body: 'wg', role: 'secretariat', seat: 'Secretariat', startDate: '2019-09-01' }],
  ),
  member(
    'Marc Dubois',
    'm.dubois@demo.wgecc.example',
    'BE',
    'wecoop2',
    'Team Leader, WECOOP 2 (2016–2019)',
    'en',
    'Europe/Brussels',
    [{ body: 'wg', role: 'secretariat', seat: 'Secretariat', startDate: '2016-08-01', endDate: '2019-08-31' }],
  ),
  member('Ирина Ким', 'i.kim@demo.wgecc.example', 'UZ', 'wecoop3', 'Country Expert, Tashkent', 'ru', 'Asia/Tashkent', [
    { body: 'wg', role: 'secretariat', seat: 'Secretariat', startDate: '2020-02-01' },
  ]),
  member(
    'Айбек Мамытов',
    'a.mamytov@demo.wgecc.example',
    'KG',
    'carec',
    'Expert, Water and Environment',
    'ru',
    'Asia/Bishkek',
    [{ body: 'wg', role: 'observer', seat: 'CAREC', startDate: '2023-01-01' }],
  ),
  member(
    'Гульнара Абдуллаева',
    'g.abdullayeva@demo.wgecc.example',
    'TM',
    'tm-min',
    'Specialist, Waste Management',
    'ru',
    'Asia/Ashgabat',
    [{ body: 'wg', role: 'member', seat: 'TM', startDate: '2015-01-01', endDate: '2019-01-31' }],
  ),
];
