import type { Language } from '../../src/common/i18n/languages';
import type { ActionLink, DocumentLine, EmailData, EmailKind, ItemView, MeetingView } from '../../src/mail/email-kinds';

/**
 * Realistic data for every email kind in every language, drawn from the WGECC documents
 * (the 9th meeting in Brussels, the 2019 work plan). Used by the template tests and the
 * benchmarks; every call returns fresh objects, so callers may change them.
 */
export function sampleData<K extends EmailKind>(kind: K, language: Language): EmailData[K] {
  return BUILDERS[kind](language);
}

export const SAMPLE_APP_URL = 'https://wgecc.example.org';
const APP = SAMPLE_APP_URL;

type Words = Record<Language, string>;
const pick = (language: Language, words: Words): string => words[language];

/** A reader per language, each in a zone other than Brussels, so the samples show both times. */
const RECIPIENTS: Record<Language, { fullName: string; timeZone: string }> = {
  en: { fullName: 'Dilshod Rakhimov', timeZone: 'Asia/Tashkent' },
  ru: { fullName: 'Бакыт Исаев', timeZone: 'Asia/Bishkek' },
  kk: { fullName: 'Айгерім Сәрсенова', timeZone: 'Asia/Almaty' },
};

function common(language: Language) {
  return {
    language,
    recipient: { ...RECIPIENTS[language] },
    appUrl: APP,
    preferencesUrl: `${APP}/me/preferences?token=pref-7f3a9c&tab=notifications`,
    unsubscribeUrl: `${APP}/me/unsubscribe/unsub-2b81e4`,
  };
}

const MEETING_ID = '0b6c5f7e-3c1d-4e0a-9f51-6a2d9c4b7e10';
const HELD_MEETING_ID = '7e21c0d4-5a8b-4f6e-9c3d-1b0a2f4e6d58';

/** The 9th meeting of the WGECC, Brussels, 3 December 2019, 09:30–17:30 Brussels time. */
function meeting(language: Language, changes: Partial<MeetingView> = {}): MeetingView {
  return {
    title: pick(language, {
      en: 'WGECC meeting on the 2020 work plan and WECOOP 3',
      ru: 'Заседание РГОСИК по рабочему плану на 2020 год и WECOOP 3',
      kk: 'Жұмыс тобының 2020 жылғы жұмыс жоспары мен WECOOP 3 жөніндегі отырысы',
    }),
    kind: 'working_group',
    number: 9,
    startsAt: '2019-12-03T08:30:00.000Z',
    endsAt: '2019-12-03T16:30:00.000Z',
    timeZone: 'Europe/Brussels',
    location: pick(language, {
      en: 'European Commission, DG Environment, Avenue de Beaulieu 5, Brussels',
      ru: 'Европейская комиссия, ГД по окружающей среде, Avenue de Beaulieu 5, Брюссель',
      kk: 'Еуропалық комиссия, Қоршаған орта жөніндегі бас дирекция, Avenue de Beaulieu 5, Брюссель',
    }),
    onlineUrl: 'https://meet.wgecc.example.org/wgecc-9',
    description: pick(language, {
      en: 'Results of WECOOP 2, the draft work plan for 2020, the update of the Investor Guide and the Steering Committee.',
      ru: 'Итоги WECOOP 2, проект рабочего плана на 2020 год, обновление Руководства для инвесторов и создание Руководящего комитета.',
      kk: 'WECOOP 2 қорытындылары, 2020 жылға арналған жұмыс жоспарының жобасы, Инвесторларға арналған нұсқаулықты жаңарту және Басқарушы комитетті құру.',
    }),
    status: 'scheduled',
    reason: null,
    url: `${APP}/meetings/${MEETING_ID}`,
    ...changes,
  };
}

function actions(language: Language, token: string, labels: { answer: string; words: Words }[]): ActionLink[] {
  return labels.map(({ answer, words }) => ({
    label: pick(language, words),
    url: `${APP}/actions/${token}-${answer}/${answer}`,
  }));
}

