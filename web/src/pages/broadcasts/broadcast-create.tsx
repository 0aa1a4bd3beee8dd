import { useState, type FormEvent } from 'react';
import { ApiError, apiRequest } from '../../api/client';
import type { Area, BroadcastDetail, BroadcastPriority, Speaker, Zone } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { useApiGet } from '../../ui/hooks';
import { navigate } from '../../ui/router';
import { SpeechPreview } from '../../ui/speech-preview';
import { AreaChoice, byLevel } from './area-choice';

type When = 'now' | 'at' | 'recurring';
const DAYS = { daysEveryDay: '*', daysWorkdays: '1-5', daysWeekend: '0,6' } as const;

interface Form {
  title: string;
  text: string;
  villages: string[];
  grids: string[];
  zones: string[];
  speakers: string[];
  when: When;
  at: string;
  time: string;
  days: keyof typeof DAYS;
  until: string;
  skipHolidays: boolean;
  priority: BroadcastPriority;
  drill: boolean;
  repeat: number;
}

/** The schedule the API takes: times typed in Beijing time whatever the browser's zone. */
function scheduleOf(form: Form) {
  if (form.when === 'at') return { at: `${form.at}:00+08:00` };
  if (form.when === 'recurring') {
    const [hour = '8', minute = '0'] = form.time.split(':');
    return {
      cron: `${Number(minute)} ${Number(hour)} * * ${DAYS[form.days]}`,
      endAt: `${form.until}T23:59:00+08:00`,
      skipHolidays: form.skipHolidays,
    };
  }
  return undefined;
}

/** A broadcast to speakers: its words, where, when (now, once, recurring), priority and drill. */
export function BroadcastCreatePage() {
  const { t, tKey } = useI18n();
  const { token } = useSession();
  const areas = useApiGet<Area[]>('/api/v1/areas');
  const zones = useApiGet<Zone[]>('/api/v1/speakers/zones');
  const speakers = useApiGet<Speaker[]>('/api/v1/speakers');
  const [form, setForm] = useState<Form>({
    title: '',
    text: '',
    villages: [],
    grids: [],
    zones: [],
    speakers: [],
    when: 'now',
    at: '',
    time: '08:00',
    days: 'daysEveryDay',
    until: '',
    skipHolidays: true,
    priority: 'normal',
    drill: false,
    repeat: 1,
  });
  const [problems, setProblems] = useState<string[]>([]);
  const [working, setWorking] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });
  const all = areas.kind === 'ready' ? areas.data : [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    try {
      const created = await apiRequest<BroadcastDetail>(token, 'POST', '/api/v1/broadcasts', {
        ...(form.title.trim() && { title: form.title.trim() }),
        content: { text: form.text.trim() },
        priority: form.priority,
        drill: form.drill,
        repeat: form.repeat,
        targets: {
          ...(form.villages.length > 0 && { villages: form.villages }),
          ...(form.grids.length > 0 && { grids: form.grids }),
          ...(form.zones.length > 0 && { zones: form.zones }),
          ...(form.speakers.length > 0 && { speakers: form.speakers }),
        },
        schedule: scheduleOf(form),
      });
      navigate(`/broadcasts/${created.id}`);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields.map((f) => `${f.field}: ${f.reason}`) : [];
      setProblems(fields.length > 0 ? fields : [(error as Error).message]);
    } finally {
      setWorking(false);
    }
  };
  return (
    <form className="campaign-form" onSubmit={(e) => void submit(e)}>
      <h1>{t('newBroadcast')}</h1>
      <label className="field">
        {t('broadcastTitle')}
        <input type="text" maxLength={80} value={form.title} onChange={(e) => set('title', e.target.value)} />
      </label>
      <label className="field">
        {t('broadcastText')}
        <textarea
          rows={4}
          maxLength={2000}
          required
          value={form.text}
          onChange={(e) => set('text', e.target.value)}
        />
      </label>
      {/* A drill is heard with its notice first, as the speakers will play it. */}
      <SpeechPreview
        text={form.text.trim() === '' ? '' : `${form.drill ? '演练：' : ''}${form.text.trim()}`}
      />
      <fieldset>
        <legend>{t('broadcastTargets')}</legend>
        <AreaChoice
          legend={t('targetVillages')}
          areas={byLevel(all, 'VILLAGE')}
          chosen={form.villages}
          onChange={(ids) => set('villages', ids)}
        />
        <AreaChoice
          legend={t('targetGrids')}
          areas={byLevel(all, 'GRID')}
          chosen={form.grids}
          onChange={(ids) => set('grids', ids)}
        />
        <AreaChoice
          legend={t('targetZones')}
          areas={zones.kind === 'ready' ? zones.data : []}
          chosen={form.zones}
          onChange={(ids) => set('zones', ids)}
        />
        <AreaChoice
          legend={t('targetSpeakers')}
          areas={speakers.kind === 'ready' ? speakers.data : []}
          chosen={form.speakers}
          onChange={(ids) => set('speakers', ids)}
        />
      </fieldset>
      <fieldset>
        <legend>{t('broadcastWhen')}</legend>
        <div className="choices">
          {(['now', 'at', 'recurring'] as const).map((when) => (
            <label key={when} className="check">
              <input
                type="radio"
                name="when"
                checked={form.when === when}
                onChange={() => set('when', when)}
              />
              {t(when === 'now' ? 'whenNow' : when === 'at' ? 'whenAt' : 'whenRecurring')}
            </label>
          ))}
        </div>
        {form.when === 'at' && (
          <label className="field">
            {t('atTime')}
            <input
              type="datetime-local"
              required
              value={form.at}
              onChange={(e) => set('at', e.target.value)}
            />
          </label>
        )}
        {form.when === 'recurring' && (
          <div className="row">
            <label className="field">
              {t('recurringTime')}
              <input type="time" required value={form.time} onChange={(e) => set('time', e.target.value)} />
            </label>
            <label className="field">
              {t('recurringDays')}
              <select value={form.days} onChange={(e) => set('days', e.target.value as keyof typeof DAYS)}>
                {(Object.keys(DAYS) as (keyof typeof DAYS)[]).map((key) => (
                  <option key={key} value={key}>
                    {t(key)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              {t('recurringEnd')}
              <input type="date" required value={form.until} onChange={(e) => set('until', e.target.value)} />
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={form.skipHolidays}
                onChange={(e) => set('skipHolidays', e.target.checked)}
              />
              {t('skipHolidays')}
            </label>
          </div>
        )}
      </fieldset>
      <div className="row">
        <label className="field">
          {t('priority')}
          <select
            value={form.priority}
            onChange={(e) => set('priority', e.target.value as BroadcastPriority)}
          >
            {(['normal', 'important', 'emergency'] as const).map((p) => (
              <option key={p} value={p}>
                {tKey('priority_', p)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('repeat')}
          <select value={form.repeat} onChange={(e) => set('repeat', Number(e.target.value))}>
            {[1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={form.drill} onChange={(e) => set('drill', e.target.checked)} />
          {t('drill')}
        </label>
      </div>
      {problems.length > 0 && (
        <ul className="problem" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={working}>
          {working ? t('sending') : t('createBroadcast')}
        </button>
      </div>
    </form>
  );
}
