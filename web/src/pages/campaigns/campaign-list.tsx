import type { Campaign } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { may } from '../../session/permissions';
import { useSession } from '../../session/session';
import { useApiGet } from '../../ui/hooks';
import { WhenLoaded } from '../../ui/loaded';
import { Link } from '../../ui/router';

/** The campaigns the token may see, newest first (a grid worker's: those calling their grid). */
export function CampaignListPage() {
  const { t, time } = useI18n();
  const { me } = useSession();
  const campaigns = useApiGet<{ items: Campaign[]; total: number }>('/api/v1/campaigns?limit=100');
  return (
    <section aria-labelledby="campaigns-heading">
      <div className="heading-row">
        <h1 id="campaigns-heading">{t('campaigns')}</h1>
        {may(me.role, 'manageCampaigns') && (
          <Link to="/campaigns/new" className="button primary">
            {t('newCampaign')}
          </Link>
        )}
      </div>
      <WhenLoaded loaded={campaigns}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('noCampaigns')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('colName')}</th>
                    <th scope="col">{t('colStatus')}</th>
                    <th scope="col">{t('colCreated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/campaigns/${c.id}`}>{c.name}</Link>
                      </td>
                      <td>
                        <span className={`tag status-${c.status}`}>{t(`status${c.status}`)}</span>
                      </td>
                      <td>{time(c.createdAt)}</td>
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
