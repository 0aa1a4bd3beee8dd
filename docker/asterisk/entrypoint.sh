#!/bin/sh
# Installs linli's configuration (mounted at /linli/dialplans) with the AMI secret from the environment.
set -eu
: "${AMI_SECRET:?set AMI_SECRET in .env}"
rm -f /etc/asterisk/extensions.ael /etc/asterisk/extensions.lua /etc/asterisk/users.conf
cp /linli/dialplans/*.conf /etc/asterisk/
sed -i "s/^secret = .*/secret = ${AMI_SECRET}/" /etc/asterisk/manager.conf
mkdir -p /media/linli/recordings && chown -R asterisk:asterisk /media/linli/recordings
exec asterisk -f -U asterisk -G asterisk
