import type { Language } from '../languages';

/** The words for the codes the data holds (statuses, kinds, answers, roles), one entry per value of each enum. */
export const LABEL_MESSAGES = {
  'label.meetingStatus.tentative': { en: 'tentative', ru: 'предварительно', kk: 'алдын ала' },
  'label.meetingStatus.scheduled': { en: 'scheduled', ru: 'назначено', kk: 'белгіленді' },
  'label.meetingStatus.held': { en: 'held', ru: 'проведено', kk: 'өтті' },
  'label.meetingStatus.cancelled': { en: 'cancelled', ru: 'отменено', kk: 'болдырылмады' },
  'label.meetingStatus.postponed': { en: 'postponed', ru: 'перенесено', kk: 'кейінге қалдырылды' },

  'label.meetingKind.working_group': {
    en: 'Working Group meeting',
    ru: 'Заседание рабочей группы',
    kk: 'Жұмыс тобының отырысы',
  },
  'label.meetingKind.steering_committee': {
    en: 'Steering Committee meeting',
    ru: 'Заседание руководящего комитета',
    kk: 'Басқарушы комитет отырысы',
  },
  'label.meetingKind.technical': { en: 'Technical meeting', ru: 'Техническое совещание', kk: 'Техникалық кеңес' },
  'label.meetingKind.workshop': { en: 'Workshop', ru: 'Семинар', kk: 'Семинар' },
  'label.meetingKind.training': { en: 'Training', ru: 'Тренинг', kk: 'Тренинг' },
  'label.meetingKind.dialogue': { en: 'Dialogue', ru: 'Диалог', kk: 'Диалог' },
  'label.meetingKind.conference': { en: 'Conference', ru: 'Конференция', kk: 'Конференция' },

  'label.invitationResponse.pending': { en: 'no answer yet', ru: 'ответа пока нет', kk: 'жауап әлі жоқ' },
  'label.invitationResponse.accepted': { en: 'will attend', ru: 'будет участвовать', kk: 'қатысады' },
  'label.invitationResponse.declined': { en: 'cannot attend', ru: 'не сможет участвовать', kk: 'қатыса алмайды' },
  'label.invitationResponse.tentative': { en: 'maybe', ru: 'возможно', kk: 'мүмкін' },
  'label.invitationResponse.delegated': {
    en: 'sends a substitute',
    ru: 'направляет замену',
    kk: 'орнына басқа адам жібереді',
  },

  'label.pollAnswer.yes': { en: 'Yes', ru: 'Да', kk: 'Иә' },
  'label.pollAnswer.if_need_be': { en: 'If need be', ru: 'Если потребуется', kk: 'Қажет болса' },
  'label.pollAnswer.no': { en: 'No', ru: 'Нет', kk: 'Жоқ' },

  'label.itemStatus.planned': { en: 'planned', ru: 'запланировано', kk: 'жоспарланған' },
  'label.itemStatus.in_progress': { en: 'in progress', ru: 'в работе', kk: 'орындалуда' },
  'label.itemStatus.done': { en: 'done', ru: 'выполнено', kk: 'орындалды' },
  'label.itemStatus.cancelled': { en: 'cancelled', ru: 'отменено', kk: 'күші жойылды' },
  'label.itemStatus.postponed': { en: 'postponed', ru: 'отложено', kk: 'шегерілді' },

  'label.workPlanStatus.draft': { en: 'draft', ru: 'проект', kk: 'жоба' },
  'label.workPlanStatus.adopted': { en: 'adopted', ru: 'принят', kk: 'қабылданды' },
  'label.workPlanStatus.closed': { en: 'closed', ru: 'закрыт', kk: 'жабылды' },

  'label.deadlineKind.date': { en: 'a day', ru: 'дата', kk: 'күн' },
  'label.deadlineKind.window': { en: 'a period', ru: 'период', kk: 'кезең' },
  'label.deadlineKind.alternatives': { en: 'alternative periods', ru: 'альтернативные периоды', kk: 'балама кезеңдер' },
  'label.deadlineKind.on_request': { en: 'on request', ru: 'по запросу', kk: 'сұрау бойынша' },
  'label.deadlineKind.open': { en: 'no deadline', ru: 'без срока', kk: 'мерзімсіз' },

  'label.notificationStatus.scheduled': { en: 'scheduled', ru: 'запланировано', kk: 'жоспарланған' },
  'label.notificationStatus.sending': { en: 'sending', ru: 'отправляется', kk: 'жіберілуде' },
  'label.notificationStatus.sent': { en: 'sent', ru: 'отправлено', kk: 'жіберілді' },
  'label.notificationStatus.failed': { en: 'failed', ru: 'не доставлено', kk: 'жеткізілмеді' },
  'label.notificationStatus.cancelled': { en: 'cancelled', ru: 'отменено', kk: 'тоқтатылды' },
  'label.notificationStatus.skipped': { en: 'skipped', ru: 'пропущено', kk: 'өткізілді' },
  'label.notificationStatus.digested': { en: 'in a digest', ru: 'в сводке', kk: 'дайджестте' },

  'label.subjectType.meeting': { en: 'Meeting', ru: 'Заседание', kk: 'Отырыс' },
  'label.subjectType.work_plan_item': {
    en: 'Work-plan activity',
    ru: 'Мероприятие рабочего плана',
    kk: 'Жұмыс жоспарының іс-шарасы',
  },
  'label.subjectType.member_digest': { en: 'Member digest', ru: 'Сводка участника', kk: 'Қатысушы дайджесті' },
  'label.subjectType.secretariat_digest': {
    en: 'Secretariat digest',
    ru: 'Сводка секретариата',
    kk: 'Хатшылық дайджесті',
  },
  'label.subjectType.sign_in': { en: 'Sign-in', ru: 'Вход', kk: 'Кіру' },

  'label.emailKind.meeting-poll': { en: 'Date poll', ru: 'Опрос о датах', kk: 'Күн сауалнамасы' },
  'label.emailKind.meeting-invitation': { en: 'Invitation', ru: 'Приглашение', kk: 'Шақыру' },
  'label.emailKind.meeting-update': { en: 'Meeting changed', ru: 'Изменение заседания', kk: 'Отырыс өзгерді' },
  'label.emailKind.meeting-cancellation': {
    en: 'Meeting cancelled',
    ru: 'Отмена заседания',
    kk: 'Отырыс болдырылмады',
  },
  'label.emailKind.substitute-withdrawn': {
    en: 'Substitute withdrawn',
    ru: 'Замена отозвана',
    kk: 'Орынбасар шақыруы қайтарылды',
  },
  'label.emailKind.meeting-postponement': {
    en: 'Meeting postponed',
    ru: 'Перенос заседания',
    kk: 'Отырыс кейінге қалдырылды',
  },
  'label.emailKind.minutes-available': { en: 'Minutes approved', ru: 'Протокол утверждён', kk: 'Хаттама бекітілді' },
  'label.emailKind.meeting-reminder': {
    en: 'Meeting reminder',
    ru: 'Напоминание о заседании',
    kk: 'Отырыс туралы еске салу',
  },
  'label.emailKind.meeting-rsvp-chase': {
    en: 'Reminder to answer the invitation',
    ru: 'Напоминание ответить на приглашение',
    kk: 'Шақыруға жауап беру туралы еске салу',
  },
  'label.emailKind.poll-chase': {
    en: 'Reminder to answer the date poll',
    ru: 'Напоминание ответить на опрос о датах',
    kk: 'Күн сауалнамасына жауап беру туралы еске салу',
  },
  'label.emailKind.item-due-soon': {
    en: 'Activity due soon',
    ru: 'Скоро срок мероприятия',
    kk: 'Іс-шара мерзімі жақындады',
  },
  'label.emailKind.item-due-today': {
    en: 'Activity due today',
    ru: 'Срок мероприятия сегодня',
    kk: 'Іс-шара мерзімі бүгін',
  },
  'label.emailKind.item-overdue': { en: 'Activity overdue', ru: 'Мероприятие просрочено', kk: 'Іс-шара мерзімі өтті' },
  'label.emailKind.item-escalation': {
    en: 'Overdue activity, to the secretariat',
    ru: 'Просроченное мероприятие, секретариату',
    kk: 'Мерзімі өткен іс-шара, хатшылыққа',
  },
  'label.emailKind.digest': { en: 'Digest', ru: 'Сводка', kk: 'Дайджест' },
  'label.emailKind.secretariat-digest': {
    en: 'Secretariat’s weekly digest',
    ru: 'Еженедельная сводка секретариата',
    kk: 'Хатшылықтың апталық дайджесті',
  },
  'label.emailKind.sign-in-link': { en: 'Sign-in link', ru: 'Ссылка для входа', kk: 'Кіру сілтемесі' },

  'label.bodyKind.working_group': { en: 'Working group', ru: 'Рабочая группа', kk: 'Жұмыс тобы' },
  'label.bodyKind.steering_committee': { en: 'Steering committee', ru: 'Руководящий комитет', kk: 'Басқарушы комитет' },
  'label.bodyKind.task_force': { en: 'Task force', ru: 'Целевая группа', kk: 'Мақсатты топ' },
  'label.bodyKind.other': { en: 'Other', ru: 'Другое', kk: 'Басқа' },

  'label.membershipRole.chair': { en: 'Chair', ru: 'Председатель', kk: 'Төраға' },
  'label.membershipRole.co_chair': { en: 'Co-chair', ru: 'Сопредседатель', kk: 'Тең төраға' },
  'label.membershipRole.member': { en: 'Member', ru: 'Член', kk: 'Мүше' },
  'label.membershipRole.alternate': { en: 'Alternate', ru: 'Заместитель', kk: 'Орынбасар' },
  'label.membershipRole.observer': { en: 'Observer', ru: 'Наблюдатель', kk: 'Бақылаушы' },
  'label.membershipRole.secretariat': { en: 'Secretariat', ru: 'Секретариат', kk: 'Хатшылық' },

  'label.organizationKind.ministry': { en: 'Ministry', ru: 'Министерство', kk: 'Министрлік' },
  'label.organizationKind.eu_institution': { en: 'EU institution', ru: 'Институт ЕС', kk: 'ЕО институты' },
  'label.organizationKind.ifi': {
    en: 'International financial institution',
    ru: 'Международный финансовый институт',
    kk: 'Халықаралық қаржы институты',
  },
  'label.organizationKind.international': {
    en: 'International organisation',
    ru: 'Международная организация',
    kk: 'Халықаралық ұйым',
  },
  'label.organizationKind.ngo': {
    en: 'Non-governmental organisation',
    ru: 'Неправительственная организация',
    kk: 'Үкіметтік емес ұйым',
  },
  'label.organizationKind.project': { en: 'Project', ru: 'Проект', kk: 'Жоба' },
  'label.organizationKind.agency': { en: 'Agency', ru: 'Агентство', kk: 'Агенттік' },
  'label.organizationKind.other': { en: 'Other', ru: 'Другое', kk: 'Басқа' },

  'label.digestPreference.immediate': {
    en: 'One by one, as they come',
    ru: 'По одному, сразу',
    kk: 'Бір-бірден, бірден',
  },
  'label.digestPreference.daily': { en: 'In a daily digest', ru: 'Ежедневной сводкой', kk: 'Күнделікті дайджестпен' },
  'label.digestPreference.weekly': {
    en: 'In a weekly digest',
    ru: 'Еженедельной сводкой',
    kk: 'Апта сайынғы дайджестпен',
  },
} as const satisfies Record<string, Record<Language, string>>;
