#!/usr/bin/env bash
# A sweep on a real one-node Slurm: brings up munged, slurmctld and slurmd on this host (every file under a temporary
# directory, on ports of their own; nothing in /etc is touched), writes a sweep's Slurm script with
# `rebel sweep --slurm`, submits it (a 3-task job array and its afterok collect job), waits for the collect job, and
# checks that results.csv equals that of the same sweep run unsharded in this process, but for the seconds column.
# The daemons are stopped and the directory removed on exit, whatever happens.
#
#   scripts/ci/slurm-test.sh [REBEL...]   REBEL: how to start rebel (default: dotnet on the Release build of src/Rebel.Cli)
#
# Exit 0 with a line "slurm-test: SKIPPED: <reason>" when this machine cannot run Slurm (not root, slurm-wlm or munge
# not installed, a daemon that does not start — containers often lack what slurmd needs); exit 1 when Slurm ran and
# the sweep's results are wrong or missing. The shard/collect equality itself is also tested without Slurm
# (tests/Rebel.Cli.Tests/Commands/SweepShardTests.cs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

skip() { echo "slurm-test: SKIPPED: $*"; exit 0; }
fail() { echo "slurm-test: FAILED: $*" >&2; exit 1; }

if (($# > 0)); then rebel=("$@"); else rebel=(dotnet "$PWD/src/Rebel.Cli/bin/Release/net10.0/rebel.dll"); fi
[[ $(id -u) == 0 ]] || skip "slurmd must run as root and this script runs as $(id -un)"
for daemon in munged slurmctld slurmd sbatch squeue; do
  command -v "$daemon" >/dev/null || skip "$daemon is not installed (apt-get install slurm-wlm munge)"
done

work=$(mktemp -d /tmp/rebel-slurm.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  set +e
  [[ -n ${SLURM_CONF:-} ]] && scancel --quiet --name=rebel-sweep-sw --name=rebel-sweep-sw-collect 2>/dev/null
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$work"
}
trap cleanup EXIT

# munge: a key and socket of our own; munged refuses to run as root without --force.
dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge.key"
munged --key-file="$work/munge.key" --socket="$work/munge.socket" --pid-file="$work/munged.pid" \
  --log-file="$work/munged.log" --seed-file="$work/munged.seed" --force 2>"$work/munged.err" \
  || skip "munged does not start: $(tail -n 1 "$work/munged.err")"
pids+=("$(cat "$work/munged.pid")")

host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$work/state" "$work/spool"
# proctrack/linuxproc and task/none: no cgroups, which containers rarely delegate.
cat >"$work/slurm.conf" <<EOF
ClusterName=rebelci
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"

slurmctld -f "$SLURM_CONF" 2>"$work/slurmctld.err" || skip "slurmctld does not start: $(tail -n 1 "$work/slurmctld.err")"
for _ in $(seq 50); do [[ -s $work/slurmctld.pid ]] && break; sleep 0.1; done
[[ -s $work/slurmctld.pid ]] && pids+=("$(cat "$work/slurmctld.pid")")
slurmd -f "$SLURM_CONF" 2>"$work/slurmd.err" || skip "slurmd does not start: $(tail -n 1 "$work/slurmd.err")"
for _ in $(seq 50); do [[ -s $work/slurmd.pid ]] && break; sleep 0.1; done
[[ -s $work/slurmd.pid ]] && pids+=("$(cat "$work/slurmd.pid")")

# The node must come up idle; a slurmd that exits at once (cgroups, capabilities) leaves it down.
state=""
for _ in $(seq 60); do
  state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
  [[ $state == idle* ]] && break
  sleep 0.5
done
if [[ $state != idle* ]]; then
  reason=$(grep -h -i -E "error|fatal" "$work/slurmd.log" "$work/slurmctld.log" 2>/dev/null | tail -n 1)
  skip "the node is '${state:-unknown}', not idle, 30 s after slurmd started: ${reason:-no error logged}"
fi

sweep=(sweep --algos rebel,omwu --grid eta=0.1,0.2 --seeds 2 -T 100)
"${rebel[@]}" "${sweep[@]}" --out "$work/whole" >/dev/null 2>&1 || fail "the unsharded sweep failed"
"${rebel[@]}" "${sweep[@]}" --out "$work/sw" --slurm "$work/sw.sbatch" --shards 3 >/dev/null || fail "rebel sweep --slurm failed"
submitted=$(cd "$work" && bash sw.sbatch) || fail "bash sw.sbatch did not submit: $submitted"
echo "slurm-test: $submitted"
collect=$(sed -E 's/.*collect job ([0-9]+).*/\1/' <<<"$submitted")

# Done when no job of ours is left (the collect job ends last); a collect job cancelled for a failed task is an error.
for _ in $(seq 600); do
  [[ -z $(squeue -h -o %i 2>/dev/null) ]] && break
  sleep 0.5
done
[[ -z $(squeue -h -o %i) ]] || fail "jobs still queued after 300 s: $(squeue -h -o '%i %T %r' | tr '\n' ';')"
[[ -f $work/sw/results.csv ]] || fail "no results.csv after the collect job $collect; task logs: $(tail -n 3 "$work"/sw-*.out 2>/dev/null | tr '\n' ' ')"
if ! diff <(sed 's/,[^,]*$//' "$work/whole/results.csv") <(sed 's/,[^,]*$//' "$work/sw/results.csv") >"$work/diff"; then
  fail "results.csv of the Slurm sweep differs from the unsharded one: $(head -n 4 "$work/diff" | tr '\n' ' ')"
fi
ls "$work"/sw-*_0.out "$work"/sw-*_2.out "$work"/sw-collect-"$collect".out >/dev/null 2>&1 \
  || fail "the array's tasks or the collect job left no log beside the script in $work"
echo "slurm-test: passed: 3 array tasks and the afterok collect job on a one-node Slurm ($host, $cpus CPUs) gave the unsharded sweep's results.csv"
