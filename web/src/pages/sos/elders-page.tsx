import type { Elder } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useApiGet } from '../../ui/hooks';
import { WhenLoaded } from '../../ui/loaded';

/** The elders of the token's area with their contacts in calling order and their love cards. */
export function EldersPage() {
  const { t, tKey, time } = useI18n();
  const elders = useApiGet<{ items: Elder[]; total: number }>('/api/v1/elders?limit=200');
  return (
    <section aria-labelledby="elders-heading">
      <h1 id="elders-heading">{t('elders')}</h1>
      <WhenLoaded loaded={elders}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('noElders')}</p>
          ) : (
            <div className="table-wrap">
              <table className="stack-on-phone">
                <thead>
                  <tr>
                    <th scope="col">{t('colName')}</th>
                    <th scope="col">{t('colAddress')}</th>
                    <th scope="col">{t('colContacts')}</th>
                    <th scope="col">{t('colCards')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((elder) => (
                    <tr key={elder.id}>
                      <th scope="row">
                        {elder.name}
                        {elder.notes && <p className="muted">{elder.notes}</p>}
                      </th>
                      <td data-label={t('colAddress')}>{elder.address}</td>
                      <td data-label={t('colContacts')}>
                        <ol>
                          {elder.contacts.map((c) => (
                            <li key={c.personId}>
                              {c.name} ({tKey('contactRole_', c.role)}){' '}
                              <a href={`tel:${c.phones[0] ?? ''}`}>{c.phones[0]}</a>
                            </li>
                          ))}
                        </ol>
                      </td>
                      <td data-label={t('colCards')}>
                        <ul>
                          {elder.cards.map((card) => (
                            <li key={card.id}>
                              {card.model} · {card.simNumber} ·{' '}
                              {card.lastSeenAt
                                ? t('lastSeen', { time: time(card.lastSeenAt) })
                                : t('neverSeen')}
                              {card.battery !== null && <> · {t('battery', { percent: card.battery })}</>}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </WhenLoaded>
    </section>
  );
}
