import { may } from '../../web/src/session/permissions';

describe('what the dashboard offers each role (as the API allows it)', () => {
  it('lets cadres and dispatchers create and control campaigns, grid workers only read them', () => {
    expect(may('CADRE', 'manageCampaigns')).toBe(true);
    expect(may('DISPATCHER', 'manageCampaigns')).toBe(true);
    expect(may('GRID_WORKER', 'manageCampaigns')).toBe(false);
    expect(may('GRID_WORKER', 'readCampaigns')).toBe(true);
  });

  it('lets grid workers read broadcasts but not send them, and keeps the weekly report to cadres and dispatchers', () => {
    expect(may('GRID_WORKER', 'readBroadcasts')).toBe(true);
    expect(may('GRID_WORKER', 'manageBroadcasts')).toBe(false);
    expect(may('CADRE', 'manageBroadcasts')).toBe(true);
    expect(may('DISPATCHER', 'caseReports')).toBe(true);
    expect(may('GRID_WORKER', 'caseReports')).toBe(false);
    expect(may('RESIDENT', 'readBroadcasts')).toBe(false);
  });

  it('gives residents, elders and family contacts no pages, and the administrator every page', () => {
    for (const role of ['RESIDENT', 'ELDER', 'FAMILY_CONTACT'] as const) {
      expect([may(role, 'readCampaigns'), may(role, 'sos'), may(role, 'cases')]).toEqual([
        false,
        false,
        false,
      ]);
    }
    expect([may('ADMIN', 'manageCampaigns'), may('ADMIN', 'sos'), may('ADMIN', 'cases')]).toEqual([
      true,
      true,
      true,
    ]);
  });
});
