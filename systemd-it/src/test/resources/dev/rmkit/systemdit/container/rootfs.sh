#!/bin/sh
# The recipe of the systemd-it container's root file system: a minimal Debian bookworm with systemd
# as init, dbus, logind, polkit and the tools the scenarios call (ps, fuser, lsof). Usage:
#   rootfs.sh OUT.tar.zst
# It builds in a fresh directory next to OUT and renames the finished tarball onto OUT, so a build
# that is killed leaves no half cache. The caller holds the cache's lock. The hash of this file is
# the cache key: any change here rebuilds the rootfs.
set -eu
out=$1
mirror=${RMKIT_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  # The first Debian URI of the host's apt sources, so a machine with a local mirror uses it.
  mirror=$(grep -hsE '^(URIs:|deb ) *' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list /etc/apt/sources.list \
    | grep -oE 'https?://[^ ]*/debian/?( |$)' | head -n1 | tr -d ' ')
fi
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
work=$(mktemp -d "$(dirname "$out")/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,libpam-systemd,procps,psmisc,lsof \
  bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
# polkitd in --include fails while the base packages are configured; installed afterwards it works.
# dbus-user-session gives each user's manager a session bus (systemd-run --user), as on a desktop.
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends polkitd dbus-user-session \
  >"$work/apt.log" 2>&1 || { tail -n 30 "$work/apt.log" >&2; exit 1; }
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
# A container boots faster and quieter without these; none of them is part of what the scenarios test.
for unit in systemd-networkd.service systemd-resolved.service systemd-timesyncd.service apt-daily.timer \
    apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer; do
  ln -sf /dev/null "$root/etc/systemd/system/$unit"
done
echo rmkit-it >"$root/etc/hostname"
: >"$root/etc/machine-id"
tar --numeric-owner --xattrs --acls -C "$root" -I 'zstd -T0 -10' -cf "$work/rootfs.tar.zst" .
mv "$work/rootfs.tar.zst" "$out"
