-- The trunk each campaign call went out on (trunk groups: another server's trunk while the campaign's is down).
ALTER TABLE "CampaignAttempt" ADD COLUMN "trunk" TEXT;