const ATTEND = [
  { answer: 'accept', words: { en: 'I will attend', ru: 'Приму участие', kk: 'Қатысамын' } },
  { answer: 'decline', words: { en: 'I cannot attend', ru: 'Не смогу принять участие', kk: 'Қатыса алмаймын' } },
  {
    answer: 'delegate',
    words: { en: 'A colleague will attend instead', ru: 'Вместо меня будет коллега', kk: 'Орныма әріптесім қатысады' },
  },
];
const POLL_ANSWERS = [
  { answer: 'yes', words: { en: 'Suits me', ru: 'Подходит', kk: 'Маған ыңғайлы' } },
  { answer: 'if_need_be', words: { en: 'If need be', ru: 'В крайнем случае', kk: 'Қажет болса' } },
  { answer: 'no', words: { en: 'Does not suit me', ru: 'Не подходит', kk: 'Маған ыңғайсыз' } },
];
const ITEM_ANSWERS = [
  { answer: 'done', words: { en: 'Done', ru: 'Выполнено', kk: 'Орындалды' } },
  { answer: 'more-time', words: { en: 'Need more time', ru: 'Нужно больше времени', kk: 'Қосымша уақыт қажет' } },
];

/** "Update of the Investor Guide", July 2019, WECOOP 2 (work plan 2019). */
function investorGuide(language: Language): ItemView {
  return {
    activity: pick(language, {
      en: 'Update of the Investor Guide',
      ru: 'Обновление Руководства для инвесторов',
      kk: 'Инвесторларға арналған нұсқаулықты жаңарту',
    }),
    deadlineText: pick(language, { en: 'July 2019', ru: 'Июль 2019', kk: 'Июль 2019' }),
    dueAt: '2019-07-31T17:59:59.999Z',
    executor: 'WECOOP 2',
    countries: ['KZ', 'KG', 'TJ', 'TM', 'UZ'],
    url: `${APP}/work-plan/items/3d2e8a41-7b55-4c1f-8f0e-2a9b6c1d5e77`,
  };
}

/** "Preparation of the Regional Knowledge Centre and the WECOOP 2 website for hand-over", July–August 2019. */
function knowledgeCentre(language: Language): ItemView {
  return {
    activity: pick(language, {
      en: 'Preparation of the Regional Knowledge Centre and the WECOOP 2 website for hand-over',
      ru: 'Подготовка Регионального центра знаний и веб-сайта WECOOP 2 для передачи',
      kk: 'Өңірлік білім орталығы мен WECOOP 2 веб-сайтын тапсыруға дайындау',
    }),
    deadlineText: pick(language, { en: 'July–August 2019', ru: 'Июль-август 2019', kk: 'Июль-август 2019' }),
    dueAt: '2019-08-31T17:59:59.999Z',
    executor: 'WECOOP 2',
    countries: [],
    url: `${APP}/work-plan/items/9a7c1e20-4f3b-4d8e-b6a5-0c2f7e9d1b34`,
  };
}

/** A ministry expert proposed as a substitute from outside the directory, to be written to in Russian. */
function proposedPerson(language: Language) {
  return {
    fullName: pick(language, { en: 'Nurlan Kassymov', ru: 'Нурлан Касымов', kk: 'Нұрлан Қасымов' }),
    email: 'n.kassymov@ecogeo.example.kz',
    organization: pick(language, {
      en: 'Ministry of Ecology and Natural Resources of Kazakhstan',
      ru: 'Министерство экологии и природных ресурсов Казахстана',
      kk: 'Қазақстан экология және табиғи ресурстар министрлігі',
    }),
    position: pick(language, { en: 'Chief expert', ru: 'Главный эксперт', kk: 'Бас сарапшы' }),
    languageName: pick(language, { en: 'Russian', ru: 'Русский', kk: 'Орыс тілі' }),
  };
}

type Builders = { [K in EmailKind]: (language: Language) => EmailData[K] };

