import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, zh, type MessageKey } from './messages';

export type Language = 'zh-CN' | 'en';

export interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  /** The message in the chosen language, `{name}` replaced by params.name. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A message key built from API data (a status, a role) when there is one, else the value itself. */
  tKey(prefix: string, value: string): string;
  time(iso: string | null): string;
}

const STORED_LANGUAGE = 'linli.lang';
const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const lang = localStorage.getItem(STORED_LANGUAGE) === 'en' ? 'en' : 'zh-CN';
  document.documentElement.lang = lang;
  return lang;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const value = useMemo<I18n>(() => {
    const table: Record<MessageKey, string> = lang === 'en' ? en : zh;
    const t = (key: MessageKey, params: Record<string, string | number> = {}) =>
      table[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
    const format = new Intl.DateTimeFormat(lang, {
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZone: 'Asia/Shanghai',
    });
    return {
      lang,
      setLang: (next) => {
        localStorage.setItem(STORED_LANGUAGE, next);
        document.documentElement.lang = next;
        setLangState(next);
      },
      t,
      tKey: (prefix, v) => (`${prefix}${v}` in table ? t(`${prefix}${v}` as MessageKey) : v),
      time: (iso) => (iso ? format.format(new Date(iso)) : '—'),
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
