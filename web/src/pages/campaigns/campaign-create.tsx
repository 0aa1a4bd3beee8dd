import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, apiRequest } from '../../api/client';
import type { CreatedCampaign } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { navigate } from '../../ui/router';
import { SpeechPreview } from '../../ui/speech-preview';
import { AudiencePicker, type AudienceChoice } from './audience-picker';

interface Form {
  name: string;
  audience: AudienceChoice;
  tags: string;
  message: string;
  confirmLabel: string;
  declineLabel: string;
  repeatLabel: string;
  trunk: string;
  callerId: string;
  maxChannels: string;
  maxCallsPerSecond: string;
  windowStart: string;
  windowEnd: string;
  drill: boolean;
  emergency: boolean;
}

const EMPTY: Form = {
  name: '',
  audience: { villages: [], grids: [] },
  tags: '',
  message: '',
  confirmLabel: '确认',
  declineLabel: '不能参加',
  repeatLabel: '重听',
  trunk: 'pstn',
  callerId: '',
  maxChannels: '',
  maxCallsPerSecond: '',
  windowStart: '08:00',
  windowEnd: '20:30',
  drill: false,
  emergency: false,
};

const MAX_MESSAGE = 300;

/** The request POST /api/v1/campaigns takes; the API checks every rule and names each bad field. */
function requestOf(form: Form) {
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const tags = form.tags
    .split(/[,，]/)
    .map((t) => t.trim())
    .filter(Boolean);
  return {
    name: form.name,
    audience: {
      ...(form.audience.villages.length > 0 && { villages: form.audience.villages }),
      ...(form.audience.grids.length > 0 && { grids: form.audience.grids }),
      ...(tags.length > 0 && { householdTags: tags }),
    },
    message: { text: form.message },
    menu: {
      options: [
        { digit: '1', action: 'confirm', label: form.confirmLabel },
        { digit: '2', action: 'decline', label: form.declineLabel },
        { digit: '9', action: 'repeat', label: form.repeatLabel },
      ],
    },
    trunk: form.trunk,
    callerId: form.callerId,
    maxChannels: number(form.maxChannels),
    maxCallsPerSecond: number(form.maxCallsPerSecond),
    window: { start: form.windowStart, end: form.windowEnd },
    drill: form.drill,
    priority: form.emergency ? 'emergency' : 'normal',
  };
}

/** The API's field path for each input, so a 400's field errors mark the right one. */
const FIELDS: Partial<Record<keyof Form, RegExp>> = {
  name: /^name/,
  audience: /^audience/,
  message: /^message/,
  confirmLabel: /^menu\.options\[0\]/,
  declineLabel: /^menu\.options\[1\]/,
  repeatLabel: /^menu\.options\[2\]/,
  trunk: /^trunk/,
  callerId: /^callerId/,
  maxChannels: /^maxChannels/,
  maxCallsPerSecond: /^maxCallsPerSecond/,
  windowStart: /^window\.start/,
  windowEnd: /^window\.end/,
};