const BUILDERS: Builders = {
  'meeting-poll': (language) => ({
    ...common(language),
    meeting: meeting(language, {
      status: 'tentative',
      startsAt: null,
      endsAt: null,
      location: pick(language, {
        en: 'Brussels or another EU city',
        ru: 'Брюссель или другой город ЕС',
        kk: 'Брюссель немесе ЕО-ның басқа қаласы',
      }),
      onlineUrl: null,
    }),
    poll: {
      closesAt: '2019-10-31T11:00:00.000Z',
      url: `${APP}/meetings/${MEETING_ID}/poll`,
      options: [
        {
          label: pick(language, { en: 'Option A', ru: 'Вариант А', kk: 'А нұсқасы' }),
          startsAt: '2019-11-26T08:30:00.000Z',
          endsAt: '2019-11-26T16:30:00.000Z',
          text: null,
          links: actions(language, 'poll-a', POLL_ANSWERS),
        },
        {
          label: pick(language, { en: 'Option B', ru: 'Вариант Б', kk: 'Ә нұсқасы' }),
          startsAt: '2019-12-03T08:30:00.000Z',
          endsAt: '2019-12-04T12:00:00.000Z',
          text: null,
          links: actions(language, 'poll-b', POLL_ANSWERS),
        },
        {
          label: pick(language, { en: 'Option C', ru: 'Вариант В', kk: 'Б нұсқасы' }),
          startsAt: null,
          endsAt: null,
          text: pick(language, {
            en: 'February 2020 (exact dates to be agreed)',
            ru: 'Февраль 2020 г. (точные даты будут согласованы)',
            kk: '2020 жылғы ақпан (нақты күндері кейін келісіледі)',
          }),
          links: actions(language, 'poll-c', POLL_ANSWERS),
        },
      ],
    },
  }),

  'meeting-invitation': (language) => ({
    ...common(language),
    meeting: meeting(language),
    response: 'pending',
    fromPoll: false,
    links: actions(language, 'inv-9', ATTEND),
  }),

  'meeting-update': (language) => ({
    ...common(language),
    meeting: meeting(language),
    previous: {
      startsAt: '2019-11-28T08:30:00.000Z',
      endsAt: '2019-11-28T16:30:00.000Z',
      location: pick(language, {
        en: 'European Commission, Berlaymont building, Brussels',
        ru: 'Европейская комиссия, здание Берлемон, Брюссель',
        kk: 'Еуропалық комиссия, Берлемон ғимараты, Брюссель',
      }),
      onlineUrl: 'https://meet.wgecc.example.org/wgecc-9-old',
    },
    links: actions(language, 'upd-9', ATTEND),
  }),

  'meeting-cancellation': (language) => ({
    ...common(language),
    meeting: meeting(language, {
      kind: 'steering_committee',
      number: 2,
      title: pick(language, {
        en: 'WGECC Steering Committee on its terms of reference',
        ru: 'Заседание Руководящего комитета РГОСИК по положению о комитете',
        kk: 'Басқарушы комитеттің комитет туралы ереже жөніндегі отырысы',
      }),
      startsAt: '2019-06-18T04:00:00.000Z',
      endsAt: '2019-06-18T10:00:00.000Z',
      timeZone: 'Asia/Almaty',
      location: pick(language, { en: 'CAREC, Almaty', ru: 'РЭЦЦА, Алматы', kk: 'ОАӨЭО, Алматы' }),
      onlineUrl: null,
      description: null,
      status: 'cancelled',
      reason: pick(language, {
        en: 'Too few delegations were able to confirm their participation.',
        ru: 'Участие подтвердило недостаточное число делегаций.',
        kk: 'Қатысуын растаған делегациялардың саны жеткіліксіз болды.',
      }),
    }),
  }),

  'meeting-postponement': (language) => ({
    ...common(language),
    meeting: meeting(language, {
      status: 'postponed',
      reason: pick(language, {
        en: 'The date coincides with COP25 in Madrid (2–13 December 2019).',
        ru: 'Дата совпадает с проведением COP25 в Мадриде (2–13 декабря 2019 г.).',
        kk: 'Күні Мадридте өтетін COP25 конференциясымен (2019 жылғы 2–13 желтоқсан) сәйкес келеді.',
      }),
    }),
  }),

  'substitute-withdrawn': (language) => ({
    ...common(language),
    meeting: meeting(language),
    substituteFor: pick(language, { en: 'Aigul Saparova', ru: 'Айгуль Сапарова', kk: 'Айгүл Сапарова' }),
  }),

  'substitute-proposal-received': (language) => ({
    ...common(language),
    meeting: meeting(language),
    proposer: {
      fullName: pick(language, { en: 'Aigul Saparova', ru: 'Айгуль Сапарова', kk: 'Айгүл Сапарова' }),
      countryCode: 'KZ',
    },
    candidate: proposedPerson(language),
    reviewUrl: `${APP}/meetings/${MEETING_ID}#substitute-proposals`,
  }),
  'substitute-proposal-approved': (language) => ({
    ...common(language),
    meeting: meeting(language),
    candidate: proposedPerson(language),
  }),
  'substitute-proposal-refused': (language) => ({
    ...common(language),
    meeting: meeting(language),
    candidate: proposedPerson(language),
    reason: pick(language, {
      en: 'The meeting is for national focal points only.',
      ru: 'Заседание проводится только для национальных координаторов.',
      kk: 'Отырыс тек ұлттық үйлестірушілерге арналған.',
    }),
  }),

  'minutes-available': (language) => ({
    ...common(language),
    meeting: meeting(language, {
      number: 8,
      title: pick(language, {
        en: 'WGECC meeting on the results of 2018 and the 2019 work plan',
        ru: 'Заседание РГОСИК по итогам 2018 года и рабочему плану на 2019 год',
        kk: 'Жұмыс тобының 2018 жылдың қорытындылары мен 2019 жылғы жұмыс жоспары жөніндегі отырысы',
      }),
      startsAt: '2018-11-20T04:00:00.000Z',
      endsAt: '2018-11-20T11:00:00.000Z',
      timeZone: 'Asia/Almaty',
      location: pick(language, { en: 'Almaty', ru: 'Алматы', kk: 'Алматы' }),
      onlineUrl: null,
      description: null,
      status: 'held',
      url: `${APP}/meetings/${HELD_MEETING_ID}`,
    }),
    minutesUrl: `${APP}/meetings/${HELD_MEETING_ID}/minutes`,
    decisions: [
      {
        label: pick(language, { en: 'Decision 1', ru: 'Решение 1', kk: '1-шешім' }),
        text: pick(language, {
          en: 'The work plan for 2019 is approved.',
          ru: 'Утвердить рабочий план на 2019 год.',
          kk: '2019 жылға арналған жұмыс жоспары бекітілсін.',
        }),
      },
      {
        label: pick(language, { en: 'Decision 2', ru: 'Решение 2', kk: '2-шешім' }),
        text: pick(language, {
          en: 'The Secretariat is to prepare the terms of reference of a Steering Committee by June 2019.',
          ru: 'Секретариату подготовить положение о Руководящем комитете к июню 2019 г.',
          kk: 'Хатшылық 2019 жылғы маусымға дейін Басқарушы комитет туралы ережені дайындасын.',
        }),
      },
    ],
  }),

  'meeting-reminder': (language) => ({
    ...common(language),
    meeting: meeting(language),
    daysBefore: 3,
    response: 'accepted',
    links: actions(language, 'rem-9', ATTEND),
  }),

  'meeting-rsvp-chase': (language) => ({
    ...common(language),
    meeting: meeting(language),
    daysBefore: 7,
    links: actions(language, 'chase-9', ATTEND),
  }),

  'poll-chase': (language) => ({
    ...common(language),
    meeting: meeting(language, {
      status: 'tentative',
      startsAt: null,
      endsAt: null,
      location: pick(language, {
        en: 'Brussels or another EU city',
        ru: 'Брюссель или другой город ЕС',
        kk: 'Брюссель немесе ЕО-ның басқа қаласы',
      }),
      onlineUrl: null,
    }),
    poll: { closesAt: '2019-10-31T11:00:00.000Z', url: `${APP}/meetings/${MEETING_ID}/poll` },
  }),

  'item-due-soon': (language) => ({
    ...common(language),
    item: investorGuide(language),
    daysLeft: 5,
    links: actions(language, 'item-ig', ITEM_ANSWERS),
  }),

  'item-due-today': (language) => ({
    ...common(language),
    item: investorGuide(language),
    links: actions(language, 'item-ig-today', ITEM_ANSWERS),
  }),

  'item-overdue': (language) => ({
    ...common(language),
    item: knowledgeCentre(language),
    weeksOverdue: 2,
    links: actions(language, 'item-rkc', ITEM_ANSWERS),
  }),

  'item-escalation': (language) => ({
    ...common(language),
    item: knowledgeCentre(language),
    weeksOverdue: 5,
    responsible: ['Marc Dubois (WECOOP 2)', 'Laura Bianchi (WECOOP 3)'],
  }),

  digest: (language) => ({
    ...common(language),
    period: 'weekly',
    entries: [
      {
        kind: 'item-overdue',
        title: knowledgeCentre(language).activity,
        when: '2019-08-31T17:59:59.999Z',
        url: knowledgeCentre(language).url,
      },
      {
        kind: 'meeting-invitation',
        title: meeting(language).title,
        when: '2019-12-03T08:30:00.000Z',
        url: meeting(language).url,
      },
      {
        kind: 'meeting-poll',
        title: pick(language, {
          en: 'Third meeting of the Steering Committee',
          ru: 'Третье заседание Руководящего комитета',
          kk: 'Басқарушы комитеттің үшінші отырысы',
        }),
        when: null,
        url: `${APP}/meetings/c4d1e2f3-0a9b-4c8d-8e7f-6a5b4c3d2e1f/poll`,
      },
      {
        kind: 'item-due-soon',
        title: investorGuide(language).activity,
        when: '2019-07-31T17:59:59.999Z',
        url: investorGuide(language).url,
      },
      {
        kind: 'minutes-available',
        title: pick(language, {
          en: 'WGECC meeting on the results of 2018',
          ru: 'Заседание РГОСИК по итогам 2018 года',
          kk: 'Жұмыс тобының 2018 жылдың қорытындылары жөніндегі отырысы',
        }),
        when: '2018-11-20T04:00:00.000Z',
        url: `${APP}/meetings/${HELD_MEETING_ID}/minutes`,
      },
    ],
  }),

  'secretariat-digest': (language) => ({
    ...common(language),
    from: '2019-11-25',
    to: '2019-12-01',
    meetings: [
      {
        title: meeting(language).title,
        startsAt: '2019-12-03T08:30:00.000Z',
        accepted: 14,
        invited: 27,
        url: meeting(language).url,
      },
    ],
    deadlines: [
      {
        activity: pick(language, {
          en: 'Training on water quality / urban wastewater treatment (on request, any Central Asian country)',
          ru: 'Обучение по качеству воды / очистке городских сточных вод (по запросу, любая из стран ЦА)',
          kk: 'Су сапасы / қалалық ағынды суларды тазарту бойынша оқыту (сұраныс бойынша, Орталық Азияның кез келген елі)',
        }),
        dueAt: '2019-11-30T17:59:59.999Z',
        deadlineText: pick(language, { en: 'End of November 2019', ru: 'Конец ноября 2019', kk: 'Конец ноября 2019' }),
        executor: 'WECOOP 3',
        url: `${APP}/work-plan/items/5c8e2a10-1d3f-4b6a-9e7c-0f2d4a6b8c91`,
      },
    ],
    overdueByExecutor: [{ executor: 'WECOOP 2', count: 3 }],
    overdueByCountry: [
      { country: 'KG', count: 2 },
      { country: 'TJ', count: 1 },
    ],
    unanswered: [
      {
        meeting: meeting(language).title,
        member: pick(language, { en: 'Nurgul Zhumabaeva', ru: 'Нургуль Жумабаева', kk: 'Нұргүл Жұмабаева' }),
        country: 'KG',
      },
      {
        meeting: meeting(language).title,
        member: pick(language, { en: 'Aibek Mamytov', ru: 'Айбек Мамытов', kk: 'Айбек Мамытов' }),
        country: 'KG',
      },
    ],
    failed: [],
  }),

  'sign-in-link': (language) => ({
    ...common(language),
    preferencesUrl: null,
    unsubscribeUrl: null,
    url: `${APP}/auth/sign-in/si-4e9d2c7a1b`,
    expiresMinutes: 15,
  }),

  'documents-available': (language) => ({
    ...common(language),
    unsubscribeUrl: null,
    meeting: meeting(language, { onlineUrl: null }),
    library: null,
    revised: false,
    groups: [
      {
        heading: pick(language, {
          en: '2. Draft work plan for 2020',
          ru: '2. Проект рабочего плана на 2020 год',
          kk: '2. 2020 жылға арналған жұмыс жоспарының жобасы',
        }),
        documents: [workPlanPaper(language, 'new')],
      },
      { heading: null, documents: [listOfParticipants(language)] },
    ],
  }),

  'documents-due': (language) => ({
    ...common(language),
    unsubscribeUrl: null,
    meeting: meeting(language, { onlineUrl: null }),
    deadline: 'translations',
    dueAt: '2019-11-26T22:59:59.999Z',
    daysLeft: 3,
    documents: [
      {
        title: workPlanPaper(language, 'new').title,
        symbol: 'WGECC/9/2019/2',
        missing: [pick(language, { en: 'Russian', ru: 'русский', kk: 'орыс тілі' })],
        url: `${APP}/documents/${DOCUMENT_ID}`,
      },
    ],
  }),

  'document-chase': (language) => ({
    ...common(language),
    unsubscribeUrl: null,
    meeting: meeting(language, { onlineUrl: null }),
    library: null,
    document: workPlanPaper(language, 'revised'),
  }),
};

