import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { Language } from '../i18n/languages';
import { CENTRAL_ASIA_HOLIDAY_RULES } from './central-asia-holidays';

export interface PublicHoliday {
  country: string;
  name: string;
}

const KNOWN_COUNTRIES = new Set(Object.keys(new Holidays().getCountries()));
const LANGUAGE_CHAIN: Record<Language, string[]> = { en: ['en'], ru: ['ru', 'en'], kk: ['kk', 'ru', 'en'] };

/** The national public holidays on a calendar day for a set of countries, in the reader's language. */
export class PublicHolidays {
  private readonly byYear = new Map<string, Map<string, string[]>>();

  on(day: string, countries: Iterable<string>, language: Language): PublicHoliday[] {
    const year = Number(day.slice(0, 4));
    const found: PublicHoliday[] = [];
    // The EU's own delegates work from Brussels.
    for (const country of new Set([...countries].map((c) => (c === 'EU' ? 'BE' : c)))) {
      for (const name of this.daysOf(country, year, language).get(day) ?? []) found.push({ country, name });
    }
    return found.sort((a, b) => a.country.localeCompare(b.country));
  }

  static isWeekend(day: string): boolean {
    return DateTime.fromISO(day).weekday >= 6;
  }

  private daysOf(country: string, year: number, language: Language): Map<string, string[]> {
    const key = `${country}:${year}:${language}`;
    let days = this.byYear.get(key);
    if (!days) {
      days = new Map();
      for (const holiday of this.calendarOf(country, language)?.getHolidays(year) ?? []) {
        if (holiday.type !== 'public') continue;
        const day = holiday.date.slice(0, 10);
        const names = days.get(day) ?? [];
        if (!names.includes(holiday.name)) names.push(holiday.name);
        days.set(day, names);
      }
      this.byYear.set(key, days);
    }
    return days;
  }

  private calendarOf(country: string, language: Language): Holidays | undefined {
    const ownRules = CENTRAL_ASIA_HOLIDAY_RULES[country as keyof typeof CENTRAL_ASIA_HOLIDAY_RULES];
    if (ownRules) {
      const calendar = new Holidays({ languages: LANGUAGE_CHAIN[language] });
      for (const { rule, name } of ownRules) calendar.setHoliday(rule, { name, type: 'public' });
      return calendar;
    }
    if (!KNOWN_COUNTRIES.has(country)) return undefined;
    return new Holidays(country, { languages: LANGUAGE_CHAIN[language] });
  }
}