/** A new campaign: who, what, how fast, when; the planner's estimate (a dry run) before it starts. */
export function CampaignCreatePage() {
  const { t, time } = useI18n();
  const { token } = useSession();
  const [form, setForm] = useState<Form>(EMPTY);
  const [estimate, setEstimate] = useState<CreatedCampaign | null>(null);
  const [problems, setProblems] = useState<{ field: string; reason: string }[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState<'estimating' | 'launching' | null>(null);

  const change = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    // Anything changed makes the estimate stale: the cadre estimates again before calling.
    setEstimate(null);
  };
  const invalid = (key: keyof Form) => problems.some((p) => FIELDS[key]?.test(p.field));

  const submit = async (dryRun: boolean) => {
    setWorking(dryRun ? 'estimating' : 'launching');
    setProblems([]);
    setFailure(null);
    try {
      const created = await apiRequest<CreatedCampaign>(
        token,
        'POST',
        `/api/v1/campaigns${dryRun ? '?dryRun=true' : ''}`,
        requestOf(form),
      );
      if (dryRun) setEstimate(created);
      else if (created.campaign) navigate(`/campaigns/${created.campaign.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) setProblems(error.fields);
      else setFailure((error as Error).message);
    } finally {
      setWorking(null);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(estimate === null);
  };

  const text = (
    key: keyof Form,
    label: string,
    props: { type?: string; required?: boolean; help?: ReactNode } = {},
  ) => (
    <label className="field">
      {label}
      <input
        type={props.type ?? 'text'}
        value={String(form[key])}
        required={props.required}
        aria-invalid={invalid(key)}
        onChange={(e) => change(key, e.target.value as never)}
      />
      {props.help}
    </label>
  );

  return (
    <form className="campaign-form" onSubmit={onSubmit} noValidate aria-labelledby="new-heading">
      <h1 id="new-heading">{t('newCampaign')}</h1>
      {text('name', t('formName'), { required: true })}
      <AudiencePicker
        value={form.audience}
        onChange={(v) => change('audience', v)}
        invalid={invalid('audience')}
      />
      {text('tags', t('formTags'))}
      <label className="field">
        {t('formMessage')}
        <textarea
          value={form.message}
          rows={4}
          required
          aria-invalid={invalid('message')}
          aria-describedby="message-count"
          onChange={(e) => change('message', e.target.value)}
        />
        <span id="message-count" className={form.message.length > MAX_MESSAGE ? 'problem' : 'muted'}>
          {t('formMessageCount', { count: form.message.length })}
        </span>
      </label>
      <SpeechPreview text={form.message} />
      <fieldset>
        <legend>{t('formKeys')}</legend>
        <div className="row">
          {text('confirmLabel', `1 · ${t('formKeyConfirm')}`)}
          {text('declineLabel', `2 · ${t('formKeyDecline')}`)}
          {text('repeatLabel', `9 · ${t('formKeyRepeat')}`)}
        </div>
      </fieldset>
      <div className="row">
        {text('trunk', t('formTrunk'), { required: true })}
        {text('callerId', t('formCallerId'), { required: true, type: 'tel' })}
        {text('maxChannels', t('formMaxChannels'), { type: 'number' })}
        {text('maxCallsPerSecond', t('formMaxCps'), { type: 'number' })}
      </div>
      <div className="row">
        {text('windowStart', t('formWindowStart'), { type: 'time' })}
        {text('windowEnd', t('formWindowEnd'), { type: 'time' })}
      </div>
      <label className="check">
        <input type="checkbox" checked={form.drill} onChange={(e) => change('drill', e.target.checked)} />
        {t('formDrill')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.emergency}
          onChange={(e) => change('emergency', e.target.checked)}
        />
        {t('formEmergency')}
      </label>

      {problems.length > 0 && (
        <div className="problem" role="alert">
          <p>{t('fixFields')}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.field}:${p.reason}`}>
                <code>{p.field}</code>: {p.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure && (
        <p className="problem" role="alert">
          {failure}
        </p>
      )}
      <div role="status" aria-live="polite" data-testid="estimate">
        {estimate ? (
          <p className="estimate">
            {t('estimateResult', {
              targets: estimate.audience.targets,
              numbers: estimate.audience.numbers,
              attempts: estimate.plan.predictedAttempts,
              reached: estimate.plan.predictedReachedHouseholds,
              end: time(estimate.plan.predictedEnd),
              basis: t(estimate.planBasis === 'history' ? 'basisHistory' : 'basisDefaults'),
            })}
          </p>
        ) : (
          <p className="muted">{t('estimateFirst')}</p>
        )}
      </div>
      <div className="actions">
        <button type="button" disabled={working !== null} onClick={() => void submit(true)}>
          {working === 'estimating' ? t('estimating') : t('estimate')}
        </button>
        <button type="submit" className="primary" disabled={working !== null || estimate === null}>
          {working === 'launching' ? t('launching') : t('launch')}
        </button>
      </div>
    </form>
  );
}