const DOCUMENT_ID = '3f9a2b7c-8d1e-4c5f-a6b0-9e2d4c7f1a35';

/** The draft 2020 work plan in English and Russian. */
function workPlanPaper(language: Language, change: DocumentLine['change']): DocumentLine {
  return {
    title: pick(language, {
      en: 'Draft work plan of the Working Group for 2020',
      ru: 'Проект рабочего плана Рабочей группы на 2020 год',
      kk: 'Жұмыс тобының 2020 жылға арналған жұмыс жоспарының жобасы',
    }),
    symbol: 'WGECC/9/2019/2',
    change,
    files: [
      {
        languageName: pick(language, { en: 'English', ru: 'английский', kk: 'ағылшын тілі' }),
        revision: change === 'revised' ? 2 : 1,
        url: `${APP}/d/dl-en-5c1e9a`,
      },
      {
        languageName: pick(language, { en: 'Russian', ru: 'русский', kk: 'орыс тілі' }),
        revision: 1,
        url: `${APP}/d/dl-ru-8b2f4d`,
      },
    ],
  };
}

function listOfParticipants(language: Language): DocumentLine {
  return {
    title: pick(language, {
      en: 'Provisional list of participants',
      ru: 'Предварительный список участников',
      kk: 'Қатысушылардың алдын ала тізімі',
    }),
    symbol: null,
    change: 'new',
    files: [
      {
        languageName: pick(language, { en: 'English', ru: 'английский', kk: 'ағылшын тілі' }),
        revision: 1,
        url: `${APP}/d/dl-lp-3a7c1e`,
      },
    ],
  };
}
