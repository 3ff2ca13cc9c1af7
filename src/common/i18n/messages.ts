import type { Language } from './languages';
import { ADMIN_PAGE_MESSAGES } from './messages/admin-pages';
import { LABEL_MESSAGES } from './messages/labels';
import { MEETING_PAGE_MESSAGES } from './messages/meeting-pages';
import { MEMBER_PAGE_MESSAGES } from './messages/member-pages';
import { OUTBOX_PAGE_MESSAGES } from './messages/outbox-pages';
import { WORK_PLAN_PAGE_MESSAGES } from './messages/work-plan-pages';

/**
 * Every sentence a person reads outside the email templates (action pages, sign-in, link labels),
 * in the three languages. A test checks that no language misses a key.
 */
const CORE_MESSAGES = {
  'app.name': { en: 'WGECC Secretariat', ru: 'Секретариат РГОСИК', kk: 'Жұмыс тобының хатшылығы' },
  'action.accept': { en: 'I will attend', ru: 'Буду участвовать', kk: 'Қатысамын' },
  'action.decline': { en: 'I cannot attend', ru: 'Не смогу участвовать', kk: 'Қатыса алмаймын' },
  'action.tentative': { en: 'Maybe', ru: 'Возможно', kk: 'Мүмкін' },
  'action.delegate': { en: 'Send a substitute', ru: 'Направить замену', kk: 'Орныма басқа адам жіберемін' },
  'action.poll.yes': { en: 'Yes', ru: 'Да', kk: 'Иә' },
  'action.poll.if_need_be': { en: 'If need be', ru: 'Если потребуется', kk: 'Қажет болса' },
  'action.poll.no': { en: 'No', ru: 'Нет', kk: 'Жоқ' },
  'action.item.done': { en: 'Done', ru: 'Выполнено', kk: 'Орындалды' },
  'action.item.in_progress': { en: 'In progress', ru: 'В работе', kk: 'Орындалуда' },
  'action.item.more_time': { en: 'Need more time', ru: 'Нужно больше времени', kk: 'Көбірек уақыт керек' },
  'action.preferences': {
    en: 'Change my language, time zone or digest',
    ru: 'Изменить язык, часовой пояс или дайджест',
    kk: 'Тілді, уақыт белдеуін немесе дайджестті өзгерту',
  },

  'page.confirm.title': { en: 'Confirm your answer', ru: 'Подтвердите ответ', kk: 'Жауабыңызды растаңыз' },
  'page.confirm.lead': {
    en: 'This will be recorded for {name}:',
    ru: 'Будет записано для {name}:',
    kk: '{name} үшін жазылады:',
  },
  'page.confirm.button': { en: 'Confirm', ru: 'Подтвердить', kk: 'Растау' },
  'page.confirm.meeting': { en: 'Meeting', ru: 'Заседание', kk: 'Отырыс' },
  'page.confirm.item': { en: 'Activity', ru: 'Мероприятие', kk: 'Іс-шара' },
  'page.confirm.option': { en: 'Date option', ru: 'Вариант даты', kk: 'Күн нұсқасы' },
  'page.confirm.answer': { en: 'Answer', ru: 'Ответ', kk: 'Жауап' },
  'page.confirm.substitute': {
    en: 'Who will come instead',
    ru: 'Кто придёт вместо вас',
    kk: 'Сіздің орныңызға кім келеді',
  },
  'page.confirm.new_deadline': {
    en: 'Proposed new deadline (as you would write it)',
    ru: 'Предлагаемый новый срок (как вы его пишете)',
    kk: 'Ұсынылатын жаңа мерзім (өзіңіз жазғандай)',
  },
  'page.confirm.note': {
    en: 'Note for the secretariat (optional)',
    ru: 'Комментарий для секретариата (необязательно)',
    kk: 'Хатшылыққа ескертпе (міндетті емес)',
  },
  'page.done.title': {
    en: 'Thank you — your answer is recorded',
    ru: 'Спасибо — ваш ответ записан',
    kk: 'Рақмет — жауабыңыз жазылды',
  },
  'page.done.changed': {
    en: 'You can change your answer with the same link until it expires.',
    ru: 'Ответ можно изменить по той же ссылке, пока она действует.',
    kk: 'Сілтеме жарамды болғанша, жауапты сол сілтеме арқылы өзгертуге болады.',
  },
  'page.error.title': { en: 'This link cannot be used', ru: 'Эта ссылка недействительна', kk: 'Бұл сілтеме жарамсыз' },
  'page.error.invalid': {
    en: 'The link is incomplete or has been altered. Please use the link from your email as it is.',
    ru: 'Ссылка неполная или изменена. Воспользуйтесь ссылкой из письма без изменений.',
    kk: 'Сілтеме толық емес немесе өзгертілген. Хаттағы сілтемені өзгертпей пайдаланыңыз.',
  },
  'page.error.expired': {
    en: 'The link has expired. The secretariat can send you a new one.',
    ru: 'Срок действия ссылки истёк. Секретариат может прислать новую.',
    kk: 'Сілтеменің мерзімі өтті. Хатшылық жаңасын жібере алады.',
  },
  'page.error.closed': {
    en: 'This can no longer be answered: {reason}',
    ru: 'Ответить уже нельзя: {reason}',
    kk: 'Енді жауап беру мүмкін емес: {reason}',
  },
  'page.error.input': {
    en: 'Please check what you entered: {reason}',
    ru: 'Проверьте введённые данные: {reason}',
    kk: 'Енгізген мәліметті тексеріңіз: {reason}',
  },
  'page.error.too_many': {
    en: 'Too many attempts. Please try again in a few minutes.',
    ru: 'Слишком много попыток. Повторите через несколько минут.',
    kk: 'Тым көп әрекет. Бірнеше минуттан кейін қайталаңыз.',
  },

  'signin.title': { en: 'Sign in', ru: 'Вход', kk: 'Кіру' },
  'signin.lead': {
    en: 'Enter your email address; we will send you a link to sign in, valid for 15 minutes.',
    ru: 'Введите адрес электронной почты — мы пришлём ссылку для входа, действующую 15 минут.',
    kk: 'Электрондық пошта мекенжайыңызды енгізіңіз — 15 минут жарамды кіру сілтемесін жібереміз.',
  },
  'signin.email': { en: 'Email address', ru: 'Адрес электронной почты', kk: 'Электрондық пошта мекенжайы' },
  'signin.send': { en: 'Send me a link', ru: 'Прислать ссылку', kk: 'Сілтеме жіберу' },
  'signin.sent': {
    en: 'If this address belongs to a member, a sign-in link is on its way. It is valid for 15 minutes.',
    ru: 'Если этот адрес принадлежит участнику, ссылка для входа уже отправлена. Она действует 15 минут.',
    kk: 'Бұл мекенжай қатысушыға тиесілі болса, кіру сілтемесі жіберілді. Ол 15 минут жарамды.',
  },
  'signin.confirm': { en: 'Sign in as {name}', ru: 'Войти как {name}', kk: '{name} ретінде кіру' },
  'signin.used': {
    en: 'This sign-in link has already been used or has expired. Ask for a new one.',
    ru: 'Эта ссылка для входа уже использована или устарела. Запросите новую.',
    kk: 'Бұл кіру сілтемесі пайдаланылған немесе мерзімі өткен. Жаңасын сұраңыз.',
  },
  'signout.button': { en: 'Sign out', ru: 'Выйти', kk: 'Шығу' },
  'signout.everywhere': {
    en: 'Sign out on every device',
    ru: 'Выйти на всех устройствах',
    kk: 'Барлық құрылғыда шығу',
  },
  'signout.everywhere.done': {
    en: 'You are signed out on every device.',
    ru: 'Вы вышли на всех устройствах.',
    kk: 'Сіз барлық құрылғыда шықтыңыз.',
  },
  'signin.needed': {
    en: 'Please sign in to see this page.',
    ru: 'Войдите, чтобы открыть эту страницу.',
    kk: 'Бұл бетті көру үшін кіріңіз.',
  },
  'page.error.csrf': {
    en: 'The form has expired. Please reload the page and try again.',
    ru: 'Форма устарела. Обновите страницу и повторите.',
    kk: 'Форманың мерзімі өтті. Бетті жаңартып, қайталаңыз.',
  },
  'page.forbidden': { en: 'Not for your role', ru: 'Недоступно для вашей роли', kk: 'Сіздің рөліңізге қолжетімсіз' },
  'page.forbidden.lead': {
    en: 'This page is for the secretariat. Your own page is at /me.',
    ru: 'Эта страница предназначена для секретариата. Ваша страница — /me.',
    kk: 'Бұл бет хатшылыққа арналған. Сіздің бетіңіз — /me.',
  },
  'page.notFound': {
    en: 'Nothing is at this address',
    ru: 'По этому адресу ничего нет',
    kk: 'Бұл мекенжайда ештеңе жоқ',
  },
  'page.notFound.lead': {
    en: 'The address is mistyped or incomplete. Please go back, or choose a page from the menu above.',
    ru: 'Адрес введён с ошибкой или не полностью. Вернитесь назад или выберите страницу в меню выше.',
    kk: 'Мекенжай қате немесе толық емес терілген. Артқа оралыңыз немесе жоғарыдағы мәзірден бет таңдаңыз.',
  },
  'nav.skip': { en: 'Skip to content', ru: 'Перейти к содержанию', kk: 'Мазмұнға өту' },
  'nav.dashboard': { en: 'Dashboard', ru: 'Обзор', kk: 'Шолу' },
  'nav.meetings': { en: 'Meetings', ru: 'Заседания', kk: 'Отырыстар' },
  'nav.workplan': { en: 'Work plan', ru: 'Рабочий план', kk: 'Жұмыс жоспары' },
  'nav.language': { en: 'Language', ru: 'Язык', kk: 'Тіл' },
  'dash.meetings': { en: 'Next meetings', ru: 'Ближайшие заседания', kk: 'Алдағы отырыстар' },
  'dash.meetings.empty': {
    en: 'No meeting is scheduled.',
    ru: 'Заседаний не запланировано.',
    kk: 'Жоспарланған отырыс жоқ.',
  },
  'dash.answers': {
    en: '{accepted} of {invited} accepted, {pending} not answered',
    ru: 'Приняли {accepted} из {invited}, не ответили {pending}',
    kk: '{invited} адамның {accepted} қабылдады, {pending} жауап бермеді',
  },
  'dash.overdue': { en: 'Overdue activities', ru: 'Просроченные мероприятия', kk: 'Мерзімі өткен іс-шаралар' },
  'dash.overdue.empty': {
    en: 'Nothing is overdue.',
    ru: 'Просроченных мероприятий нет.',
    kk: 'Мерзімі өткен іс-шара жоқ.',
  },
  'dash.soon': {
    en: 'Due in the next 30 days',
    ru: 'Срок в ближайшие 30 дней',
    kk: 'Алдағы 30 күнде мерзімі келетіндер',
  },
  'dash.soon.empty': {
    en: 'Nothing falls due in the next 30 days.',
    ru: 'В ближайшие 30 дней сроков нет.',
    kk: 'Алдағы 30 күнде мерзімі келетін іс-шара жоқ.',
  },
  'dash.today': { en: 'Reminders going out today', ru: 'Напоминания на сегодня', kk: 'Бүгінгі еске салғыштар' },
  'dash.failed': { en: 'Failed deliveries to look at', ru: 'Недоставленные письма', kk: 'Жеткізілмеген хаттар' },
  'dash.failed.empty': { en: 'No delivery has failed.', ru: 'Все письма доставлены.', kk: 'Барлық хат жеткізілді.' },
  'dash.seats': {
    en: 'Seats held under two years',
    ru: 'Места, занимаемые менее двух лет',
    kk: 'Екі жылдан аз уақыт иеленген орындар',
  },
  'dash.seats.empty': {
    en: 'Every seat has held its member for two years or more.',
    ru: 'Все места заняты не менее двух лет.',
    kk: 'Барлық орын екі жылдан астам иеленген.',
  },
  'wp.title': { en: 'Work plan', ru: 'Рабочий план', kk: 'Жұмыс жоспары' },
  'wp.activity': { en: 'Activity', ru: 'Мероприятие', kk: 'Іс-шара' },
  'wp.deadline': { en: 'Deadline (as written)', ru: 'Сроки (как записано)', kk: 'Мерзім (жазылғандай)' },
  'wp.window': { en: 'Window', ru: 'Период', kk: 'Кезең' },
  'wp.executor': { en: 'Executor', ru: 'Исполнитель', kk: 'Орындаушы' },
  'wp.status': { en: 'Status', ru: 'Статус', kk: 'Мәртебе' },
  'wp.timeline': { en: 'Timeline', ru: 'График', kk: 'Кесте' },
  'wp.today': { en: 'today', ru: 'сегодня', kk: 'бүгін' },
  'wp.empty': {
    en: 'The work plan has no activities yet.',
    ru: 'В рабочем плане пока нет мероприятий.',
    kk: 'Жұмыс жоспарында әзірге іс-шара жоқ.',
  },
  'wp.plans.empty': { en: 'No work plan yet.', ru: 'Рабочих планов пока нет.', kk: 'Әзірге жұмыс жоспары жоқ.' },
  'wp.overdue': { en: 'overdue', ru: 'просрочено', kk: 'мерзімі өтті' },
  'meeting.when': { en: 'When', ru: 'Когда', kk: 'Қашан' },
  'meeting.where': { en: 'Where', ru: 'Где', kk: 'Қайда' },
  'meeting.status': { en: 'Status', ru: 'Статус', kk: 'Мәртебе' },
  'meeting.poll': { en: 'Date poll', ru: 'Опрос о датах', kk: 'Күн туралы сауалнама' },
  'meeting.participants': {
    en: 'Participants by country',
    ru: 'Участники по странам',
    kk: 'Елдер бойынша қатысушылар',
  },
  'meeting.person': { en: 'Person', ru: 'Участник', kk: 'Қатысушы' },
  'meeting.total': { en: 'Can come', ru: 'Могут прийти', kk: 'Келе алады' },
  'meeting.response': { en: 'Answer', ru: 'Ответ', kk: 'Жауап' },
  'meeting.attended': { en: 'Attended', ru: 'Присутствовал(а)', kk: 'Қатысты' },
  'meeting.flags': { en: 'Countries with nobody coming', ru: 'Страны без участников', kk: 'Қатысушысы жоқ елдер' },
  'meeting.list.empty': { en: 'No meetings yet.', ru: 'Заседаний пока нет.', kk: 'Әзірге отырыс жоқ.' },
  'signout.done': { en: 'You are signed out.', ru: 'Вы вышли из системы.', kk: 'Сіз жүйеден шықтыңыз.' },

  'prefs.title': { en: 'My preferences', ru: 'Мои настройки', kk: 'Менің баптауларым' },
  'prefs.language': { en: 'Language of emails and pages', ru: 'Язык писем и страниц', kk: 'Хаттар мен беттердің тілі' },
  'prefs.timeZone': { en: 'My time zone', ru: 'Мой часовой пояс', kk: 'Менің уақыт белдеуім' },
  'prefs.digest': { en: 'Non-urgent reminders', ru: 'Несрочные напоминания', kk: 'Шұғыл емес еске салғыштар' },
  'prefs.save': { en: 'Save', ru: 'Сохранить', kk: 'Сақтау' },
  'prefs.saved': { en: 'Your preferences are saved.', ru: 'Настройки сохранены.', kk: 'Баптаулар сақталды.' },
} as const satisfies Record<string, Record<Language, string>>;

export const MESSAGES = {
  ...CORE_MESSAGES,
  ...MEMBER_PAGE_MESSAGES,
  ...MEETING_PAGE_MESSAGES,
  ...WORK_PLAN_PAGE_MESSAGES,
  ...OUTBOX_PAGE_MESSAGES,
  ...ADMIN_PAGE_MESSAGES,
  ...LABEL_MESSAGES,
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** The sentence in the reader's language, with {placeholders} filled in (the values are not escaped here: templates escape). */
export function t(key: MessageKey, language: Language, values: Record<string, string> = {}): string {
  const text: string = MESSAGES[key][language] ?? MESSAGES[key].en;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
