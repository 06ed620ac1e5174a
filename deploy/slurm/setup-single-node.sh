#!/usr/bin/env bash
# Configures and starts a single-node Slurm (controller and compute node on localhost) from Debian's
# slurm-wlm, to try deploy/slurm/submit.sh on one machine. Needs root. Not run by CI or `make test`.
#
#   sudo deploy/slurm/setup-single-node.sh          # install, configure, start
#   sudo deploy/slurm/setup-single-node.sh stop     # stop the daemons it started
#
# Works in a container without systemd: the daemons are started directly (munged, slurmctld, slurmd).
set -euo pipefail
if [ "${1:-}" = "stop" ]; then
  for daemon in slurmd slurmctld munged; do
    if [ -f "/run/krtplan-slurm/$daemon.pid" ]; then kill "$(cat "/run/krtplan-slurm/$daemon.pid")" 2>/dev/null || true; fi
  done
  exit 0
fi
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
host=$(hostname -s)
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/krtplan-slurm /run/munge
chown slurm:slurm /var/spool/slurmctld /var/log/slurm 2>/dev/null || true
cat > /etc/slurm/slurm.conf <<CONF
# Written by krtplan deploy/slurm/setup-single-node.sh: one machine is controller and only node.
ClusterName=krtplan-local
SlurmctldHost=$host
SlurmUser=root
SlurmctldPort=6817
SlurmdPort=6818
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/krtplan-slurm/slurmctld.pid
SlurmdPidFile=/run/krtplan-slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MaxArraySize=100001
MpiDefault=none
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
# No cgroup.conf: Slurm 22.05 has no "disabled" cgroup plugin, and with proctrack/linuxproc and task/none
# slurmd starts without one (containers often have no usable cgroup hierarchy).
if grep -q "krtplan" /etc/slurm/cgroup.conf 2>/dev/null; then rm -f /etc/slurm/cgroup.conf; fi
if [ ! -f /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
fi
chown munge:munge /etc/munge/munge.key /run/munge 2>/dev/null || true
chmod 400 /etc/munge/munge.key
# munged as its own user when possible; as root (--force) in containers where that fails.
pgrep -x munged >/dev/null || { runuser -u munge -- munged 2>/dev/null || munged --force 2>/dev/null; }
pgrep -o -x munged > /run/krtplan-slurm/munged.pid || true
pgrep -x slurmctld >/dev/null || slurmctld
pgrep -x slurmd >/dev/null || slurmd
sleep 3
sinfo
